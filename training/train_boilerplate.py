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
import math
import random
import sys
from collections import Counter
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "training"))

import pages  # noqa: E402
from inject import FILLERS_TEXT, held_out_widgets, inject_documents  # noqa: E402

from cleaner.document import split_paragraphs  # noqa: E402
from cleaner.filters.boilerplate.features import line_table  # noqa: E402
from cleaner.filters.boilerplate.lexicon import CLIP, lexicon_key, lexicon_values  # noqa: E402
from cleaner.filters.boilerplate.model import NAMES, vectorize  # noqa: E402
from cleaner.filters.boilerplate.sweep import rule_verdicts  # noqa: E402
from cleaner.filters.boilerplate.vocabulary import CALENDAR, FAMILIES, tokens, vocabulary  # noqa: E402

WEIGHTS = ROOT / "cleaner" / "filters" / "boilerplate" / "weights.json"
LEXICON = ROOT / "cleaner" / "filters" / "boilerplate" / "lexicon.json"
TRAFILATURA_CACHE = ROOT / "training" / ".cache" / "train-extra-trafilatura.jsonl.gz"
#: Regularisation of the logistic regression (chosen by the cross-validation printed below).
C = 1.0
#: Injected documents per language (each draws 1-5 groups of 1-3 widgets from the training split).
INJECTED_PER_LANGUAGE = 300
#: The lexicon features the model trains on are out of fold: a line's lexicon never saw its own text.
LEXICON_FOLDS = 5
#: A word enters the lexicon when furniture lines of at least this many sources hold it (sites of real pages;
#: distinct lines of injected furniture): one site's own words are no evidence about another's ...
LEXICON_MIN_SOURCES = 3
#: ... and its weight is at least this far from zero.
LEXICON_MIN_WEIGHT = 0.5
#: How many tokens of general text (wordfreq's frequencies for the language) back the observed article
#: text: our article text in languages other than English is a few thousand words, too few to tell a
#: common word of prose (``pourquoi``, ``maintenant``) from a furniture word.
LEXICON_PRIOR_TOKENS = 1_000_000
#: Pseudo-tokens drawing a word's furniture rate towards its rate in prose (a word seen in few furniture lines
#: weighs little).
LEXICON_SHRINK = 50
#: The smallest rate in prose a word is given (words wordfreq does not know).
LEXICON_FLOOR = 1e-7
#: A word's furniture count is taken this many standard deviations low (seen in ``k`` distinct lines,
#: its count times ``1 - z/√k``): a word of five widget lines weighs less than one of fifty at the same rate.
LEXICON_CONFIDENCE = 1.0
#: The lexicon columns of a feature row.
LEXICON_COLUMNS = tuple(NAMES.index(name) for name in ("lex_mean", "lex_strong"))


def examples(lines: list[str], labels: list[bool], group: str):
    """(feature rows, furniture labels, groups, tokens) of one document."""
    voc = vocabulary()
    table = line_table(lines, voc)
    hits = rule_verdicts(table, voc, set(FAMILIES), 4, None)
    rows = vectorize(table, [i in hits for i in range(len(table))])
    return rows, [0 if c else 1 for c in labels], [group] * len(rows), [list(line.toks) for line in table]


def _group(page: pages.Page) -> str:
    return urlparse(page.url).netloc if page.url else f"{page.source}:{page.id}"


def build(limit: int | None) -> tuple[list, list, list, list, list]:
    X, y, groups, kinds, toks = [], [], [], [], []

    def add(lines, labels, group, kind):
        rows, ys, gs, ts = examples(lines, labels, group)
        X.extend(rows), y.extend(ys), groups.extend(gs), kinds.extend([kind] * len(rows)), toks.extend(ts)

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
    return X, y, groups, kinds, toks


def balance(kinds) -> list[float]:
    """Sample weights giving whole-page dumps, extracted text and injected documents equal weight in total."""
    family = ["inject" if k.startswith("inject") else k for k in kinds]
    counts = {f: family.count(f) for f in set(family)}
    return [len(family) / (len(counts) * counts[f]) for f in family]


#: Words of the injected documents' placeholder fillers (names, sites, dates): artefacts of the corpus, never evidence.
FILLER_WORDS = frozenset(filter(None, map(lexicon_key, tokens(FILLERS_TEXT))))


def _calendar(word: str) -> bool:
    """Month, weekday and time words: the model reads them as the ``calendar`` feature already."""
    voc = vocabulary()
    return bool((voc.token_class(word) | voc.token_class(word + ".")) & CALENDAR)


