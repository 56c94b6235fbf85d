"""Golden files: every bundled sample cleaned end to end must match its expected output.

``samples/input/NAME.(txt|html)`` is cleaned with the default chain and compared with
``samples/expected/NAME.txt`` (and the title/language/dropped fields of ``NAME.json``).
After a deliberate behaviour change, ``pytest tests/test_samples.py --update-golden``
rewrites the expected files; review that diff line by line before committing it.
"""

from __future__ import annotations

import pytest

from cleaner import clean_article
from cleaner.testing import check_golden, golden_cases

from pathlib import Path

SAMPLES = Path(__file__).resolve().parents[1] / "samples"

CASES = golden_cases(SAMPLES)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_golden_sample(case):
    check_golden(case)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_cleaning_clean_output_changes_nothing(case):
    first = clean_article(case.input.read_bytes())
    second = clean_article(first.text)
    assert second.text == first.text
