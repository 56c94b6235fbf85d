"""The ``join_hyphenated_lines`` step: words broken across a line end."""

from __future__ import annotations

import re
from typing import Any, Callable, Iterator

import regex

from ...patterns import TIMEOUT, data_files, load_list
from ...registry import Rewrite, text_transform
from .lexicon import guess_language, zipf
from .sentences import FAMILY, SLICE, sub

_PREFIXES = frozenset(load_list("translation/hyphen_prefixes.txt"))
_COMPOUND_ENDS = frozenset(load_list("translation/hyphen_compound_ends.txt"))
_WORD_ENDINGS = frozenset(load_list("translation/word_endings.txt"))
_SUSPENDED = frozenset(load_list("translation/suspended_hyphen_words.txt"))
#: Pronouns written after a hyphen, per language (none for Spanish and Italian: their enclitics are
#: written joined, "dímelo", "dimmi").
_CLITICS = {name[:-4]: frozenset(load_list(f"translation/hyphen_clitics/{name}")) for name in data_files("translation/hyphen_clitics")}


#: When both parts are words, the joined word wins if it is common (at least this Zipf) and
#: at most ``JOINED_MARGIN`` rarer than the part after the hyphen: ``under|standing`` (4.8 vs
#: 4.9) is joined, ``re|election`` (3.3), ``long|term`` (2.8), ``co|director`` (1.4) keep their
#: hyphen.  Chosen on the dev part of benchmarks/repair.py (compound breaks 92.0% and word
#: breaks 96.5% right by this rule alone; with margin 0.5: 93.0% and 94.8%).
JOINED_MIN_ZIPF = 3.0
JOINED_MARGIN = 1.0
_LETTERS = regex.compile(r"\p{L}+")


def keeps_hyphen(first: str, second: str, language: str | None) -> bool | None:
    """What the word list says about ``first-|second``: keep the hyphen (True), drop it (False) or nothing (None).

    Both parts words and the joined form not: a compound (``long-|term``).  A part that is
    not a word and the joined form a word: a broken word (``pre-|vious``).  Both words and
    the joined form too: the joined form wins unless it is much rarer than the second part.

    >>> keeps_hyphen("co", "director", "en"), keeps_hyphen("pre", "vious", "en")
    (True, False)
    """
    if language is None:
        return None
    tail = _LETTERS.match(second, timeout=TIMEOUT)
    second = tail.group(0) if tail else second
    joined, first_z, second_z = zipf(first + second, language), zipf(first, language), zipf(second, language)
    if not joined:
        return True if first_z and second_z else None
    if not (first_z and second_z):
        return False
    return joined < max(JOINED_MIN_ZIPF, second_z - JOINED_MARGIN)


def clitic_keeps_hyphen(first: str, second: str, language: str | None) -> bool | None:
    """For ``second`` a pronoun ``language`` writes after a hyphen: keep the hyphen (True) unless
    ``first + second`` is a common word (False); None for any other ``second``.

    >>> clitic_keeps_hyphen("habituou", "se", "pt"), clitic_keeps_hyphen("par", "le", "fr"), clitic_keeps_hyphen("dit", "il", "es")
    (True, False, None)
    """
    if second not in _CLITICS.get(language or "", ()):
        return None
    return zipf(first + second, language) < JOINED_MIN_ZIPF


_SPACED_BREAKS = ("- \n", "-\t", "-  \n", "- \r")
#: What every match of ``_HYPHEN_BREAK`` holds (a hyphen, spaces or tabs, a line break; a long run of
#: spaces counts as one): a slice without it is not searched.
_LINE_END_HYPHEN = re.compile(r"-(?:[ \t]{0,99}\n|[ \t]{100})")  # linear: bounded runs of one class
_NEXT_PIECE = regex.compile(r"-[ \t]*\n\s*(\p{Ll}\p{L}*)")
_HYPHEN_BREAK = regex.compile(r"(?<![\p{L}\p{N}])(?P<chain>(?:\p{L}+-)*)(?P<first>\p{L}*\p{Ll}{2})-[ \t]*\n\s*(?P<second>\p{Ll}[\p{L}'’]*)")


