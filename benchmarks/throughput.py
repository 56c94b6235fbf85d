"""Throughput: documents and megabytes per second, in one process and with worker processes.

Corpora (read from ``$CLEANER_SHARED/bench/extraction``, default ``../shared`` next to the
repository; the script exits 0 with a message when it is absent):

* ``html`` — the raw pages of both extraction benchmarks (``*/html/*.html.gz``, decompressed
  in memory before timing): trafilatura extraction plus the default chain;
* ``text`` — the benchmarks' ground-truth article bodies (plain text), run through the
  default chain only.

Runs, per corpus:

* ``clean_article x1``  — a plain loop over ``cleaner.clean_article`` in this process;
* ``clean_many jobs=N`` — ``cleaner.batch.clean_many`` with N spawned worker processes
  (the engine ``cleaner clean`` uses), results in input order;
* ``clean_folder jobs=N`` (``--folder``) — the whole command-line path: the HTML pages
  as ``.html.gz`` files in a temporary folder, cleaned into another one (reading,
  decompression, writing and the report included).

MB/s counts the input as cleaner receives it (decompressed HTML, UTF-8 text). "CPU s" is
the processor time of this process and of its finished worker processes during the run
(``getrusage``): on a shared machine wall-clock rates depend on the other load, CPU time
much less, so docs per CPU-second shows the engine's overhead against the plain loop.
``--steps`` shows where the time of the single-process loop goes: input decoding and
HTML extraction, then each step of the chain (from the chain's own timings);
``--profile`` prints the top functions of a cProfile run of the single-process loop,
``--memory`` the peak resident memory of a ``clean_folder`` run over a generated JSONL
file, to show that memory does not grow with the number of documents.

Usage::

    python benchmarks/throughput.py                     # both corpora, jobs 1 and 2
    python benchmarks/throughput.py --limit 200 --jobs 2 --folder
    python benchmarks/throughput.py --steps --limit 300
    python benchmarks/throughput.py --profile --limit 150
    python benchmarks/throughput.py --memory 1000 10000
"""

from __future__ import annotations

import argparse
import cProfile
import gzip
import io
import json
import os
import pstats
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CLEANER_SHARED", ROOT.parent / "shared"))
BENCH = SHARED / "bench" / "extraction"


def load_html(limit: int | None) -> list[bytes]:
    pages = [gzip.decompress(p.read_bytes()) for p in sorted(BENCH.glob("*/html/*.html.gz"))]
    return pages[:limit] if limit else pages


def load_text(limit: int | None) -> list[str]:
    texts = []
    for truth in sorted(BENCH.glob("*/ground-truth.json")):
        for entry in json.loads(truth.read_text(encoding="utf-8")).values():
            body = entry.get("articleBody") if isinstance(entry, dict) else None
            if body and body.strip():
                texts.append(body)
    return texts[:limit] if limit else texts


def size_mb(docs: list) -> float:
    return sum(len(d if isinstance(d, bytes) else d.encode("utf-8")) for d in docs) / 1e6


