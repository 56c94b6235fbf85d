"""Phase 2a, applied: every rule verdict of a document, with positions counted past furniture.

A line's position is counted in the *body*: without lines found furniture,
without the headline (which ``extract_title`` takes out) and without exact
repeats (judged where their first copy stands), so a tail of ten widgets still
counts as the tail and a second cleaning sees the same positions.  After the
first pass over every line, only the lines near an end can change their
verdict, so later passes look at those windows alone: the cost stays linear.
"""

from __future__ import annotations

from typing import Sequence

from .features import Line
from .rules import Place, judge, menu_cell_row
from .rules_shape import Verdict
from .title import headline_lines
from .vocabulary import Vocabulary


def _menu_runs(table: Sequence[Line]) -> list[tuple[int, int]]:
    """For each table row, the [start, end) of the one-link menu rows standing together with it ((0, 0) when none)."""
    out = [(0, 0)] * len(table)
    i = 0
    while i < len(table):
        if table[i].table_row and menu_cell_row(table[i].text):
            j = i
            while j + 1 < len(table) and table[j + 1].table_row and menu_cell_row(table[j + 1].text):
                j += 1
            for k in range(i, j + 1):
                out[k] = (i, j + 1)
            i = j + 1
        else:
            i += 1
    return out


def rule_verdicts(
    table: Sequence[Line], voc: Vocabulary, enabled: set[str], edge_lines: int, title: str | None,
    headlines: dict | None = None,
) -> dict[int, Verdict]:
    """Every line a rule finds furniture, by index (``headlines``: the memo of :func:`.title.headline_lines`)."""
    n = len(table)
    cap = 2 * edge_lines
    first_of: dict[str, int] = {}
    repeat_of = [first_of.setdefault(row.text, i) for i, row in enumerate(table)]
    copies: dict[int, list[int]] = {}
    for i, j in enumerate(repeat_of):
        copies.setdefault(j, []).append(i)
    runs = _menu_runs(table)
    body = [i for i in range(n) if repeat_of[i] == i]
    verdicts: dict[int, Verdict] = {}
    judged: dict[int, tuple[int, int]] = {}
    window: Sequence[int] = range(len(body))
    while True:
        first_kept = []
        for i in range(n):  # the headline is among the first three lines left
            if i not in verdicts:
                first_kept.append(i)
                if len(first_kept) == 3:
                    break
        headline = {first_kept[k] for k in headline_lines([table[i].text for i in first_kept], title, headlines)}
        lead = [k for k, i in enumerate(body[:4]) if i in headline]
        size = len(body) - len(lead)
        found: dict[int, Verdict] = {}
        for k in window:
            i = body[k]
            if i in headline:
                head, tail = 0, size
            else:
                head, tail = k - sum(1 for m in lead if m < k), len(body) - 1 - k
            position = (min(head, cap), min(tail, cap))
            for c in copies[i]:
                if c in verdicts or judged.get(c) == position:
                    continue
                judged[c] = position
                start, end = runs[c]  # a menu counts when the run reaches an edge
                run = end - start if end and (head - (c - start) < edge_lines or tail - (end - 1 - c) < edge_lines) else 0
                place = Place(head, tail, table, c, edge_lines, run)
                verdict = judge(table[c], voc, place, enabled)
                if verdict is not None:
                    found[c] = verdict
        if not found:
            return verdicts
        verdicts.update(found)
        body = [i for i in body if i not in found]
        # Only lines near an end (or the headline's neighbours) can change their verdict now.
        window = sorted(set(range(min(len(body), cap + 4))) | set(range(max(0, len(body) - cap - 1), len(body))))