def _slices(text: str) -> Iterator[tuple[int, int]]:
    """``text`` cut into [start, end) spans of about ``SLICE`` characters at line ends that no break crosses
    (the last character before the cut that is not white space is not a hyphen: ``"contin-\\n\\nued"``
    is not cut between its two line breaks)."""
    start = 0
    while len(text) - start > SLICE:
        cut = text.find("\n", start + SLICE)
        while cut != -1 and _crossable(text, cut + 1):
            cut = text.find("\n", cut + 1)
        if cut == -1:
            break
        yield start, cut + 1
        start = cut + 1
    yield start, len(text)


def _crossable(text: str, cut: int) -> bool:
    """Whether a match of ``_HYPHEN_BREAK`` (or of ``_NEXT_PIECE`` after one) may cross ``cut``, the
    position after a line break: only when the last character before it that is not a space is a
    hyphen (every line break of a match lies between its hyphen and its second part)."""
    end = cut
    while end > 0:
        before = text[max(0, end - 64) : end].rstrip()  # str.isspace covers every \s of the pattern
        if before:
            return before.endswith("-")
        end -= 64
    return False


def _break_windows(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` that hold every match of ``_HYPHEN_BREAK``: around each line-end hyphen,
    from a line start to a line end that no match crosses."""
    spans: list[tuple[int, int]] = []
    for hyphen in _LINE_END_HYPHEN.finditer(text):
        if spans and hyphen.start() < spans[-1][1]:
            continue
        start = text.rfind("\n", 0, hyphen.start()) + 1
        while start and _crossable(text, start):
            start = text.rfind("\n", 0, start - 1) + 1
        end = text.find("\n", hyphen.end() - 1) + 1
        while end and _crossable(text, end):
            end = text.find("\n", end) + 1
        spans.append((start, end or len(text)))
    return spans


def _utf8(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


def _lowered(text: str) -> bytes:
    """``text.lower()`` in UTF-8, lowered slice by slice: no lowered copy of a big text as ``str`` (up to 4
    bytes a character).  Slices end at a line break, which no lowercasing rule looks across; a UTF-8
    string is found in UTF-8 bytes only where it is found in the text.

    >>> _lowered("ΟΔΟΣ\\nAb") == "ΟΔΟΣ\\nAb".lower().encode()
    True
    """
    return b"".join(_utf8(text[start:end].lower()) for start, end in _slices(text))


def _spliced(text: str, changed: dict[tuple[int, int], str]) -> str:
    """``text`` with each span of ``changed`` (in text order) replaced by its new text, grown in place
    slice by slice: no copy of every piece beside the result (a big text's pieces add up to the text).

    >>> _spliced("ab-\\ncd ef", {(0, 6): "abcd"})
    'abcd ef'
    """
    out, last = "", 0
    for (start, end), piece in [*changed.items(), ((len(text), len(text)), "")]:
        for at in range(last, start, SLICE):
            out += text[at : min(at + SLICE, start)]
        out += piece
        last = end
    return out


def join_breaks(text: str, repl: Callable[[Any], str]) -> str:
    """``_HYPHEN_BREAK.sub(repl, text)``, the pattern run only on the spans of :func:`_break_windows`
    (it is slow to scan: every letter could start a match).  ``repl`` sees each match in its span.

    >>> join_breaks("A long line.\\nIt was contin-\\nued here.", lambda m: m.group("first") + m.group("second"))
    'A long line.\\nIt was continued here.'
    """
    pieces, last = [], 0
    for start, end in _break_windows(text):
        pieces += [text[last:start], sub(_HYPHEN_BREAK, repl, text[start:end])]
        last = end
    return "".join(pieces) + text[last:]


@text_transform(family=FAMILY)
def join_hyphenated_lines(text: str) -> str | Rewrite:
    """Join words hyphenated across a line break: ``"contin-\\nued"`` → ``"continued"``.

    Only a line ending in a hyphen after two lowercase letters, followed by a line starting
    in lowercase, is joined.  The rule, in order:

    1. a conjunction after the hyphen is joined with a space (``"pre-\\nand post-war"``);
    2. the hyphen is kept when the document writes the hyphenated form elsewhere, and
       dropped when it writes the joined form elsewhere;
    3. before a pronoun the language writes after a hyphen (``data/translation/hyphen_clitics/``)
       it is kept (``"dit-\\nil"``, ``"habituou-\\nse"``) unless the joined form is a common
       word (``"par-\\nle"`` → ``"parle"``);
    4. it is dropped when the second part is a suffix (``"cross-\\ning"`` → ``"crossing"``);
    5. it is kept in a hyphenated chain (``"state-of-the-\\nart"``), after a compound-forming
       word (``self``, ``well``, ``twenty``…: ``"well-\\nknown"`` → ``"well-known"``) and before
       a compound ending (``based``, ``owned``…);
    6. the word list of the text's language decides (:func:`keeps_hyphen`): ``"co-\\ndirector"``
       keeps its hyphen, ``"pre-\\nvious"`` is joined;
    7. otherwise it is dropped: ordinary words broken at a line end are the common case.
    """
    if "-\n" not in text and not any(hint in text for hint in _SPACED_BREAKS):
        return text
    lowered = b""  # the text lowercased, in UTF-8: made when a line-end hyphen is found
    joins: list[str] = []
    # guessed before the regex runs: the first guess loads the word lists, which would count
    # against the pattern's time limit inside the replacement function
    language = guess_language(text)

    def repl(m: Any) -> str:
        chain, first, second = m.group("chain"), m.group("first"), m.group("second")
        low_first, low_second = first.lower(), second.lower()
        hyphenated, joined = f"{first}-{second}", f"{first}{second}"
        clitic = clitic_keeps_hyphen(low_first, low_second, language)
        if low_second in _SUSPENDED and clitic is None:
            out = f"{chain}{first}- {second}"
        elif _utf8(hyphenated.lower()) in lowered:
            out = chain + hyphenated
        elif _utf8(joined.lower()) in lowered:
            out = chain + joined
        elif clitic is not None:
            out = chain + (hyphenated if clitic else joined)
        elif low_second in _WORD_ENDINGS:
            out = chain + joined
        elif chain or low_first in _PREFIXES or low_second in _COMPOUND_ENDS:
            out = chain + hyphenated
        else:
            # a word broken over three lines ("multi-|mil-|lion"): the whole word decides
            third = _NEXT_PIECE.match(m.string, m.end(), timeout=TIMEOUT)
            whole = third and zipf(low_first + low_second + third.group(1), language or "")
            out = chain + (hyphenated if not whole and keeps_hyphen(low_first, low_second, language) else joined)
        joins.append(f"{chain}{first}-|{second} → {out}")
        return out

    # A word broken over three lines ("multi-\nmil-\nlion") needs a second pass: the first
    # match consumes the middle line.  Every pass removes a line break, so this ends.
    changed: dict[tuple[int, int], str] = {}  # span -> its text joined (the others are not copied)
    for start, end in _slices(text):
        if not _LINE_END_HYPHEN.search(text, start, end):
            continue
        lowered = lowered or _lowered(text)  # before the pattern runs: lowering counts against no time limit
        piece = first = text[start:end]
        while _LINE_END_HYPHEN.search(piece) and (joined_text := join_breaks(piece, repl)) != piece:
            piece = joined_text
        if piece != first:
            changed[start, end] = piece
    if not changed:
        return text
    out = _spliced(text, changed)
    if out == text:
        return text
    return Rewrite(out, "hyphenation: joined " + "; ".join(joins), "hyphenation")
