"""The chain: an ordered list of named filter steps with their parameters.

The chain knows the five filter kinds (see :mod:`cleaner.registry`) and
nothing about any particular filter.  It runs a document through each step,
applies the step's decisions through the document's recording methods, times
each step, guards against disasters with a damage budget, and keeps
per-step statistics.

Configs are TOML files (or dicts of the same shape)::

    base = "default"              # start from the default chain ("empty": from nothing)
    # steps = ["repair_encoding", "normalize_whitespace"]   # or list every step, in order
    without = ["detect_language"] # steps to leave out

    [[insert]]                    # add a step (built-in or plugin) before/after another
    step = "my_plugin_filter"
    after = "repair_encoding"

    [params.remove_boilerplate]   # parameters of any step in the chain
    min_words = 3

    [budget]                      # the damage budget
    max_removed_share = 0.5
    policy = "undo"               # keep | undo | drop
    max_seconds = 10              # and the time budget of one document (0: none)
"""

from __future__ import annotations

import copy
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any, Iterable, Literal, Mapping

from . import deadline, settle
from .document import Document, Edit, Result, StepTiming, joined_has_text, joined_length
from .guard import run_step, skip_rest
from .registry import ConfigError, FilterSpec, get_filter
from .runners import RUNNERS
from .stats import ChainStats, StepStats  # noqa: F401 - StepStats re-exported: it was defined here

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

Policy = Literal["keep", "undo", "drop"]
_CONFIG_KEYS = {"base", "steps", "without", "insert", "params", "budget"}


@dataclass(frozen=True)
class Budget:
    """The damage budget and the time budget of one document.

    Damage: when the removals of the chain take away more than ``max_removed_share``
    of a document's words (documents of at least ``min_words`` words), the
    document is flagged ``damage-budget`` and ``policy`` applies: ``keep``
    the removals, ``undo`` them (the document is cleaned again without the
    steps that removed words, until none does) or ``drop`` the document.

    Time: a document may take ``max_seconds`` plus ``seconds_per_mb`` for each
    megabyte of its text (0 turns the limit off).  The step running when that is
    spent is stopped and undone, the steps after it are skipped, and the document
    is flagged ``time-budget``; it still gets a result (see :mod:`cleaner.deadline`).

    >>> Budget().seconds_for(2_500_000)
    15.0
    """

    max_removed_share: float = 0.5
    policy: Policy = "undo"
    min_words: int = 50
    max_seconds: float = 10.0
    seconds_per_mb: float = 2.0

    def seconds_for(self, chars: int) -> float:
        """The time budget of a document of ``chars`` characters (0: none)."""
        if not self.max_seconds:
            return 0.0
        return self.max_seconds + self.seconds_per_mb * chars / 1_000_000

    def __post_init__(self) -> None:
        for key in ("max_seconds", "seconds_per_mb"):
            value = getattr(self, key)
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
                raise ConfigError(f"budget.{key} must be a number of seconds >= 0, got {value!r}")
        if not 0.0 < self.max_removed_share <= 1.0:
            raise ConfigError(f"budget.max_removed_share must be in (0, 1], got {self.max_removed_share!r}")
        if self.policy not in ("keep", "undo", "drop"):
            raise ConfigError(f"budget.policy must be one of 'keep', 'undo', 'drop', got {self.policy!r}")
        if not isinstance(self.min_words, int) or self.min_words < 0:
            raise ConfigError(f"budget.min_words must be a non-negative integer, got {self.min_words!r}")


@dataclass(frozen=True)
class Step:
    """One step of a chain: a registered filter and the parameters it runs with."""

    name: str
    params: Mapping[str, Any]
    spec: FilterSpec

    @classmethod
    def make(cls, name: str, params: Mapping[str, Any] | None = None) -> "Step":
        if not isinstance(name, str):
            raise ConfigError(f"a step name must be a string, got {name!r}")
        spec = get_filter(name)
        if params is not None and not isinstance(params, Mapping):
            raise ConfigError(f"parameters of step {name!r} must be a table, got {params!r}")
        return cls(name, MappingProxyType(spec.check_params(dict(params or {}))), spec)


