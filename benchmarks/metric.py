"""The extraction benchmarks' scoring metric, shared by ``quality.py`` and the training scripts.

``\\w+`` tokens, overlapping 4-token shingles, per-page bag overlap giving each
page's precision and recall (so long pages weigh no more than short ones), both
averaged over pages, F1 the harmonic mean of the two averages. This is the
metric of the scrapinghub article-extraction benchmark, used for every set.

>>> page_scores("a b c d e", "a b c d")
(1.0, 0.5)
>>> prf([(1.0, 0.5), (0.5, 1.0)])
(0.75, 0.75, 0.75)
"""

from __future__ import annotations

import re
from collections import Counter

TOKEN = re.compile(r"\w+")
#: Shingle length of the metric.
SHINGLE = 4


def tokens(text: str | None) -> list[str]:
    """The ``\\w+`` tokens of a text (case kept, as the benchmark scores them)."""
    return TOKEN.findall(text or "")


def shingles(text: str | None, n: int = SHINGLE) -> Counter:
    """Bag of overlapping ``n``-token shingles (a text shorter than ``n`` tokens is one shingle)."""
    toks = tokens(text)
    return Counter(tuple(toks[i : i + n]) for i in range(max(1, len(toks) - n + 1)) if toks[i : i + n])


def page_scores(truth: str, predicted: str | None) -> tuple[float, float]:
    """Precision and recall of one page: bag overlap of 4-token shingles (0 when a side is empty)."""
    t, p = shingles(truth), shingles(predicted)
    tp = sum((t & p).values())
    fp = sum((p - t).values())
    fn = sum((t - p).values())
    return (tp / (tp + fp) if tp + fp else 0.0, tp / (tp + fn) if tp + fn else 0.0)


def prf(rows: list[tuple[float, float]]) -> tuple[float, float, float]:
    """Precision and recall averaged over pages, and F1 their harmonic mean."""
    if not rows:
        return 0.0, 0.0, 0.0
    p = sum(r[0] for r in rows) / len(rows)
    r = sum(r[1] for r in rows) / len(rows)
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f
