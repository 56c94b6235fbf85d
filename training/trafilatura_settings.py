"""Which trafilatura settings serve ``extract_html`` best once remove_boilerplate cleans up after it.

    python training/trafilatura_settings.py --set train-extra --limit 200

Scores trafilatura alone and trafilatura + the default chain for each setting (benchmark metric).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import pages  # noqa: E402

from cleaner import Chain  # noqa: E402

SETTINGS = {
    "precision": dict(favor_precision=True),
    "default": dict(),
    "recall": dict(favor_recall=True),
}


def main() -> None:
    import trafilatura

    parser = argparse.ArgumentParser()
    parser.add_argument("--set", default="train-extra", choices=pages.SETS)
    parser.add_argument("--limit", type=int, default=200)
    parser.add_argument("--offset", type=int, default=0)
    args = parser.parse_args()
    chain = Chain.default()
    rows: dict[str, list] = {}
    for page in pages.load_set(args.set, args.limit + args.offset)[args.offset :]:
        for name, extra in SETTINGS.items():
            doc = trafilatura.bare_extraction(page.html, url=page.url, include_comments=False, include_tables=True,
                                              with_metadata=True, as_dict=False, **extra)
            text = (doc.text if doc is not None else "") or ""
            meta = {"title": doc.title} if doc is not None and doc.title else {}
            rows.setdefault(f"{name} alone", []).append(pages.page_scores(page.gold, text))
            cleaned = chain.run_text(text, meta).text if text.strip() else ""
            rows.setdefault(f"{name} + cleaner", []).append(pages.page_scores(page.gold, cleaned))
    for name, values in rows.items():
        p, r, f = pages.prf(values)
        print(f"{args.set} {name:22s} P {p:.3f} R {r:.3f} F1 {f:.3f} ({len(values)} pages)")


if __name__ == "__main__":
    main()
