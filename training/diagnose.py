"""Diagnostics behind the boilerplate decisions: what each rule removes, how the model scores real
lines, and what trafilatura's settings allow. Tuning data only (train-extra) unless a set is named.

    python training/diagnose.py removals --set train-extra --view html [--every 2] [--rule context --show 20]
    python training/diagnose.py scores                 # needs training/cache_pages.py first
    python training/diagnose.py extraction --set train-extra [--every 1]

``removals``: for every rule id (``family.rule`` of ``remove_boilerplate``, or the step and the
start of its reason), the words of removed lines that the page's gold text holds (as one run of
tokens, lines of two tokens or more) and the words it does not. A removed repeat whose first copy
stays, and a headline moved to ``result.title``, count as held: read the ``remove_duplicate_paragraphs``
and ``extract_title`` rows with that in mind.

``scores``: the line model's furniture probability, in tenths, of the short lines (under 25 words,
not prose, no rule verdict) that the step's later phases decide on: ``edge`` lines within 4 of an end
and ``lone`` lines between two prose lines away from the ends. Real lines are trafilatura's text of
train-extra labelled by alignment with the gold text (``pages.label_lines``); injected ones are the
dev split of ``benchmarks/furniture.py``. Where real content outnumbers real furniture in a bucket,
lowering the cuts there loses real text.

``extraction``: ``clean_article`` on trafilatura's recall and precision extractions of each page, the
choice "precision, unless its text is shorter than T words", and the best of the two per page chosen
with hindsight (an upper bound for any rule that picks one of the two).
"""

from __future__ import annotations

import argparse
import collections
import gzip
import json
import re
import sys
from pathlib import Path
from typing import Iterable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import pages  # noqa: E402

from cleaner import Chain, clean_article  # noqa: E402

CACHE = ROOT / "training" / ".cache" / "train-extra-trafilatura.jsonl.gz"
#: Lines this close to an end count as ``edge`` lines in ``scores``.
EDGE = 4
#: Lines this long are left to the prose phases; ``scores`` skips them.
SHORT = 25
#: Precision-first thresholds tried by ``extraction`` (words of the precision text).
THRESHOLDS = (100, 200, 300, 500, 800)
_TOKEN = re.compile(r"\w+")
_DIGITS = re.compile(r"\d+")


def _norm(text: str) -> str:
    return " ".join(_TOKEN.findall(text.lower()))


def _rule(edit) -> str:
    head = (edit.reason or "").split(":", 1)[0]
    if edit.filter == "remove_boilerplate":
        return head.split(" (", 1)[0][:40]
    return f"{edit.filter}/{_DIGITS.sub('N', head)[:30]}"


def removals(set_name: str, view: str, every: int, show_rule: str | None, show: int) -> None:
    """Words removed per rule that the gold holds / does not hold."""
    held, not_held = collections.Counter(), collections.Counter()
    shown = 0
    for page in pages.load_set(set_name)[::every]:
        source = page.html if view == "html" else pages.page_text(page.html)
        result = clean_article(source, url=page.url, html=view == "html")
        gold = f" {_norm(page.gold)} "
        for edit in result.edits:
            words = _norm(edit.before or "") if edit.action == "removed" else ""
            if not words:
                continue
            rule, n = _rule(edit), words.count(" ") + 1
            if n >= 2 and f" {words} " in gold:
                held[rule] += n
                if rule == show_rule and shown < show:
                    shown += 1
                    print(f"  {page.id[:24]} {edit.before[:110]!r} | {edit.reason[:90]}")
            else:
                not_held[rule] += n
    print(f"\n{set_name}, {view} view, every {every}: words removed per rule")
    print("| rule | gold holds | gold does not |\n|---|---:|---:|")
    for rule in sorted(set(held) | set(not_held), key=lambda r: (-held[r], -not_held[r]))[:40]:
        print(f"| {rule} | {held[rule]} | {not_held[rule]} |")


def _labelled_documents(limit: int | None) -> Iterable[tuple[str, list[str], list[bool]]]:
    """(source, lines, is-furniture labels): train-extra's trafilatura text, then injected dev documents."""
    from cleaner.document import split_paragraphs

    if not CACHE.exists():
        raise SystemExit(f"{CACHE} is missing: run python training/cache_pages.py first")
    with gzip.open(CACHE, "rt", encoding="utf-8") as f:
        for n, row in enumerate(map(json.loads, f)):
            if limit is not None and n >= limit:
                break
            if row["text"]:
                lines = split_paragraphs(row["text"])
                yield "real", lines, [not c for c in pages.label_lines(lines, row["gold"])]
    import furniture

    for lang in furniture.LANGS:
        for doc in furniture.build_corpus(lang, "dev"):
            lines, labels = [], []
            for block in doc.blocks:
                for line in block.text.split("\n"):
                    if line.strip():
                        lines.append(line.strip())
                        labels.append(block.role not in ("article", "negative"))
            yield "injected", lines, labels


