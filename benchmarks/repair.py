"""Repair of translation artefacts: inject each kind of damage into clean text, measure the repairs.

Data (``../shared``):

* English: the human-made article bodies of ``bench/extraction/*/ground-truth.json``.
  ``cleaneval-dragnet`` and ``scrapinghub-aeb`` are the *dev* part (the rules were tuned on
  them); ``train-extra`` is *held back* (never looked at while tuning).
* French, German, Spanish, Italian, Portuguese, Dutch: the sentences of
  ``bench/langid/sentences/<lang>.txt``, three sentences a paragraph, five paragraphs a
  document; the first half of each file is dev, the second half held back.
* False edits: the undamaged English articles and the sentences of all 29 languages
  (ten sentences a document, one a paragraph).

For each kind of damage, one place of each paragraph (English: of one paragraph per article)
is chosen at random with a fixed seed and damaged, picking any word, not only function words;
the damaged document and the clean one go through the same chain, and the repair counts when
both outputs are identical (a false edit elsewhere does not count against the repair).

Every edit the family's steps make to undamaged text is looked up in the reviewed list
``benchmarks/repair_reviewed_edits.tsv`` (kind, the changed span before and after, verdict
``defect`` — a real defect of the source, repaired — or ``false``); edits not in the list are
reported as unreviewed (``--dump`` writes them in the list's format, to be reviewed).

    python benchmarks/repair.py                     # the family's steps alone
    python benchmarks/repair.py --chain default     # the whole default chain
    python benchmarks/repair.py --speed             # CPU time per 5 KB document, linearity
    python benchmarks/repair.py --show 20           # print misses per kind
"""

from __future__ import annotations

import argparse
import csv
import difflib
import json
import os
import random
import sys
import time
from pathlib import Path


sys.path.insert(0, str(Path(__file__).resolve().parent))
from repair_damage import INJECTORS  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CLEANER_SHARED", ROOT.parent / "shared"))
EXTRACTION = SHARED / "bench" / "extraction"
LANGID = SHARED / "bench" / "langid" / "sentences"
REVIEWED = ROOT / "benchmarks" / "repair_reviewed_edits.tsv"
SEED = 20240620
FAMILY_STEPS = ("join_hyphenated_lines", "repair_typography")
DEV_SETS = ("cleaneval-dragnet", "scrapinghub-aeb")
INJECT_LANGUAGES = ("fr", "de", "es", "it", "pt", "nl")

Doc = tuple[list[str], dict]


# ---------------------------------------------------------------------------
# Data
# ---------------------------------------------------------------------------
def load_articles(part: str) -> list[Doc]:
    """English ground-truth bodies of the ``dev`` or ``held`` sets, as (paragraphs, meta)."""
    docs = []
    for gt in sorted(EXTRACTION.glob("*/ground-truth.json")):
        if (gt.parent.name in DEV_SETS) != (part == "dev"):
            continue
        data = json.loads(gt.read_text(encoding="utf-8"))
        for key in sorted(data):
            paras = [p.strip() for p in (data[key].get("articleBody") or "").splitlines() if p.strip()]
            if paras:
                docs.append((paras, {"language": _language(data[key].get("lang"), paras), "id": f"{gt.parent.name}/{key}"}))
    return docs


def _sentences(lang: str) -> list[str]:
    path = LANGID / f"{lang}.txt"
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def load_sentence_articles(lang: str, part: str) -> list[Doc]:
    """Sentences of ``lang``, 3 a paragraph and 5 paragraphs a document; first half dev, second held."""
    lines = _sentences(lang)
    half = len(lines) // 2
    lines = lines[:half] if part == "dev" else lines[half:]
    paras = [" ".join(lines[i : i + 3]) for i in range(0, len(lines) - 2, 3)]
    return [(paras[i : i + 5], {"language": lang, "id": f"{lang}/{part}/{i}"}) for i in range(0, len(paras), 5)]


def load_sentence_docs() -> list[Doc]:
    """All 29 languages' sentences, ten a document, one a paragraph (for false edits)."""
    docs = []
    for path in sorted(LANGID.glob("*.txt")):
        lines = _sentences(path.stem)
        docs += [(lines[i : i + 10], {"language": path.stem, "id": f"{path.stem}/{i}"}) for i in range(0, len(lines) - 9, 10)]
    return docs


# ---------------------------------------------------------------------------
# Running
# ---------------------------------------------------------------------------
def build_chain(kind: str):
    """The default chain or the family's steps alone (no damage budget)."""
    from cleaner import Chain
    from cleaner.chain import Budget, Step

    if kind == "default":
        return Chain.default()
    return Chain([Step.make(s) for s in FAMILY_STEPS], Budget(max_removed_share=1.0, policy="keep"))


