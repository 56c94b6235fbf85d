"""``cleaner explain FILE``: the document with every removed or rewritten line marked, and why.

Each line of the text the chain started from (the page's main text for HTML) is printed
with a mark in the margin:

* ``  `` kept, ``- `` removed, ``~ `` rewritten (the new text follows on a ``→`` line),
  ``+ `` added;
* under every removed or rewritten line, ``↳ step [rule]: reason`` for each edit that
  touched it (the rule is the edit's family, when the step gives one).

Colours (red removed, green new text, grey reasons) are used on a terminal only.

>>> from cleaner import clean_article
>>> print(explain_text("Rain\\u00a0tonight.", clean_article("Rain\\u00a0tonight."), color=False))
~ Rain⟨U+00A0⟩tonight.
  → Rain tonight.
    ↳ normalize_whitespace [encoding]: normalised exotic or repeated spaces
"""

from __future__ import annotations

from typing import Iterable

from .batch.report_html import INVISIBLE, align
from .document import Edit, Result

#: ANSI colours of the marks.
_COLORS = {"removed": "31", "added": "32", "new": "32", "why": "2", "head": "1"}
_MARKS = {"kept": "  ", "removed": "- ", "rewritten": "~ ", "added": "+ "}


def explain_text(original: str, result: Result, *, color: bool = False, name: str | None = None) -> str:
    """``original`` as the chain saw it, each line marked kept/removed/rewritten/added with the edits' reasons."""

    def paint(kind: str, text: str) -> str:
        return f"\033[{_COLORS[kind]}m{text}\033[0m" if color and text else text

    lines: list[str] = []
    if name is not None:
        lines.append(paint("head", f"== {name}: {_summary(original, result)}"))
    for e in result.edits:
        if e.paragraph is None and e.action in ("replaced", "removed"):
            lines.append(paint("why", f"(whole document) {e.filter}: {e.reason}"))
    if result.dropped:
        lines.append(paint("removed", f"DROPPED: {result.drop_reason}"))
    for kind, before, after, edits in align(original, result):
        if kind == "added":
            lines.append(paint("added", f"+ {after}"))
            continue
        if kind == "kept":
            lines.append(_MARKS[kind] + before)
            continue
        lines.append(paint("removed", _MARKS[kind] + _visible(before)))
        if kind == "rewritten":
            lines.append(paint("new", f"  → {_visible(after)}"))
        lines += [paint("why", f"    ↳ {why}") for why in _whys(edits)]
    return "\n".join(lines)


def _visible(text: str) -> str:
    """Invisible and odd spacing characters spelled out (``⟨U+00A0⟩``), so a repair of them can be seen."""
    return INVISIBLE.sub(lambda m: "⟨U+%04X⟩" % ord(m.group()) if m.group() != "\t" else "⟨tab⟩", text)


def _whys(edits: Iterable[Edit]) -> list[str]:
    return list(dict.fromkeys(f"{e.filter}{f' [{e.family}]' if e.family else ''}: {e.reason}" for e in edits))


def _summary(original: str, result: Result) -> str:
    counts: dict[str, int] = {}
    for kind, *_ in align(original, result):
        counts[kind] = counts.get(kind, 0) + 1
    if result.dropped:
        return f"dropped ({result.drop_reason})"
    return ", ".join(f"{counts.get(k, 0)} {k}" for k in ("kept", "removed", "rewritten", "added"))
