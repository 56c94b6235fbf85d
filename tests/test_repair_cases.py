"""Repair cases as data (tests/data/repair/): positive, negative and known failures, one kind at a time; the prefilter."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.filters.translation import fragments, prefilter, punctuation, words
from cleaner.testing import assert_cleans, assert_unchanged

DATA = Path(__file__).parent / "data" / "repair"


def cases(name: str) -> list[list[str]]:
    rows = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append([cell.replace("\\n", "\n") for cell in line.split("\t")])
    return rows


def step_and_params(kind: str) -> tuple[str, dict]:
    if kind == "hyphenation":
        return "join_hyphenated_lines", {}
    return "repair_typography", {"kinds": [kind]}


def meta(language: str) -> dict:
    return {"language": None if language == "-" else language}


@pytest.mark.parametrize("kind, language, damaged, repaired", cases("positive.tsv"))
def test_positive(kind: str, language: str, damaged: str, repaired: str) -> None:
    step, params = step_and_params(kind)
    result = assert_cleans(step, damaged, repaired, meta=meta(language), **params)
    assert [e.family for e in result.edits if e.action == "replaced"] == [kind]


@pytest.mark.parametrize("kind, language, text", cases("negative.tsv"))
def test_negative(kind: str, language: str, text: str) -> None:
    step, params = step_and_params(kind)
    assert_unchanged(step, text, meta=meta(language), **params)


@pytest.mark.parametrize("kind, language, damaged, repaired", cases("known_failures.tsv"))
@pytest.mark.xfail(strict=True, reason="a known limit, documented in known_failures.tsv")
def test_known_failure(kind: str, language: str, damaged: str, repaired: str) -> None:
    step, params = step_and_params(kind)
    assert_cleans(step, damaged, repaired, meta=meta(language), **params)


# The prefilter must never skip a paragraph a repair would change.

_FIXERS = {
    "bracket": punctuation.fix_brackets,
    "spacing": punctuation.fix_spacing,
    "run-together": punctuation.fix_run_together,
    "doubled-punctuation": punctuation.fix_doubled_punctuation,
    "doubled-word": lambda t: words.fix_doubled_words(t, language="en"),
    "orphan-fragment": fragments.fix_orphan_fragment,
    "dangling-sentence": fragments.fix_dangling_sentence,
    "broken-quote": fragments.fix_broken_quote,
}
_PIECES = st.sampled_from(
    ["the", "war", "War", "ended", "It", "should", "be", "given", "have", "been", "partner", "special", ".", "..", "...",
     ",", " ,", ",,", "?.", "!", "(G7)", ")", "(", "]", "“", "”", "»", "«", '"', " ", " ", " ", "U.S.", "3.5", ";)", ":"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=30).map("".join))
def test_prefilter_never_skips_a_repair(text: str) -> None:
    for kind, fix in _FIXERS.items():
        if not prefilter.could_apply_here(kind, text) or 0 not in prefilter.paragraph_kinds([text], [kind]):
            assert fix(text)[0] == text, kind


_TEXTS = st.lists(st.one_of(_PIECES, st.sampled_from(["…", "É", "é", "«", "ß", "SS", "\u00a0", "\u2009", "\t", "The"])), max_size=20)


@settings(max_examples=200, deadline=None)
@given(st.lists(_TEXTS.map("".join), min_size=1, max_size=6))
def test_document_scan_agrees_with_each_paragraph_test(paragraphs: list[str]) -> None:
    kinds = [*_FIXERS, "apostrophe"]
    expected = {i: [k for k in kinds if prefilter.could_apply_here(k, p)] for i, p in enumerate(paragraphs)}
    assert prefilter.paragraph_kinds(paragraphs, kinds) == {i: ks for i, ks in expected.items() if ks}
