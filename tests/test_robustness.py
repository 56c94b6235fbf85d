"""Robustness through the public API: the hostile corpus, the time budget, failing steps, patterns.

Wall-clock bounds here are generous on purpose (the machine may be shared): they
catch a hang, not a slowdown.  Speed is measured in ``benchmarks/``.
"""

from __future__ import annotations

import ast
import importlib
import json
import re
import time
from pathlib import Path
from typing import Any

import pytest

from cleaner import Chain, ConfigError, clean_article, document_filter, paragraph_filter
from cleaner.patterns import TIMEOUT, TimedPattern, remember_timeouts

try:  # the parser of the stdlib ``re``
    from re import _constants as _c, _parser
except ImportError:  # Python 3.10
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _parser  # type: ignore[no-redef]

from hostile.corpus import BACKTRACK, CLASSICS, REAL, article, five_mb_line, million_lines
from hostile.plugins import warm_up  # noqa: F401  (registers _spin_on_marker; loads the models first)

ROOT = Path(__file__).resolve().parents[1]
#: A hang is anything slower than this (the budget of the chains below is far less).
HANG = 60.0


def fast_chain(seconds: float = 2.0) -> Chain:
    return Chain.default().with_budget(max_seconds=seconds, seconds_per_mb=0)


# ---------------------------------------------------------------------------
# The hostile corpus
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("case", CLASSICS, ids=[c.name for c in CLASSICS])
def test_hostile_input_gives_a_result_never_an_exception(case):
    start = time.perf_counter()
    result = clean_article(case.raw, config=fast_chain(5.0))
    assert time.perf_counter() - start < HANG
    if case.dropped is not None:
        assert result.dropped and case.dropped in result.drop_reason and result.text == ""
        return
    assert not result.dropped, result.drop_reason
    for text in case.kept:
        assert text in result.text, (case.name, text)
    for text in case.absent:
        assert text not in result.text, (case.name, repr(text))
    result.text.encode("utf-8")  # always writable
    json.dumps(result.to_dict())


@pytest.mark.parametrize("name", sorted(BACKTRACK))
def test_a_backtracking_line_keeps_the_article(name):
    start = time.perf_counter()
    result = clean_article(article(BACKTRACK[name]), config=fast_chain())
    assert time.perf_counter() - start < HANG
    assert all(p in result.text for p in REAL), name


@pytest.mark.parametrize("name", sorted(BACKTRACK))
def test_a_backtracking_line_is_cheap(name):
    result = clean_article(article(BACKTRACK[name]), config=fast_chain())
    assert "time-budget" not in result.flags, [e.reason for e in result.edits if e.action == "flagged"]


def test_a_5_mb_line_and_a_million_lines_come_back_whole_within_the_budget():
    for text in (five_mb_line(), million_lines()):
        start = time.perf_counter()
        result = clean_article(text, config=fast_chain(3.0))
        assert time.perf_counter() - start < HANG
        assert not result.dropped and len(result.text) > 0.9 * len(text.strip())


@pytest.mark.xfail(strict=False, reason="boilerplate rebuild (issue 9)")
def test_a_million_one_word_lines_are_cleaned_by_every_step_in_10_seconds():
    result = clean_article(million_lines(), config=fast_chain(10.0))
    assert "time-budget" not in result.flags


# ---------------------------------------------------------------------------
# The time budget
# ---------------------------------------------------------------------------
def test_a_stuck_step_is_stopped_undone_and_the_document_still_gets_a_result():
    chain = Chain.default().insert_after("normalize_whitespace", "_spin_on_marker").with_budget(max_seconds=1)
    start = time.perf_counter()
    result = clean_article(article("SPIN  with\u00a0spaces"), config=chain)
    assert time.perf_counter() - start < HANG
    assert not result.dropped and "time-budget" in result.flags
    assert all(p in result.text for p in REAL) and "SPIN with spaces" in result.text  # steps before it kept
    flag = next(e for e in result.edits if e.action == "flagged" and e.after == "time-budget")
    assert flag.filter == "_spin_on_marker" and "skipped: " in flag.reason and "remove_boilerplate" in flag.reason


def test_the_budget_is_stopped_in_threads_too():
    from concurrent.futures import ThreadPoolExecutor

    chain = Chain.default().insert_after("normalize_whitespace", "_spin_on_marker").with_budget(max_seconds=3)  # headroom for the calm document on a loaded machine
    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(lambda t: clean_article(t, config=chain), [article("SPIN"), article("calm")]))
    assert "time-budget" in results[0].flags and "time-budget" not in results[1].flags


