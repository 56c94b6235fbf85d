"""Phrase data of the boilerplate family, loaded once into dictionaries.

Every multilingual word list lives in ``cleaner/filters/data/boilerplate/<lang>.txt``
(``family: phrase`` lines) and ``data/stopwords/<lang>.txt``; this module turns
them into look-up tables: a whole line's key → its family, a teaser or label
prefix → its family, and the vocabularies (social networks, section names,
months, agencies …) as sets of token tuples.  No regex alternation of phrases:
a line is looked up by its key, its first words and its n-grams.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, Mapping, Sequence

import regex

from ...patterns import TIMEOUT, data_files, load_list

#: The families ``remove_boilerplate`` knows, each switchable with its ``families`` parameter.
FAMILIES = (
    "share",
    "navigation",
    "promo",
    "prompt",
    "caption",
    "markup",
    "link",
    "timestamp",
    "byline",
    "credit",
    "copyright",
    "comments",
    "region",
)
#: Phrase families whose entries are whole lines, teaser prefixes or phrases inside a line.
PHRASE_FAMILIES = ("share", "navigation", "promo", "prompt", "credit", "copyright")
#: Vocabularies: words that make up icon rows, nav bars, timestamps, bylines and credits.
VOCABULARIES = (
    "social", "nav", "time", "month", "weekday", "byline", "caption", "agency",
    "cta", "cta_object", "label", "generic_social", "weak_time", "said",
)

_TOKEN = regex.compile(r"[\p{L}\p{N}]+(?:['.+\-][\p{L}\p{N}]+)*[.+]?|@\w+")
_KEY_STRIP = regex.compile(r"^[\W_\d]+|[\W_]+$")
_KEY_COUNT = regex.compile(r"\(\s*\d+\s*\)|\b\d+\b")
_KEY_SEPARATOR = regex.compile(r"\s+[-–—|·•:»]+\s+")
_SPACES = regex.compile(r"\s+")
#: In ASCII text, the characters a token is made of: each token lies within one run of them.
_ASCII_RUN = re.compile(r"[a-z0-9'.+\-@_]+")  # linear: one class
#: In ASCII text, what a key's counts, separators or spaces may start with (beyond a space and ``\t\n\v\f\r``).
_ASCII_KEY_WORK = re.compile(r"[0-9\-|:\x1c-\x1f]")  # linear: one class
#: Runs of an ASCII line looked at one by one before a quarter of them makes the whole line go to ``_TOKEN``.
ODD_RUNS = 16
_NOT_LETTERS = "".join(ch for ch in map(chr, range(128)) if not ch.isalpha())
_NOT_ALNUM = "".join(ch for ch in map(chr, range(128)) if not ch.isalnum())
_BYLINE_END = {"by", "par", "von", "por", "di", "door", "de"}


def fold(text: str) -> str:
    """Case-folded NFC text with typographic apostrophes made plain."""
    return unicodedata.normalize("NFC", text).casefold().replace("’", "'").replace("‘", "'").replace("`", "'")


def line_key(line: str) -> str:
    """The form a line is compared to phrase lists in: case-folded, counts and edge punctuation gone.

    >>> line_key("  » Comments (12) ")
    'comments'
    """
    if line.isascii() and not _ASCII_KEY_WORK.search(line):  # no count, no separator: the edges go, spaces collapse
        return " ".join(line.lower().replace("`", "'").replace("(s)", "s").lstrip(_NOT_LETTERS).rstrip(_NOT_ALNUM).split())
    key = _KEY_COUNT.sub(" ", fold(line).replace("(s)", "s"), timeout=TIMEOUT)
    key = _KEY_SEPARATOR.sub(" ", _KEY_STRIP.sub("", key, timeout=TIMEOUT), timeout=TIMEOUT)
    return _SPACES.sub(" ", key, timeout=TIMEOUT).strip()


_ALNUM = re.compile(r"[^\W_]")  # linear: one character class; a character str.isalnum() accepts


def count_words(text: str) -> int:
    """Words in ``text``: whitespace-separated tokens with a letter or digit (a lone ``)`` is not a word).

    >>> count_words("Home ) , News")
    2
    """
    return len(list(filter(_ALNUM.search, text.split())))  # one search per token, linear


def tokens(line: str) -> list[str]:
    """The word tokens of a line, case-folded (``'Share.'`` → ``['share.']``)."""
    if not line.isascii():
        return _TOKEN.findall(fold(line), timeout=TIMEOUT)
    runs = _ASCII_RUN.findall(line.lower().replace("`", "'"))  # folding ASCII is lowercasing it
    out: list[str] = []
    odd = 0
    for seen, run in enumerate(runs):
        if run.isalnum() or run[:-1].isalnum() and run[-1] in ".+":  # most runs: one word, maybe with its full stop
            out.append(run)
        elif 4 * (odd := odd + 1) > seen + ODD_RUNS:  # runs to look at one by one are common: the whole line at once
            return _TOKEN.findall(fold(line), timeout=TIMEOUT)
        else:
            out += _TOKEN.findall(run, timeout=TIMEOUT)
    return out


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: one instance per configuration
class Vocabulary:
    """Every phrase and word list of the family, as look-up tables."""

    phrases: Mapping[str, str]  # line key -> family
    vocab: Mapping[str, frozenset[tuple[str, ...]]]  # vocabulary -> token tuples
    longest: int  # tokens in the longest vocabulary entry
    prefix_family: Mapping[str, str]  # teaser and label keys: "read more", "filed under"
    contains_family: Mapping[str, str]  # prompt/copyright/credit phrases found inside a short line
    contains_longest: int
    contains_first: frozenset[str]  # the first words of contains_family's phrases
    credit_starts: frozenset[str]
    seam_family: Mapping[str, str]  # phrases cut where they are glued to a paragraph
    seam_longest: int
    stopwords: Mapping[str, frozenset[str]]  # language -> stop words
    all_stopwords: frozenset[str]
    reader: Mapping[str, int]  # word -> bits of READER_CLASSES (words that address the reader, see data/reader/)
    known_classes: dict[str, int] = field(default_factory=dict, repr=False)  # memo of token_class, read directly by hot loops

    def token_class(self, token: str) -> int:
        """The word lists a case-folded token belongs to, as :data:`TOKEN_BITS` bits.

        >>> voc = vocabulary()
        >>> counts = class_counts(voc.token_class(t) for t in ("the", "facebook", "monday", "2024", "subscribe"))
        >>> {name: n for name, n in zip(TOKEN_BITS, counts) if n}
        {'stop': 1, 'social': 1, 'nav': 1, 'calendar': 1, 'number': 1, 'action': 1}
        """
        bits = self.known_classes.get(token)
        if bits is None:
            if len(self.known_classes) >= MEMO_TOKENS:
                self.known_classes.clear()
            bits = self.known_classes[token] = self._classify(token)
        return bits

    def _classify(self, token: str) -> int:
        one, v = (token,), self.vocab
        bits = (
            (token in self.all_stopwords) * STOP
            | (one in v["social"]) * SOCIAL
            | (one in v["nav"]) * NAV
            | (one in v["month"] or one in v["weekday"] or one in v["time"]) * CALENDAR
            | token[:1].isdigit() * NUMBER
        )
        return bits | (reader_bits(token, self.reader) << READER_SHIFT if self.reader else 0)

    def contained(self, toks: Sequence[str]) -> tuple[str, str] | None:
        """The first (phrase, family) of ``contains_family`` among the n-grams of ``toks``."""
        n, first = len(toks), self.contains_first
        for i in range(n):
            if toks[i] not in first and toks[i].rstrip(".") not in first:  # no phrase starts here
                continue
            for size in range(min(self.contains_longest, n - i), 0, -1):
                phrase = " ".join(toks[i : i + size]).rstrip(".")
                family = self.contains_family.get(phrase)
                if family is not None:
                    return phrase, family
        return None

    def starts_with_credit(self, toks: Sequence[str]) -> bool:
        return any(" ".join(toks[:size]).rstrip(".") in self.credit_starts for size in range(1, min(6, len(toks)) + 1))


def _entries(extra: Mapping[str, Sequence[str]]) -> list[tuple[str, str]]:
    out = []
    for name in data_files("boilerplate"):
        for line in load_list(f"boilerplate/{name}"):
            family, sep, phrase = line.partition(": ")
            if sep and phrase.strip():
                out.append((family.strip(), phrase.strip()))
    for family, phrases in extra.items():
        out.extend((family, p) for p in phrases)
    return out


#: The classes of the reader-address lexicon (``data/reader/<lang>.txt``), one bit each in ``Vocabulary.reader``.
READER_CLASSES = ("you", "our", "action", "site")
#: The bits of :meth:`Vocabulary.token_class`: a stop word, a social network, a section name, a date
#: or time word, a token opening with a digit, then the reader classes (shifted by READER_SHIFT).
STOP, SOCIAL, NAV, CALENDAR, NUMBER = 1, 2, 4, 8, 16
READER_SHIFT = 5
TOKEN_BITS = ("stop", "social", "nav", "calendar", "number") + READER_CLASSES
#: Distinct tokens remembered by Vocabulary.token_class before the memo starts again (bounds memory).
MEMO_TOKENS = 200_000


def class_counts(classes: Iterable[int]) -> list[int]:
    """How many of the token classes ``classes`` (:meth:`Vocabulary.token_class`) hold each bit, in the order of :data:`TOKEN_BITS`."""
    counts = [0] * len(TOKEN_BITS)
    for bits, times in Counter(classes).items():  # a line's tokens fall into a few distinct classes
        for k in _SET_BITS[bits] if bits < len(_SET_BITS) else (k for k in range(len(TOKEN_BITS)) if bits >> k & 1):
            counts[k] += times
    return counts


#: For each class value, the indices of its bits in :data:`TOKEN_BITS` (most tokens have no bit or one).
_SET_BITS = tuple(tuple(k for k in range(len(TOKEN_BITS)) if bits >> k & 1) for bits in range(1 << len(TOKEN_BITS)))


def _reader_lexicon() -> dict[str, int]:
    """Word -> bit set of the reader classes it belongs to, over every language."""
    bits: dict[str, int] = {}
    for name in data_files("reader"):
        for line in load_list(f"reader/{name}"):
            cls, sep, words = line.partition(":")
            if sep and cls.strip() in READER_CLASSES:
                bit = 1 << READER_CLASSES.index(cls.strip())
                for word in words.split():
                    word = fold(word)
                    bits[word] = bits.get(word, 0) | bit
    return bits


def reader_bits(token: str, lexicon: Mapping[str, int]) -> int:
    """The reader classes of a case-folded token; an elided article or pronoun is looked through.

    >>> lex = {"abonnez-vous": 4, "article": 8}
    >>> reader_bits("l'article", lex), reader_bits("abonnez-vous", lex), reader_bits("article.", lex), reader_bits("prices", lex)
    (8, 4, 8, 0)
    """
    bits = lexicon.get(token)
    if bits is None:
        token = token.rstrip(".")  # the tokenizer keeps an abbreviation's dot: 'comment.' is 'comment'
        at = token.find("'")
        bits = lexicon.get(token[at + 1 :] if 0 < at <= 2 else token, 0)
    return bits


def _stopwords() -> dict[str, frozenset[str]]:
    out = {}
    for name in data_files("stopwords"):
        out[name[:-4]] = frozenset(w for line in load_list(f"stopwords/{name}") for w in line.split())
    return out


def build_vocabulary(extra: Mapping[str, Sequence[str]] | None = None) -> Vocabulary:
    """Load the phrase families of ``data/boilerplate/`` plus ``extra`` (family -> phrases)."""
    phrases: dict[str, str] = {}
    vocab: dict[str, set[tuple[str, ...]]] = {v: set() for v in VOCABULARIES}
    for family, phrase in _entries(extra or {}):
        if family in vocab:
            vocab[family].add(tuple(tokens(phrase)))
        elif family in PHRASE_FAMILIES:
            key = line_key(phrase)
            if key:
                phrases[key] = family
    labels = {t[0] for t in vocab["label"]}
    prefix_family = {
        p: f for p, f in phrases.items() if (f == "promo" and len(p) > 3) or (f == "navigation" and (" " in p or p in labels))
    }
    contains_family: dict[str, str] = {}
    credit_starts = set()
    for p, f in phrases.items():
        words = p.split()
        if f == "credit":
            credit_starts.add(p)
            if len(words) >= 2 and words[-1] not in _BYLINE_END:
                contains_family[p] = f
        elif f in ("prompt", "copyright") and len(words) >= 3:
            contains_family[p] = f
    seam = {p: f for p, f in phrases.items() if f in ("share", "navigation", "prompt") and (count_words(p) >= 2 or f == "share")}
    stop = _stopwords()
    return Vocabulary(
        phrases=phrases,
        vocab={k: frozenset(v) for k, v in vocab.items()},
        longest=max((len(t) for v in vocab.values() for t in v), default=1),
        prefix_family=prefix_family,
        contains_family=contains_family,
        contains_longest=max((len(p.split()) for p in contains_family), default=1),
        contains_first=frozenset(p.split(" ")[0] for p in contains_family),
        credit_starts=frozenset(credit_starts),
        seam_family=seam,
        seam_longest=max((len(p) for p in seam), default=1),
        stopwords=stop,
        all_stopwords=frozenset().union(*stop.values()) if stop else frozenset(),
        reader=_reader_lexicon(),
    )


def vocabulary(extra: tuple[tuple[str, tuple[str, ...]], ...] = ()) -> Vocabulary:
    """The vocabulary for a configuration's ``extra_phrases`` (as sorted tuples), built once.

    ``vocabulary()`` and ``vocabulary(())`` are the same object, so the feature rows cached on a
    document by one step (keyed by its vocabulary) serve the next.
    """
    return _vocabulary(tuple(extra))


@lru_cache(maxsize=16)
def _vocabulary(extra: tuple[tuple[str, tuple[str, ...]], ...]) -> Vocabulary:
    return build_vocabulary(dict(extra))
