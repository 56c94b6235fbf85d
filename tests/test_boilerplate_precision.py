"""Precision of remove_boilerplate and extract_title: real lines near furniture stay."""

from __future__ import annotations

from cleaner import clean_article
from cleaner.filters.boilerplate.context import enumerated
from cleaner.filters.boilerplate.title import _variant_headline

PROSE = [
    "The city council approved plans on Monday for a new stadium in the northern district, after two years of debate.",
    "The mayor said the design would be shown to the public next month, and local firms would be invited to bid.",
    "Residents who opposed the plan said they would take the decision to court before the end of the year.",
]


def test_short_sentence_after_a_share_line_stays() -> None:
    result = clean_article("\n\n".join([*PROSE, "Share this article", "It will open in 2027 and cost forty million."]), html=False)
    assert result.text.endswith("It will open in 2027 and cost forty million.")
    assert "Share this article" not in result.text


def test_enumerated_list_lines_are_found_with_the_links_between_items() -> None:
    lines = ["Intro text.", "15) Thriller", "http://x.to/a", "16) Monopoly", "http://x.to/b", "17) Taboo", "Share"]
    assert enumerated(lines) == {1, 2, 3, 4, 5, 6}  # the last item's line under it too; rules still judge them
    assert enumerated(["1) A", "3) B", "4) C"]) == set()  # not in sequence
    assert enumerated(["1. A", "2. B"]) == set()  # too short to be a list


def test_numbered_list_at_the_end_of_an_article_stays() -> None:
    items = []
    for n, name in enumerate(["Thriller (Vinile)", "Swiss army knife, red", "Instant camera", "Taboo", "Labyrinth"], 15):
        items += [f"{n}) {name}", f"http://amzn.to/x{n}"]
    text = "\n\n".join([*PROSE, *items])
    result = clean_article(text, html=False)
    for item in items:
        assert item in result.text


def test_teaser_sharing_two_words_of_a_long_title_is_not_a_headline() -> None:
    title = "Daily Deals: More Black Friday Deals Are Live, Including PS4 DualShock Controller, Apple AirPods and More"
    assert not _variant_headline("PS4 DualShock Controller in Crystal for $39.99", title, PROSE[0])
    assert _variant_headline("Council approves new northern stadium", "Council approves northern stadium plans", PROSE[0])
