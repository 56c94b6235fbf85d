"""Phase 4 — main-content regions of a whole-page text dump.

A dump (``get_text()`` of a whole page, a text browser's output) is many short
lines with the article's prose concentrated in a few blocks.  The article
region is the run of lines with the highest content score, where each line
scores its words times how sure the model is that it is content
(``words × (0.5 - p)``): prose adds much, a menu of short links takes a little
at every line.  Other runs scoring at least :data:`SECOND_REGION` of the best
join it (an article split by an inline widget); everything outside is removed.

>>> article_regions([0.9, 0.9, 0.1, 0.2, 0.1, 0.9, 0.9], [2, 2, 30, 5, 25, 2, 3])
[(2, 5)]
"""

from __future__ import annotations

from typing import Sequence

from .features import Line

#: A document is a whole-page dump when it has this many lines …
DUMP_MIN_LINES = 30
#: … and at most this share of them are prose (8+ words, terminal punctuation) …
DUMP_MAX_PROSE = 0.4
#: … and at least this share are short (3 words or fewer).
DUMP_MIN_SHORT = 0.35
#: A further region is kept when it scores at least this share of the best one.
SECOND_REGION = 0.25


def is_dump(table: Sequence[Line]) -> bool:
    """Whether the document looks like a whole page's text rather than an article."""
    n = len(table)
    if n < DUMP_MIN_LINES:
        return False
    prose = sum(1 for line in table if line.words >= 8 and line.terminal)
    short = sum(1 for line in table if line.words <= 3)
    return prose <= DUMP_MAX_PROSE * n and short >= DUMP_MIN_SHORT * n


def _best_run(gains: Sequence[float], lo: int, hi: int) -> tuple[float, int, int]:
    """The run [start, end) of ``gains[lo:hi]`` with the highest sum (Kadane)."""
    best, best_span = 0.0, (lo, lo)
    total, start = 0.0, lo
    for i in range(lo, hi):
        if total <= 0:
            total, start = 0.0, i
        total += gains[i]
        if total > best:
            best, best_span = total, (start, i + 1)
    return best, best_span[0], best_span[1]


def article_regions(scores: Sequence[float], words: Sequence[int]) -> list[tuple[int, int]]:
    """The [start, end) spans of the article: the best run, plus runs nearly as good on either side."""
    gains = [w * (0.5 - p) for p, w in zip(scores, words)]
    best, start, end = _best_run(gains, 0, len(gains))
    if best <= 0:
        return []
    spans = [(start, end)]
    for lo, hi in ((0, start), (end, len(gains))):
        score, s, e = _best_run(gains, lo, hi)
        if score >= SECOND_REGION * best:
            spans.append((s, e))
    return sorted(spans)
