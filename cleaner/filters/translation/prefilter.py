"""Cheap tests deciding which repairs can apply to which paragraphs of a document.

:func:`paragraph_kinds` makes one pass over the whole document: it encodes the text once,
maps its bytes to classes with ``bytes.translate`` (``E`` a sentence mark, ``U`` a capital, a
quote, a bracket or any non-ASCII byte, ``P`` a punctuation mark…), and finds each kind's
triggers in it with ``bytes.find``.
Only the paragraphs holding a trigger get the exact test of :func:`could_apply_here`,
so a paragraph that cannot hold a kind of damage never sees its pattern.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import count, islice
from operator import eq, methodcaller
from typing import Callable, Iterator

from .fragments import may_have_orphan
from .punctuation import RUN_TOGETHER_HINT, SPACING_HINTS
from .sentences import found
from .words import PUNCTUATION_SPACES, has_doubled_word

_DOUBLED_MARKS = ("..", ",,", "?.", "!.", ",.", ";;", ". .")
_BRACKET_HINTS = (")", "]", "““", "””")
_APOSTROPHES = ("’", "'")
_QUOTE_ENDS = ("”", '"')
_CLOSE_QUOTES = ("”", "»")
_QUOTATION_ENDS = tuple(mark + quote for mark in ".!?" for quote in _QUOTE_ENDS) + ("”.", "”!", "”?")


def _stray_bracket_or_doubled_quote(t: str) -> bool:
    return "““" in t or "””" in t or t.count(")") + t.count("]") > t.count("(") + t.count("[")


def _doubled_mark(t: str) -> bool:
    return any(h in t for h in _DOUBLED_MARKS[1:]) or t.count("..") > t.count("...")


_HERE = {
    "bracket": _stray_bracket_or_doubled_quote,
    "spacing": lambda t: any(h in t for h in SPACING_HINTS),
    "run-together": lambda t: found(RUN_TOGETHER_HINT, t),
    "doubled-punctuation": _doubled_mark,
    "doubled-word": has_doubled_word,
    "orphan-fragment": may_have_orphan,
    "dangling-sentence": lambda t: t.endswith(".") and any(h in t[-90:] for h in _QUOTATION_ENDS),
    "broken-quote": lambda t: any(h in t for h in _CLOSE_QUOTES),
}


def could_apply_here(kind: str, paragraph: str) -> bool:
    """Whether ``kind`` could repair something in ``paragraph`` (exact; ``apostrophe`` and ``style``: always)."""
    return kind in ("apostrophe", "style") or _HERE[kind](paragraph)


def _classes(**classes: str) -> bytes:
    """A ``bytes.translate`` table: each keyword's characters to its letter, ``_`` to the non-ASCII bytes, others to ``x``."""
    table = bytearray(b"x" * 128 + b"N" * 128)
    for cls, chars in classes.items():
        for ch in chars:
            if ch == "_":
                table[128:] = cls.encode() * 128
            else:
                table[ord(ch)] = ord(cls)
    table[ord(" ")], table[ord("\n")] = ord(" "), ord("\n")
    return bytes(table)


_CAPITALS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
# Byte-class triggers of each kind, a superset of its exact test: a translation table, the
# needles to find in the translated document, and the non-ASCII characters that count too.
_MARK_THEN = _classes(E=".!?", U=_CAPITALS + "_\")(")  # a mark before a capital, a quote or a bracket
_SPACED = _classes(P=".!?,;:)]", O="([")
_DOUBLED = _classes(P=".!?,;")
_TRIGGERS: dict[str, tuple[bytes, tuple[bytes, ...], str]] = {
    "spacing": (_SPACED, (b" P", b"O "), "“”"),
    "run-together": (_MARK_THEN, (b"EU",), "…"),
    "doubled-punctuation": (_DOUBLED, (b"PP", b"P P"), ""),
    "dangling-sentence": (_MARK_THEN, (b"EU",), "”"),
    "bracket": (b"", (b")", b"]"), "“”"),
    "broken-quote": (b"", (), "”»"),
}
# str.split() whitespace beyond ASCII, and the punctuation has_doubled_word reads as a space
_WIDE_SPACES = tuple(ch.encode() for ch in map(chr, range(0x80, 0x3001)) if ch.isspace())
_WORD_BYTES = bytes.maketrans(
    bytes(c for c in PUNCTUATION_SPACES.encode() if c < 128) + b"\x0b\x0c\x1c\x1d\x1e\x1f",
    b" " * (sum(ch.isascii() for ch in PUNCTUATION_SPACES) + 6),
)
_WIDE_PUNCTUATION = tuple(ch.encode() for ch in PUNCTUATION_SPACES if not ch.isascii())
# Both lists in one pass: a UTF-8 sequence never overlaps another, nor one a space could make.
_WIDE_TO_SPACE = re.compile(b"|".join(map(re.escape, _WIDE_PUNCTUATION + _WIDE_SPACES)))  # linear: an alternation of literals


_LINE_BREAK = re.compile(b"\n")  # linear: one character
_END = methodcaller("end")


def _holding(data: bytes, line_starts: Callable[[], list[int]], needle: bytes, into: set[int]) -> None:
    """Add to ``into`` the paragraphs (by their byte starts, asked for once ``needle`` is found) of ``data`` that hold ``needle``."""
    pos = data.find(needle)
    starts = line_starts() if pos != -1 else []
    while pos != -1:
        j = bisect_right(starts, pos) - 1
        into.add(j)
        if j + 1 == len(starts):
            return
        pos = data.find(needle, starts[j + 1])


