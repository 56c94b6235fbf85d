"""CPU time of the boilerplate phases per 5 KB text document, beside baselines in the same run.

Documents: ground-truth article bodies of ``scrapinghub-aeb`` (plain text, cut to about 5 KB at a
line end; the bundled samples when the data is absent).  Printed per document (CPU ms, ``time.process_time``):

* each phase alone — features, rules, model (vectors + scores), context revision, regions;
* the steps through ``run_filter`` — ``remove_boilerplate``, ``remove_duplicate_paragraphs``, ``extract_title``;
* baselines — a C4-style line filter (15 lines of Python) and the ``normalize_whitespace`` step;
* two pathological inputs: 100,000 one-word lines and 2,000 ``Updated N hours ago`` lines.

Usage::

    python benchmarks/boilerplate_speed.py [--limit 100] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path
from typing import Callable

from cleaner.document import split_paragraphs
from cleaner.filters.boilerplate.context import revise
from cleaner.filters.boilerplate.features import line_table
from cleaner.filters.boilerplate.model import load_model
from cleaner.filters.boilerplate.regions import article_regions, is_dump
from cleaner.filters.boilerplate.sweep import rule_verdicts
from cleaner.filters.boilerplate.vocabulary import FAMILIES, vocabulary
from cleaner.testing import run_filter

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CLEANER_SHARED", ROOT.parent / "shared"))
SIZE = 5000


def forget_scores(table: list) -> list:
    """``table`` with the line scores the model remembered dropped: every run scores from scratch."""
    for line in table:
        line.line_score = None
    return table


def documents(limit: int) -> list[str]:
    truth = SHARED / "bench" / "extraction" / "scrapinghub-aeb" / "ground-truth.json"
    if truth.exists():
        bodies = [v["articleBody"] for _, v in sorted(json.loads(truth.read_text(encoding="utf-8")).items())]
    else:
        bodies = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples" / "input").glob("*.txt"))]
    out = []
    for body in bodies:
        text = body[:SIZE]
        cut = text.rfind("\n")
        out.append(text[:cut] if len(body) > SIZE and cut > 0 else text)
    return [d for d in out if d.strip()][:limit]


def c4(text: str) -> str:
    return "\n".join(l for l in text.splitlines() if len(l.split()) >= 3 and l.rstrip().endswith((".", "!", "?", '"')))


def cpu_ms(fn: Callable[[str], object], docs: list[str], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        for d in docs:
            fn(d)
        best = min(best, time.process_time() - start)
    return 1000 * best / len(docs)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    docs = documents(args.limit)
    voc, model, families = vocabulary(), load_model(), set(FAMILIES)
    tables = {d: line_table(split_paragraphs(d), voc) for d in docs}
    hits = {d: rule_verdicts(tables[d], voc, families, 4, None) for d in docs}
    flags = {d: [i in hits[d] for i in range(len(tables[d]))] for d in docs}
    scores = {d: model.score(tables[d], flags[d]) for d in docs}
    rows = [
        ("phase: features", lambda d: line_table(split_paragraphs(d), voc)),
        ("phase: rules", lambda d: rule_verdicts(tables[d], voc, families, 4, None)),
        ("phase: model", lambda d: model.score(forget_scores(tables[d]), flags[d])),
        ("phase: context", lambda d: revise(scores[d], flags[d], [l.words for l in tables[d]])),
        ("phase: regions", lambda d: is_dump(tables[d]) and article_regions(scores[d], [l.words for l in tables[d]])),
        ("step remove_boilerplate", lambda d: run_filter("remove_boilerplate", d)),
        ("step remove_duplicate_paragraphs", lambda d: run_filter("remove_duplicate_paragraphs", d)),
        ("step extract_title", lambda d: run_filter("extract_title", d)),
        ("baseline: C4 line filter", c4),
        ("baseline: normalize_whitespace", lambda d: run_filter("normalize_whitespace", d)),
    ]
    size = sum(map(len, docs)) / len(docs)
    print(f"{len(docs)} documents, mean {size:,.0f} characters; CPU ms per document (best of {args.repeat})")
    for name, fn in rows:
        print(f"  {name:34s} {cpu_ms(fn, docs, args.repeat):8.3f}")
    for name, text in (
        ("100,000 one-word lines", "\n".join(f"word{i % 7}" for i in range(100_000))),
        ("2,000 'Updated N hours ago' lines", "\n".join(f"Updated {i} hours ago" for i in range(2000))),
    ):
        start = time.process_time()
        run_filter("remove_boilerplate", text)
        print(f"  {name:34s} {time.process_time() - start:8.3f} s CPU (remove_boilerplate)")


if __name__ == "__main__":
    main()
