"""The learned word evidence of the boilerplate model (``lexicon.json``): its shape, and what it changes."""

from __future__ import annotations

import random

import pytest

from cleaner import clean_article
from cleaner.filters.boilerplate.features import line_table
from cleaner.filters.boilerplate.lexicon import CLIP, STRONG, lexicon_key, lexicon_values, load_lexicon

ARTICLE = [
    "Heavy rain closed schools across the northern province on Thursday, and officials warned of more flooding.",
    "The regional government said 1,200 people had been moved to shelters and that engineers were reinforcing bridges.",
    "Insurance companies said they expected claims to run into the hundreds of millions of euros this year.",
]
#: Very common words of prose in each language the corpus covers: no evidence of furniture.
PROSE_WORDS = {
    "en": ["the", "and", "said", "she", "government", "year", "people", "not"],
    "de": ["und", "der", "sagte", "regierung", "jahr", "nicht", "sie"],
    "fr": ["le", "et", "dit", "gouvernement", "année", "pourquoi", "maintenant"],
    "es": ["el", "y", "dijo", "gobierno", "año", "personas"],
    "it": ["il", "che", "detto", "governo", "anno", "persone"],
    "pt": ["o", "que", "disse", "governo", "ano", "pessoas"],
    "nl": ["de", "het", "zei", "regering", "jaar", "mensen"],
}


def test_the_shipped_lexicon_is_small_and_holds_words_only():
    lexicon = load_lexicon()
    assert 1_000 <= len(lexicon) <= 15_000
    assert all(lexicon_key(word) == word for word in lexicon)  # no numbers, domains, handles, one-letter tokens
    assert all(-CLIP <= weight <= CLIP for weight in lexicon.values())


@pytest.mark.parametrize("lang", sorted(PROSE_WORDS))
def test_common_words_of_prose_are_no_strong_furniture_words(lang):
    lexicon = load_lexicon()
    assert {w: lexicon[w] for w in PROSE_WORDS[lang] if lexicon.get(w, 0.0) >= STRONG} == {}


def test_widget_words_are_strong_in_several_languages():
    lexicon = load_lexicon()
    assert all(lexicon.get(word, 0.0) >= STRONG for word in ("newsletter", "subscribe", "teilen", "partager", "compartir"))


def test_every_line_carries_its_lexicon_features():
    table = line_table(["Abonnez-vous à la newsletter", ARTICLE[0]])
    assert table[0].lex_strong >= 1 and table[0].lex_mean > 1.0
    assert table[1].lex_strong == 0 and table[1].lex_mean < table[0].lex_mean
    assert lexicon_values((), load_lexicon()) == (0.0, 0)


def test_a_widget_no_phrase_list_names_goes_and_says_why():
    widget = "Recevez notre lettre d'information chaque matin"
    result = clean_article("\n\n".join([*ARTICLE, widget]))
    assert widget not in result.text and all(p in result.text for p in ARTICLE)
    (edit,) = [e for e in result.edits if e.before == widget]
    assert edit.reason.startswith("model:") and "lex_" in edit.reason


@pytest.mark.parametrize("line", ["She did not reply.", "De burgemeester wilde niet reageren.", "Pourquoi maintenant?"])
def test_prose_with_a_furniture_word_stays_at_the_tail(line):
    # reply, reageren are comment-widget words; the line around them is a sentence of the article.
    assert line in clean_article("\n\n".join([*ARTICLE, line])).text


def test_lexicon_values_equal_the_plain_definition():
    # The look-up skips rstrip() for tokens that are keys or end in a letter; it must agree with the definition.
    lexicon = load_lexicon()
    rng = random.Random(7)
    words = sorted(lexicon)[:: max(1, len(lexicon) // 500)] + ["unknown", "2024", "a", "c++", "x."]
    for _ in range(2_000):
        toks = [rng.choice(words) + rng.choice(["", "", ".", "+", "..", ".+"]) for _ in range(rng.randint(0, 12))]
        weights = [lexicon.get(t.rstrip(".+"), 0.0) for t in toks]
        expected = (sum(weights) / len(weights), sum(w >= STRONG for w in weights)) if toks else (0.0, 0)
        assert lexicon_values(toks, lexicon) == expected