def scores(limit: int | None) -> None:
    """Model score buckets of short undecided lines, real against injected, furniture against content."""
    from cleaner.filters.boilerplate.features import line_table
    from cleaner.filters.boilerplate.model import is_prose, load_model
    from cleaner.filters.boilerplate.sweep import rule_verdicts
    from cleaner.filters.boilerplate.vocabulary import FAMILIES, vocabulary

    voc, model = vocabulary(), load_model()
    counts: collections.Counter = collections.Counter()
    for source, lines, labels in _labelled_documents(limit):
        table = line_table(lines, voc)
        hits = rule_verdicts(table, voc, set(FAMILIES), EDGE, None)
        flagged = [i in hits for i in range(len(table))]
        probabilities = model.score(table, flagged)
        prose = [is_prose(row) for row in table]
        n = len(table)
        for i, row in enumerate(table):
            if flagged[i] or prose[i] or row.words >= SHORT:
                continue
            if min(i, n - 1 - i) < EDGE:
                place = "edge"
            elif 0 < i < n - 1 and prose[i - 1] and prose[i + 1]:
                place = "lone"
            else:
                continue
            bucket = min(9, int(probabilities[i] * 10))
            counts[(place, source, bucket, "furniture" if labels[i] else "content")] += 1
    for place in ("edge", "lone"):
        print(f"\n{place} lines: furniture / content per model score")
        print("| p | real furniture | real content | injected furniture | injected content |\n|---|---:|---:|---:|---:|")
        for b in range(10):
            cells = [counts[(place, s, b, k)] for s in ("real", "injected") for k in ("furniture", "content")]
            print(f"| {b / 10:.1f}–{(b + 1) / 10:.1f} | " + " | ".join(map(str, cells)) + " |")


def _f1(score: tuple[float, float]) -> float:
    p, r = score
    return 2 * p * r / (p + r) if p + r else 0.0


def extraction(set_name: str, every: int) -> None:
    """Recall against precision extraction, each cleaned; precision-first thresholds; the hindsight best."""
    import trafilatura

    from cleaner.inputs import wrap_fragment

    chain = Chain.default()
    common = dict(include_comments=False, include_tables=True, with_metadata=True, as_dict=False)
    rows: dict[str, list[tuple[float, float]]] = collections.defaultdict(list)
    for page in pages.load_set(set_name)[::every]:
        html, got = wrap_fragment(page.html), {}
        for name, extra in (("recall", dict(favor_recall=True)), ("precision", dict(favor_precision=True))):
            doc = trafilatura.bare_extraction(html, url=page.url, **common, **extra)
            text = (doc.text if doc is not None else "") or ""
            meta = {"format": "html", **({"title": doc.title} if doc is not None and doc.title else {})}
            cleaned = chain.run_text(text, meta).text if text.strip() else ""
            got[name] = (len(text.split()), pages.page_scores(page.gold, cleaned))
            rows[f"{name} + cleaner"].append(got[name][1])
        precision_words, precision_score = got["precision"]
        for t in THRESHOLDS:
            rows[f"precision unless under {t} words"].append(precision_score if precision_words >= t else got["recall"][1])
        rows["best of the two per page (hindsight)"].append(max(got["recall"][1], precision_score, key=_f1))
    print(f"\n{set_name}, every {every} ({len(rows['recall + cleaner'])} pages)")
    print("| extraction | P | R | F1 |\n|---|---:|---:|---:|")
    for name, values in rows.items():
        p, r, f = pages.prf(values)
        print(f"| {name} | {p:.4f} | {r:.4f} | {f:.4f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    rem = sub.add_parser("removals", help="words removed per rule, held by the gold or not")
    rem.add_argument("--set", default="train-extra", choices=pages.SETS)
    rem.add_argument("--view", default="html", choices=("html", "dump"))
    rem.add_argument("--every", type=int, default=1, help="every Nth page")
    rem.add_argument("--rule", help="list removed lines of this rule that the gold holds")
    rem.add_argument("--show", type=int, default=20)
    sco = sub.add_parser("scores", help="model score buckets of edge and lone lines, real and injected")
    sco.add_argument("--limit", type=int, help="only the first N cached train-extra texts")
    ext = sub.add_parser("extraction", help="trafilatura recall vs precision, each cleaned")
    ext.add_argument("--set", default="train-extra", choices=pages.SETS)
    ext.add_argument("--every", type=int, default=1)
    args = parser.parse_args()
    try:
        if args.command == "removals":
            removals(args.set, args.view, args.every, args.rule, args.show)
        elif args.command == "scores":
            scores(args.limit)
        else:
            extraction(args.set, args.every)
    except pages.DataMissing as exc:
        print(exc)


if __name__ == "__main__":
    main()
