"""Encoding family: each filter alone, the ftfy fast path, and through clean_article."""

from __future__ import annotations

from pathlib import Path

import ftfy
from ftfy.badness import BADNESS_RE
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import clean_article
from cleaner.filters.encoding import FTFY_CONFIG, _needs_ftfy, repair
from cleaner.registry import ParagraphContext, get_filter
from cleaner.testing import assert_cleans, assert_unchanged

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


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


# The prefilter (_needs_ftfy) must never keep from ftfy a line ftfy would change.
_MOJIBAKE_CHARS = sorted({c for c in BADNESS_RE.pattern if ord(c) > 0x7F}) + list("ÃÂœŒ€™“”’–—éàüÖ°² \xa0")
_mixed_text = st.text(
    alphabet=st.one_of(st.sampled_from(_MOJIBAKE_CHARS), st.characters(max_codepoint=0x2FFF, blacklist_categories=("Cs",))),
    max_size=40,
)


@settings(max_examples=400, deadline=None)
@given(_mixed_text)
def test_prefilter_never_hides_a_line_ftfy_would_change(line):
    if not _needs_ftfy(line):
        assert not BADNESS_RE.search(line)
        assert ftfy.fix_and_explain(line, FTFY_CONFIG).text == line


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_MOJIBAKE_CHARS + list("abcXYZ .,")), max_size=12).map("".join))
def test_prefilter_on_dense_mojibake_alphabets(line):
    assert repair(line)[0] == ftfy.fix_and_explain(line, FTFY_CONFIG).text


def test_prefilter_agrees_with_ftfy_on_samples_and_mojibake():
    texts = [path.read_bytes() for path in sorted((SAMPLES / "input").iterdir())]
    lines = [line for raw in texts for line in raw.decode("utf-8" if _is_utf8(raw) else "latin-1").splitlines()]
    correct = ["Déjà vu — “naïve” café, Łódź, Москва, Ελλάδα, 東京, ½ × 3 ≥ 1 ° C, © 2024 ®, œuvre."]
    damaged = [line.encode("utf-8").decode("windows-1252", errors="replace") for line in lines + correct if not line.isascii()]
    for line in lines + correct + damaged:
        assert repair(line)[0] == ftfy.fix_and_explain(line, FTFY_CONFIG).text, line


def _is_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


_LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_lines = st.lists(
    st.text(
        alphabet=st.one_of(
            st.sampled_from(_MOJIBAKE_CHARS + list(" \t\u00a0\u2009\u200b\u00ad\x07\u3000")),
            st.characters(max_codepoint=0x2FFF, blacklist_categories=("Cs",), blacklist_characters=_LINE_BREAKS),
        ),
        min_size=1,
        max_size=30,
    ).filter(str.strip),
    min_size=1,
    max_size=5,
)


@settings(max_examples=300, deadline=None)
@given(_lines)
def test_a_step_its_prefilter_skips_would_change_nothing(lines):
    text = "\n".join(lines)
    for name in ("repair_encoding", "remove_invisible_characters", "normalize_whitespace"):
        spec = get_filter(name)
        if not spec.prefilter(text):
            for i, line in enumerate(lines):
                out = spec.func(line, ParagraphContext(i, tuple(lines), {}))
                assert out == line, (name, line)
