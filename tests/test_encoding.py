"""Encoding family: each filter alone, the ftfy fast path, and through clean_article."""

from __future__ import annotations

import ftfy
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import clean_article
from cleaner.filters.encoding import FTFY_CONFIG, repair
from cleaner.testing import assert_cleans, assert_unchanged


def test_mojibake_entities_and_c1_controls_are_repaired():
    assert_cleans("repair_encoding", "The cafÃ© reopened.", "The café reopened.")
    assert_cleans("repair_encoding", "Tom &amp; Jerry &eacute;t&eacute;", "Tom & Jerry été")
    assert_cleans("repair_encoding", "He said \u00e2\u20ac\u0153no\u00e2\u20ac\u009d.", "He said \u201cno\u201d.")
    assert_cleans("repair_encoding", "Le pr\u0080sident", "Le pr€sident")


def test_repair_explains_itself_with_ftfy():
    result = assert_cleans("repair_encoding", "LÃ¢â‚¬â„¢Express", "L’Express")
    (edit,) = result.edits
    assert edit.reason.startswith("ftfy: ") and "decode utf-8" in edit.reason
    assert edit.before == "LÃ¢â‚¬â„¢Express" and edit.after == "L’Express"


def test_conservative_configuration_leaves_correct_text_alone():
    for text in [
        "“Curly quotes” and ‘single’ ones stay.",
        "Ｆｕｌｌｗｉｄｔｈ ＡＢＣ and ﬁ ligatures stay.",
        "Déjà vu, naïve, Ærø, Łódź, İstanbul, Москва, 東京, عربي, हिन्दी.",
        "Prices: 5 < 6 &amp; more",  # '<' present: ftfy's auto mode leaves entities alone
        "Emoji 👩‍👩‍👧 and Persian می‌خواهم keep their joiners.",
    ]:
        assert_unchanged("repair_encoding", text)
        assert_unchanged("remove_invisible_characters", text)


def test_nfc_normalisation():
    assert_cleans("repair_encoding", "Cafe\u0301 society", "Caf\u00e9 society")


def test_invisible_characters_removed():
    assert_cleans("remove_invisible_characters", "Ha\u200bnoi\u00ad is\x07 here\ufeff", "Hanoi is here")
    result = assert_cleans("remove_invisible_characters", "a\u200bb", "ab")
    assert "U+200B" in result.edits[0].reason


def test_exotic_spaces_and_blank_lines():
    assert_cleans("normalize_whitespace", "Weather\u00a0 \u00a0Live\u2009Markets  \n\n\n\n  Next\tline ", "Weather Live Markets\nNext line")
    assert_unchanged("normalize_whitespace", "Already clean.\nTwo lines.")


def test_paragraph_structure_is_kept():
    assert clean_article("One.\n\n\n\nTwo.\n\nThree.").text == "One.\n\nTwo.\n\nThree."
    assert clean_article("One.\nTwo.\nThree.").text == "One.\nTwo.\nThree."


ascii_lines = st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=127, blacklist_characters="\n\r"), max_size=80)


@settings(max_examples=300, deadline=None)
@given(ascii_lines)
def test_fast_path_is_output_identical_to_full_ftfy(line):
    fixed = ftfy.fix_and_explain(line, FTFY_CONFIG)
    assert repair(line)[0] == fixed.text


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_repair_is_idempotent(text):
    once = repair(text)[0]
    assert repair(once)[0] == once


def test_fast_path_skips_ftfy(monkeypatch):
    calls = []
    monkeypatch.setattr(ftfy, "fix_and_explain", lambda *a, **k: calls.append(a))
    repair("Plain ASCII text, nothing to fix (42%).")
    assert calls == []
