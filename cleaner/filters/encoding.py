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

Blank-line runs collapse by construction: a document is a list of non-blank
paragraphs (see :class:`cleaner.document.Document`).
"""

from __future__ import annotations

import ftfy
import regex

from ..registry import ParagraphContext, Rewrite, paragraph_filter

#: ftfy configured never to change correct text (no quote uncurling, no width or ligature folding).
FTFY_CONFIG = ftfy.TextFixerConfig(
    uncurl_quotes=False,
    fix_character_width=False,
    fix_latin_ligatures=False,
    normalization="NFC",
    explain=True,
)

# A line that is plain printable ASCII with no '&' is something ftfy leaves alone:
# none of its fixes (entities, mojibake, controls, escapes, NFC) can apply to it.
_NEEDS_FTFY = regex.compile(r"[^\t\x20-\x25\x27-\x7e]")

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
    if not _NEEDS_FTFY.search(line):
        return line, []
    fixed = ftfy.fix_and_explain(line, FTFY_CONFIG)
    return fixed.text, list(fixed.explanation or [])


@paragraph_filter(family="encoding")
def repair_encoding(paragraph: str, ctx: ParagraphContext) -> str | Rewrite:
    """Repair mojibake, leftover HTML entities and other encoding damage with ftfy.

    ``"LÃ¢â‚¬â„¢Express"`` → ``"L’Express"``; ``"Tom &amp; Jerry"`` → ``"Tom & Jerry"``.
    The edit's reason is ftfy's own explanation of the steps it applied.
    """
    fixed, steps = repair(paragraph)
    if fixed == paragraph:
        return paragraph
    return Rewrite(fixed, "ftfy: " + "; ".join(f"{action} {arg}" for action, arg in steps))


@paragraph_filter(family="encoding")
def remove_invisible_characters(paragraph: str, ctx: ParagraphContext) -> str | Rewrite:
    """Remove zero-width spaces, BOMs, soft hyphens and control characters.

    ``"Hanoi\\u200b is\\x07 here"`` → ``"Hanoi is here"``.  The zero-width
    joiner and non-joiner are kept: Persian, Indic scripts and emoji need them.
    """
    found = _INVISIBLE.findall(paragraph)
    if not found:
        return paragraph
    names = sorted({f"U+{ord(c):04X}" for c in found})
    return Rewrite(_INVISIBLE.sub("", paragraph), f"removed {len(found)} invisible character(s): {', '.join(names)}")


@paragraph_filter(family="encoding")
def normalize_whitespace(paragraph: str, ctx: ParagraphContext) -> str | Rewrite:
    """Turn non-breaking and other exotic spaces into plain spaces, collapse runs, trim ends.

    ``"Weather\\u00a0 \\u00a0Live  Markets "`` → ``"Weather Live Markets"``.
    """
    out = _SPACE_RUN.sub(" ", _EXOTIC_SPACE.sub(" ", paragraph)).strip()
    if out == paragraph:
        return paragraph
    return Rewrite(out, "normalised exotic or repeated spaces")
