"""Phase 2a — rules: known furniture by its vocabulary and shape, each with a stable id.

:func:`judge` runs the rules of :mod:`.rules_shape` and the ones here on one
line, given where it stands (``head``/``tail``: lines of the body before and
after it, furniture not counted).  Weak evidence (a date alone, a nav-bar word,
a prompt sentence) counts only within ``edge_lines`` of an end; strong evidence
(the whole line is a known phrase, a teaser prefix, a post's stamp) anywhere.
"""

from __future__ import annotations

from typing import Any, Callable, Iterator, Sequence

import regex

from ...patterns import TIMEOUT
from .features import SEPARATOR_CHARS, URLISH, Line
from .rules_shape import YEAR, Verdict, byline, caption, cover, markup, timestamp
from .vocabulary import count_words

_SEGMENT_SPLIT = regex.compile(r"\s*[|·•»›>/]\s*")
_CRUMB = regex.compile(r"[»›>]")
_LABEL = regex.compile(r"^[\p{L}\p{N}'’ ]{1,30}:\s*")
_LINK_LEFTOVER = regex.compile(r"[\W_]+|\b(?:and|or|et|und|y|e|en|ou|oder|o)\b", regex.IGNORECASE)
_COPYRIGHT_START = regex.compile(
    r"^\W*(?:©|\(c\)|copyright\s*(?:©|\(c\)|\d{4})|copyright\s+\p{Lu})", regex.IGNORECASE | regex.VERSION1
)
_SOURCE_LINE = regex.compile(r"^\W*(?:source|sources|quelle|quellen|fuente|fuentes|fonte|fontes|bron|bronnen)\s*:\s*", regex.IGNORECASE)
_LINK_CAPS = regex.compile(r"\[(?:\p{Lu}{3,}|\p{Lu}+ \p{Lu}+)\]\W*$")
_CELL_SPLIT = regex.compile(r"(?<!\\)\|")
_WORDCHAR = regex.compile(r"\w")
_DIGIT = regex.compile(r"\d")
_DATA_NEIGHBOUR = regex.compile(r"\d|^\|[\s:|-]+\|$")
_TERMINAL = regex.compile(r"[.!?…:;]['\"”’»)\]]*\s*$")
#: Rows of one short link each that make a vertical menu.
MENU_RUN = 3
#: Lines looked back for a promo heading above a link list.
PROMO_LOOKBACK = 8


def _link_caps(text: str) -> regex.Match[str] | None:
    """The ``[VIDEO]`` tag ending a line (looked for only when the line has a ``]``)."""
    return _LINK_CAPS.search(text, timeout=TIMEOUT) if "]" in text else None


class Place:
    """Where a line stands: ``head``/``tail`` body lines before/after it, the body rows and its index there."""

    __slots__ = ("head", "tail", "rows", "index", "edge_lines", "menu_run", "edge")

    def __init__(self, head: int, tail: int, rows: Sequence[Line], index: int, edge_lines: int, menu_run: int = 0):
        self.head, self.tail, self.rows, self.index, self.edge_lines, self.menu_run = head, tail, rows, index, edge_lines, menu_run
        #: Within ``edge_lines`` of either end.
        self.edge = min(head, tail) < edge_lines


def phrase(line: Line, place: Place) -> Verdict | None:
    """The whole line is a known phrase ('Share on Facebook'), or a teaser/label opens it ('READ ALSO: …')."""
    if line.phrase is not None and line.words <= 12:
        if line.phrase in ("navigation", "promo") and count_words(line.key) <= 2 and not place.edge:
            return None  # 'Related', 'See also', 'Next' in mid-text may be a real heading
        return Verdict(line.phrase, f"{line.phrase}.phrase", f"the line is the {line.phrase} phrase {line.key!r}")
    if line.prefix and line.words <= 40 and count_words(line.prefix_rest) <= 30:
        family, _, key = line.prefix.partition(":")
        if family == "promo" or place.edge:
            return Verdict(family, f"{family}.prefix", f"{family} label {key!r} followed by a link")
    return None


def contains(line: Line, voc, place: Place) -> Verdict | None:
    """A prompt, copyright or credit phrase inside a short line near an edge."""
    if line.words > 40 or not place.edge:
        return None
    found = voc.contained(line.toks)
    if found:
        text, family = found
        if not (family == "credit" and place.tail >= place.edge_lines):
            return Verdict(family, f"{family}.contains", f"short {family} line near an edge ({text!r})")
    if place.tail < place.edge_lines and line.words <= 60 and voc.starts_with_credit(line.toks):
        return Verdict("credit", "credit.tail", "a reporting/editing credit at the end of the text")
    return None


