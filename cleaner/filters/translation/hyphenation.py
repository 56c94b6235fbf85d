"""The ``join_hyphenated_lines`` step: words broken across a line end."""

from __future__ import annotations

from typing import Any

import regex

from ...patterns import load_list
from ...registry import Rewrite, text_transform
from .sentences import FAMILY, sub

_PREFIXES = frozenset(load_list("translation/hyphen_prefixes.txt"))
_COMPOUND_ENDS = frozenset(load_list("translation/hyphen_compound_ends.txt"))
_WORD_ENDINGS = frozenset(load_list("translation/word_endings.txt"))
_SUSPENDED = frozenset(load_list("translation/suspended_hyphen_words.txt"))


_HYPHEN_BREAK = regex.compile(r"(?<![\p{L}\p{N}])(?P<chain>(?:\p{L}+-)*)(?P<first>\p{L}*\p{Ll}{2})-[ \t]*\n\s*(?P<second>\p{Ll}[\p{L}'’]*)")


@text_transform(family=FAMILY)
def join_hyphenated_lines(text: str) -> str | Rewrite:
    """Join words hyphenated across a line break: ``"contin-\\nued"`` → ``"continued"``.

    Only a line ending in a hyphen after two lowercase letters, followed by a line starting
    in lowercase, is joined.  The rule, in order:

    1. a conjunction after the hyphen is joined with a space (``"pre-\\nand post-war"``);
    2. the hyphen is kept when the document writes the hyphenated form elsewhere, and
       dropped when it writes the joined form elsewhere;
    3. it is dropped when the second part is a suffix (``"cross-\\ning"`` → ``"crossing"``);
    4. it is kept in a hyphenated chain (``"state-of-the-\\nart"``), after a compound-forming
       word (``self``, ``well``, ``twenty``…: ``"well-\\nknown"`` → ``"well-known"``) and before
       a compound ending (``based``, ``owned``…);
    5. otherwise it is dropped: without a word list ``"co-\\ndirector"`` cannot be told from
       ``"pre-\\nvious"``, and ordinary words broken at a line end are the common case.
    """
    if "-\n" not in text and not regex.search(r"-[ \t]+\n", text):
        return text
    lowered = text.lower()
    joins: list[str] = []

    def repl(m: Any) -> str:
        chain, first, second = m.group("chain"), m.group("first"), m.group("second")
        low_first, low_second = first.lower(), second.lower()
        hyphenated, joined = f"{first}-{second}", f"{first}{second}"
        if low_second in _SUSPENDED:
            out = f"{chain}{first}- {second}"
        elif hyphenated.lower() in lowered:
            out = chain + hyphenated
        elif joined.lower() in lowered:
            out = chain + joined
        elif low_second in _WORD_ENDINGS:
            out = chain + joined
        elif chain or low_first in _PREFIXES or low_second in _COMPOUND_ENDS:
            out = chain + hyphenated
        else:
            out = chain + joined
        joins.append(f"{chain}{first}-|{second} → {out}")
        return out

    # A word broken over three lines ("multi-\nmil-\nlion") needs a second pass: the first
    # match consumes the middle line.  Every pass removes a line break, so this ends.
    out = text
    while (joined_text := sub(_HYPHEN_BREAK, repl, out)) != out:
        out = joined_text
    if out == text:
        return text
    return Rewrite(out, "hyphenation: joined " + "; ".join(joins), "hyphenation")
