"""Repair cases as data (tests/data/repair/): positive, negative and known failures, one kind at a time."""

from __future__ import annotations

from pathlib import Path

import pytest

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
