"""Phase 3 — context revision: an article is a few contiguous regions.

Like jusText's second pass.  Each line starts with a class from phases 2a/2b:
*furniture* (a rule fired, or the model is sure), *content* (prose the model
is sure of) or *uncertain* (short lines, middling scores).  An uncertain line
is furniture when the nearest decided lines on both sides are furniture (a
short link inside a menu), or, near an end, when it scores :data:`EDGE_CUT` and
furniture stands on one side; otherwise it stays.  A lone line against its
surroundings needs strong evidence to keep its class: a model-only furniture
line between prose lines stays content; a rule verdict stands.

>>> revise([0.05, 0.6, 0.1], [False, False, False], [20, 2, 20])
[False, False, False]
>>> revise([0.95, 0.6, 0.97], [True, False, False], [2, 2, 2])
[True, True, True]
"""

from __future__ import annotations

from typing import Sequence

import regex

from ...patterns import TIMEOUT

#: At or above: the model alone says furniture.
SURE_FURNITURE = 0.85
#: Near an end, an uncertain line beside furniture is furniture at or above this score.
EDGE_CUT = 0.6
#: At or below: the model says content.
SURE_CONTENT = 0.25
#: Lines this long are never uncertain: prose decides for itself.
SENTENCE_WORDS = 10
#: Lines this long are never removed by the model or the context.
LONG_WORDS = 25


def classify(p: float, rule: bool, words: int) -> int:
    """1 furniture, 0 content, -1 uncertain."""
    if rule or p >= SURE_FURNITURE:
        return 1
    if p <= SURE_CONTENT or words >= SENTENCE_WORDS:
        return 0
    return -1


def revise(scores: Sequence[float], rules: Sequence[bool], words: Sequence[int], edges: Sequence[bool] | None = None) -> list[bool]:
    """The revised verdict of every line: True when it is furniture.

    ``edges`` marks the lines near either end, where furniture clusters: there an uncertain
    line goes at :data:`EDGE_CUT` when furniture stands on at least one side of it.
    """
    n = len(scores)
    classes = [classify(p, r, w) for p, r, w in zip(scores, rules, words)]
    before = _nearest(classes, range(n))
    after = _nearest(classes, range(n - 1, -1, -1))
    out = []
    for i, c in enumerate(classes):
        prev, nxt = before[i], after[i]
        if c == -1:
            near_edge = bool(edges and edges[i]) and scores[i] >= EDGE_CUT and 1 in (prev, nxt)
            out.append(prev == nxt == 1 or near_edge)  # furniture between furniture or beside it at an edge
        elif c == 1 and not rules[i]:
            out.append(not (prev == 0 and nxt == 0))  # a model-only furniture line inside prose stays
        else:
            out.append(c == 1)
    return out


def _nearest(classes: Sequence[int], order: range) -> list[int]:
    """For each line, the class of the nearest decided line before it in ``order`` (-1 when none)."""
    out = [-1] * len(classes)
    last = -1
    for i in order:
        out[i] = last
        if classes[i] != -1:
            last = classes[i]
    return out


#: An item number at the start of a line: ``"15) "``, ``"3. "``.
_ITEM_NUMBER = regex.compile(r"\s*(\d{1,3})[.)]\s")
#: An enumerated list has at least this many items numbered one after the other.
LIST_ITEMS = 3
#: Lines at most between two consecutive items (a link under each item).
ITEM_GAP = 2


def enumerated(texts: Sequence[str]) -> set[int]:
    """Indices of the lines of numbered lists: lines numbered 1, 2, 3… (or 15, 16, 17…) and the lines under each.

    A page's menus and link rows are not numbered in sequence; an article's own
    ranking or list is, so its items (and a link under each) are left to the
    rules, never to the model.

    >>> sorted(enumerated(["15) Thriller", "http://x.to/a", "16) Monopoly", "http://x.to/b", "17) Taboo", "http://x.to/c"]))
    [0, 1, 2, 3, 4, 5]
    """
    out: set[int] = set()
    run: list[int] = []
    last_number, last_at = -1, -ITEM_GAP - 1
    for i, text in enumerate(texts):
        m = _ITEM_NUMBER.match(text, timeout=TIMEOUT)
        if not m:
            continue
        number = int(m.group(1))
        if number == last_number + 1 and i - last_at <= ITEM_GAP:
            run.append(i)
        else:
            out.update(_list_span(run, len(texts)))
            run = [i]
        last_number, last_at = number, i
    out.update(_list_span(run, len(texts)))
    return out


def _list_span(items: list[int], n: int) -> range:
    """The lines of a list with these item lines: up to the last item's own lines (as many as the first item had)."""
    if len(items) < LIST_ITEMS:
        return range(0)
    return range(items[0], min(n, items[-1] + items[1] - items[0]))
