"""Extraction quality: trafilatura alone against ``clean_article(html)``, on real pages.

Runs over both extraction benchmarks in ``../shared/bench/extraction/``
(``scrapinghub-aeb`` and ``cleaneval-dragnet``) and prints, side by side:

* ``trafilatura``            — ``trafilatura.extract(html)`` with its defaults;
* ``trafilatura-precision``  — ``favor_precision=True, include_comments=False``;
* ``cleaner``                — ``clean_article(html).text`` (default chain);
* ``cleaner, title + text``  — the same result with ``result.title`` put back
  above the text (ground truths such as cleaneval keep the headline in the body,
  while cleaner moves it to ``result.title``).

The metric is the benchmarks' own (see their READMEs): ``\\w+`` tokens,
overlapping 4-token shingles, per-page bag overlap giving each page's
precision and recall (so long pages weigh no more than short ones), both
averaged over pages, F1 the harmonic mean of the two averages.

It also lists the lines ``cleaner`` removed that are in the ground truth
(its false removals) and the distribution of the share of words the chain
removed per page (what the damage budget default is chosen from).

Usage::

    python benchmarks/quality.py                   # both sets, every page
    python benchmarks/quality.py --limit 40        # first 40 pages of each set
    python benchmarks/quality.py --bench scrapinghub-aeb --show-removed 50

The data is looked up in ``$CLEANER_SHARED/bench/extraction`` (default:
``../shared`` next to the repository); the script exits 0 with a message
when it is absent.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from typing import Any, Callable

from metric import page_scores, prf, tokens
from pages import BENCH, DataMissing, load_set

SETS = ("scrapinghub-aeb", "cleaneval-dragnet")
SYSTEMS = ("trafilatura", "trafilatura-precision", "cleaner")
#: Also scored: the cleaner's title put back above its text, for ground truths that keep the headline.
WITH_TITLE = "cleaner, title + text"



def systems() -> dict[str, Callable[[str, str | None], tuple[str | None, Any]]]:
    import trafilatura

    from cleaner import clean_article

    def plain(html: str, url: str | None) -> tuple[str | None, Any]:
        return trafilatura.extract(html, url=url), None

    def precise(html: str, url: str | None) -> tuple[str | None, Any]:
        return trafilatura.extract(html, url=url, favor_precision=True, include_comments=False), None

    def cleaner(html: str, url: str | None) -> tuple[str | None, Any]:
        result = clean_article(html, url=url, html=True)
        return result.text, result

    return {"trafilatura": plain, "trafilatura-precision": precise, "cleaner": cleaner}


def _norm_line(text: str) -> str:
    return " ".join(tokens(text)).lower()


def false_removals(result: Any, truth: str) -> list[tuple[str, str, str]]:
    """(filter, family, text) of every paragraph the chain removed or cut that the ground truth needs.

    A removed line counts when it is a line of the ground truth (or, from 4
    words up, part of one) that the cleaned text holds fewer times than the
    ground truth does: removing the second copy of a repeated line is no loss.
    """
    truth_lines = Counter(_norm_line(line) for line in truth.splitlines() if line.strip())
    kept = Counter(_norm_line(line) for line in result.text.splitlines() if line.strip())
    truth_flat = f" {_norm_line(truth)} "
    found = []
    for edit in result.edits:
        if edit.paragraph is None or edit.action not in ("removed", "replaced"):
            continue
        if edit.action == "removed":
            gone = edit.before
        else:  # the part a rewrite cut off (boilerplate glued at a seam)
            before, after = edit.before, edit.after
            if after and after in before:
                gone = before.replace(after, " ", 1)
            else:
                continue
        norm = _norm_line(gone)
        if not norm:
            continue
        if kept[norm] >= truth_lines[norm] and norm in truth_lines:
            continue
        if norm in truth_lines or (len(norm.split()) >= 4 and f" {norm} " in truth_flat):
            kept[norm] += 1
            found.append((edit.filter, edit.family or "", gone.strip()))
    return found


def removed_share(result: Any) -> float:
    """Share of the extracted words the chain removed (what the damage budget measures)."""
    removed = 0
    for edit in result.edits:
        if edit.paragraph is None:
            continue
        if edit.action == "removed":
            removed += len(edit.before.split())
        elif edit.action == "replaced":
            removed += max(0, len(edit.before.split()) - len(edit.after.split()))
    total = len(result.text.split()) + removed
    return removed / total if total else 0.0


def run_set(name: str, limit: int | None, show_removed: int) -> dict[str, tuple[float, float, float]] | None:
    try:
        pages = load_set(name, limit)
    except DataMissing as missing:
        print(f"{missing}: skipped")
        return None
    fns = systems()
    rows: dict[str, list[tuple[float, float]]] = {s: [] for s in (*SYSTEMS, WITH_TITLE)}
    seconds = dict.fromkeys(SYSTEMS, 0.0)
    falses: list[tuple[str, str, str, str]] = []
    shares: list[float] = []
    for page in pages:
        page_id, html, url, truth = page.id, page.html, page.url, page.gold
        for system in SYSTEMS:
            start = time.perf_counter()
            text, result = fns[system](html, url)
            seconds[system] += time.perf_counter() - start
            rows[system].append(page_scores(truth, text))
            if result is not None:
                rows[WITH_TITLE].append(page_scores(truth, f"{result.title or ''}\n{text}"))
                falses.extend((page_id, *f) for f in false_removals(result, truth))
                shares.append(removed_share(result))
    scores = {s: prf(rows[s]) for s in rows}
    print(f"\n## {name}: {len(pages)} pages\n")
    print("| system | precision | recall | F1 | seconds |")
    print("|---|---:|---:|---:|---:|")
    for s in rows:
        p, r, f = scores[s]
        print(f"| {s} | {p:.4f} | {r:.4f} | {f:.4f} | {seconds[s]:.0f} |" if s in seconds else f"| {s} | {p:.4f} | {r:.4f} | {f:.4f} | |")
    shares.sort()
    if shares:
        def q(x: float) -> float:
            return shares[min(len(shares) - 1, int(x * len(shares)))]

        over = {t: sum(1 for v in shares if v > t) for t in (0.05, 0.1, 0.2, 0.3, 0.5)}
        print(
            f"\nshare of extracted words removed by the chain per page: median {q(0.5):.1%}, "
            f"p90 {q(0.9):.1%}, p95 {q(0.95):.1%}, p99 {q(0.99):.1%}, max {shares[-1]:.1%}; pages over "
            + ", ".join(f"{int(t * 100)}%: {n}" for t, n in over.items())
        )
    words = sum(len(t.split()) for *_, t in falses)
    print(f"\nfalse removals (removed lines found in the ground truth): {len(falses)} lines, {words} words")
    for page_id, step, family, text in falses[:show_removed]:
        print(f"  {page_id[:16]} [{step}/{family}] {text[:110]!r}")
    return scores


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bench", choices=SETS, action="append", help="only this set (repeatable); default: both")
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages of each set")
    parser.add_argument("--show-removed", type=int, default=40, help="how many false removals to list (default 40)")
    args = parser.parse_args(argv)
    if not BENCH.is_dir():
        print(f"benchmark data not found at {BENCH} (set CLEANER_SHARED): nothing to do")
        return 0
    for name in args.bench or SETS:
        run_set(name, args.limit, args.show_removed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
