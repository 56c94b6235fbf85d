"""join_broken_lines: sentences broken over lines by get_text() or hard wrapping are joined; lists and verse stay."""

from __future__ import annotations

from cleaner import Chain, clean_article
from cleaner.filters.encoding import join_broken_lines
from cleaner.testing import run_filter

# One line per text node, as get_text("\n") of a page gives it: links and bold words end lines mid-sentence.
NODES = [
    "Home", "News", "Sport",
    "The harbour board voted on Tuesday to dredge the", "east channel", "before the autumn storms, and",
    "fishermen", "said the work was long overdue.",
    "Dredging will start", "next month", ", weather permitting, and take about", "six weeks", ".",
    "The board has asked boat owners to move their moorings to the", "west quay", "by the end of August.",
    "Contact us", "Privacy",
]
SENTENCES = [
    "The harbour board voted on Tuesday to dredge the east channel before the autumn storms, and fishermen said"
    " the work was long overdue.",
    "Dredging will start next month, weather permitting, and take about six weeks.",
    "The board has asked boat owners to move their moorings to the west quay by the end of August.",
]


def test_text_nodes_are_joined_back_into_sentences():
    result = run_filter("join_broken_lines", "\n".join(NODES))
    lines = result.text.split("\n")
    assert lines[:3] == ["Home", "News", "Sport"] and lines[-2:] == ["Contact us", "Privacy"]
    assert "Dredging will start next month, weather permitting, and take about six weeks." in lines
    assert [e.filter for e in result.edits] == ["join_broken_lines"] and "joined" in result.edits[0].reason


def test_a_get_text_page_keeps_every_sentence_whole():
    chain = Chain.default().insert_after("join_hyphenated_lines", "join_broken_lines")
    text = clean_article("\n".join(NODES), config=chain).text
    assert all(sentence in text for sentence in SENTENCES)
    assert "Privacy" not in text


def test_an_article_with_a_few_lowercase_lines_keeps_its_lines():
    article = [
        "The festival opens on Friday with three stages and forty bands.",
        "Tickets are on sale at the town hall.",
        "what to bring",
        "- water, sun cream and a hat",
        "The organisers expect twelve thousand visitors over the weekend.",
        "Buses will run every ten minutes from the station.",
        "Parking near the park will be closed from Thursday evening.",
        "Local cafés will stay open until midnight on both nights.",
        "Volunteers can still sign up on the festival's website.",
        "Last year's festival raised money for the town's new library.",
        "The weather service expects dry weather with a light breeze.",
        "Organisers said they had added more toilets and water points.",
        "The last bands play on Sunday evening.",
        "The park reopens to the public on Tuesday.",
        "Residents can ask for a free parking permit at the town hall.",
        "The festival started twenty years ago as a single stage.",
        "This year it expects more visitors than ever.",
        "Children under twelve go in free with an adult.",
        "Dogs are not allowed on the festival grounds.",
        "The organisers thanked the town's residents for their patience.",
        "A full programme is printed in Saturday's paper.",
    ]
    text = "\n".join(article)
    assert join_broken_lines(text) == text  # one break in 21 lines: under MIN_BROKEN_SHARE


def test_joining_is_idempotent_and_leaves_hyphen_breaks_to_their_step():
    once = run_filter("join_broken_lines", "\n".join(NODES)).text
    assert join_broken_lines(once) == once
    assert join_broken_lines("a well-\nknown fact\nand more\nof it").text.startswith("a well-\nknown fact and more of it")


def test_it_is_not_in_the_default_chain():
    assert "join_broken_lines" not in Chain.default().names