def cpu_seconds() -> float:
    """Processor time (user + system) of this process and of its waited-for children."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def row(name: str, corpus: str, docs: int, mb: float, timed: tuple[float, float]) -> None:
    seconds, cpu = timed
    print(
        f"| {corpus:5} | {name:22} | {docs:6,} | {mb:7.1f} | {seconds:8.1f} | {docs / seconds:8.1f} | {mb / seconds:7.2f} "
        f"| {cpu:8.1f} | {docs / cpu:8.1f} |",
        flush=True,
    )


def timed(run: Callable[[], None]) -> tuple[float, float]:
    """Wall-clock and CPU seconds of ``run()``."""
    cpu, start = cpu_seconds(), time.perf_counter()
    run()
    return time.perf_counter() - start, cpu_seconds() - cpu


def run_single(docs: list) -> tuple[float, float]:
    from cleaner import clean_article

    for d in docs[:20]:  # warm-up: imports, the default chain, lazily built tables
        clean_article(d)

    def loop() -> None:
        for d in docs:
            clean_article(d)

    return timed(loop)


def run_many(docs: list, jobs: int) -> tuple[float, float]:
    from cleaner.batch import clean_many

    def drain() -> None:
        for _ in clean_many(docs, jobs=jobs, edits=False):
            pass

    return timed(drain)


def run_folder(pages: list[bytes], jobs: int) -> tuple[float, float]:
    from cleaner.batch import clean_folder

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in"
        src.mkdir()
        for i, page in enumerate(pages):
            (src / f"p{i:05}.html.gz").write_bytes(gzip.compress(page, compresslevel=1))

        def batch() -> None:
            summary = clean_folder(src, Path(tmp) / "out", jobs=jobs)
            assert summary.documents["read"] == len(pages)

        return timed(batch)


def profile(docs: list, top: int) -> None:
    from cleaner import clean_article

    clean_article(docs[0])
    prof = cProfile.Profile()
    prof.enable()
    for d in docs:
        clean_article(d)
    prof.disable()
    out = io.StringIO()
    pstats.Stats(prof, stream=out).sort_stats("tottime").print_stats(top)
    print(out.getvalue())


def steps(name: str, docs: list) -> None:
    """Seconds per stage over ``docs``: loading (decoding, HTML extraction) and each chain step."""
    from cleaner import Chain
    from cleaner.inputs import load_document

    chain = Chain.default()
    for d in docs[:20]:  # warm-up, as in run_single
        doc = load_document(d)
        if not doc.dropped:
            chain.run(doc)
    chain = Chain.default()
    load = 0.0
    start = time.perf_counter()
    for d in docs:
        t = time.perf_counter()
        doc = load_document(d)
        load += time.perf_counter() - t
        if not doc.dropped:
            chain.run(doc)
    total = time.perf_counter() - start
    stages = {"load (decode, extract HTML)": load, **{k: v.seconds for k, v in chain.stats.steps.items()}}
    for stage, seconds in sorted(stages.items(), key=lambda kv: -kv[1]):
        print(f"| {name:5} | {stage:30} | {seconds:7.2f} | {seconds / total:5.0%} |")


def memory(records: int) -> None:
    """Peak RSS of a clean_folder run (jobs=1, so the parent does all the work) over a generated JSONL."""
    texts = load_text(None)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "in" / "big.jsonl"
        path.parent.mkdir()
        with open(path, "w", encoding="utf-8") as f:
            for i in range(records):
                f.write(json.dumps({"id": i, "text": texts[i % len(texts)]}) + "\n")
        code = (
            "import resource, sys; from cleaner.batch import clean_folder; "
            f"s = clean_folder({str(path.parent)!r}, {str(Path(tmp) / 'out')!r}, jobs=1); "
            "print(s.documents['read'], resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
        )
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
        print(
            f"| {records:,} records | {path.stat().st_size / 1e6:.1f} MB | {int(out[0]):,} documents | "
            f"peak RSS {int(out[1]) / 1024:.0f} MB |"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, help="documents per corpus (default: all)")
    parser.add_argument("--jobs", type=int, nargs="+", default=[2], help="worker counts for clean_many (default: 2)")
    parser.add_argument("--corpus", choices=("html", "text"), nargs="+", default=["html", "text"])
    parser.add_argument("--folder", action="store_true", help="also time clean_folder on the HTML pages as files")
    parser.add_argument("--profile", action="store_true", help="cProfile the single-process loop instead")
    parser.add_argument("--steps", action="store_true", help="time per stage (loading, each step) instead")
    parser.add_argument("--top", type=int, default=25, help="functions the profile lists")
    parser.add_argument("--memory", type=int, nargs="+", metavar="RECORDS", help="peak memory of clean_folder over RECORDS records (several sizes: compare)")
    args = parser.parse_args()
    if not BENCH.is_dir():
        print(f"throughput: {BENCH} not found; nothing to measure (set CLEANER_SHARED)")
        return 0
    if args.memory:
        print("| input | size | cleaned | memory |\n|---|---|---|---|")
        for records in args.memory:
            memory(records)
        return 0
    corpora = {"html": load_html, "text": load_text}
    if args.steps:
        print("| corpus | stage | seconds | share |\n|---|---|---:|---:|")
        for name in args.corpus:
            steps(name, corpora[name](args.limit))
        return 0
    if args.profile:
        for name in args.corpus:
            print(f"## profile: {name}")
            profile(corpora[name](args.limit), args.top)
        return 0
    print(f"cpu cores: {os.cpu_count()}  python {sys.version.split()[0]}")
    print(f"load average before: {os.getloadavg()[0]:.1f}")
    print("| corpus | run | docs | MB | seconds | docs/s | MB/s | CPU s | docs/CPU-s |\n|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for name in args.corpus:
        docs = corpora[name](args.limit)
        mb = size_mb(docs)
        row("clean_article x1", name, len(docs), mb, run_single(docs))
        for jobs in args.jobs:
            row(f"clean_many jobs={jobs}", name, len(docs), mb, run_many(docs, jobs))
        if args.folder and name == "html":
            for jobs in [1, *args.jobs]:
                row(f"clean_folder jobs={jobs}", name, len(docs), mb, run_folder(docs, jobs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
