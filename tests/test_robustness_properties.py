"""Idempotence on realistic text: real paragraphs mutated the way scrapes damage them.

Cleaning clean output must change nothing.  The paragraphs come from the project's own
samples (``samples/expected``: clean text) and, when present, the real articles of
``../shared/seeds`` (read at test time, never copied).  Mutations: furniture and junk
lines inserted, lines duplicated, typos, doubled spaces, encoding damage, a sentence
split over two lines.  CI draws a bounded, derandomised set of examples; search longer
with ``HYPOTHESIS_PROFILE=explore`` or ``tests/fuzz/fuzz_clean.py`` (see docs/robustness.md).
Every case such a search found is kept in ``tests/data/idempotence_cases.json``.
"""

from __future__ import annotations

import html
import os

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from cleaner import Chain, clean_article
from cleaner.testing import run_filter

from conftest import ROOT, SHARED


def _real_paragraphs() -> list[str]:
    files = sorted((ROOT / "samples" / "expected").glob("*.txt"))
    seeds = SHARED / "seeds"
    if seeds.is_dir():
        files += sorted(seeds.glob("*.txt"))
    out = []
    for path in files:
        out += [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if len(line.split()) >= 3]
    return out


PARAGRAPHS = _real_paragraphs()
JUNK = [
    "Share on Facebook", "Updated 3 hours ago", "Advertisement", "Read more:", "Photo: Reuters",
    "Subscribe to our newsletter", "Comments (12)", "© 2024 The Daily Example", "Click here", "Home | News | Sport",
    "cafÃ© prices", "Tom &amp; Jerry", "\u200b", "• • •", "Related articles", "Follow us on Twitter",
]


