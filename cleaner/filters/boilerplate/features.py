"""Phase 1 — features: one table per document, one row per line, computed in one pass.

Every judge of the family (the rules, the model, the context revision, the
regions of a whole-page dump, the title and duplicate steps) reads this table
instead of recomputing words, keys and tokens.  The table is cached on the
:class:`~cleaner.document.Document`, keyed by its paragraphs, so steps that run
one after the other on an unchanged document share it.

>>> table = line_table(["Share on Facebook", "Prices rose sharply in March, the office said."])
>>> table[0].phrase, table[0].words, table[1].terminal
('share', 3, True)
"""

from __future__ import annotations

from typing import Sequence

import regex

from ...document import Document
from .vocabulary import Vocabulary, count_words, line_key, tokens, vocabulary

_TERMINAL = regex.compile(r"[.!?…:;]['\"”’»)\]]*\s*$")
_SEPARATOR = regex.compile(r"(?:^|\s)[|·•»›>](?:\s|$)")
_URLISH = regex.compile(
    r"(?:https?://|www\.)\S+|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b|(?<!\w)@\w{2,}"
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|co\.uk|io|fr|de|es|it|pt|nl|br)(?:/\S*)?"
)
_BULLET = regex.compile(r"^\s*[-•*·–]\s")
_TABLE_ROW = regex.compile(r"^\|.*\|$")
_NUMBER = regex.compile(r"\d+(?:st|nd|rd|th|h|er|e|º|ª|o|am|pm)?\d*\.?")
#: Marks between a teaser or label and the link text after it ('Read more: …', 'Tags » …').
_PREFIX_MARKS = (":", "»", ">", "|", "–", "—", " - ")


class Line:
    """The features of one line (see the module docstring); ``text`` is the stripped line."""

    __slots__ = (
        "text", "key", "toks", "words", "terminal", "phrase", "prefix", "prefix_rest", "stop_share",
        "cap_share", "digit_share", "separators", "urls", "bullet", "table_row", "social", "nav", "calendar",
        "numbers", "chars",
    )

    def __init__(self, raw: str, voc: Vocabulary):
        text = raw.strip()
        self.text = text
        self.chars = len(text)
        self.key = line_key(text)
        self.toks = tokens(text)
        self.words = count_words(text)
        self.terminal = bool(_TERMINAL.search(text))
        self.phrase = voc.phrases.get(self.key)
        self.prefix, self.prefix_rest = _prefix(text, voc)
        toks = self.toks
        n = len(toks) or 1
        stop = voc.all_stopwords
        self.stop_share = sum(1 for t in toks if t in stop) / n
        self.cap_share = sum(1 for w in text.split() if w[:1].isupper()) / max(1, self.words)
        self.digit_share = sum(c.isdigit() for c in text) / max(1, self.chars)
        self.separators = len(_SEPARATOR.findall(text))
        self.urls = len(_URLISH.findall(text)) if ("." in text or "@" in text) else 0
        self.bullet = bool(_BULLET.match(text))
        self.table_row = bool(_TABLE_ROW.match(text))
        v = voc.vocab
        self.social = sum(1 for t in toks if (t,) in v["social"]) / n
        self.nav = sum(1 for t in toks if (t,) in v["nav"]) / n
        self.numbers = sum(1 for t in toks if _NUMBER.fullmatch(t)) / n
        self.calendar = sum(1 for t in toks if (t,) in v["month"] or (t,) in v["weekday"] or (t,) in v["time"]) / n

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


def document_table(doc: Document, voc: Vocabulary | None = None) -> list[Line]:
    """The feature table of ``doc``, computed once per paragraph list and vocabulary and cached on it."""
    voc = voc or vocabulary()
    key = (tuple(doc.paragraphs), id(voc))
    cached = getattr(doc, "_boilerplate_table", None)
    if cached is not None and cached[0] == key:
        return cached[1]
    table = line_table(doc.paragraphs, voc)
    doc._boilerplate_table = (key, table)  # type: ignore[attr-defined]
    return table


__all__ = ["Line", "line_table", "document_table"]