class Chain:
    """An ordered list of steps; immutable (methods that change it return a new chain).

    >>> chain = Chain.default().without("detect_language")
    >>> chain.run_text("Hello\\u00a0world.").text
    'Hello world.'
    """

    def __init__(self, steps: Iterable[Step | str | tuple[str, Mapping[str, Any]]] = (), budget: Budget | None = None):
        built: list[Step] = []
        for item in steps:
            if isinstance(item, Step):
                built.append(item)
            elif isinstance(item, str):
                built.append(Step.make(item))
            elif isinstance(item, tuple) and len(item) == 2:
                built.append(Step.make(item[0], item[1]))
            else:
                raise ConfigError(f"cannot make a step of {item!r}")
        names = [s.name for s in built]
        dupes = sorted({n for n in names if names.count(n) > 1})
        if dupes:
            raise ConfigError(f"steps appear more than once in the chain: {', '.join(dupes)}")
        self.steps: tuple[Step, ...] = tuple(built)
        self.budget = budget or Budget()
        self.stats = ChainStats()

    # -- building ----------------------------------------------------------
    @classmethod
    def default(cls) -> "Chain":
        """The chain :func:`cleaner.clean_article` uses when given no config (``cleaner/default.toml``)."""
        return cls.from_config(_default_config(), _base=None)

    @classmethod
    def from_config(cls, config: str | Path | Mapping[str, Any], *, _base: str | None = "default") -> "Chain":
        """Build a chain from a TOML file path or a dict of the same shape (see the module docs)."""
        if isinstance(config, (str, Path)):
            path = Path(config)
            try:
                data = tomllib.loads(path.read_text(encoding="utf-8"))
            except OSError as exc:
                raise ConfigError(f"cannot read config {path}: {exc}") from exc
            except tomllib.TOMLDecodeError as exc:
                raise ConfigError(f"config {path} is not valid TOML: {exc}") from exc
        elif isinstance(config, Mapping):
            data = dict(config)
        else:
            raise ConfigError(f"config must be a path or a mapping, got {type(config).__name__}")
        unknown = sorted(set(data) - _CONFIG_KEYS)
        if unknown:
            raise ConfigError(f"unknown config key(s) {', '.join(unknown)}; valid keys: {', '.join(sorted(_CONFIG_KEYS))}")

        base_name = data.get("base", _base)
        if "steps" in data:
            steps = _string_list(data["steps"], "steps")
            base_params: dict[str, Any] = {}
            base_budget: dict[str, Any] = {}
        elif base_name == "default":
            base = _default_config()
            steps = list(base["steps"])
            base_params = copy.deepcopy(base.get("params", {}))
            base_budget = dict(base.get("budget", {}))
        elif base_name in ("empty", None):
            steps, base_params, base_budget = [], {}, {}
        else:
            raise ConfigError(f"base must be 'default' or 'empty', got {base_name!r}")

        without = _string_list(data.get("without", []), "without")
        missing = [n for n in without if n not in steps]
        if missing:
            raise ConfigError(f"without: {', '.join(missing)} not in the chain; steps are: {', '.join(steps)}")
        steps = [s for s in steps if s not in without]

        inserts = data.get("insert", [])
        if not isinstance(inserts, list):
            raise ConfigError("insert must be an array of tables ([[insert]])")
        params = {k: dict(v) for k, v in base_params.items()}
        for ins in inserts:
            if not isinstance(ins, Mapping) or "step" not in ins:
                raise ConfigError(f"each [[insert]] needs a 'step' name, got {ins!r}")
            extra = set(ins) - {"step", "before", "after", "params"}
            if extra or ("before" in ins) == ("after" in ins):
                raise ConfigError(f"[[insert]] {ins.get('step')!r}: give exactly one of 'before' or 'after' (and optionally 'params')")
            anchor = ins.get("before", ins.get("after"))
            if anchor not in steps:
                raise ConfigError(f"[[insert]] {ins['step']!r}: no step {anchor!r} in the chain; steps are: {', '.join(steps)}")
            pos = steps.index(anchor) + (1 if "after" in ins else 0)
            steps.insert(pos, ins["step"])
            if "params" in ins:
                params[ins["step"]] = dict(ins["params"])

        given_params = data.get("params", {})
        if not isinstance(given_params, Mapping):
            raise ConfigError("params must be a table of step name -> parameters")
        for name, p in given_params.items():
            if name not in steps:
                raise ConfigError(f"params given for {name!r}, which is not in the chain; steps are: {', '.join(steps)}")
            if not isinstance(p, Mapping):
                raise ConfigError(f"params.{name} must be a table, got {p!r}")
            params.setdefault(name, {}).update(p)

        budget_data = {**base_budget, **dict(data.get("budget", {}))}
        valid_budget = set(Budget.__dataclass_fields__)
        bad = sorted(set(budget_data) - valid_budget)
        if bad:
            raise ConfigError(f"unknown budget key(s) {', '.join(bad)}; valid: {', '.join(sorted(valid_budget))}")
        return cls([Step.make(n, params.get(n)) for n in steps], Budget(**budget_data))

    def to_config(self) -> dict[str, Any]:
        """A config dict that rebuilds this chain exactly (``Chain.from_config(c.to_config())``)."""
        return {
            "steps": [s.name for s in self.steps],
            "params": {s.name: dict(s.params) for s in self.steps if s.params},
            "budget": dict(self.budget.__dict__),
        }

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickle by configuration, so a chain travels to worker processes and Dask workers.
        return (Chain.from_config, (self.to_config(),))

    def __repr__(self) -> str:
        return f"Chain([{', '.join(s.name for s in self.steps)}])"

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.steps]

    def _index(self, name: str) -> int:
        if name not in self.names:
            raise ConfigError(f"no step {name!r} in the chain; steps are: {', '.join(self.names)}")
        return self.names.index(name)

    def without(self, *names: str) -> "Chain":
        """A copy of the chain without the named steps."""
        for n in names:
            self._index(n)
        return Chain([s for s in self.steps if s.name not in names], self.budget)

    def insert_before(self, anchor: str, name: str, **params: Any) -> "Chain":
        """A copy with step ``name`` (run with ``params``) inserted before ``anchor``."""
        i = self._index(anchor)
        return Chain([*self.steps[:i], Step.make(name, params), *self.steps[i:]], self.budget)

    def insert_after(self, anchor: str, name: str, **params: Any) -> "Chain":
        """A copy with step ``name`` (run with ``params``) inserted after ``anchor``."""
        i = self._index(anchor) + 1
        return Chain([*self.steps[:i], Step.make(name, params), *self.steps[i:]], self.budget)

    def append(self, name: str, **params: Any) -> "Chain":
        """A copy with step ``name`` added at the end."""
        return Chain([*self.steps, Step.make(name, params)], self.budget)

    def with_params(self, name: str, **params: Any) -> "Chain":
        """A copy where step ``name`` runs with ``params`` (merged over its current ones)."""
        i = self._index(name)
        step = Step.make(name, {**self.steps[i].params, **params})
        return Chain([*self.steps[:i], step, *self.steps[i + 1 :]], self.budget)

    def with_budget(self, **values: Any) -> "Chain":
        """A copy with the budget changed (``max_removed_share``, ``policy``, ``min_words``, ``max_seconds``, ``seconds_per_mb``)."""
        return Chain(self.steps, Budget(**{**self.budget.__dict__, **values}))

    # -- running -------------------------------------------------------------
    def run_text(self, text: str, meta: Mapping[str, Any] | None = None) -> Result:
        """Clean already-decoded plain text (no HTML detection); see :func:`cleaner.clean_article`."""
        return self.run(Document(text, dict(meta or {})))

    def run(self, doc: Document) -> Result:
        """Run every step on ``doc`` (changing it) and return the :class:`Result`."""
        # What the budget's undo starts again from: the paragraphs, not their joined text (a copy).
        original = (tuple(doc.paragraphs), dict(doc.meta), list(doc.edits), doc.separator)
        words_before = doc.word_count()
        with deadline.limit(self.budget.seconds_for(joined_length(doc.paragraphs, doc.separator))):
            timings = self._run_steps(doc, self.steps)
            if not doc.dropped and "time-budget" not in doc.flags:
                doc, timings = self._apply_budget(doc, words_before, timings, original)
            if self.budget.policy != "undo" or "damage-budget" not in doc.flags:  # undo cleaned without some steps
                timings = self._settle(doc, timings, original[1])
        doc.cache.clear()  # the memos (feature rows of every line) are not part of the result
        if not doc.dropped and not doc.paragraphs and joined_has_text(*original[::3]):
            doc.step = "chain"
            doc.drop("no text left after cleaning")
        result = Result.from_document(doc, timings)
        self.stats.add(result)
        return result

    def _run_steps(self, doc: Document, steps: Iterable[Step]) -> list[StepTiming]:
        timings = []
        steps = list(steps)
        for n, step in enumerate(steps):
            if doc.dropped:
                break
            doc.step = step.name
            n_edits, n_chars = len(doc.edits), sum(map(len, doc.paragraphs))
            start = time.perf_counter()
            if not run_step(step, doc, RUNNERS[step.spec.kind]):
                skip_rest(doc, step, steps[n + 1 :])
                break
            elapsed = time.perf_counter() - start
            removed_paras = sum(1 for e in doc.edits[n_edits:] if e.action == "removed")
            timings.append(
                StepTiming(
                    step.name,
                    elapsed,
                    len(doc.edits) - n_edits,
                    removed_paras,
                    max(0, n_chars - sum(map(len, doc.paragraphs))),
                )
            )
        doc.step = "chain"
        return timings

    def _settle(self, doc: Document, timings: list[StepTiming], meta: dict[str, Any]) -> list[StepTiming]:
        """Clean ``doc`` again while a later step changed what a document-level step judged (:mod:`cleaner.settle`)."""
        first = settle.first_document_step(self.steps)
        edits = doc.edits
        for round_no in range(1, settle.ROUNDS + 1):
            if first is None or doc.dropped or "time-budget" in doc.flags or not settle.unsettled(edits, self.steps):
                break
            fresh = settle.again(doc, meta)
            timings = settle.add_timings(timings, self._run_steps(fresh, self.steps[first:]))
            if "time-budget" in fresh.flags or (fresh.same_text(doc) and not fresh.dropped):
                break
            settle.adopt(doc, fresh, round_no)
            edits = fresh.edits
        return timings

    def _apply_budget(
        self, doc: Document, words_before: int, timings: list[StepTiming], original: tuple
    ) -> tuple[Document, list[StepTiming]]:
        """Enforce the damage budget; returns the document (cleaned again under ``undo``) and its timings."""
        if words_before < self.budget.min_words:
            return doc, timings
        removed = _total_words_removed(doc.edits)
        share = removed / words_before
        if share <= self.budget.max_removed_share:
            return doc, timings
        reason = (
            f"the chain removed {removed} of {words_before} words ({share:.0%}), "
            f"more than the budget of {self.budget.max_removed_share:.0%}; policy: {self.budget.policy}"
        )
        doc.step = "damage_budget"
        if self.budget.policy != "undo":
            doc.flag("damage-budget", reason)
            if self.budget.policy == "drop":
                doc.drop(reason)
            return doc, timings
        # Clean again without every step that removed words.  A step that removed nothing the
        # first time may remove words now (it sees other text), so repeat until no step does:
        # the result keeps every word, and cleaning it again lands here again, unchanged.
        removing = {e.filter for e in doc.edits if _words_removed(e) > 0}
        paragraphs, meta, edits, separator = original
        while True:
            fresh = Document.from_paragraphs(paragraphs, dict(meta), separator)
            fresh.edits = list(edits)
            fresh.cache = doc.cache  # memos keyed by paragraph text still hold
            fresh.step = "damage_budget"
            fresh.flag("damage-budget", reason + f"; cleaned again without {', '.join(sorted(removing))}")
            timings = self._run_steps(fresh, [s for s in self.steps if s.name not in removing])
            more = {e.filter for e in fresh.edits if _words_removed(e) > 0}
            if not more or fresh.dropped or "time-budget" in fresh.flags:
                return fresh, timings
            removing |= more


def _words_removed(edit: Edit) -> int:
    """Words an edit took out of a paragraph (whole-text rewrites such as encoding repair do not count)."""
    if edit.action == "removed" or (edit.action == "replaced" and edit.paragraph is not None):
        return max(0, len(edit.before.split()) - len(edit.after.split()))
    return 0


def _total_words_removed(edits: list[Edit]) -> int:
    """:func:`_words_removed` summed over ``edits``; whole-paragraph removals (most edits of a long document) are counted in C."""
    whole = [e.before for e in edits if e.action == "removed" and not e.after]
    return sum(map(len, map(str.split, whole))) + sum(_words_removed(e) for e in edits if e.action != "removed" or e.after)


def _string_list(value: Any, key: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{key} must be a list of step names, got {value!r}")
    return list(value)


_DEFAULT: dict[str, Any] | None = None


def _default_config() -> dict[str, Any]:
    global _DEFAULT
    if _DEFAULT is None:
        from importlib import resources  # here, not at the top: keeps ``import cleaner`` fast

        _DEFAULT = tomllib.loads(resources.files("cleaner").joinpath("default.toml").read_text(encoding="utf-8"))
    return copy.deepcopy(_DEFAULT)