def run(chain, paras: list[str], meta: dict):
    from cleaner.document import Document

    return chain.run(Document("\n".join(paras), {"language": meta["language"]}))


def _language(lang: str | None, paras: list[str]) -> str | None:
    """The set's language, or (scrapinghub-aeb has none, and several languages) a guess from the word lists."""
    from cleaner.filters.translation.lexicon import guess_language

    return lang or guess_language(" ".join(paras))


def family_edits(result) -> list:
    return [e for e in result.edits if e.filter in FAMILY_STEPS and e.action in ("removed", "replaced")]


def changed_spans(before: str, after: str, context: int = 30) -> list[tuple[str, str]]:
    """The places where ``after`` differs from ``before``, with some context."""
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    return [
        (before[max(0, a1 - context) : a2 + context], after[max(0, b1 - context) : b2 + context])
        for op, a1, a2, b1, b2 in matcher.get_opcodes()
        if op != "equal"
    ]


def measure_repairs(chain, docs: list[Doc], per_paragraph: bool, seed: int) -> dict[str, tuple[int, int, int, list]]:
    """Per kind: (damaged, repaired exactly, left as damaged, misses)."""
    clean_out = [run(chain, paras, meta).text for paras, meta in docs]
    out: dict[str, tuple[int, int, int, list]] = {}
    for k, (kind, inject) in enumerate(INJECTORS.items()):
        rng = random.Random(seed + k)
        n = exact = left = 0
        misses = []
        for (paras, meta), expected in zip(docs, clean_out):
            order = list(range(len(paras)))
            rng.shuffle(order)
            for i in order:
                damaged = inject(paras[i], paras, rng)
                if damaged is None or damaged == paras[i]:
                    continue
                got = run(chain, paras[:i] + [damaged] + paras[i + 1 :], meta).text
                n += 1
                if got == expected:
                    exact += 1
                else:
                    left += damaged in got
                    misses.append((meta["id"], damaged))
                if not per_paragraph:
                    break
        out[kind] = (n, exact, left, misses)
    return out


def load_reviewed() -> dict[tuple[str, str, str], tuple[str, str]]:
    """(kind, before, after) → (verdict, note) from the reviewed list."""
    if not REVIEWED.exists():
        return {}
    with REVIEWED.open(encoding="utf-8", newline="") as f:
        rows = csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t", quoting=csv.QUOTE_NONE)
        return {(r["kind"], r["before"], r["after"]): (r["verdict"], r["note"]) for r in rows}


def undamaged_edits(chain, docs: list[Doc]) -> list[tuple[str, str, str, str]]:
    """Every changed span of the family's edits on undamaged documents: (doc id, kind, before, after)."""
    spans = []
    for paras, meta in docs:
        for e in family_edits(run(chain, paras, meta)):
            for before, after in changed_spans(e.before, e.after):
                spans.append((meta["id"], e.family or e.filter, before, after))
    return spans


def _esc(s: str) -> str:
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


