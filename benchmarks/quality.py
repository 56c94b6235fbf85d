"""Extraction quality on real pages: the HTML view, the whole-page text-dump view, trafilatura settings.

Runs over the extraction benchmarks in ``../shared/bench/extraction/``
(``scrapinghub-aeb`` and ``cleaneval-dragnet``; ``train-extra`` on request)
and prints, side by side in the same run (systems in ``systems.py``):

* ``--view html``: the page's HTML given to
  ``trafilatura`` (defaults), ``trafilatura-precision``
  (``favor_precision=True, include_comments=False``), ``cleaner``
  (``clean_article(html).text``) and ``cleaner, title + text`` (the same
  result with ``result.title`` put back above the text: ground truths such as
  cleaneval keep the headline in the body, while cleaner moves it to
  ``result.title``);
* ``--view dump``: the whole-page text dump of the same page
  (``pages.page_text``: all visible text, one line per block), scored as it
  is (``dump``), after the C4 line rules, after datatrove-like C4 line rules,
  and after ``clean_article(dump, html=False)``; trafilatura on the HTML is the
  reference;
* ``--view nodes``: every text node of the body on its own line, the page's
  ``<script>`` and ``<style>`` source included (``pages.page_text_nodes``:
  what ``get_text()`` gives a scraper that does not drop them), as it is,
  after the C4 line rules and after ``clean_article(text, html=False)``;
* ``--view settings``: ``trafilatura.extract`` on the HTML with each setting
  of ``systems.TRAFILATURA_SETTINGS`` and the fallbacks of ``systems.FALLBACKS``.

The metric is the benchmarks' own (``metric.py``): ``\\w+`` tokens,
overlapping 4-token shingles, per-page bag overlap giving each page's
precision and recall (so long pages weigh no more than short ones), both
averaged over pages, F1 the harmonic mean of the two averages. ``CPU ms/page``
is process time per page of that system alone (the dump's rendering is cached
on disk, so it is not counted).

For every ``cleaner`` row it also lists the lines removed that are in the
ground truth (false removals) and the distribution of the share of words the
chain removed per page (what the damage budget default is chosen from).

Usage::

    python benchmarks/quality.py                        # both sets, HTML and dump views
    python benchmarks/quality.py --view dump --limit 40 # first 40 pages of each set
    python benchmarks/quality.py --view nodes           # get_text() of the body, scripts included
    python benchmarks/quality.py --view settings        # trafilatura settings on the HTML
    python benchmarks/quality.py --view settings --with-cleaner  # ... and the chain on each one's text
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
from typing import Any

from metric import page_scores, prf, tokens
from pages import BENCH, SETS, DataMissing, Page, load_set
from systems import FALLBACKS, SYSTEMS, TRAFILATURA_SETTINGS, VIEWS, trafilatura_text

#: Sets run by default (train-extra is for training; ask for it with --bench).
EVALUATION_SETS = ("scrapinghub-aeb", "cleaneval-dragnet")
#: Suffix of the extra row scoring a cleaner result with its title put back above the text.
WITH_TITLE = ", title + text"


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


def print_table(rows: dict[str, list[tuple[float, float]]], cpu: dict[str, float], pages: int) -> None:
    print("| system | precision | recall | F1 | CPU ms/page |")
    print("|---|---:|---:|---:|---:|")
    for name, scores in rows.items():
        p, r, f = prf(scores)
        ms = f"{1000 * cpu[name] / max(1, pages):.0f}" if name in cpu else ""
        print(f"| {name} | {p:.4f} | {r:.4f} | {f:.4f} | {ms} |")


def print_removals(name: str, shares: list[float], falses: list[tuple[str, str, str, str]], show: int) -> None:
    shares = sorted(shares)
    if shares:
        def q(x: float) -> float:
            return shares[min(len(shares) - 1, int(x * len(shares)))]

        over = {t: sum(1 for v in shares if v > t) for t in (0.05, 0.1, 0.2, 0.3, 0.5)}
        print(
            f"\n{name}: share of words removed by the chain per page: median {q(0.5):.1%}, "
            f"p90 {q(0.9):.1%}, p95 {q(0.95):.1%}, p99 {q(0.99):.1%}, max {shares[-1]:.1%}; pages over "
            + ", ".join(f"{int(t * 100)}%: {n}" for t, n in over.items())
        )
    words = sum(len(t.split()) for *_, t in falses)
    print(f"{name}: false removals (removed lines found in the ground truth): {len(falses)} lines, {words} words")
    for page_id, step, family, text in falses[:show]:
        print(f"  {page_id[:20]} [{step}/{family}] {text[:110]!r}")


def run_views(name: str, pages: list[Page], views: list[str], show_removed: int) -> None:
    """Score every system of the views on every page (each system once), one table per view."""
    names = list(dict.fromkeys(s for v in views for s in VIEWS[v]))
    rows: dict[str, list[tuple[float, float]]] = {}
    cpu = dict.fromkeys(names, 0.0)
    shares: dict[str, list[float]] = {}
    falses: dict[str, list[tuple[str, str, str, str]]] = {}
    for page in pages:
        for system in names:
            start = time.process_time()
            text, result = SYSTEMS[system](page)
            cpu[system] += time.process_time() - start
            rows.setdefault(system, []).append(page_scores(page.gold, text))
            if result is not None:
                rows.setdefault(system + WITH_TITLE, []).append(page_scores(page.gold, f"{result.title or ''}\n{text}"))
                falses.setdefault(system, []).extend((page.id, *f) for f in false_removals(result, page.gold))
                shares.setdefault(system, []).append(removed_share(result))
    for view in views:
        print(f"\n## {name}, {view} view: {len(pages)} pages\n")
        shown = [s for system in VIEWS[view] for s in (system, system + WITH_TITLE) if s in rows]
        print_table({s: rows[s] for s in shown}, cpu, len(pages))
    for system in shares:
        print_removals(system, shares[system], falses[system], show_removed)


def run_settings(name: str, pages: list[Page], with_cleaner: bool) -> None:
    """trafilatura on the HTML with each setting, and with the recall fallback of ``extract_html``.

    With ``with_cleaner``, each setting's text also goes through ``clean_article(text, html=False)``
    (the chain on that extraction; the page's metadata, such as its title, is not passed on).
    """
    from cleaner import clean_article

    rows: dict[str, list[tuple[float, float]]] = {}
    cpu = dict.fromkeys(TRAFILATURA_SETTINGS, 0.0)
    empty: Counter = Counter()
    for page in pages:
        texts, cleaned, done = {}, {}, {}
        for setting, kwargs in TRAFILATURA_SETTINGS.items():
            start = time.process_time()
            texts[setting] = text = trafilatura_text(page, **kwargs) or ""
            cpu[setting] += time.process_time() - start
            if with_cleaner:  # settings often agree: clean each distinct text once
                if text not in done:
                    done[text] = clean_article(text, html=False).text
                cleaned[setting] = done[text]
        for fallback, (first, second) in FALLBACKS.items():
            pick = first if (texts[first] or "").strip() else second
            texts[fallback] = texts[pick]
            if with_cleaner:
                cleaned[fallback] = cleaned[pick]
        for setting, text in texts.items():
            empty[setting] += not (text or "").strip()
            rows.setdefault(setting, []).append(page_scores(page.gold, text))
        for setting, text in cleaned.items():
            rows.setdefault(f"{setting}, then cleaner", []).append(page_scores(page.gold, text))
    print(f"\n## {name}, trafilatura settings on the HTML: {len(pages)} pages\n")
    print_table(rows, cpu, len(pages))
    print("\npages with no text: " + (", ".join(f"{s}: {n}" for s, n in empty.items() if n) or "none"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bench", choices=SETS, action="append", help="only this set (repeatable); default: both evaluation sets")
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages of each set")
    parser.add_argument("--view", choices=("html", "dump", "nodes", "settings", "all"), default="all",
                        help="html: systems on the HTML; dump: on the whole-page text; nodes: on every text node of the body, "
                        "script and style included (get_text()); settings: trafilatura settings; all: html + dump")
    parser.add_argument("--with-cleaner", action="store_true", help="settings view: also clean each setting's text")
    parser.add_argument("--show-removed", type=int, default=40, help="how many false removals to list (default 40)")
    args = parser.parse_args(argv)
    if not BENCH.is_dir():
        print(f"benchmark data not found at {BENCH} (set CLEANER_SHARED): nothing to do")
        return 0
    for name in args.bench or EVALUATION_SETS:
        try:
            pages = load_set(name, args.limit)
        except DataMissing as missing:
            print(f"{missing}: skipped")
            continue
        if args.view == "settings":
            run_settings(name, pages, args.with_cleaner)
        else:
            run_views(name, pages, ["html", "dump"] if args.view == "all" else [args.view], args.show_removed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
