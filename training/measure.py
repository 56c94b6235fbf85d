"""Measure ``clean_article`` on benchmark pages: the HTML view and the whole-page text-dump view.

    python training/measure.py --set train-extra --view dump --limit 100   # tune here
    python training/measure.py --set cleaneval-dragnet --view both          # report only
    python training/measure.py --set train-extra --view html --every 2      # every 2nd page

Prints F1 (the benchmarks' metric, benchmarks/metric.py) of the raw dump, a C4-style
line filter and cleaner on the dump, and of cleaner on the HTML.  Use train-extra
for every choice; scrapinghub-aeb and cleaneval-dragnet are for reporting.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import pages  # noqa: E402

from cleaner import clean_article  # noqa: E402


def c4_filter(text: str) -> str:
    """Keep lines of 3+ words ending in terminal punctuation (C4's line rule)."""
    return "\n".join(l for l in text.splitlines() if len(l.split()) >= 3 and l.rstrip().endswith((".", "!", "?", '"', "”")))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--set", default="train-extra", choices=pages.SETS)
    parser.add_argument("--view", default="dump", choices=("dump", "html", "both"))
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--offset", type=int, default=0)
    parser.add_argument("--every", type=int, default=1, help="every Nth page (after --offset and --limit)")
    parser.add_argument("--worst", type=int, default=0, help="list the N worst pages of cleaner on the dump")
    args = parser.parse_args()
    rows: dict[str, list] = {}
    worst = []
    cpu = time.process_time()
    for page in pages.load_set(args.set, (args.limit or 0) + args.offset or None)[args.offset :: args.every]:
        if args.view in ("dump", "both"):
            dump = pages.page_text(page.html)
            cleaned = clean_article(dump).text
            rows.setdefault("dump raw", []).append(pages.page_scores(page.gold, dump))
            rows.setdefault("dump c4", []).append(pages.page_scores(page.gold, c4_filter(dump)))
            score = pages.page_scores(page.gold, cleaned)
            rows.setdefault("dump cleaner", []).append(score)
            worst.append((score, page.id))
        if args.view in ("html", "both"):
            result = clean_article(page.html, meta={"url": page.url} if page.url else None)
            rows.setdefault("html cleaner", []).append(pages.page_scores(page.gold, result.text))
    for name, values in rows.items():
        p, r, f = pages.prf(values)
        print(f"{args.set:18s} {name:14s} P {p:.4f} R {r:.4f} F1 {f:.4f}  ({len(values)} pages)")
    for (p, r), page_id in sorted(worst, key=lambda x: sum(x[0]))[: args.worst]:
        print(f"  worst {page_id}: P {p:.2f} R {r:.2f}")
    print(f"cpu {time.process_time() - cpu:.1f}s")


if __name__ == "__main__":
    main()
