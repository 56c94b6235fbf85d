"""Repair of translation artefacts: inject each kind of damage into clean text, measure the repairs.

Data: the ground-truth article bodies of ``../shared/bench/extraction/*/ground-truth.json``
(human-made clean text, one paragraph a line) and, for false edits in 29 languages, the
sentences of ``../shared/bench/langid/sentences/`` (10 consecutive sentences of one language
make a document of 10 paragraphs).

For each kind of damage and each article, one eligible place is chosen with a fixed seed and
damaged; the damaged article and the clean one go through the same chain.  A repair is exact
when both outputs are identical (so a false edit elsewhere in the article does not count
against the repair).  False edits: the edits the family's steps make to the clean articles
and sentences, per 1,000 paragraphs; ``--show N`` prints them for inspection.

    python benchmarks/repair.py                       # the family's steps alone
    python benchmarks/repair.py --chain default       # the whole default chain
    python benchmarks/repair.py --show 50             # also print the false edits
    python benchmarks/repair.py --config my.toml      # any chain
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import random
import sys
import time
from pathlib import Path
from typing import Callable

import regex

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CLEANER_SHARED", ROOT.parent / "shared"))
EXTRACTION = SHARED / "bench" / "extraction"
LANGID = SHARED / "bench" / "langid" / "sentences"
SEED = 20240620
FAMILY_STEPS = ("join_hyphenated_lines", "repair_typography")

Article = tuple[list[str], dict]


def load_articles() -> list[Article]:
    """Ground-truth article bodies as (paragraphs, meta), sorted by id."""
    articles = []
    for gt in sorted(EXTRACTION.glob("*/ground-truth.json")):
        data = json.loads(gt.read_text(encoding="utf-8"))
        for key in sorted(data):
            paras = [p.strip() for p in (data[key].get("articleBody") or "").splitlines() if p.strip()]
            if paras:
                articles.append((paras, {"language": data[key].get("lang")}))
    return articles


def load_sentence_docs() -> list[Article]:
    docs = []
    for path in sorted(LANGID.glob("*.txt")):
        lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        docs += [(lines[i : i + 10], {"language": path.stem}) for i in range(0, len(lines) - 9, 10)]
    return docs


# ---------------------------------------------------------------------------
# Injectors: (paragraph, article, rng) -> damaged text or None when not eligible.
# ---------------------------------------------------------------------------
_LOWER_WORDS = regex.compile(r"(?<![\p{L}\p{N}'’.-])\p{Ll}{2,}(?![\p{L}\p{N}'’-])")


def orphan(p: str, art: list[str], rng: random.Random) -> str | None:
    if not regex.search(r"\p{Ll}{2}\.$", p):
        return None
    words = [w for q in art for w in _LOWER_WORDS.findall(q)]
    if len(words) < 5:
        return None
    n = rng.randint(1, 3)
    start = rng.randrange(len(words) - n)
    return p + " " + " ".join(words[start : start + n]) + "."


def _at(pattern: str, make: Callable[[regex.Match], str]) -> Callable[[str, list[str], random.Random], str | None]:
    compiled = regex.compile(pattern)

    def inject(p: str, art: list[str], rng: random.Random) -> str | None:
        sites = list(compiled.finditer(p))
        if not sites:
            return None
        m = rng.choice(sites)
        return p[: m.start()] + make(m) + p[m.end() :]

    return inject


_ELIDED = regex.compile(r"(?<![\p{L}\p{N}])[LDO]['’]\p{Lu}\p{Ll}+")


def apostrophe(p: str, art: list[str], rng: random.Random) -> str | None:
    """Drop the apostrophe of a name (O’Brien, L’Express) written at least twice in the article."""
    text = "\n".join(art)
    sites = [m for m in _ELIDED.finditer(p) if text.count(m.group(0)) >= 2]
    if not sites:
        return None
    m = rng.choice(sites)
    return p[: m.start()] + m.group(0).replace("'", "").replace("’", "") + p[m.end() :]


_LONG_WORD = regex.compile(r"(?<![\p{L}'’-])[a-z]{7,}(?![\p{L}'’-])")
_VOWELS = set("aeiouy")


def hyphenate(p: str, art: list[str], rng: random.Random) -> str | None:
    """Break a word of 7+ letters across a line where a typesetter could: before a consonant
    followed by a vowel (``conti-nued``) or between two consonants (``prob-lem``)."""
    words = _LONG_WORD.findall(p)
    rng.shuffle(words)
    for w in words:
        cuts = [
            i
            for i in range(3, len(w) - 2)
            if w[i] not in _VOWELS and w[i + 1] in _VOWELS and (w[i - 1] in _VOWELS or w[i - 2] in _VOWELS)
        ]
        if cuts:
            i = rng.choice(cuts)
            return p.replace(w, w[:i] + "-\n" + w[i:], 1)
    return None


EN_DOUBLES = "the|of|and|for|with|from|this|their|which|would|will|into|than|are|were"

INJECTORS: dict[str, Callable[[str, list[str], random.Random], str | None]] = {
    "orphan-fragment": orphan,
    "apostrophe": apostrophe,
    "bracket": _at(r"\((?P<x>[^()]{1,40})\)(?= \p{Ll})", lambda m: m.group(0) + ". )"),
    "bracket-doubled": _at(r"\((?P<x>[^()]{1,40})\)(?= \p{Ll})", lambda m: m.group(0) + ")"),
    "spacing-before": _at(r"(?<=\p{Ll}{2})[,;:?!](?= \p{L})|(?<=\p{Ll}{2})\.(?= \p{Lu})", lambda m: " " + m.group(0)),
    "spacing-inside": _at(r"\((\p{L}[^()]{0,40}\p{L})\)", lambda m: "( " + m.group(1) + " )"),
    "doubled-punctuation": _at(
        r"(?<=\p{Ll}{2})\.(?= \p{Lu})|(?<=\p{Ll}{2}),(?= \p{L})|(?<=\p{Ll}{2})\?(?= \p{Lu})",
        lambda m: {".": "..", ",": ",,", "?": "?."}[m.group(0)],
    ),
    "doubled-word": _at(rf"(?<![\p{{L}}'’-])(?:{EN_DOUBLES})(?= \p{{L}})", lambda m: m.group(0) + " " + m.group(0)),
    "run-together": _at(r"(?<=(?<![\p{L}.])\p{L}{2,})\. (?=\p{Lu}\p{Ll}+\s)", lambda m: "."),
    "hyphenation-word": hyphenate,
    "hyphenation-compound": _at(r"(?<![\p{L}'’-])\p{Ll}{2,}-\p{Ll}{2,}(?![\p{L}'’-])", lambda m: m.group(0).replace("-", "-\n", 1)),
}


def changed_spans(before: str, after: str, context: int = 30) -> list[tuple[str, str]]:
    """The places where ``after`` differs from ``before``, with some context."""
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    return [
        (before[max(0, a1 - context) : a2 + context], after[max(0, b1 - context) : b2 + context])
        for op, a1, a2, b1, b2 in matcher.get_opcodes()
        if op != "equal"
    ]


def build_chain(kind: str):
    """The default chain, the family's steps, or ``stretch``: only the dangling-sentence kind."""
    from cleaner import Chain
    from cleaner.chain import Budget, Step

    if kind == "default":
        return Chain.default()
    if kind == "stretch":
        steps = [Step.make("repair_typography", {"kinds": ["dangling-sentence"]})]
    else:
        steps = [Step.make(s) for s in FAMILY_STEPS]
    return Chain(steps, Budget(max_removed_share=1.0, policy="keep"))


