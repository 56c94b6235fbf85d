"""Train the line model of ``remove_boilerplate`` and write ``cleaner/filters/boilerplate/weights.json``.

Deterministic (fixed seeds, sorted inputs).  Needs the ``train`` extra
(scikit-learn) and ``bench`` (inscriptis); the recipe is in ``training/README.md``.

    python training/cache_pages.py            # once: trafilatura's text of train-extra
    python training/train_boilerplate.py      # cross-validate, fit, write the weights
    python training/train_boilerplate.py --cv-only

Never reads scrapinghub-aeb or cleaneval-dragnet (they are for evaluation only).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import random
import sys
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "training"))

import pages  # noqa: E402
from inject import held_out_widgets, inject_documents  # noqa: E402

from cleaner.document import split_paragraphs  # noqa: E402
from cleaner.filters.boilerplate.features import line_table  # noqa: E402
from cleaner.filters.boilerplate.model import NAMES, vectorize  # noqa: E402
from cleaner.filters.boilerplate.sweep import rule_verdicts  # noqa: E402
from cleaner.filters.boilerplate.vocabulary import FAMILIES, vocabulary  # noqa: E402

WEIGHTS = ROOT / "cleaner" / "filters" / "boilerplate" / "weights.json"
TRAFILATURA_CACHE = ROOT / "training" / ".cache" / "train-extra-trafilatura.jsonl.gz"
#: Regularisation of the logistic regression (chosen by the cross-validation printed below).
C = 1.0
#: Injected documents per language (each draws 1-5 groups of 1-3 widgets from the training split).
INJECTED_PER_LANGUAGE = 300


def examples(lines: list[str], labels: list[bool], group: str):
    """(feature rows, furniture labels, groups) of one document."""
    voc = vocabulary()
    table = line_table(lines, voc)
    hits = rule_verdicts(table, voc, set(FAMILIES), 4, None)
    rows = vectorize(table, [i in hits for i in range(len(table))])
    return rows, [0 if c else 1 for c in labels], [group] * len(rows)


def _group(page: pages.Page) -> str:
    return urlparse(page.url).netloc if page.url else f"{page.source}:{page.id}"


def build(limit: int | None) -> tuple[list, list, list, list]:
    X, y, groups, kinds = [], [], [], []

    def add(lines, labels, group, kind):
        rows, ys, gs = examples(lines, labels, group)
        X.extend(rows), y.extend(ys), groups.extend(gs), kinds.extend([kind] * len(rows))

    train = pages.load_set("train-extra", limit)
    for page in train:
        lines = split_paragraphs(pages.page_text(page.html))
        if lines:
            add(lines, pages.label_lines(lines, page.gold), _group(page), "dump")
    by_id = {p.id: p for p in train}
    if TRAFILATURA_CACHE.exists():
        with gzip.open(TRAFILATURA_CACHE, "rt", encoding="utf-8") as f:
            for row in map(json.loads, f):
                if row["id"] in by_id and row["text"]:
                    lines = split_paragraphs(row["text"])
                    add(lines, pages.label_lines(lines, row["gold"]), _group(by_id[row["id"]]), "extracted")
    golds = [p.gold for p in train if len(p.gold.split()) >= 150]
    for lang, lines, labels, n in inject_documents(golds, held_out=False, seed=7, per_lang=INJECTED_PER_LANGUAGE):
        add(lines, labels, f"inject:{lang}:{n}", f"inject-{lang}")
    return X, y, groups, kinds


def balance(kinds) -> list[float]:
    """Sample weights giving whole-page dumps, extracted text and injected documents equal weight in total."""
    family = ["inject" if k.startswith("inject") else k for k in kinds]
    counts = {f: family.count(f) for f in set(family)}
    return [len(family) / (len(counts) * counts[f]) for f in family]


def cross_validate(X, y, groups, kinds) -> None:
    import numpy as np
    from sklearn.ensemble import GradientBoostingClassifier
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score
    from sklearn.model_selection import GroupKFold

    weights = np.array(balance(list(kinds)))
    X, y, kinds = np.array(X), np.array(y), np.array(kinds)
    models = {
        "logistic C=0.1": lambda: LogisticRegression(C=0.1, max_iter=2000),
        "logistic C=1": lambda: LogisticRegression(C=1.0, max_iter=2000),
        "trees depth 2 x50": lambda: GradientBoostingClassifier(max_depth=2, n_estimators=50, random_state=0),
    }
    for name, make in models.items():
        pred = np.zeros(len(y))
        for train_idx, test_idx in GroupKFold(n_splits=5).split(X, y, groups):
            model = make().fit(X[train_idx], y[train_idx], sample_weight=weights[train_idx])
            pred[test_idx] = model.predict_proba(X[test_idx])[:, 1]
        parts = [f"{name:18s} AUC {roc_auc_score(y, pred):.3f}"]
        for kind in sorted(set(kinds)):
            m = kinds == kind
            acc = ((pred[m] >= 0.5) == y[m]).mean()
            parts.append(f"{kind} acc {acc:.3f}")
        print("; ".join(parts), flush=True)


def fit(X, y, kinds, note: str) -> None:
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=C, max_iter=5000).fit(X, y, sample_weight=balance(kinds))
    data = {
        "features": list(NAMES),
        "weights": [round(float(w), 6) for w in model.coef_[0]],
        "intercept": round(float(model.intercept_[0]), 6),
        "note": note,
    }
    WEIGHTS.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print("wrote", WEIGHTS)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=None, help="first N train-extra pages (quick runs)")
    parser.add_argument("--cv-only", action="store_true")
    parser.add_argument("--no-cv", action="store_true")
    parser.add_argument("--rebuild", action="store_true", help="recompute the cached features")
    args = parser.parse_args()
    random.seed(0)
    cache = ROOT / "training" / ".cache" / f"dataset-{args.limit or 'all'}.json.gz"
    if cache.exists() and not args.rebuild:
        with gzip.open(cache, "rt", encoding="utf-8") as f:
            X, y, groups, kinds = json.load(f)
    else:
        X, y, groups, kinds = build(args.limit)
        with gzip.open(cache, "wt", encoding="utf-8") as f:
            json.dump([X, y, groups, kinds], f)
    print(f"{len(y)} lines, {sum(y)} furniture, {len(set(groups))} groups", flush=True)
    if not args.no_cv:
        cross_validate(X, y, groups, kinds)
    if not args.cv_only:
        digest = hashlib.sha256(json.dumps([X[:50], y]).encode()).hexdigest()[:12]
        fit(X, y, kinds, f"logistic regression C={C} on {len(y)} lines (train-extra dumps + trafilatura text + injected "
                  f"furniture, held-out widgets excluded; the three kinds weighted equally; data digest {digest}); "
                  f"made by: python training/cache_pages.py && python training/train_boilerplate.py")
    print("held-out widgets:", len(held_out_widgets()))


if __name__ == "__main__":
    main()
