"""Sentence boundaries shared by the typography repairs: which full stop ends a sentence."""

from __future__ import annotations

from typing import Any, Callable

import regex

from ...patterns import TIMEOUT, load_list

FAMILY = "translation"

ABBREVIATIONS = frozenset(load_list("translation/abbreviations.txt"))
OPEN_QUOTES = "“‘«„"


def sub(pattern: regex.Pattern[str], repl: str | Callable[[Any], str], text: str) -> str:
    """``pattern.sub`` with the project's regex time limit."""
    return pattern.sub(repl, text, timeout=TIMEOUT)


_WORD = regex.compile(r"\p{L}[\p{L}'’-]*\p{L}")
_VOWEL = regex.compile(r"[aeiouyàâäáãåæéèêëěíìîïóòôöõøœúùûüůýÿаеёиоуыэюяіїєαεηιουωάέήίόύώ]", regex.IGNORECASE)
_NUMBER = regex.compile(r"\p{N}[\p{N}.,]*")


def _last_token(text: str, end: int) -> tuple[int, str]:
    """The whitespace-delimited token of ``text`` ending at ``end``, with its start."""
    start = max(text.rfind(" ", 0, end), text.rfind("\n", 0, end)) + 1
    return start, text[start:end]


def ends_sentence(text: str, end: int) -> bool:
    """True when the full stop at ``text[end]`` ends a sentence.

    The token before it must be a word of two letters or more that is not a known
    abbreviation, a lowercase word without a vowel, or a short lowercase word after a number:
    ``"Ukraine"``, ``"said"`` yes; ``"Mr"``, ``"U.S"``, ``"e.g"``, ``"J"``, ``"26"``, ``"mn"``,
    ``"100 tys"`` no.
    """
    start, token = _last_token(text, end)
    token = token.lstrip("([{" + OPEN_QUOTES + "\"'")
    if not token or not _WORD.fullmatch(token, timeout=TIMEOUT) or token.lower() in ABBREVIATIONS:
        return False
    # "mn.", "nr.", "млн.": a lowercase word without a vowel is an abbreviation; so is a short
    # lowercase word after a number ("100 tys.", "10 km.").
    if token.islower() and not _VOWEL.search(token, timeout=TIMEOUT):
        return False
    if len(token) <= 4 and token.islower():
        return not _NUMBER.fullmatch(_last_token(text, max(0, start - 1))[1], timeout=TIMEOUT)
    return True



_SENTENCE_START = regex.compile(r"(?<=[.!?][”’\"»)]*)\s+(?=[“\"‘«(]*\p{L})")
#: The same starts, only those whose word begins in lowercase (every match is one of ``_SENTENCE_START``).
LOWERCASE_START = regex.compile(r"(?<=[.!?][”’\"»)]*)\s+(?=[“\"‘«(]*\p{Ll})")
_NEXT_TOKEN = regex.compile(r"[“\"‘«(]*(\S+)")


def boundaries(text: str, starts: regex.Pattern[str] = _SENTENCE_START) -> list[tuple[int, str]]:
    """Sentence starts inside ``text`` (after a real sentence end): position and the word there.

    A full stop after an abbreviation and a word after a closing quote (``"Stop!" he said``)
    are not sentence starts.  ``starts=LOWERCASE_START`` gives only those whose word begins in lowercase.
    """
    out = []
    for m in starts.finditer(text, timeout=TIMEOUT):
        mark = m.start() - 1
        if text[mark] not in ".!?" or (text[mark] == "." and not ends_sentence(text, mark)):
            continue
        token = _NEXT_TOKEN.match(text, m.end(), timeout=TIMEOUT)
        if token:
            out.append((m.end(), token.group(1)))
    return out



#: Long texts are searched in slices of this many characters (each search has a time limit).
SLICE = 100_000
_OVERLAP = 16


def found(pattern: regex.Pattern[str], text: str) -> bool:
    """Whether ``pattern`` (a short, local pattern) occurs in ``text``, searched slice by slice."""
    return any(
        pattern.search(text, i, min(len(text), i + SLICE + _OVERLAP), timeout=TIMEOUT) for i in range(0, max(1, len(text)), SLICE)
    )