@st.composite
def mutated_article(draw: st.DrawFn) -> str:
    start = draw(st.integers(0, len(PARAGRAPHS) - 1))
    lines = PARAGRAPHS[start : start + draw(st.integers(1, 8))]
    for _ in range(draw(st.integers(0, 6))):
        op = draw(st.sampled_from(["junk", "duplicate", "typo", "spaces", "split", "mojibake"]))
        i = draw(st.integers(0, len(lines) - 1))
        line = lines[i]
        if op == "junk":
            lines = [*lines[:i], draw(st.sampled_from(JUNK)), *lines[i:]]
        elif op == "duplicate":
            lines = [*lines[: i + 1], line, *lines[i + 1 :]]
        elif op == "typo" and len(line) > 3:
            j = draw(st.integers(1, len(line) - 2))
            edit = draw(st.sampled_from(["swap", "drop", "double"]))
            line = {"swap": line[: j - 1] + line[j] + line[j - 1] + line[j + 1 :], "drop": line[:j] + line[j + 1 :], "double": line[:j] + line[j] + line[j:]}[edit]
            lines = [*lines[:i], line, *lines[i + 1 :]]
        elif op == "spaces":
            lines = [*lines[:i], line.replace(" ", "  ", 2) + " ", *lines[i + 1 :]]
        elif op == "split" and " " in line:
            cut = line.index(" ", len(line) // 2) if " " in line[len(line) // 2 :] else line.index(" ")
            lines = [*lines[:i], line[:cut], line[cut + 1 :], *lines[i + 1 :]]
        elif op == "mojibake":
            lines = [*lines[:i], line.encode("utf-8").decode("cp1252", "replace"), *lines[i + 1 :]]
    return "\n".join(lines)


TAGS = ["p", "div", "span", "li", "h2", "td", "blockquote"]
FURNITURE = ["nav", "header", "footer", "aside"]


@st.composite
def html_page(draw: st.DrawFn) -> str:
    """A mutated article as an HTML page: paragraphs in tags, furniture blocks, sometimes cut short."""
    lines = draw(mutated_article()).split("\n")
    body = []
    for line in lines:
        tag = draw(st.sampled_from(TAGS))
        text = line if draw(st.booleans()) else html.escape(line)
        body.append(f"<{tag}>{text}</{tag}>")
    for _ in range(draw(st.integers(0, 3))):
        block = draw(st.sampled_from(FURNITURE))
        links = "".join(f"<a href='/x{i}'>{draw(st.sampled_from(JUNK))}</a>" for i in range(draw(st.integers(1, 4))))
        body.insert(draw(st.integers(0, len(body))), f"<{block}>{links}</{block}>")
    title = html.escape(draw(st.sampled_from(lines))[:80])
    page = f"<!DOCTYPE html><html><head><title>{title}</title></head><body><article>{''.join(body)}</article></body></html>"
    if draw(st.booleans()):
        page = page[: draw(st.integers(len(page) // 2, len(page)))]  # truncated
    return page


EXAMPLES = int(os.environ.get("CLEANER_IDEMPOTENCE_EXAMPLES", "100"))
#: Failing examples are shrunk only when searching (HYPOTHESIS_PROFILE=explore); CI stops at the first.
PHASES = list(Phase) if os.environ.get("HYPOTHESIS_PROFILE") == "explore" else [Phase.explicit, Phase.reuse, Phase.generate]


@settings(max_examples=EXAMPLES, deadline=None, phases=PHASES, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(mutated_article())
def test_cleaning_a_mutated_real_article_twice_changes_nothing(text):
    first = clean_article(text)
    if not first.dropped:
        assert clean_article(first.text).text == first.text


@settings(max_examples=EXAMPLES // 2, deadline=None, phases=PHASES, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(html_page())
def test_cleaning_a_page_s_text_again_with_its_metadata_changes_nothing(page):
    # As the output record carries it: without its title a first line shaped like a headline would be
    # taken for one, without its format the text would be judged as a whole-page dump (docs/robustness.md).
    first = clean_article(page)
    if not first.dropped:
        assert clean_article(first.text, meta=first.meta).text == first.text


# Any code point (surrogates and controls included), and bytes in any encoding of such text.
ANY_TEXT = st.text(st.characters(exclude_categories=()), max_size=400)


@settings(max_examples=EXAMPLES, deadline=None, phases=PHASES, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(ANY_TEXT, st.builds(lambda t, enc: t.encode(enc, "surrogatepass" if enc.startswith("utf") else "replace"), ANY_TEXT,
                                     st.sampled_from(["utf-8", "utf-16-le", "utf-16", "utf-32-be", "cp1252", "latin-1"]))))
def test_any_text_or_bytes_give_a_writable_result(raw):
    result = clean_article(raw)
    assert result.dropped == (result.drop_reason is not None)
    result.text.encode("utf-8")


# Characters ftfy reads as mojibake, C1 controls, invisible characters and exotic spaces: what makes
# the encoding steps' order matter (ftfy runs before invisible characters are removed and spaces
# collapsed, and a removal can join a mojibake pair).
MOJIBAKE_SOUP = "aeÃÂÑâ€™œ¹©®°±²³´µ¶·¸º»¼½¾¿‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›žŸ¡¢£¤¥¦§¨ª«¬\u00ad\u00a0\u2009 \u200b\ufeff\x81\x8d\x8f\x90\x9d\x07\t.-&;#amp\n"
ENCODING_STEPS = Chain.from_config({"steps": ["repair_encoding", "remove_invisible_characters", "normalize_whitespace"], "budget": {"max_seconds": 0}})


@settings(max_examples=EXAMPLES * 3, deadline=None, phases=PHASES)
@given(st.text(st.sampled_from(MOJIBAKE_SOUP), max_size=30))
def test_the_encoding_steps_leave_nothing_for_a_second_pass(text):
    first = ENCODING_STEPS.run_text(text)
    assert ENCODING_STEPS.run_text(first.text).text == first.text


@pytest.mark.parametrize("step, text, repaired", [
    ("remove_invisible_characters", "The cafÃ\u200b© was closed.", "The café was closed."),
    ("remove_invisible_characters", "It costs 5 â\u200b‚¬ now.", "It costs 5 € now."),
    ("normalize_whitespace", "VoilÃ\u2009 tout.", "Voilà tout."),
])
def test_a_removal_that_joins_mojibake_repairs_it(step, text, repaired):
    result = run_filter(step, text)
    assert result.text == repaired and "joined mojibake, repaired (ftfy: " in result.edits[0].reason


def test_a_removal_repairs_only_what_it_joined():
    # Mojibake already there before the removal is repair_encoding's to repair (not in this chain).
    assert run_filter("remove_invisible_characters", "The cafÃ© was\u200b closed.").text == "The cafÃ© was closed."