@paragraph_filter()
def _spin_and_swallow_once(paragraph, ctx):
    """Loops on a paragraph saying SWALLOW and swallows the first interruption, as Python
    does when the timer's exception lands in a garbage-collector callback or a ``__del__``."""
    swallowed, give_up = False, time.perf_counter() + HANG  # fails the test, never hangs it
    while "SWALLOW" in paragraph and time.perf_counter() < give_up:
        try:
            while time.perf_counter() < give_up:
                pass
        except BaseException:  # noqa: BLE001 - the point of the test
            if swallowed:
                raise
            swallowed = True
    return paragraph


@pytest.mark.parametrize("threaded", [False, True], ids=["main-thread", "thread"])
def test_a_swallowed_interruption_does_not_let_the_step_run_on(threaded):
    from concurrent.futures import ThreadPoolExecutor

    chain = Chain.default().insert_after("normalize_whitespace", "_spin_and_swallow_once").with_budget(max_seconds=1)
    start = time.perf_counter()
    if threaded:
        with ThreadPoolExecutor(1) as pool:
            result = pool.submit(clean_article, article("SWALLOW"), config=chain).result()
    else:
        result = clean_article(article("SWALLOW"), config=chain)
    assert time.perf_counter() - start < HANG
    assert "time-budget" in result.flags and all(p in result.text for p in REAL)


def test_the_budget_is_configurable_and_checked():
    chain = Chain.from_config({"budget": {"max_seconds": 3, "seconds_per_mb": 1}})
    assert chain.budget.seconds_for(2_000_000) == 5
    assert Chain.from_config(chain.to_config()).budget == chain.budget
    assert Chain.default().budget.max_seconds > 0
    with pytest.raises(ConfigError, match="max_seconds"):
        Chain.from_config({"budget": {"max_seconds": -1}})
    with pytest.raises(ConfigError, match="max_seconds"):
        Chain.from_config({"budget": {"max_seconds": "10"}})


# ---------------------------------------------------------------------------
# Steps that fail in every way
# ---------------------------------------------------------------------------
@document_filter()
def _exit_on_marker(doc):
    """Raises SystemExit on a document saying EXIT."""
    if "EXIT" in doc.text:
        raise SystemExit(3)


@document_filter()
def _corrupt_on_marker(doc):
    """Breaks the document model on a document saying CORRUPT."""
    if "CORRUPT" in doc.text:
        doc.paragraphs = "not a list"


@pytest.mark.parametrize("step, marker, error", [("_exit_on_marker", "EXIT", "SystemExit"), ("_corrupt_on_marker", "CORRUPT", "TypeError")])
def test_a_failing_step_is_recorded_by_name_and_the_document_kept(step, marker, error):
    chain = Chain.default().insert_after("normalize_whitespace", step)
    result = clean_article(article(f"{marker}  here"), config=chain)
    assert not result.dropped and all(p in result.text for p in REAL) and f"{marker} here" in result.text
    failure = next(e for e in result.edits if e.action == "error")
    assert failure.filter == step and failure.reason.startswith(error)
    assert "step-error" in result.flags


def test_an_error_names_the_module_and_distribution_of_the_code():
    chain = Chain.default().insert_after("normalize_whitespace", "_exit_on_marker")
    failure = next(e for e in clean_article("EXIT now.", config=chain).edits if e.action == "error")
    assert "in tests.test_robustness" in failure.reason or "in test_robustness" in failure.reason


def test_keyboard_interrupt_is_not_swallowed():
    @document_filter(name="_interrupt")
    def interrupt(doc):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        clean_article("Text.", config=Chain.default().insert_after("normalize_whitespace", "_interrupt"))


# ---------------------------------------------------------------------------
# The API's own promises
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("raw", [Path("page.html"), None, 42, ["a"], {"text": "a"}])
def test_a_wrong_type_is_a_type_error_naming_what_is_accepted(raw):
    with pytest.raises(TypeError, match="str or bytes"):
        clean_article(raw)  # type: ignore[arg-type]


def test_a_path_gets_a_hint():
    with pytest.raises(TypeError, match="read_bytes"):
        clean_article(Path("page.html"))  # type: ignore[arg-type]


def test_nothing_left_after_cleaning_is_dropped_with_a_reason():
    result = clean_article("Share on Facebook")
    assert result.text == "" and result.dropped and "no text left" in result.drop_reason


# ---------------------------------------------------------------------------
# Patterns
# ---------------------------------------------------------------------------
def test_a_timed_pattern_times_out_and_a_remembered_timeout_is_not_repeated():
    slow = TimedPattern(__import__("regex").compile(r"(?:a|aa)+$"))
    with pytest.raises(TimeoutError):
        slow.match("a" * 60 + "b", timeout=0.05)
    calls = []

    @remember_timeouts()
    def analyse(text):
        calls.append(text)
        return slow.match(text, timeout=0.05)

    for _ in range(5):
        with pytest.raises(TimeoutError, match="remembered|timed out"):
            analyse("a" * 60 + "b")
    assert len(calls) == 1


