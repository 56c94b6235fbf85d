"""Encoding family: repair what bad decoding and copy-paste did to the characters.

Steps, in the order the default chain runs them:

* ``repair_encoding`` — ftfy's repairs (mojibake, HTML entities left in text,
  C1 controls, stray terminal escapes), with a conservative configuration
  that never changes correct text: quotes stay curly, full-width characters
  and ligatures stay as they are, Unicode is put in NFC.
* ``remove_invisible_characters`` — zero-width spaces, word joiners, BOMs,
  soft hyphens and control characters (joiners that shape Persian, Indic
  scripts and emoji are kept).
* ``normalize_whitespace`` — non-breaking and other exotic spaces become a
  plain space, runs of spaces collapse, ends are trimmed.
* ``join_broken_lines`` (not in the default chain: add it after
  ``join_hyphenated_lines`` for text saved with ``get_text()``, one line per
  text node) — a sentence broken over several lines is joined back, when the
  text has many such breaks.

Blank-line runs collapse by construction: a document is a list of non-blank
paragraphs (see :class:`cleaner.document.Document`).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Callable

import ftfy
import regex
from ftfy.badness import BADNESS_RE, MOJIBAKE_CATEGORIES
from ftfy.chardata import CONTROL_CHARS, HTML_ENTITY_RE

from .. import patterns
from ..patterns import TIMEOUT
from ..registry import ParagraphContext, Rewrite, paragraph_filter, text_transform

#: ftfy configured never to change correct text (no quote uncurling, no width or ligature folding).
FTFY_CONFIG = ftfy.TextFixerConfig(
    uncurl_quotes=False,
    fix_character_width=False,
    fix_latin_ligatures=False,
    normalization="NFC",
    explain=True,
)


def _mojibake_characters() -> str:
    """Every character ftfy's mojibake heuristic (``ftfy.badness``) looks at, as a regex class body.

    Each alternative of ``BADNESS_RE`` needs two of these side by side, except the few
    :data:`_MOJIBAKE_PAIR` lists on their own, so a line without such a pair is one ftfy's
    encoding repair leaves alone.  Taken from ftfy itself, so it follows ftfy's upgrades.
    """
    literal = sorted({c for c in BADNESS_RE.pattern if ord(c) > 0x7F})
    return "".join(MOJIBAKE_CATEGORIES.values()) + "".join(re.escape(c) for c in literal)


# What can make ftfy (as configured) change a line: a control, C1, surrogate, BOM or line-break
# character ftfy removes or converts, an HTML entity, two mojibake characters in a row, and the
# single-character mojibake cases of BADNESS_RE (a lone 'œ' before a non-letter, 'Ã'/'Â' before
# a space).  Lines that are not in NFC go to ftfy too (see _needs_ftfy).
# These patterns use ``re``, not ``regex`` with a timeout: they have no repetition that can
# backtrack (one character class, then one character or a fixed lookaround; entities are at
# most 27 characters), so they are linear by construction, and ``re`` scans a 450-character class
# about ten times faster than ``regex``.  Three scans, not one alternation of the three: ``re``
# scans for one class several times faster than it tries three branches at every character.
_CONTROLS = "".join(re.escape(chr(c)) for c in sorted(CONTROL_CHARS))
_MOJIBAKE = _mojibake_characters()
_CONTROL = re.compile(f"[\\x1b\\x80-\\x9f\\ud800-\\udfff\\r\\u2028\\u2029{_CONTROLS}]")  # linear: one class
_ENTITY = re.compile(HTML_ENTITY_RE.pattern)  # linear: a bounded entity
_MOJIBAKE_PAIR = re.compile(f"[{_MOJIBAKE}](?:[{_MOJIBAKE}]|(?<=[Œœ])(?![A-Za-z])|(?<=[ÃÂ]) )")  # linear: see above


def _needs_ftfy(text: str) -> bool:
    """Whether ftfy could change ``text``; a false answer means ftfy would return it unchanged.

    >>> _needs_ftfy("Déjà vu — a “naïve” café."), _needs_ftfy("The cafÃ© was closed.")
    (False, True)
    """
    if _CONTROL.search(text) or ("&" in text and _ENTITY.search(text)) or _MOJIBAKE_PAIR.search(text):
        return True
    return not text.isascii() and not unicodedata.is_normalized("NFC", text)


_INVISIBLE = regex.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u180e\u200b\u2060-\u2064\ufeff\ufff9-\ufffb]"
)
_EXOTIC_SPACE = regex.compile("[\t\u00a0\u1680\u2000-\u200a\u202f\u205f]")
_SPACE_RUN = regex.compile(" {2,}")


def repair(line: str) -> tuple[str, list[tuple[str, str]]]:
    """ftfy's repair of one line, with the steps it applied; cheap on lines that need none.

    >>> repair("The cafÃ© was closed.")
    ('The café was closed.', [('encode', 'latin-1'), ('decode', 'utf-8')])
    """
    if not _needs_ftfy(line):
        return line, []
    fixed = ftfy.fix_and_explain(line, FTFY_CONFIG)
    return fixed.text, list(fixed.explanation or [])


@paragraph_filter(family="encoding", prefilter=_needs_ftfy)
def repair_encoding(paragraph: str, ctx: ParagraphContext) -> str | Rewrite:
    """Repair mojibake, leftover HTML entities and other encoding damage with ftfy.

    ``"LÃ¢â‚¬â„¢Express"`` → ``"L’Express"``; ``"Tom &amp; Jerry"`` → ``"Tom & Jerry"``.
    The edit's reason is ftfy's own explanation of the steps it applied.
    """
    fixed, steps = repair(paragraph)
    if fixed == paragraph:
        return paragraph
    return Rewrite(fixed, "ftfy: " + "; ".join(f"{action} {arg}" for action, arg in steps))


# Whole-document scans for the prefilters: single character classes, linear by construction,
# so ``re`` (several times faster than ``regex`` at scanning for a class) without a timeout.
_INVISIBLE_SCAN = re.compile(_INVISIBLE.pattern)  # linear: one character class
# Every white space but the plain space and the line break (what strip() removes, exotic spaces included).
_OTHER_SPACE = "".join(ch for ch in map(chr, range(0x3001)) if ch.isspace() and ch not in " \n")
_OTHER_SPACE_SCAN = re.compile(f"[{re.escape(_OTHER_SPACE)}]")  # linear: one character class


def _has_invisible(text: str) -> bool:
    return _INVISIBLE_SCAN.search(text) is not None


@paragraph_filter(family="encoding", prefilter=_has_invisible)
def remove_invisible_characters(paragraph: str, ctx: ParagraphContext) -> str | Rewrite:
    """Remove zero-width spaces, BOMs, soft hyphens and control characters.

    ``"Hanoi\\u200b is\\x07 here"`` → ``"Hanoi is here"``.  The zero-width
    joiner and non-joiner are kept: Persian, Indic scripts and emoji need them.
    """
    if not _has_invisible(paragraph):  # the stdlib scan is several times faster than findall
        return paragraph
    found = _INVISIBLE.findall(paragraph, timeout=TIMEOUT)
    if not found:
        return paragraph
    names = sorted({f"U+{ord(c):04X}" for c in found})
    out, repaired = _repair_joined(paragraph, _strip_invisible(paragraph), _strip_invisible)
    return Rewrite(out, f"removed {len(found)} invisible character(s): {', '.join(names)}{repaired}")


def _strip_invisible(text: str) -> str:
    return _INVISIBLE.sub("", text, timeout=TIMEOUT)


#: Rounds of repair after an edit joined mojibake (a repair can itself leave an invisible character
#: or a space to tidy, which can join more); every case found settles in two.
_JOIN_ROUNDS = 3


def _repair_joined(before: str, after: str, tidy: Callable[[str], str]) -> tuple[str, str]:
    """``after`` (``before`` with characters removed or spaces collapsed) repaired when the edit
    joined mojibake that ftfy repairs, then tidied again; and what was repaired, for the reason.

    ftfy runs before invisible characters are removed and spaces collapsed, so a removal can
    bring two mojibake characters together that a second cleaning would repair.  Only what the
    edit joined is repaired: a line ftfy would change before the edit is left as it is.

    >>> _repair_joined("Ñ\u00ad¹", "Ñ¹", _strip_invisible)
    ('ѹ', '; that joined mojibake, repaired (ftfy: encode latin-1; decode utf-8)')
    """
    if not _needs_ftfy(after) or repair(before)[0] != before:
        return after, ""
    steps: list[tuple[str, str]] = []
    for _ in range(_JOIN_ROUNDS):
        fixed, explained = repair(after)
        if fixed == after:
            break
        steps += explained
        after = tidy(fixed)
    if not steps:
        return after, ""
    return after, "; that joined mojibake, repaired (ftfy: " + "; ".join(f"{action} {arg}" for action, arg in steps) + ")"


def _has_untidy_spaces(text: str) -> bool:
    """Whether :func:`normalize_whitespace` could change a line of ``text`` (lines joined by ``"\\n"``):
    a white space other than a plain one, two spaces, or a space at a line's start or end.

    >>> _has_untidy_spaces("Clean line.\\nAnother one."), _has_untidy_spaces("Clean.\\n Indented.")
    (False, True)
    """
    return (
        _OTHER_SPACE_SCAN.search(text) is not None
        or "  " in text or "\n " in text or " \n" in text or text[:1] == " " or text[-1:] == " "
    )


@paragraph_filter(family="encoding", prefilter=_has_untidy_spaces)
def normalize_whitespace(paragraph: str, ctx: ParagraphContext) -> str | Rewrite:
    """Turn non-breaking and other exotic spaces into plain spaces, collapse runs, trim ends.

    ``"Weather\\u00a0 \\u00a0Live  Markets "`` → ``"Weather Live Markets"``.
    """
    if not _has_untidy_spaces(paragraph):
        return paragraph
    out = _tidy_spaces(paragraph)
    if out == paragraph:
        return paragraph
    out, repaired = _repair_joined(paragraph, out, lambda text: _tidy_spaces(_strip_invisible(text)))
    return Rewrite(out, f"normalised exotic or repeated spaces{repaired}")


def _tidy_spaces(text: str) -> str:
    return _SPACE_RUN.sub(" ", _EXOTIC_SPACE.sub(" ", text, timeout=TIMEOUT), timeout=TIMEOUT).strip()


#: A text's lines are joined only when at least this share of them continue a sentence left open by
#: the line before.  Chosen on train-extra (every 6th page): text saved one text node a line has a
#: median share of 0.15 (p10 0.06), trafilatura's text 0.00 (p90 0.01), whole-page dumps 0.01 (p90 0.06).
MIN_BROKEN_SHARE = 0.05
# A line break inside a sentence: after a character that ends no sentence or word part (not terminal
# punctuation, a closing quote or bracket, a hyphen or a space), before a lowercase letter or punctuation
# that goes on a sentence.  Both sides are one character: linear.
_BROKEN = patterns.compile(r"(?<=[^\s.!?:;\"\u201d)\]\u00bb\-\u00ad\u2010\u2011])\n(?=[\p{Ll},.;:)!?])")


def _broken_breaks(text: str) -> int:
    return sum(1 for _ in _BROKEN.finditer(text, timeout=patterns.scan_timeout(text)))


@text_transform(family="encoding")
def join_broken_lines(text: str) -> str | Rewrite:
    """Join the lines of a sentence broken over several lines, in text where that is common.

    ``get_text()`` of a page gives one line per text node, so every link or
    bold word ends a line in mid-sentence; hard-wrapped text breaks every
    sentence.  A line break after a line left open (no terminal punctuation,
    closing quote or bracket, or hyphen: ``join_hyphenated_lines`` has those)
    and before a lowercase letter or a comma, full stop, colon, semicolon or
    closing bracket becomes a space (nothing before punctuation).  Only when
    at least :data:`MIN_BROKEN_SHARE` of the lines are such continuations:
    elsewhere a line that opens in lowercase is more often a list item or a
    verse, and stays.

    Not in the default chain.  On every text node of a page a line
    (``benchmarks/quality.py --view nodes``) it lifts cleaneval-dragnet from
    0.8043 to 0.8306 F1 and leaves scrapinghub-aeb where it was (0.8534 →
    0.8530); the whole-page dumps, whose lines are blocks, score the same, and
    trafilatura's text gains nothing (scrapinghub-aeb 0.9670 → 0.9668).  A
    chain for ``get_text()`` text: ``Chain.default().insert_after(
    "join_hyphenated_lines", "join_broken_lines")``.

    >>> join_broken_lines("Fans should read the\\nguidelines\\nbefore posting, and\\nbe kind.").text
    'Fans should read the guidelines before posting, and be kind.'
    >>> join_broken_lines("Home\\nNews\\nThe council met on Monday.")
    'Home\\nNews\\nThe council met on Monday.'
    """
    if "\n" not in text:
        return text
    breaks = _broken_breaks(text)
    if not breaks or breaks < MIN_BROKEN_SHARE * (text.count("\n") + 1):
        return text
    out = _BROKEN.sub(
        lambda m: "" if m.string[m.end()] in ",.;:)!?" else " ", text,
        timeout=patterns.scan_timeout(text),
    )
    return Rewrite(out, f"joined {breaks} line(s) that continue a sentence the line before left open")
