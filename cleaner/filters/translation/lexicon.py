"""Word knowledge: is a string a word of the language, and how common is it?

The lists in ``data/translation/words/`` hold the 50,000 most frequent words of English,
French, German, Spanish, Italian, Portuguese and Dutch with their Zipf frequency (log10 of
occurrences per billion words: ``the`` 7.7, ``previous`` 5.0, ``codirector`` 1.4), built
once from wordfreq's data by ``tools/build_wordlists.py`` (CC-BY-SA 4.0, see the folder's
``LICENSE.txt``).  A language's list is read on first use (about 60 ms of CPU) and kept.

>>> zipf("previous", "en") > 4 and zipf("vious", "en") == 0
True
"""

from __future__ import annotations

import gzip
from functools import lru_cache
from importlib import resources

import regex

from ...patterns import DATA_PACKAGE, TIMEOUT

#: Languages with a word list; other languages have no word knowledge (every word is unknown).
LANGUAGES = frozenset({"en", "fr", "de", "es", "it", "pt", "nl"})


@lru_cache(maxsize=None)
def word_frequencies(language: str) -> dict[str, float]:
    """The word list of ``language`` as ``{word: zipf}``; empty for a language without one."""
    if language not in LANGUAGES:
        return {}
    path = resources.files(DATA_PACKAGE).joinpath("data", "translation", "words", f"{language}.tsv.gz")
    out: dict[str, float] = {}
    for line in gzip.decompress(path.read_bytes()).decode("utf-8").splitlines():
        word, _, tenths = line.partition("\t")
        out[word] = int(tenths) / 10
    return out


def zipf(word: str, language: str | None) -> float:
    """Zipf frequency of ``word`` (lowercased) in ``language`` (English when unknown); 0 when not listed."""
    return word_frequencies(language or "en").get(word.lower(), 0.0)


#: A word this common (Zipf) counts as evidence of its language when guessing one.
COMMON_ZIPF = 4.0
#: The share of a text's words that must be common words of the best language for a guess.
MIN_COMMON_SHARE = 0.3
_GUESS_WORDS = 200
_GUESS_CHARS = 3000
_WORDS = regex.compile(r"\p{L}+")


def guess_language(text: str) -> str | None:
    """The listed language whose common words cover most of ``text`` (its first 200 words).

    For steps that run before language detection.  ``None`` when fewer than 30% of the words
    are common words of the best language (another language, or too few words to tell).

    >>> guess_language("The council voted on the new budget.")
    'en'
    """
    sample = [w.lower() for w in _WORDS.findall(text[:_GUESS_CHARS], timeout=TIMEOUT)[:_GUESS_WORDS]]
    if not sample:
        return None
    scores = {}
    for lang in sorted(LANGUAGES):
        freqs = word_frequencies(lang)
        common = [freqs.get(w, 0.0) for w in sample]
        scores[lang] = (sum(z >= COMMON_ZIPF for z in common), sum(common))
    best = max(scores, key=lambda lang: scores[lang])
    return best if scores[best][0] >= MIN_COMMON_SHARE * len(sample) else None
