"""Choose the region parameters on train-extra whole-page dumps (never on the evaluation sets).

    python training/tune_regions.py            # every 4th train-extra page: CleanEval and Dragnet mixed

The first pages of train-extra are nearly all CleanEval; tuned on them alone the region
thresholds over-fit that source, so the default sample takes every ``--every``-th page.

For each page: lines, rule verdicts and model scores once; then the kept lines for
each candidate setting of :mod:`cleaner.filters.boilerplate.regions`, scored with the
benchmark metric against the gold text.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import pages  # noqa: E402

from cleaner.document import split_paragraphs  # noqa: E402
from cleaner.filters.boilerplate import regions  # noqa: E402
from cleaner.filters.boilerplate.features import line_table  # noqa: E402
from cleaner.filters.boilerplate.model import load_model, vectorize  # noqa: E402
from cleaner.filters.boilerplate.sweep import rule_verdicts  # noqa: E402
from cleaner.filters.boilerplate.vocabulary import FAMILIES, vocabulary  # noqa: E402


def prepare(limit: int, offset: int, every: int = 1):
    voc, model = vocabulary(), load_model()
    out = []
    for page in pages.load_set("train-extra")[offset::every][:limit]:
        lines = split_paragraphs(pages.page_text(page.html))
        if not lines:
            continue
        table = line_table(lines, voc)
        hits = rule_verdicts(table, voc, set(FAMILIES), 4, None)
        flags = [i in hits for i in range(len(table))]
        scores = model.probabilities(vectorize(table, flags))
        scores = [max(s, 0.95) if f else s for s, f in zip(scores, flags)]
        out.append((page, lines, table, scores))
    return out


def evaluate(data, threshold: float, second: float, cap: int, inside_cut: float = 0.85, prose_threshold: float = 0.0) -> tuple[float, float, float]:
    rows = []
    for page, lines, table, scores in data:
        words = [min(line.words, cap) for line in table]
        if regions.is_dump(table):
            gains = [w * ((prose_threshold if l.terminal and l.words >= 8 else threshold) - p) for p, w, l in zip(scores, words, table)]
            best, s, e = regions._best_run(gains, 0, len(gains))
            spans = [(s, e)] if best > 0 else []
            for lo, hi in ((0, s), (e, len(gains))):
                score, a, b = regions._best_run(gains, lo, hi)
                if spans and score >= second * best:
                    spans.append((a, b))
            inside = {i for a, b in spans for i in range(a, b)}
            kept = [l for i, l in enumerate(lines) if i in inside and scores[i] < inside_cut]
        else:
            kept = [l for l, p in zip(lines, scores) if p < 0.85]
        rows.append(pages.page_scores(page.gold, "\n".join(kept)))
    return pages.prf(rows)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=300)
    parser.add_argument("--offset", type=int, default=1)
    parser.add_argument("--every", type=int, default=4)
    args = parser.parse_args()
    data = prepare(args.limit, args.offset, args.every)
    for threshold in (0.15, 0.25, 0.3, 0.35):
        for prose in (0.4, 0.5, 0.6, 0.7):
            p, r, f = evaluate(data, threshold, 0.5, 10, 0.85, max(prose, threshold))
            print(f"threshold {threshold} prose {prose}: P {p:.3f} R {r:.3f} F1 {f:.3f}", flush=True)


if __name__ == "__main__":
    main()