def call_to_action(line: Line, voc, place: Place) -> Verdict | None:
    """'Follow us on Twitter', 'Subscribe to the X newsletter' near the end."""
    toks = line.toks
    if place.tail >= place.edge_lines or line.words > 40 or not toks or (toks[0],) not in voc.vocab["cta"] or not line.text[:1].isalpha():
        return None
    social, generic, objects = voc.vocab["social"], voc.vocab["generic_social"], voc.vocab["cta_object"]
    if any(((t,) in social and (t,) not in generic) or (t,) in objects for t in toks[1:]) or line.urls:
        return Verdict("prompt", "prompt.call-to-action", "a call to follow, subscribe or download at the end")
    return None


def vocab_row(line: Line, voc, place: Place) -> Verdict | None:
    """Icon rows ('Facebook Twitter WhatsApp Email') and nav bars ('Weather Live Markets')."""
    toks = line.toks
    if not toks or len(toks) > 20 or not (line.social or line.nav):
        return None
    labels = cover(toks, voc, ("social",)) if line.social else None
    if labels is not None and "num" not in labels and (len(set(labels)) >= 2 or place.edge):
        return Verdict("share", "share.icon-row", f"{len(set(labels))} share-button words and nothing else")
    if place.edge and not line.terminal:
        labels = cover(toks, voc, ("nav", "social"))
        if labels is not None and "num" not in labels and (len(set(labels)) >= 2 or len(toks) == 1):
            return Verdict("navigation", "navigation.section-bar", "section names and nothing else near an edge")
    return None


def separators(line: Line, place: Place) -> Verdict | None:
    """Breadcrumbs and menus: short segments between separators ('Home » News » World')."""
    text = line.text
    if not place.edge or line.terminal or (text.startswith("|") and text.endswith("|")):
        return None
    seps = len(SEPARATOR_CHARS.findall(text))
    if not seps:
        return None
    parts = [p for p in _SEGMENT_SPLIT.split(text, timeout=TIMEOUT) if p.strip()]
    if len(parts) >= 2 and all(count_words(p) <= 4 for p in parts) and (seps >= 2 or _CRUMB.search(text, timeout=TIMEOUT)):
        return Verdict("navigation", "navigation.separated-items", f"{len(parts)} short items between separators")
    return None


def link(line: Line, place: Place) -> Verdict | None:
    """A bare URL, e-mail address or handle (optionally after a short label) near an edge."""
    if not place.edge or not line.urls:
        return None
    body = _LABEL.sub("", line.text, count=1, timeout=TIMEOUT) if _LABEL.match(line.text, timeout=TIMEOUT) else line.text
    rest = URLISH.sub(" ", body, timeout=TIMEOUT)
    if rest != body and not _LINK_LEFTOVER.sub("", rest, timeout=TIMEOUT):
        return Verdict("link", "link.bare", "a bare link, e-mail address or handle")
    return None


def copyright_line(line: Line, place: Place) -> Verdict | None:
    if line.words > 30 or not place.edge:
        return None
    if _COPYRIGHT_START.match(line.text, timeout=TIMEOUT) and ("©" in line.text or YEAR.search(line.text, timeout=TIMEOUT) or not line.terminal):
        return Verdict("copyright", "copyright.line", "a copyright line near an edge")
    return None


def source(line: Line, place: Place) -> Verdict | None:
    if place.tail < place.edge_lines and line.words <= 10 and _SOURCE_LINE.match(line.text, timeout=TIMEOUT) and not _TERMINAL.search(line.text.rstrip("."), timeout=TIMEOUT):
        return Verdict("credit", "credit.source", "a source credit at the end of the text")
    return None


def under_promo(line: Line, place: Place) -> Verdict | None:
    """A short link-like line in a run under a promo heading ('Related', 'Don't miss')."""
    if line.words > 20 or line.terminal and not line.text.endswith(":"):
        return None
    for back in range(1, PROMO_LOOKBACK + 1):
        i = place.index - back
        if i < 0:
            return None
        prev = place.rows[i]
        if prev.phrase == "promo" and (min(i, len(place.rows) - 1 - i) < place.edge_lines or count_words(prev.key) >= 3):
            return Verdict("promo", "promo.listed-under", f"listed under the promo heading {prev.text!r}")
        if line.bullet and prev.prefix:
            return Verdict("promo", "promo.bulleted-under", "a bulleted link under a promo teaser")
        if prev.words > 20 or (prev.terminal and not _link_caps(prev.text)):
            return None
    return None


def menu_cell_row(text: str) -> bool:
    """A table row holding one short link-like cell and nothing else ('| Sports | » |')."""
    if not (text.startswith("|") and text.endswith("|")):
        return False
    cells = [c.strip() for c in _CELL_SPLIT.split(text.replace("\\|", "|"), timeout=TIMEOUT)[1:-1]]
    if len(cells) < 2:  # '| Diltiazem HCl |' alone may be a data table's column; a menu's layout row has a spare cell
        return False
    cells = [c for c in cells if _WORDCHAR.search(c, timeout=TIMEOUT)]
    return len(cells) == 1 and count_words(cells[0]) <= 4 and not _DIGIT.search(cells[0], timeout=TIMEOUT) and not _TERMINAL.search(cells[0], timeout=TIMEOUT)