_METHODS = {"match", "fullmatch", "search", "findall", "finditer", "sub", "subn", "split"}
#: The comment that exempts a module-level ``re.compile`` from the timeout rule; the pattern must pass :func:`proven_linear`.
LINEAR_MARKER = "# linear:"
#: The largest bounded repeat ``{m,n}`` a linear pattern may have (its cost at each place is at most this).
_BOUNDED_REPEAT = 100
_REPEATS = {_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", _c.MAX_REPEAT)}


def _compiled_names(tree: ast.Module, lines: list[str]) -> tuple[set[str], set[str]]:
    """Names of module-level ``re``/``regex`` compiled patterns: (to be timed, marked linear)."""
    timed, linear = set(), set()
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Assign) and isinstance(node.value, ast.Call)):
            continue
        func = node.value.func
        if not (isinstance(func, ast.Attribute) and func.attr == "compile" and isinstance(func.value, ast.Name) and func.value.id in ("re", "regex")):
            continue
        marked = func.value.id == "re" and any(LINEAR_MARKER in line for line in lines[node.lineno - 1 : node.end_lineno])
        (linear if marked else timed).update(t.id for t in node.targets if isinstance(t, ast.Name))
    return timed, linear


def untimed_calls(path: Path) -> list[str]:
    """Calls without ``timeout=`` of a module-level ``re``/``regex`` compiled pattern (not marked linear) or of ``re``/``regex`` itself."""
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    compiled = _compiled_names(tree, source.splitlines())[0] | {"re", "regex"}
    return [
        f"{path.name}:{node.lineno} {node.func.value.id}.{node.func.attr}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _METHODS
        and isinstance(node.func.value, ast.Name) and node.func.value.id in compiled
        and not any(k.arg == "timeout" for k in node.keywords)
    ]


def proven_linear(items: Any, at_end: bool = True) -> bool:
    """Whether an ``re`` parse tree matches in time linear in the input, by construction.

    Allowed: single characters and classes, anchors, alternatives, groups, lookarounds of
    these, repeats of one character or class that are bounded (``{1,24}``) or end the
    pattern (``\\w+`` at the end: it can only succeed once it starts).  So each place of the
    input costs a bounded amount of work, and a trailing run is read once.
    """
    single = {_c.LITERAL, _c.NOT_LITERAL, _c.IN, _c.ANY, _c.CATEGORY}
    items = list(items)
    for i, (op, av) in enumerate(items):
        last = at_end and i == len(items) - 1
        if op in single or op == _c.AT:
            continue
        if op in _REPEATS:
            _, high, body = av
            one_char = len(body) == 1 and body[0][0] in single
            if not one_char or (high == _c.MAXREPEAT and not last) or (high != _c.MAXREPEAT and high > _BOUNDED_REPEAT):
                return False
        elif op == _c.BRANCH:
            if not all(proven_linear(branch, last) for branch in av[1]):
                return False
        elif op == _c.SUBPATTERN:
            if not proven_linear(av[3], last):
                return False
        elif op in (_c.ASSERT, _c.ASSERT_NOT):
            if not proven_linear(av[1], False):
                return False
        else:
            return False
    return True


@pytest.mark.parametrize(
    "pattern, linear",
    [(r"[a-z]", True), (r"\s+|\w+|[^\w\s]", True), (r"&#?[0-9A-Za-z]{1,24};", True), (r"[ab](?<=a)(?!b)", True),
     (r"\w+x", False), (r"(?:a|aa)+$", False), (r"(\w+)+", False), (r"a{1,1000}b", False), (r"(a)\1", False)],
)
def test_the_linear_proof_accepts_only_linear_shapes(pattern, linear):
    assert proven_linear(_parser.parse(pattern)) is linear


def test_patterns_marked_linear_are_stdlib_re_and_proven_linear():
    marked = []
    for path in sorted((ROOT / "cleaner").rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        for name in sorted(_compiled_names(ast.parse(source), source.splitlines())[1]):
            pattern = getattr(importlib.import_module(".".join(path.relative_to(ROOT).with_suffix("").parts)), name)
            assert isinstance(pattern, re.Pattern), name
            assert proven_linear(_parser.parse(pattern.pattern, pattern.flags)), f"{path.name}: {name} is marked linear but is not proven so"
            marked.append(name)
    assert marked  # the exemption is used, so this test checks something


@pytest.mark.parametrize("module", sorted(p.relative_to(ROOT / "cleaner").as_posix() for p in (ROOT / "cleaner").rglob("*.py")))
def test_every_pattern_call_has_a_timeout(module):
    assert untimed_calls(ROOT / "cleaner" / module) == []


def test_the_regex_timeout_is_short():
    assert 0 < TIMEOUT <= 1
