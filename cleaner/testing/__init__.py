"""Helpers for testing filters and chains, for plugin authors and for cleaner itself.

A plugin author's test is a line or two::

    from cleaner.testing import assert_cleans, assert_unchanged, check_golden_folder

    def test_shout():
        assert_cleans("shout", "hello.", "HELLO.")          # a filter by name (or the function)
        assert_unchanged("shout", "ALREADY LOUD.")

    def test_golden():
        check_golden_folder("tests/golden", config="my.toml")

The same helpers are pytest fixtures when cleaner is installed (see
:mod:`cleaner.testing.pytest_plugin`); ``pytest --update-golden`` rewrites the
expected files from the current output instead of comparing.
"""

from __future__ import annotations

import difflib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Mapping

from ..api import clean_article, resolve_chain
from ..chain import Budget, Chain, Step
from ..document import Result

FilterLike = str | Callable[..., Any] | Chain
INPUT_SUFFIXES = (".txt", ".html", ".htm")

#: Set by ``pytest --update-golden`` (or the CLEANER_UPDATE_GOLDEN=1 environment variable).
UPDATE_GOLDEN = os.environ.get("CLEANER_UPDATE_GOLDEN") == "1"


def chain_for(filter: FilterLike, **params: Any) -> Chain:
    """A chain of just ``filter`` (a step name or a registered function) with ``params``.

    A :class:`Chain` is returned as it is.  The damage budget is off, so a
    single filter is judged on its own.
    """
    if isinstance(filter, Chain):
        if params:
            raise TypeError("parameters cannot be given together with a whole chain")
        return filter
    spec = getattr(filter, "__cleaner_filter__", None)
    name = spec.name if spec is not None else filter
    if not isinstance(name, str):
        raise TypeError(f"{filter!r} is not a registered filter; decorate it with @paragraph_filter or similar")
    return Chain([Step.make(name, params)], Budget(max_removed_share=1.0, policy="keep"))


def run_filter(filter: FilterLike, text: str, *, meta: Mapping[str, Any] | None = None, **params: Any) -> Result:
    """Run ``filter`` (or a chain) alone on plain ``text`` and return the result."""
    return chain_for(filter, **params).run_text(text, meta)


def assert_cleans(
    filter: FilterLike, dirty: str, expected: str, *, meta: Mapping[str, Any] | None = None, **params: Any
) -> Result:
    """Assert that ``filter`` turns ``dirty`` into exactly ``expected`` (compared paragraph by paragraph)."""
    result = run_filter(filter, dirty, meta=meta, **params)
    got, want = _paragraphs(result.text), _paragraphs(expected)
    if got != want:
        raise AssertionError(_explain("output differs from the expected text", want, got, result))
    return result


def assert_unchanged(filter: FilterLike, text: str, *, meta: Mapping[str, Any] | None = None, **params: Any) -> Result:
    """Assert that ``filter`` leaves ``text`` alone: no removal, no rewrite, document kept."""
    result = run_filter(filter, text, meta=meta, **params)
    changes = [e for e in result.edits if e.action in ("removed", "replaced", "dropped-document", "error")]
    if changes or _paragraphs(result.text) != _paragraphs(text):
        raise AssertionError(_explain("clean text was changed", _paragraphs(text), _paragraphs(result.text), result))
    return result


def assert_removes(filter: FilterLike, text: str, *removed: str, **params: Any) -> Result:
    """Assert that ``filter`` removes exactly the paragraphs ``removed`` from ``text`` and keeps the rest."""
    expected = [p for p in _paragraphs(text) if p not in removed]
    missing = [r for r in removed if r not in _paragraphs(text)]
    if missing:
        raise AssertionError(f"not paragraphs of the input: {missing!r}")
    return assert_cleans(filter, text, "\n".join(expected), **params)


@dataclass(frozen=True)
class GoldenCase:
    """One golden pair: ``input/<name>.<ext>`` and ``expected/<name>.txt`` (plus optional ``<name>.json``)."""

    name: str
    input: Path
    expected: Path

    @property
    def expected_meta(self) -> Path:
        return self.expected.with_suffix(".json")


def golden_cases(folder: str | Path) -> list[GoldenCase]:
    """The golden pairs of ``folder`` (which holds ``input/`` and ``expected/``), sorted by name."""
    folder = Path(folder)
    cases = [
        GoldenCase(p.stem, p, folder / "expected" / f"{p.stem}.txt")
        for p in sorted((folder / "input").iterdir())
        if p.suffix in INPUT_SUFFIXES
    ]
    if not cases:
        raise AssertionError(f"no golden inputs in {folder / 'input'}")
    return cases


def check_golden(case: GoldenCase, config: Chain | str | Path | Mapping[str, Any] | None = None) -> Result:
    """Clean ``case.input`` end to end and compare text (and the meta fields in the .json, if any)."""
    result = clean_article(case.input.read_bytes(), config=resolve_chain(config))
    meta_fields = {"title": result.title, "language": result.language, "dropped": result.dropped}
    if UPDATE_GOLDEN:
        case.expected.parent.mkdir(parents=True, exist_ok=True)
        case.expected.write_text(result.text + "\n", encoding="utf-8")
        case.expected_meta.write_text(json.dumps(meta_fields, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        return result
    if not case.expected.exists():
        raise AssertionError(f"{case.name}: no expected file {case.expected} (run pytest --update-golden to write it)")
    want = _paragraphs(case.expected.read_text(encoding="utf-8"))
    got = _paragraphs(result.text)
    if got != want:
        raise AssertionError(_explain(f"golden case {case.name!r} differs", want, got, result))
    if case.expected_meta.exists():
        expected_meta = json.loads(case.expected_meta.read_text(encoding="utf-8"))
        wrong = {k: (v, meta_fields.get(k)) for k, v in expected_meta.items() if meta_fields.get(k) != v}
        if wrong:
            raise AssertionError(f"golden case {case.name!r}: metadata (expected, got): {wrong}")
    return result


def check_golden_folder(folder: str | Path, config: Chain | str | Path | Mapping[str, Any] | None = None) -> list[Result]:
    """Check every golden pair of ``folder``; one AssertionError lists every case that failed."""
    failures, results = [], []
    for case in golden_cases(folder):
        try:
            results.append(check_golden(case, config))
        except AssertionError as exc:
            failures.append(str(exc))
    if failures:
        raise AssertionError("\n\n".join(failures))
    return results


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _explain(title: str, want: list[str], got: list[str], result: Result) -> str:
    diff = "\n".join(difflib.unified_diff(want, got, "expected", "got", lineterm="", n=1))
    edits = "\n".join(
        f"  [{e.filter}] {e.action} p{e.paragraph}: {e.before[:80]!r} -> {e.after[:80]!r} ({e.reason})"
        for e in result.edits
    )
    return f"{title}\n{diff}\nedits:\n{edits or '  (none)'}"


__all__ = [
    "GoldenCase",
    "assert_cleans",
    "assert_removes",
    "assert_unchanged",
    "chain_for",
    "check_golden",
    "check_golden_folder",
    "golden_cases",
    "run_filter",
]
