"""Cache trafilatura's text of every train-extra page (input to train_boilerplate.py).

Usage: python training/cache_pages.py [--limit N]
Writes training/.cache/train-extra-trafilatura.jsonl.gz: {"id", "source", "gold", "text"} per page.
Deterministic (same pages, same order); a few minutes of CPU for the 1,107 pages.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CLEANER_SHARED", ROOT.parent / "shared"))
TRAIN = SHARED / "bench" / "extraction" / "train-extra"
CACHE = ROOT / "training" / ".cache"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=0)
    args = parser.parse_args()
    from cleaner.inputs import extract_html

    truth = json.loads((TRAIN / "ground-truth.json").read_text(encoding="utf-8"))
    ids = sorted(truth)[: args.limit or None]
    CACHE.mkdir(parents=True, exist_ok=True)
    with gzip.open(CACHE / "train-extra-trafilatura.jsonl.gz", "wt", encoding="utf-8") as out:
        for n, page_id in enumerate(ids):
            html = gzip.decompress((TRAIN / "html" / f"{page_id}.html.gz").read_bytes()).decode("utf-8", "replace")
            try:
                text, _ = extract_html(html)
            except Exception:  # noqa: BLE001 - a page trafilatura cannot read is skipped
                text = None
            row = {"id": page_id, "source": truth[page_id].get("source"), "gold": truth[page_id]["articleBody"], "text": text or ""}
            out.write(json.dumps(row) + "\n")
            if n % 100 == 0:
                print(n, flush=True)


if __name__ == "__main__":
    main()