def fit_lexicon(toks: list[list[str]], y: list[int], weights: list[float], sources: list[str], langs: list[str],
                use=lambda i: True) -> dict[str, float]:
    """Word -> log of its rate in furniture over its rate in article text, from the lines ``use`` selects.

    Per language: each distinct line counts once (a widget repeated over many documents is one line),
    with the weight of its kind of document; the rate in article text is the observed one backed by
    :data:`LEXICON_PRIOR_TOKENS` of general text (wordfreq).  A word of several languages' furniture keeps
    its lowest weight.  Words of no furniture line are left out (they weigh nothing).
    """
    from wordfreq import word_frequency

    seen: dict[tuple[str, str, int], float] = {}
    where: dict[tuple[str, str], set[str]] = {}
    for i, (line, label) in enumerate(zip(toks, y)):
        if use(i):
            key = (langs[i], " ".join(line), label)
            seen[key] = max(seen.get(key, 0.0), weights[i])
            if label:
                for word in filter(None, map(lexicon_key, line)):
                    where.setdefault((langs[i], word), set()).add(sources[i])
    calendar = {word for _, word in where if _calendar(word)}
    counts: dict[tuple[str, int], Counter] = {}
    totals: Counter = Counter()
    lines: Counter = Counter()  # (language, word) -> distinct furniture lines holding it
    for (lang, text, label), weight in seen.items():
        words = [w for w in map(lexicon_key, text.split()) if w and w not in FILLER_WORDS and w not in calendar]
        counts.setdefault((lang, label), Counter()).update({w: weight for w in words})
        totals[lang, label] += weight * len(words)
        if label:
            lines.update((lang, w) for w in set(words))
    out: dict[str, float] = {}
    for (lang, label), furniture in sorted(counts.items()):
        if not label:
            continue
        content, n_content, n_furniture = counts.get((lang, 0), Counter()), totals[lang, 0], totals[lang, 1]
        for word, n in furniture.items():
            if len(where.get((lang, word), ())) < LEXICON_MIN_SOURCES:
                continue
            prose = (content[word] + LEXICON_PRIOR_TOKENS * word_frequency(word, lang)) / (n_content + LEXICON_PRIOR_TOKENS)
            prose = max(prose, LEXICON_FLOOR)
            low = n * max(0.0, 1.0 - LEXICON_CONFIDENCE / math.sqrt(lines[lang, word]))
            rate = (low + LEXICON_SHRINK * prose) / (n_furniture + LEXICON_SHRINK)
            weight = max(-CLIP, min(CLIP, math.log(rate / prose)))
            out[word] = min(out.get(word, CLIP), weight)
    return {word: round(w, 2) for word, w in sorted(out.items()) if abs(w) >= LEXICON_MIN_WEIGHT}


def fill_lexicon_columns(X: list, toks: list[list[str]], y: list[int], weights: list[float], sources: list[str],
                         langs: list[str]) -> None:
    """Set every row's lexicon features from a lexicon fitted on the other folds (folds by the line's text)."""
    folds = [int(hashlib.sha256(" ".join(t).encode()).hexdigest()[:8], 16) % LEXICON_FOLDS for t in toks]
    mean_at, strong_at = LEXICON_COLUMNS
    for k in range(LEXICON_FOLDS):
        lexicon = fit_lexicon(toks, y, weights, sources, langs, lambda i: folds[i] != k)
        for i, fold in enumerate(folds):
            if fold == k:
                mean, strong = lexicon_values(toks[i], lexicon)
                X[i][mean_at], X[i][strong_at] = mean, math.log1p(strong)


def write_lexicon(lexicon: dict[str, float], note: str) -> None:
    LEXICON.write_text(json.dumps({"note": note, "weights": lexicon}, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print("wrote", LEXICON, len(lexicon), "words")


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
            X, y, groups, kinds, toks = json.load(f)
    else:
        X, y, groups, kinds, toks = build(args.limit)
        with gzip.open(cache, "wt", encoding="utf-8") as f:
            json.dump([X, y, groups, kinds, toks], f)
    print(f"{len(y)} lines, {sum(y)} furniture, {len(set(groups))} groups", flush=True)
    weights = balance(kinds)
    # The source of a line: its site for real pages, its own text for injected furniture (one widget, one source).
    sources = [" ".join(t) if k.startswith("inject") else g for t, k, g in zip(toks, kinds, groups)]
    langs = [k.partition("-")[2] if k.startswith("inject") else "en" for k in kinds]  # train-extra is English
    fill_lexicon_columns(X, toks, y, weights, sources, langs)
    if not args.no_cv:
        cross_validate(X, y, groups, kinds)
    if not args.cv_only:
        write_lexicon(fit_lexicon(toks, y, weights, sources, langs), "word -> log-odds of furniture over content (distinct lines, kinds "
                      "weighted equally, held-out widgets excluded); made by: python training/train_boilerplate.py")
        digest = hashlib.sha256(json.dumps([X[:50], y]).encode()).hexdigest()[:12]
        fit(X, y, kinds, f"logistic regression C={C} on {len(y)} lines (train-extra dumps + trafilatura text + injected "
                  f"furniture, held-out widgets excluded; the three kinds weighted equally; data digest {digest}); "
                  f"made by: python training/cache_pages.py && python training/train_boilerplate.py")
    print("held-out widgets:", len(held_out_widgets()))


if __name__ == "__main__":
    main()
