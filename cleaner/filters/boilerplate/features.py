"""Phase 1 — features: one table per document, one row per line, computed in one pass.

Every judge of the family (the rules, the model, the context revision, the
regions of a whole-page dump, the title and duplicate steps) reads this table
instead of recomputing words, keys and tokens.  The table is cached on the
:class:`~cleaner.document.Document`, keyed by its paragraphs, so steps that run
one after the other share it: rows are cached by paragraph text, so after a
step removes lines the next one computes nothing again.

>>> table = line_table(["Share on Facebook", "Prices rose sharply in March, the office said."])
>>> table[0].phrase, table[0].words, table[1].terminal
('share', 3, True)
"""

from __future__ import annotations

import re
from typing import Sequence

import regex

from ...document import Document
from ...patterns import TIMEOUT
from .lexicon import lexicon_values, load_lexicon
from .vocabulary import READER_SHIFT, Vocabulary, class_counts, count_words, line_key, tokens, vocabulary

_CLOSERS = "'\"”’»)] \t"
_TERMINAL_MARKS = tuple(".!?…:;")
_SEPARATOR = regex.compile(r"(?:^|\s)[|·•»›>](?:\s|$)")
#: URL, e-mail address and handle shapes (the link rule strips them from a line too).
URLISH = regex.compile(
    r"(?:https?://|www\.)\S+|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b|(?<!\w)@\w{2,}"
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|co\.uk|io|fr|de|es|it|pt|nl|br)(?:/\S*)?"
)
#: A list marker opening the (stripped) line, then white space (Unicode White_Space, as ``regex``'s ``\s``).
_BULLET = re.compile(r"[-•*·–][\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]")  # linear: two classes
#: A small price: a currency sign beside an amount not followed by million/billion (a subscription offer,
#: a donation ask — news quotes sums of money in millions).
_PRICE = regex.compile(r"[$€£]\s?\d[\d.,]*(?!\s*(?:[mb]n?|million|billion|bn|mrd|mio|milliard|miljard|milh|mil)\b)(?![\d.,])"
                       r"|(?<![\d.,])\d[\d.,]*\s?[$€£]", regex.IGNORECASE)
_MONEY = re.compile("[$€£]")  # linear: one class
#: Quotation marks that open or close quoted speech (a straight double quote too).
_QUOTES = re.compile('[“”„«»"]')  # linear: one class
_CAPITALISED = regex.compile(r"(?<!\S)\p{Lu}")
_ASCII_CAPITALISED = re.compile(r"(?<!\S)[A-Z]", re.ASCII)  # linear: a class after a class; _CAPITALISED on ASCII text
_DIGITS = re.compile(r"\d")  # linear: one character class, no repetition
_PUNCT = re.compile(r"[^\w\s]|_")  # linear: single characters, no repetition
SEPARATOR_CHARS = re.compile(r"[|·•»›>]")  # linear: one class
_URL_HINT = regex.compile(r"://|www\.|@|\.(?:com|org|net|co\.uk|io|fr|de|es|it|pt|nl|br)\b")
#: Lines longer than this (in characters) are no phrase: their key is not computed.
KEY_CHARS = 200
#: Marks between a teaser or label and the link text after it ('Read more: …', 'Tags » …').
_PREFIX_MARKS = (":", "»", ">", "|", "–", "—", " - ")


