"""Phase 4 — main-content regions of a whole-page text dump.

A dump (``get_text()`` of a whole page, a text browser's output) is many short
lines with the article's prose concentrated in a few blocks.  The article
region is the run of lines with the highest content score, where each line
scores its words (at most :data:`WORD_CAP`) times how far its furniture
probability is below :data:`THRESHOLD` (``min(words, 10) × (0.25 - p)``; for a
sentence-like line the more lenient :data:`PROSE_THRESHOLD`): prose adds, a menu of short links takes a little at every line, and a long line
the model doubts (a blogroll flattened into one line) takes much.
The constants were chosen on train-extra dumps with ``training/tune_regions.py``.  Other runs scoring at least :data:`SECOND_REGION` of the best
join it (an article split by an inline widget); everything outside is removed.

The regions are trusted only when they look like a page's article: they hold at
least :data:`MIN_PROSE_SHARE` of the document's prose words, and the model is sure
of enough furniture around them (:data:`MIN_SURE_SHARE` of the lines).  When prose
is spread over the whole text (a list page, a bibliography, a forum thread) or
little is sure furniture (text an extractor already cut to its main content),
no single region is the article and :func:`article_regions` returns ``None``:
cutting to one would lose real text.  Both gates were chosen on train-extra, on
its whole-page dumps and on trafilatura's text of the same pages.

>>> article_regions([0.9, 0.9, 0.05, 0.2, 0.02, 0.9, 0.9], [2, 2, 30, 5, 25, 2, 3], [False, False, True, False, True, False, False])
[(2, 5)]
"""

from __future__ import annotations

from typing import Sequence

from .context import SURE_FURNITURE
from .features import Line
from .model import PROSE_WORDS

#: A document is a whole-page dump when it has this many lines …
DUMP_MIN_LINES = 30
#: … and at most this share of them are prose (8+ words, terminal punctuation) …
DUMP_MAX_PROSE = 0.4
#: … and at least this share are short (3 words or fewer).
DUMP_MIN_SHORT = 0.35
#: A further region is kept when it scores at least this share of the best one.
SECOND_REGION = 0.5
#: Lines below this furniture probability add to a region, lines above take from it.
THRESHOLD = 0.25
#: A sentence-like line adds to a region below this probability (losing prose costs more than keeping a link).
PROSE_THRESHOLD = 0.5
#: Words a line counts for at most (a long line is no surer content than a paragraph).
WORD_CAP = 10
#: The article region(s) must hold at least this share of the document's prose words ...
MIN_PROSE_SHARE = 0.25
#: ... and at least this share of the lines must be sure furniture (scored :data:`.context.SURE_FURNITURE` or more).
MIN_SURE_SHARE = 0.2


def is_dump(table: Sequence[Line]) -> bool:
    """Whether the document looks like a whole page's text rather than an article."""
    n = len(table)
    if n < DUMP_MIN_LINES:
        return False
    prose = sum(1 for line in table if line.words >= PROSE_WORDS and line.terminal)
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


def article_regions(
    scores: Sequence[float], words: Sequence[int], sentences: Sequence[bool] | None = None
) -> list[tuple[int, int]] | None:
    """The [start, end) spans of the article: the best run, plus runs nearly as good on either side;
    ``None`` when no run is the article (see the module docstring).

    ``sentences`` marks sentence-like lines (8+ words, terminal punctuation), held to :data:`PROSE_THRESHOLD`;
    without it, every line of :data:`.model.PROSE_WORDS` words or more counts as one.

    >>> article_regions([0.5, 0.1, 0.5, 0.1, 0.5, 0.1], [2, 12, 2, 12, 2, 12], [False, True] * 3) is None  # no sure furniture
    True
    >>> article_regions([0.9, 0.9, 0.05, 0.2, 0.02, 0.9, 0.9], [2, 2, 30, 5, 25, 2, 3], [False] * 7) is None  # no sentence
    True
    """
    n = len(scores)
    sentences = sentences if sentences is not None else [w >= PROSE_WORDS for w in words]
    if sum(1 for p in scores if p >= SURE_FURNITURE) < MIN_SURE_SHARE * n:
        return None
    gains = [min(w, WORD_CAP) * ((PROSE_THRESHOLD if s else THRESHOLD) - p) for p, w, s in zip(scores, words, sentences)]
    best, start, end = _best_run(gains, 0, len(gains))
    if best <= 0:
        return None
    spans = [(start, end)]
    for lo, hi in ((0, start), (end, len(gains))):
        score, s, e = _best_run(gains, lo, hi)
        if score >= SECOND_REGION * best:
            spans.append((s, e))
    prose = [w if s else 0 for w, s in zip(words, sentences)]
    total = sum(prose)
    # Without a sentence anywhere (a list page; text in a script written without spaces) nothing marks the article.
    if not total or sum(prose[i] for a, b in spans for i in range(a, b)) < MIN_PROSE_SHARE * total:
        return None
    return sorted(spans)