#: Paragraphs are encoded and searched for doubled words this many at a time: few calls per
#: paragraph (a million one-word lines), and no copy of the whole text as ``str`` (up to 4 bytes a character).
_BLOCK = 4096


def _blocks(items: list, size: int = _BLOCK) -> Iterator[list]:
    return (items[k : k + size] for k in range(0, len(items), size))


def _encoded(paragraphs: list[str], lower: bool = False) -> bytes:
    """The paragraphs joined by line breaks, in UTF-8 (lowercased), built block by block.  A line break
    is neither cased nor case-ignorable, so lowering each block gives what lowering the whole text gives."""
    blocks = ("\n".join(block) for block in _blocks(paragraphs))
    return b"\n".join((b.lower() if lower else b).encode("utf-8", "surrogatepass") for b in blocks)


def _doubled_word_paragraphs(paragraphs: list[str], ascii_only: bool) -> set[int]:
    """The paragraphs where :func:`has_doubled_word` holds, with one lowercasing of the document.

    A block of lines is split into words as one text: only a block where a word follows itself
    (in a line, or from one line's end to the next line's start) is read line by line.
    """
    data = _encoded(paragraphs, lower=True).translate(_WORD_BYTES)
    if not ascii_only:
        data = _WIDE_TO_SPACE.sub(b" ", data)
    lines = data.split(b"\n")
    if len(lines) != len(paragraphs):  # a paragraph with a line break of its own: test each alone
        return {i for i, para in enumerate(paragraphs) if has_doubled_word(para)}
    found: set[int] = set()
    for k, block in zip(count(0, _BLOCK), _blocks(lines)):
        tokens = b"\n".join(block).split()
        if any(map(eq, tokens, islice(tokens, 1, None))):
            found.update(k + i for i, line in enumerate(block) if any(map(eq, (words := line.split()), islice(words, 1, None))))
    return found


#: Paragraphs are looked at in runs of about this many characters: the document's encoded copies
#: (one per trigger table) stay small however long it is.
CHUNK_CHARS = 1_000_000


def paragraph_kinds(paragraphs: list[str], kinds: list[str], known: dict[str, set[int]] | None = None) -> dict[int, list[str]]:
    """For each paragraph where one of ``kinds`` could repair something, those kinds (in ``kinds`` order).

    The same answer as asking :func:`could_apply_here` about every kind and paragraph;
    ``known`` gives that answer already computed for some kinds (the paragraphs where they apply).
    Each answer is a paragraph's own, so runs of paragraphs are looked at one after the other
    (unless a paragraph holds a line break: the whole document is then looked at as one run).
    """
    starts = [0]
    if not any("\n" in p for p in paragraphs):
        size = 0
        for i, n in enumerate(map(len, paragraphs)):
            size += n
            if size >= CHUNK_CHARS:
                starts.append(i + 1)
                size = 0
    if len(starts) == 1 or starts[-1] < len(paragraphs):
        starts.append(len(paragraphs))
    parts: list[dict[str, set[int]]] = [{kind: set() for kind in known or {}} for _ in starts[1:]]
    for kind, where in (known or {}).items():
        for i in where:
            k = bisect_right(starts, i) - 1
            parts[k][kind].add(i - starts[k])
    out: dict[int, list[str]] = {}
    for lo, hi, part in zip(starts, starts[1:], parts):
        out.update((lo + i, found) for i, found in _run_kinds(paragraphs[lo:hi], kinds, part).items())
    return out


def _run_kinds(paragraphs: list[str], kinds: list[str], known: dict[str, set[int]]) -> dict[int, list[str]]:
    """:func:`paragraph_kinds` of one run of paragraphs."""
    data = _encoded(paragraphs)
    ascii_only = data.isascii()
    starts: list[int] = []

    def line_starts() -> list[int]:  # only when a trigger is found: a million short lines may hold none
        if not starts:
            starts.extend([0, *map(_END, _LINE_BREAK.finditer(data))])
        return starts

    everywhere = range(len(paragraphs))
    found_in = {kind: where for kind, where in (known or {}).items() if kind in kinds}
    translated: dict[bytes, bytes] = {b"": data}
    for kind in kinds:
        if kind in found_in:
            continue
        if kind == "doubled-word":
            found_in[kind] = _doubled_word_paragraphs(paragraphs, ascii_only)
        elif kind in _TRIGGERS:
            table, needles, wide = _TRIGGERS[kind]
            if table not in translated:
                translated[table] = data.translate(table)
            where: set[int] = set()
            for needle in needles:
                _holding(translated[table], line_starts, needle, where)
            for ch in wide:
                if not ascii_only and ch.encode() in data:  # UTF-8: a character's bytes occur only where it does
                    if len(line_starts()) == len(paragraphs):
                        _holding(data, line_starts, ch.encode(), where)
                    else:  # a paragraph with a line break of its own
                        where.update(i for i, para in enumerate(paragraphs) if ch in para)
            found_in[kind] = {i for i in where if could_apply_here(kind, paragraphs[i])}
        else:
            found_in[kind] = everywhere if kind == "apostrophe" else {i for i in everywhere if could_apply_here(kind, paragraphs[i])}
    out: dict[int, list[str]] = {}
    for i in sorted(set().union(*found_in.values())):
        out[i] = [kind for kind in kinds if i in found_in[kind]]
    return out
