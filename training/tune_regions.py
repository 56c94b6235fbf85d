"""Choose the region parameters on train-extra whole-page dumps (never on the evaluation sets).

    python training/tune_regions.py            # every 4th train-extra page: CleanEval and Dragnet mixed
    python training/tune_regions.py --gates --every 1 --offset 0 --limit 2000 [--view extracted]   # the regions' gates

The first pages of train-extra are nearly all CleanEval; tuned on them alone the region
thresholds over-fit that source, so the default sample takes every ``--every``-th page.

For each page: lines, rule verdicts and model scores once; then the kept lines for
each candidate setting of :mod:`cleaner.filters.boilerplate.regions`, scored with the
benchmark metric against the gold text.
"""

from __future__ import annotations

import argparse
import gzip
import json
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


#: trafilatura's text of every train-extra page, written by ``training/cache_pages.py``.
EXTRACTED = ROOT / "training" / ".cache" / "train-extra-trafilatura.jsonl.gz"


def prepare(limit: int, offset: int, every: int = 1, view: str = "dump"):
    """Lines, feature rows and scores of each page's whole-page dump (``view="dump"``) or of
    trafilatura's text of it (``view="extracted"``: text an extractor already cut, which no region should cut again)."""
    voc, model = vocabulary(), load_model()
    extracted = {}
    if view == "extracted":
        with gzip.open(EXTRACTED, "rt", encoding="utf-8") as f:
            extracted = {row["id"]: row["text"] or "" for row in map(json.loads, f)}
    out = []
    for page in pages.load_set("train-extra")[offset::every][:limit]:
        lines = split_paragraphs(pages.page_text(page.html) if view == "dump" else extracted.get(page.id, ""))
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


def evaluate_gates(data, prose_shares=(0.0, 0.2, 0.25, 0.3, 0.4), sure_shares=(0.0, 0.2, 0.3)) -> None:
    """Mean page F1 on the dumps for each setting of the regions' two gates (0, 0: no gate): a gated-off
    page keeps the lines the model scores below 0.85, as the step then does."""
    for prose_share in prose_shares:
        for sure_share in sure_shares:
            regions.MIN_PROSE_SHARE, regions.MIN_SURE_SHARE = prose_share, sure_share
            f1 = []
            for page, lines, table, scores in data:
                if not regions.is_dump(table):
                    continue
                spans = regions.article_regions(scores, [line.words for line in table], [l.terminal and l.words >= 8 for l in table])
                inside = set(range(len(lines))) if spans is None else {i for a, b in spans for i in range(a, b)}
                kept = [l for i, l in enumerate(lines) if i in inside and scores[i] < 0.85]
                f1.append(pages.prf([pages.page_scores(page.gold, "\n".join(kept))])[2])
            print(f"gates: prose share {prose_share} sure share {sure_share}: mean page F1 {sum(f1) / max(1, len(f1)):.3f} on {len(f1)} dumps", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=300)
    parser.add_argument("--offset", type=int, default=1)
    parser.add_argument("--every", type=int, default=4)
    parser.add_argument("--gates", action="store_true", help="evaluate the regions' gates instead of the thresholds")
    parser.add_argument("--view", choices=("dump", "extracted"), default="dump")
    args = parser.parse_args()
    data = prepare(args.limit, args.offset, args.every, args.view)
    if args.gates:
        evaluate_gates(data)
        return
    for threshold in (0.15, 0.25, 0.3, 0.35):
        for prose in (0.4, 0.5, 0.6, 0.7):
            p, r, f = evaluate(data, threshold, 0.5, 10, 0.85, max(prose, threshold))
            print(f"threshold {threshold} prose {prose}: P {p:.3f} R {r:.3f} F1 {f:.3f}", flush=True)


if __name__ == "__main__":
    main()
