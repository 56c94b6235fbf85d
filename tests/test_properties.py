"""Properties of the whole default chain on arbitrary input: never raises, deterministic, idempotent."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner import clean_article

# Text built from words, punctuation and the kinds of whitespace scraped text carries.
WORDS = st.sampled_from(
    ["the", "The", "council", "said", "Mr.", "U.S.", "3.5", "(G7)", ")", "«", "»", "“", "”", "\"", "'", ",", ".",
     "?", "!", "…", "..", "-", "–", "Share", "Read", "more:", "Ärger", "été", "Москва", "東京", "\u00a0", "\u200b", "é"]
)
PARAGRAPH = st.lists(WORDS, min_size=1, max_size=25).map(" ".join)
ARTICLE = st.lists(PARAGRAPH, min_size=1, max_size=8).map("\n".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=300))
def test_any_bytes_give_a_result_never_an_exception(raw):
    result = clean_article(raw)
    assert isinstance(result.text, str)
    assert result.dropped == (result.drop_reason is not None)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ARTICLE)
def test_cleaning_is_deterministic_and_idempotent(text):
    first = clean_article(text)
    assert clean_article(text).to_dict() == first.to_dict()
    if not first.dropped:
        assert clean_article(first.text).text == first.text