def _cell_row(line: Line, cell: str, voc) -> Line:
    """The feature row of a cell of the table row ``line``, memoised on it (the row is judged again in every round)."""
    rows = line.verdicts.setdefault((_cell_row, voc), {})
    row = rows.get(cell)
    if row is None:
        row = rows[cell] = Line(cell, voc)
    return row


def table_row(line: Line, voc, place: Place, enabled: set[str]) -> Verdict | None:
    """A layout-table row ('| Home | Site map | Help |'): judged on its cells."""
    cells = [c.strip() for c in _CELL_SPLIT.split(line.text.replace("\\|", "|"), timeout=TIMEOUT) if c.strip()]
    if not cells:
        return Verdict("navigation", "navigation.empty-row", "an empty table row near an edge") if place.edge else None
    if len(cells) == 1 or (len(cells) == 2 and not _WORDCHAR.search(cells[1], timeout=TIMEOUT)):
        verdict = judge(_cell_row(line, cells[0], voc), voc, place, enabled)
        if verdict is None and place.menu_run >= MENU_RUN:
            return Verdict("navigation", "navigation.vertical-menu", f"a vertical menu: one short link per table row, {place.menu_run} such rows together")
        return verdict
    verdicts = [judge(_cell_row(line, c, voc), voc, place, enabled) for c in cells if _WORDCHAR.search(c, timeout=TIMEOUT)]
    if verdicts and all(verdicts):
        return Verdict(verdicts[0].family, "table.furniture-cells", "; ".join(v.evidence for v in verdicts[:3]))
    if min(place.head, place.tail) >= 2 * place.edge_lines or len(cells) < 3 or any(_DIGIT.search(c, timeout=TIMEOUT) for c in cells):
        return None  # a data table (numbers, two columns of label and value) is content
    rows, i = place.rows, place.index
    for n in (i - 1, i + 1):
        if 0 <= n < len(rows) and rows[n].table_row and _DATA_NEIGHBOUR.search(rows[n].text, timeout=TIMEOUT):
            return None  # the header row of a data table (numbers or a |---| rule next to it)
    if all(count_words(c) <= 5 and not _TERMINAL.search(c, timeout=TIMEOUT) for c in cells):
        return Verdict("navigation", "navigation.menu-row", f"a table row of {len(cells)} short links")
    return None


def _alone(line: Line, rule: Callable[..., Verdict | None], *args: Any) -> Verdict | None:
    """``rule(line, *args)``, memoised on the line: for rules that read the line (and ``args``) alone."""
    key = (rule, *args)
    memo = line.verdicts
    if key not in memo:
        memo[key] = rule(line, *args)
    return memo[key]


def _verdicts(line: Line, voc, place: Place) -> Iterator[Verdict | None]:
    """The rules' verdicts on a line, in order, each computed only when asked for."""
    yield _alone(line, caption, voc)
    yield phrase(line, place)
    yield _alone(line, markup, voc)
    yield vocab_row(line, voc, place)
    yield separators(line, place)
    yield _alone(line, timestamp, voc, place.edge)
    yield byline(line, voc, place.head, place.tail)
    yield link(line, place)
    yield copyright_line(line, place)
    yield source(line, place)
    yield contains(line, voc, place)
    yield call_to_action(line, voc, place)


#: The rules of :func:`_verdicts` compare ``head`` and ``tail`` with ``edge_lines`` and with 2 (a byline's
#: place), so positions at or past ``max(2 * edge_lines, FAR)`` all give the same verdicts.
FAR = 3


def _first_verdict(line: Line, voc, place: Place, enabled: set[str]) -> Verdict | None:
    """The first verdict of :func:`_verdicts` of an enabled family, memoised on the line by what those rules
    read of its place (a line judged again in a later round or a settle round, away from an end, costs a look-up)."""
    far = max(2 * place.edge_lines, FAR)
    key = (_first_verdict, voc, frozenset(enabled), place.edge_lines, min(place.head, far), min(place.tail, far))
    memo = line.verdicts
    if key not in memo:
        memo[key] = next((v for v in _verdicts(line, voc, place) if v is not None and v.family in enabled), None)
    return memo[key]


def judge(line: Line, voc, place: Place, enabled: set[str]) -> Verdict | None:
    """The first rule of an enabled family that finds ``line`` furniture, or None."""
    if not line.text:
        return None
    if line.table_row:
        return table_row(line, voc, place, enabled)
    verdict = _first_verdict(line, voc, place, enabled)
    if verdict is not None:
        return verdict
    caps = _link_caps(line.text)
    if place.index or caps:
        verdict = under_promo(line, place)
        if verdict is not None and verdict.family in enabled:
            return verdict
    if caps and 3 <= line.words <= 20 and "promo" in enabled and not _TERMINAL.search(line.text[: caps.start()], timeout=TIMEOUT):
        return Verdict("promo", "promo.tagged-teaser", "a link teaser tagged like [VIDEO]")
    return None
