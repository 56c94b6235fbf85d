"""Phase 3 — context revision: an article is a few contiguous regions.

Like jusText's second pass.  Each line starts with a class from phases 2a/2b:
*furniture* (a rule fired, or the model is sure), *content* (prose the model
is sure of) or *uncertain* (short lines, middling scores).  An uncertain line
is furniture when the nearest decided lines on both sides are furniture (a
short link inside a menu), or, near an end, when it scores :data:`EDGE_CUT` and
furniture stands on one side; otherwise it stays.  A lone line against its
surroundings needs strong evidence to keep its class: a model-only furniture
line between prose lines stays content unless it is *standalone* furniture
(the model scores it :data:`MID_CUT` and it addresses the reader: an appeal,
a button, a prompt between two paragraphs); a rule verdict stands.

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
#: The same for text an HTML extractor already cut to its main content: what is left needs stronger evidence.
SURE_FURNITURE_HTML = 0.9
#: Near an end, an uncertain line beside furniture is furniture at or above this score.
EDGE_CUT = 0.6
#: At or below: the model says content.
SURE_CONTENT = 0.25
#: Lines this long are never uncertain: prose decides for itself.
SENTENCE_WORDS = 10
#: Lines this long are never removed by the model or the context.
LONG_WORDS = 25
#: Inside an article (away from its ends) the model alone removes a line at or above this score ...
MID_CUT = 0.7
#: ... when it has at least this many reader-address words (you, our, an action, the site's apparatus).
READER_WORDS = 2


def classify(p: float, rule: bool, words: int, sure: float = SURE_FURNITURE, prose: bool = False) -> int:
    """1 furniture, 0 content, -1 uncertain (``prose``: a sentence, never uncertain)."""
    if rule or p >= sure:
        return 1
    if p <= SURE_CONTENT or words >= SENTENCE_WORDS or prose:
        return 0
    return -1


def revise(
    scores: Sequence[float], rules: Sequence[bool], words: Sequence[int], edges: Sequence[bool] | None = None,
    standalone: Sequence[bool] | None = None, sure: float = SURE_FURNITURE, prose: Sequence[bool] | None = None,
) -> list[bool]:
    """The revised verdict of every line: True when it is furniture.

    ``edges`` marks the lines near either end, where furniture clusters: there an uncertain
    line goes at :data:`EDGE_CUT` when furniture stands on at least one side of it.
    ``standalone`` marks lines that stay furniture even between prose (see the module docstring);
    ``prose`` marks sentences, which the context never takes (only a rule or a sure score does).
    """
    n = len(scores)
    sentences = prose or [False] * n
    classes = [classify(p, r, w, sure, s) for p, r, w, s in zip(scores, rules, words, sentences)]
    if standalone:
        classes = [1 if alone else c for c, alone in zip(classes, standalone)]
    before = _nearest(classes, range(n))
    after = _nearest(classes, range(n - 1, -1, -1))
    out = []
    for i, c in enumerate(classes):
        prev, nxt = before[i], after[i]
        if c == -1:
            near_edge = bool(edges and edges[i]) and scores[i] >= EDGE_CUT and 1 in (prev, nxt)
            out.append(prev == nxt == 1 or near_edge)  # furniture between furniture or beside it at an edge
        elif c == 1 and not rules[i]:
            alone = bool(standalone and standalone[i])
            out.append(alone or not (prev == 0 and nxt == 0))  # a model-only furniture line inside prose stays
        else:
            out.append(c == 1)
    return out


#: A run of consecutive non-prose lines of at least this many lines is judged as one block ...
BLOCK_LINES = 2
#: ... furniture as a whole when its lines score this much on average (rule lines count as :data:`SURE_FURNITURE`) ...
BLOCK_CUT = 0.55
#: ... and, with prose on both sides of it (inside the article), at least this many lines and this mean.
INNER_BLOCK_LINES = 3
INNER_BLOCK_CUT = 0.7
#: A line of a furniture block scoring below this stays (a heading or a list item beside a widget).
BLOCK_FLOOR = 0.45


def furniture_blocks(scores: Sequence[float], rules: Sequence[bool], prose: Sequence[bool]) -> list[bool]:
    """The lines of blocks that are furniture as a whole: a related-links list, a widget stack, a menu.

    A block is a run of consecutive lines that are not prose.  A lone short line between
    paragraphs is judged alone; a block of several is judged by its mean score, because its lines
    are one widget (a heading and the links under it), and it needs one line that a rule or the
    model alone calls furniture (its anchor).  The block's last line, right before
    prose, stays unless a rule or the model alone calls it furniture: it is the prose's heading.

    >>> furniture_blocks([0.1, 0.9, 0.8, 0.7, 0.6, 0.1], [False] * 6, [True, False, False, False, False, True])
    [False, True, True, True, False, False]
    >>> furniture_blocks([0.1, 0.7, 0.3, 0.1], [False] * 4, [True, False, False, True])
    [False, False, False, False]
    """
    n = len(scores)
    out = [False] * n
    i = 0
    while i < n:
        if prose[i]:
            i += 1
            continue
        j = i
        while j < n and not prose[j]:
            j += 1
        inner = i > 0 and j < n
        lines, cut = (INNER_BLOCK_LINES, INNER_BLOCK_CUT) if inner else (BLOCK_LINES, BLOCK_CUT)
        mean = sum(max(scores[k], SURE_FURNITURE if rules[k] else 0.0) for k in range(i, j)) / (j - i)
        # Its anchor: at least one line that a rule or the model alone calls furniture.
        anchored = any(rules[k] or scores[k] >= SURE_FURNITURE for k in range(i, j))
        if j - i >= lines and mean >= cut and anchored:
            out[i:j] = [scores[k] >= BLOCK_FLOOR or rules[k] for k in range(i, j)]
            if j < n and not rules[j - 1] and scores[j - 1] < SURE_FURNITURE:
                out[j - 1] = False  # a heading belongs to the prose after it
        i = j
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
#: The ASCII characters no item number starts with (the pattern is not tried on a line opening with one).
_NO_ITEM_START = frozenset(ch for ch in map(chr, range(128)) if not _ITEM_NUMBER.match(ch + "1. ", timeout=TIMEOUT))
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
        m = None if text[:1] in _NO_ITEM_START else _ITEM_NUMBER.match(text, timeout=TIMEOUT)
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