def family_edits(result) -> list:
    return [e for e in result.edits if e.filter in FAMILY_STEPS and e.action in ("removed", "replaced")]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chain", choices=["steps", "default"], default="steps")
    parser.add_argument("--config", type=Path, help="a chain config (TOML) to measure instead of --chain")
    parser.add_argument("--limit", type=int, default=0, help="use only the first N articles")
    parser.add_argument("--show", type=int, default=0, help="print up to N false edits and N misses per kind")
    parser.add_argument("--dump", type=Path, help="write every false edit (kind, text before and after the change) to this TSV file")
    args = parser.parse_args()
    if not EXTRACTION.is_dir():
        print(f"no benchmark data at {EXTRACTION}; nothing to measure")
        return 0
    from cleaner.document import Document

    if args.config:
        from cleaner import Chain

        chain = Chain.from_config(args.config)
    else:
        chain = build_chain(args.chain)
    articles = load_articles()
    if args.limit:
        articles = articles[: args.limit]
    sep = "\n"

    def run(paras: list[str], meta: dict):
        return chain.run(Document(sep.join(paras), dict(meta)))

    start = time.perf_counter()
    clean_out = []
    false_edits = []
    n_paras = 0
    for paras, meta in articles:
        res = run(paras, meta)
        clean_out.append(res.text)
        n_paras += len(paras)
        false_edits += [(e, "extraction") for e in family_edits(res)]
    clean_seconds = time.perf_counter() - start
    megabytes = sum(len(sep.join(p).encode("utf-8")) for p, _ in articles) / 1e6
    n_sentences = 0
    sentence_edits = []
    if LANGID.is_dir():
        for paras, meta in load_sentence_docs():
            n_sentences += len(paras)
            sentence_edits += [(e, meta["language"]) for e in family_edits(run(paras, meta))]

    print(f"chain: {args.config or args.chain} ({', '.join(chain.names)})")
    print(f"articles: {len(articles)}, paragraphs: {n_paras}; langid sentences: {n_sentences} (29 languages)")
    print(
        f"speed on the clean articles: {len(articles) / clean_seconds:.0f} docs/s, "
        f"{megabytes / clean_seconds:.2f} MB/s ({clean_seconds:.1f} s for {megabytes:.1f} MB)"
    )
    print()
    print("| kind | damaged | repaired exactly | share | left as damaged | changed wrongly |")
    print("|---|---:|---:|---:|---:|---:|")
    misses: dict[str, list[tuple[str, str, str]]] = {}
    for k, (kind, inject) in enumerate(INJECTORS.items()):
        rng = random.Random(SEED + k)
        n = exact = left = 0
        for (paras, meta), expected in zip(articles, clean_out):
            order = list(range(len(paras)))
            rng.shuffle(order)
            for i in order:
                damaged = inject(paras[i], paras, rng)
                if damaged is None or damaged == paras[i]:
                    continue
                out = run(paras[:i] + [damaged] + paras[i + 1 :], meta).text
                n += 1
                if out == expected:
                    exact += 1
                else:
                    unchanged = damaged in out
                    left += unchanged
                    misses.setdefault(kind, []).append((paras[i], damaged, "left" if unchanged else "wrong"))
                break
        share = exact / n if n else 0.0
        print(f"| {kind} | {n} | {exact} | {share:.1%} | {left} | {n - exact - left} |")
    total_false = len(false_edits)
    print()
    print("| false edits on undamaged text | paragraphs | edits | per 1,000 paragraphs |")
    print("|---|---:|---:|---:|")
    print(f"| extraction ground truth | {n_paras} | {total_false} | {1000 * total_false / max(1, n_paras):.2f} |")
    if n_sentences:
        print(f"| langid sentences, 29 languages | {n_sentences} | {len(sentence_edits)} | {1000 * len(sentence_edits) / n_sentences:.2f} |")
    stretch = build_chain("stretch")
    stretch_edits = [
        e for paras, meta in articles + (load_sentence_docs() if LANGID.is_dir() else []) for e in family_edits(stretch.run(Document(sep.join(paras), dict(meta))))
    ]
    print(
        f"| dangling-sentence (stretch kind, off by default) alone | {n_paras + n_sentences} | {len(stretch_edits)} | "
        f"{1000 * len(stretch_edits) / max(1, n_paras + n_sentences):.2f} |"
    )
    by_kind: dict[str, int] = {}
    for e, _ in false_edits + sentence_edits:
        by_kind[e.family or e.filter] = by_kind.get(e.family or e.filter, 0) + 1
    print()
    print("false edits by kind: " + (", ".join(f"{k} {v}" for k, v in sorted(by_kind.items())) or "none"))
    elapsed = time.perf_counter() - start
    print(f"time: {elapsed:.1f} s")
    if args.dump:
        with args.dump.open("w", encoding="utf-8") as out:
            for e, where in false_edits + sentence_edits:
                for before, after in changed_spans(e.before, e.after):
                    out.write(f"{where}\t{e.family}\t{before!r}\t{after!r}\n")
        print(f"false edits written to {args.dump}")
    if args.show:
        print("\nfalse edits:")
        for e, where in (false_edits + sentence_edits)[: args.show]:
            print(f"  [{where}] {e.reason[:160]}")
            print(f"     before: {e.before[-200:]!r}")
        for kind, items in misses.items():
            print(f"\nmisses of {kind}:")
            for orig, damaged, how in items[: args.show]:
                print(f"  ({how}) {damaged[-160:]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
