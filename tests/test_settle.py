"""Idempotence at its causes: the regression cases once found by the property search, the title and
duplicate steps alone, and the chain's settling rounds (cleaner/settle.py)."""

from __future__ import annotations

import json

import pytest

from cleaner import Chain, clean_article, settle
from cleaner.registry import document_filter, paragraph_filter
from cleaner.testing import run_filter

from conftest import ROOT

CASES = json.loads((ROOT / "tests" / "data" / "idempotence_cases.json").read_text(encoding="utf-8"))
BODY = "Stock markets fell on Friday as oil prices jumped after a pipeline outage in the North Sea, traders said."


@pytest.mark.parametrize("case", CASES, ids=[f"{i}-{c['cause'].split(':')[0]}" for i, c in enumerate(CASES)])
def test_a_case_once_changed_by_a_second_cleaning_is_stable(case):
    first = clean_article(case["input"])
    assert first.dropped or clean_article(first.text).text == first.text, case["cause"]


def test_the_headline_stays_when_the_line_after_it_would_be_taken_for_one_too():
    # Moving the headline would leave 'Tom & Jerry' first, which a second cleaning would move: neither moves.
    text = f"Floods close schools in the north – The Daily Example\nTom & Jerry\n{BODY}"
    result = run_filter("extract_title", text)
    assert result.text == text and result.title is None


def test_every_copy_of_the_headline_at_the_top_goes_with_it():
    copies = "\n".join(["Floods close schools in the north – The Daily Example"] * 5)
    result = run_filter("extract_title", f"{copies}\n{BODY}")
    assert result.text == BODY and result.title == "Floods close schools in the north"


def test_three_near_copies_are_a_template_like_three_exact_ones():
    para = "The mayor told reporters that the council would not give the contractor another cent this year."
    near = para.replace("another cent", "another penny")
    text = "\n".join([para, near, para])
    assert run_filter("remove_duplicate_paragraphs", text).text == text
    assert run_filter("remove_duplicate_paragraphs", "\n".join([para, near])).text == para


# A document-level step, idempotent alone, and a later step that changes what it judged.
@document_filter("t_settle_drop_x_under_short_first")
def _drop_x_under_short_first(doc):
    if len(doc.paragraphs[0].split()) < 3:
        for i in reversed([i for i, p in enumerate(doc.paragraphs) if p == "x"]):
            doc.remove(i, "an x under a short first line")


@paragraph_filter("t_settle_shorten")
def _shorten(para, ctx):
    return " ".join(para.split()[:2]) if para.startswith("Long") else para


@paragraph_filter("t_settle_trim")
def _trim(para, ctx):  # never settles: one character less each time
    return para[:-1] if para.startswith("Long") else para


def test_the_chain_cleans_again_what_a_later_step_changed_and_records_it(monkeypatch):
    chain = Chain(["t_settle_drop_x_under_short_first", "t_settle_shorten"])
    result = chain.run_text("Long first line of words\nx\ny")
    assert result.text == "Long first\ny" == chain.run_text(result.text).text
    assert [e.reason for e in result.edits if e.action == "removed"] == ["settle round 1: an x under a short first line"]
    assert [t.step for t in result.steps] == chain.names  # a step counts once per document
    monkeypatch.setattr(settle, "ROUNDS", 0)
    assert chain.run_text("Long first line of words\nx\ny").text == "Long first\nx\ny"


def test_settling_is_bounded():
    result = Chain(["t_settle_drop_x_under_short_first", "t_settle_trim"]).run_text("Long line\ny")
    assert result.text == "Long l\ny"  # the first run and ROUNDS rounds, one character each
    assert settle.ROUNDS == 2


def test_a_result_no_later_step_changed_is_not_cleaned_again(monkeypatch):
    monkeypatch.setattr(settle, "again", lambda *a: pytest.fail("cleaned again"))
    clean_article("Heavy rain closed schools on Thursday.\nOfficials warned of more flooding on Friday.")
