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
