"""Cheap tests deciding which repairs can apply to a document, then to each paragraph.

Each test uses plain string operations or one short pattern, so a document or paragraph
that cannot hold a kind of damage costs almost nothing: ``repair_typography`` runs a
repair only where its test passes, and never runs a pattern on text it cannot match.
"""

from __future__ import annotations

from .fragments import may_have_orphan
from .punctuation import RUN_TOGETHER_HINT, SPACING_HINTS
from .sentences import found
from .words import has_doubled_word

_DOUBLED_MARKS = ("..", ",,", "?.", "!.", ",.", ";;", ". .")
_BRACKET_HINTS = (")", "]", "““", "””")
_APOSTROPHES = ("’", "'")
_QUOTE_ENDS = ("”", '"')
_CLOSE_QUOTES = ("”", "»")
_UNCHECKED = frozenset({"orphan-fragment", "apostrophe"})  # decided with the whole document
_ANYWHERE = {
    "bracket": lambda t: any(h in t for h in _BRACKET_HINTS),
    "spacing": lambda t: any(h in t for h in SPACING_HINTS),
    "run-together": lambda t: found(RUN_TOGETHER_HINT, t),
    "doubled-punctuation": lambda t: any(h in t for h in _DOUBLED_MARKS),
    "doubled-word": has_doubled_word,
    "apostrophe": lambda t: any(h in t for h in _APOSTROPHES),
    "dangling-sentence": lambda t: any(h in t for h in _QUOTE_ENDS),
    "broken-quote": lambda t: any(h in t for h in _CLOSE_QUOTES),
}
_QUOTATION_ENDS = tuple(mark + quote for mark in ".!?" for quote in _QUOTE_ENDS) + ("”.", "”!", "”?")


def _stray_bracket_or_doubled_quote(t: str) -> bool:
    return "““" in t or "””" in t or t.count(")") + t.count("]") > t.count("(") + t.count("[")


def _doubled_mark(t: str) -> bool:
    return any(h in t for h in _DOUBLED_MARKS[1:]) or t.count("..") > t.count("...")


_HERE = {
    **_ANYWHERE,
    "bracket": _stray_bracket_or_doubled_quote,
    "doubled-punctuation": _doubled_mark,
    "orphan-fragment": may_have_orphan,
    "dangling-sentence": lambda t: t.endswith(".") and any(h in t[-90:] for h in _QUOTATION_ENDS),
}


def could_apply(text: str, kinds: set[str]) -> set[str]:
    """The kinds of ``kinds`` that could repair something somewhere in ``text`` (a whole document)."""
    return {kind for kind in kinds if kind in _UNCHECKED or _ANYWHERE[kind](text)}


def could_apply_here(kind: str, paragraph: str) -> bool:
    """Whether ``kind`` could repair something in ``paragraph``."""
    return kind == "apostrophe" or _HERE[kind](paragraph)