# ---------------------------------------------------------------------------
# Speed
# ---------------------------------------------------------------------------
def measure_speed(docs: list[Doc]) -> None:
    """CPU ms per 5 KB document for each step alone, and the cost on 1 MB and 10 MB of text."""
    from cleaner.document import Document
    from cleaner.filters.translation import join_hyphenated_lines as hyphens
    from cleaner.filters.translation import repair_typography as typography

    text = "\n".join(p for paras, _ in docs for p in paras)
    chunks = [text[i : i + 5000] for i in range(0, min(len(text), 2_500_000), 5000)]
    rows = []
    for chunk in chunks[:50]:  # warm up: compile, load word lists
        hyphens(chunk)
        typography(Document(chunk, {"language": "en"}))
    start = time.process_time()
    for chunk in chunks:
        hyphens(chunk)
    rows.append(("join_hyphenated_lines", 1000 * (time.process_time() - start) / len(chunks)))
    documents = [Document(chunk, {"language": "en"}) for chunk in chunks]  # built outside the timing
    start = time.process_time()
    for doc in documents:
        typography(doc)
    rows.append(("repair_typography", 1000 * (time.process_time() - start) / len(chunks)))
    print(f"speed on {len(chunks)} documents of 5 KB (English ground truth), CPU time:")
    for name, ms in rows:
        print(f"  {name}: {ms:.3f} ms/doc")
    for size in (1_000_000, 10_000_000):  # one document, one paragraph a line
        big = (text * (size // len(text) + 1))[:size]
        start = time.process_time()
        hyphens(big)
        typography(Document(big, {"language": "en"}))
        print(f"  both steps on one {size / 1e6:.0f} MB text: {time.process_time() - start:.2f} s CPU")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chain", choices=["steps", "default"], default="steps")
    parser.add_argument("--show", type=int, default=0, help="print up to N misses per kind")
    parser.add_argument("--dump", type=Path, help="write the unreviewed edits on undamaged text to this TSV (reviewed-list format)")
    parser.add_argument("--speed", action="store_true", help="only measure CPU time per 5 KB document and linearity")
    parser.add_argument("--part", choices=["dev", "held", "both"], default="both")
    parser.add_argument("--edits-only", action="store_true", help="only the edits on undamaged text (no injected damage)")
    args = parser.parse_args()
    if not EXTRACTION.is_dir() or not LANGID.is_dir():
        print(f"no benchmark data at {SHARED / 'bench'}; nothing to measure")
        return 0
    if args.speed:
        measure_speed(load_articles("dev"))
        return 0
    chain = build_chain(args.chain)
    start = time.process_time()
    print(f"chain: {args.chain} ({', '.join(chain.names)})")
    parts = [] if args.edits_only else ["dev", "held"] if args.part == "both" else [args.part]
    results = {}
    for part in parts:
        results[(part, "en")] = measure_repairs(chain, load_articles(part), False, SEED)
        other = [d for lang in INJECT_LANGUAGES for d in load_sentence_articles(lang, part)]
        results[(part, "fr de es it pt nl")] = measure_repairs(chain, other, True, SEED)
    if results:
        print_repairs(results)
    print_edits(args)
    if args.show:
        for key, res in results.items():
            for kind, (_, _, _, misses) in res.items():
                if misses:
                    print(f"\nmisses of {kind} ({' '.join(key)}):")
                    for doc_id, damaged in misses[: args.show]:
                        print(f"  [{doc_id}] {damaged[-160:]!r}")
    print(f"\nCPU time: {time.process_time() - start:.0f} s")
    return 0


def print_repairs(results: dict) -> None:
    print()
    header = " | ".join(f"{part} {langs}" for part, langs in results)
    print(f"| kind | {header} |")
    print("|---|" + "---:|" * len(results))
    totals = {key: [0, 0] for key in results}
    for kind in INJECTORS:
        cells = []
        for key, res in results.items():
            n, exact, left, _ = res[kind]
            totals[key][0] += n
            totals[key][1] += exact
            cells.append(f"{exact}/{n} ({exact / n:.1%})" if n else "–")
        print(f"| {kind} | " + " | ".join(cells) + " |")
    print("| all kinds | " + " | ".join(f"{e}/{n} ({e / max(1, n):.1%})" for n, e in totals.values()) + " |")


def print_edits(args: argparse.Namespace) -> None:
    chain = build_chain(args.chain)
    reviewed = load_reviewed()
    print()
    print("| undamaged text | paragraphs | changed spans | real defects | false edits | unreviewed | false per 1,000 paragraphs |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    unreviewed_rows = []
    totals = [0, 0, 0, 0, 0]  # paragraphs, spans, defects, false, unreviewed
    for label, docs in (
        ("English articles, dev", load_articles("dev")),
        ("English articles, held back", load_articles("held")),
        ("sentences, 29 languages", load_sentence_docs()),
    ):
        spans = undamaged_edits(chain, docs)
        verdicts = [reviewed.get((kind, _esc(b), _esc(a)), ("unreviewed", ""))[0] for _, kind, b, a in spans]
        n_paras = sum(len(p) for p, _ in docs)
        false = verdicts.count("false")
        unrev = verdicts.count("unreviewed")
        unreviewed_rows += [s for s, v in zip(spans, verdicts) if v == "unreviewed"]
        totals = [t + x for t, x in zip(totals, (n_paras, len(spans), verdicts.count("defect"), false, unrev))]
        print(
            f"| {label} | {n_paras} | {len(spans)} | {verdicts.count('defect')} | {false} | {unrev} | "
            f"{1000 * (false + unrev) / n_paras:.2f} |"
        )
    n_paras, n_spans, defects, false, unrev = totals
    print(f"| all | {n_paras} | {n_spans} | {defects} | {false} | {unrev} | {1000 * (false + unrev) / n_paras:.2f} |")
    print("(unreviewed spans count as false until reviewed)")
    if args.dump:
        with args.dump.open("w", encoding="utf-8") as out:
            out.write("doc\tkind\tbefore\tafter\tverdict\tnote\n")
            for doc_id, kind, before, after in unreviewed_rows:
                out.write(f"{doc_id}\t{kind}\t{_esc(before)}\t{_esc(after)}\t\t\n")
        print(f"{len(unreviewed_rows)} unreviewed spans written to {args.dump}")


if __name__ == "__main__":
    sys.exit(main())