class Line:
    """The features of one line (see the module docstring); ``text`` is the stripped line."""

    __slots__ = (
        "text", "key", "toks", "words", "terminal", "phrase", "prefix", "prefix_rest", "stop_share",
        "cap_share", "digit_share", "separators", "urls", "bullet", "table_row", "social", "nav", "calendar",
        "numbers", "chars", "sentences", "punct_share", "you", "our", "action", "site", "reader", "opens_action", "price",
        "lex_mean", "lex_strong", "verdicts", "line_score",
    )

    def __init__(self, raw: str, voc: Vocabulary, pool: dict[str, str] | None = None):
        text = raw.strip()
        self.text = text
        self.chars = len(text)
        self.key = line_key(text) if len(text) <= KEY_CHARS else ""  # phrases are short: no key for long lines
        # A tuple (no garbage-collector work once looked at); with ``pool`` (a document's words), one string per word.
        toks = tokens(text)
        self.toks = tuple(toks if pool is None else map(pool.setdefault, toks, toks))
        self.words = count_words(text)
        self.terminal = text.rstrip(_CLOSERS)[-1:] in _TERMINAL_MARKS if text else False
        self.phrase = voc.phrases.get(self.key)
        self.prefix, self.prefix_rest = _prefix(text, voc)
        toks = self.toks
        n = len(toks) or 1
        ascii_text = text.isascii()  # ``re`` finds the same on ASCII text, faster
        capitals = _ASCII_CAPITALISED.findall(text) if ascii_text else _CAPITALISED.findall(text, timeout=TIMEOUT)
        self.cap_share = len(capitals) / max(1, self.words)
        self.digit_share = len(_DIGITS.findall(text)) / max(1, self.chars)
        self.punct_share = len(_PUNCT.findall(text)) / max(1, self.chars)
        self.separators = len(_SEPARATOR.findall(text, timeout=TIMEOUT)) if SEPARATOR_CHARS.search(text) else 0
        self.urls = len(URLISH.findall(text, timeout=TIMEOUT)) if _URL_HINT.search(text, timeout=TIMEOUT) else 0
        self.bullet = bool(_BULLET.match(text))
        self.table_row = text[:1] == "|" and text[-1:] == "|"
        self.sentences = text.count(". ") + text.count("? ") + text.count("! ") + self.terminal
        # One look-up per token (memoised by the vocabulary), then counts per word list.
        known = voc.known_classes
        classes = list(map(known.get, toks))
        if None in classes:
            classes = [voc.token_class(t) if c is None else c for c, t in zip(classes, toks)]
        stop, social, nav, calendar, numbers, you, our, action, site = class_counts(classes)
        self.stop_share, self.social, self.nav, self.calendar, self.numbers = stop / n, social / n, nav / n, calendar / n, numbers / n
        # Reader address (data/reader/): words that talk to the reader, in the site's voice, about acting on the site.
        # Quoted speech talks in its speaker's person, not the site's: its "we" and "you" are no address.
        quoted = _QUOTES.search(text) is not None
        self.you = 0 if quoted else you
        self.our = 0 if quoted else our
        self.action, self.site = action, site
        self.reader = self.you + self.our + self.action + self.site
        self.opens_action = bool(classes) and bool(classes[0] >> READER_SHIFT & 4)
        self.price = _MONEY.search(text) is not None and bool(_PRICE.search(text, timeout=TIMEOUT))
        # Learned word evidence (lexicon.json): the mean weight of the words, how many strong furniture words.
        self.lex_mean, self.lex_strong = lexicon_values(toks, load_lexicon())
        #: Verdicts of the rules that read the line alone, memoised by the rules (a line judged again
        #: in a later round, a settle round or as a repeated line costs a look-up).
        self.verdicts: dict = {}
        #: (model, the line's own part of its score), remembered by :meth:`.model.Model.score`.
        self.line_score: tuple | None = None

    def __repr__(self) -> str:
        return f"Line({self.text[:40]!r}, words={self.words})"


def _prefix(text: str, voc: Vocabulary) -> tuple[str | None, str]:
    """The teaser or label a line opens with ('Read more: …' → ('read more', 'promo')) and the text after it."""
    head_end = -1
    for mark in _PREFIX_MARKS:
        at = text.find(mark, 1, 60)
        if at > 0 and (head_end < 0 or at < head_end):
            head_end = at
    if head_end < 0:
        return None, ""
    key = line_key(text[:head_end])
    family = voc.prefix_family.get(key)
    if family is None:
        return None, ""
    rest = text[head_end:].lstrip(":»>|–—- ").strip()
    return (f"{family}:{key}" if rest else None), rest


def line_table(paragraphs: Sequence[str], voc: Vocabulary | None = None) -> list[Line]:
    """The feature rows of ``paragraphs``, in order."""
    voc = voc or vocabulary()
    return [Line(p, voc) for p in paragraphs]


_CACHE = "boilerplate.rows"


def document_table(doc: Document, voc: Vocabulary | None = None) -> list[Line]:
    """The feature table of ``doc``; rows are cached on it by paragraph text (``doc.cache``), so a later
    step, or a settle round of the same document, reuses them."""
    voc = voc or vocabulary()
    cached = doc.cache.get(_CACHE)
    if cached is None or cached[0] is not voc:
        cached = doc.cache[_CACHE] = (voc, {}, {})
    rows, pool = cached[1], cached[2]
    table = []
    for p in doc.paragraphs:
        row = rows.get(p)
        if row is None:
            row = rows[p] = Line(p, voc, pool)
        table.append(row)
    return table


__all__ = ["Line", "line_table", "document_table"]
