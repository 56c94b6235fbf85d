"""Speed: cleaner against a naive pipeline, per document size, on HTML, on big documents and in batch.

One run, one summary line per configuration (docs/s and MB/s by the wall clock, CPU ms per
document by ``time.process_time`` or ``getrusage`` — these machines are shared, so CPU time is
the number to compare; the load average is printed first):

* ``naive 5KB`` — what a user writes in ten minutes: ``ftfy.fix_text`` on the whole text, ten
  line regexes (C4/Gopher-style furniture lines) and ``langdetect.detect`` on the full text;
* ``chain 1KB/5KB/50KB`` — cleaner's default chain on plain-text articles of about that size
  (``samples/input/*.txt`` and the ground-truth bodies of ``../shared/bench/extraction``);
  with ``5KB``, each step's share of the chain's time and the rate the chain would reach with a
  0.5 ms boilerplate step (its own budget);
* ``html trafilatura`` / ``html cleaner's chain`` — the benchmark pages: trafilatura's extraction
  with cleaner's settings (``cleaner.inputs.extract_html``) and the default chain on its text, each
  page timed once (see :func:`bench_html`); the chain is cleaner's own work;
* ``big 1MB/10MB/50MB`` — one document of that size (article bodies joined), and one of a million
  one-word lines, each cleaned in a fresh process (no time budget): time, peak resident memory
  and each step's seconds (``--quick`` skips them; ``--big-without comments`` leaves a boilerplate
  family out);
* ``batch jobs=1/2`` — ``cleaner clean IN -o OUT --jobs N`` in a subprocess on a JSONL file of
  5 KB articles: rate, CPU (the command and its workers) and peak memory;
* ``import cleaner`` / ``cleaner --help`` — the fastest of five fresh processes.

    python benchmarks/speed.py            # everything (about 10 minutes on a quiet 2-core machine)
    python benchmarks/speed.py --quick    # without the big documents
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
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
#: Size classes of the text articles (bytes of UTF-8): name -> (at least, under).
SIZES = {"1KB": (700, 1_500), "5KB": (4_000, 6_500), "50KB": (30_000, 80_000)}
BIG_MB = (1, 10, 50)
BIG_LINES = 1_000_000
BOILERPLATE_BUDGET_MS = 0.5

# The naive baseline's furniture lines: the kind of list C4 and Gopher filters use.
NAIVE_LINES = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"javascript", r"cookie", r"lorem ipsum", r"\{", r"terms of (use|service)", r"privacy policy",
        r"^\s*(share|tweet|email|print)\s*$", r"all rights reserved", r"subscribe", r"^\s*(read more|click here)\b",
    )
]


def load_texts() -> list[str]:
    """Plain-text articles: the samples and (when present) the benchmarks' ground-truth bodies."""
    texts = [p.read_bytes().decode("utf-8", "replace") for p in sorted((ROOT / "samples" / "input").glob("*.txt"))]
    for truth in sorted(BENCH.glob("*/ground-truth.json")):
        for entry in json.loads(truth.read_text(encoding="utf-8")).values():
            body = entry.get("articleBody") if isinstance(entry, dict) else None
            if body and body.strip():
                texts.append(body)
    return texts


def by_size(texts: list[str], name: str, limit: int) -> list[str]:
    low, high = SIZES[name]
    return [t for t in texts if low <= len(t.encode("utf-8")) < high][:limit]


def megabytes(docs: list) -> float:
    return sum(len(d if isinstance(d, bytes) else d.encode("utf-8")) for d in docs) / 1e6


def line(name: str, docs: int, mb: float, wall: float, cpu: float, extra: str = "") -> None:
    print(
        f"{name:22} docs {docs:6,}  MB {mb:7.2f}  wall {wall:7.2f} s  {docs / wall:8.1f} docs/s  {mb / wall:6.2f} MB/s"
        f"  CPU {cpu / docs * 1000:8.3f} ms/doc  {docs / cpu:8.1f} docs/CPU-s  {extra}",
        flush=True,
    )


def timed(run: Callable[[], None]) -> tuple[float, float]:
    """Wall and CPU seconds of ``run()`` in this process."""
    wall, cpu = time.perf_counter(), time.process_time()
    run()
    return time.perf_counter() - wall, time.process_time() - cpu


def naive(text: str) -> str:
    import ftfy
    import langdetect

    text = ftfy.fix_text(text)
    kept = [ln for ln in text.splitlines() if ln.strip() and not any(p.search(ln) for p in NAIVE_LINES)]
    try:
        langdetect.detect(text)
    except langdetect.LangDetectException:
        pass
    return "\n".join(kept)


def bench_naive(docs: list[str]) -> float:
    import langdetect

    langdetect.DetectorFactory.seed = 0
    for d in docs[:5]:
        naive(d)
    wall, cpu = timed(lambda: [naive(d) for d in docs])
    line("naive 5KB", len(docs), megabytes(docs), wall, cpu)
    return cpu / len(docs)


def bench_chain(name: str, docs: list[str], naive_cpu: float | None) -> None:
    from cleaner import Chain

    chain = Chain.default()
    for d in docs:  # one untimed pass: word lists and models load once per process, on first use
        chain.run_text(d)
    chain = Chain.default()
    wall, cpu = timed(lambda: [chain.run_text(d) for d in docs])
    extra = f"{naive_cpu / (cpu / len(docs)):.1f}x naive" if naive_cpu else ""
    line(f"chain {name}", len(docs), megabytes(docs), wall, cpu, extra)
    if name != "5KB":
        return
    steps = {k: v.seconds for k, v in chain.stats.steps.items()}
    total = sum(steps.values())
    shares = "  ".join(f"{k} {v / total:.0%} ({v / len(docs) * 1000:.2f} ms)" for k, v in sorted(steps.items(), key=lambda kv: -kv[1]))
    print(f"{'  steps 5KB (wall)':22} {shares}")
    # What the chain would cost with the boilerplate steps at their budget: the other steps' share of
    # the CPU time (chain overhead included), plus the budget.
    boiler = steps.get("remove_boilerplate", 0.0) / total
    other_ms = cpu / len(docs) * 1000 * (1 - boiler)
    projected = other_ms + BOILERPLATE_BUDGET_MS
    print(f"{'  with 0.5 ms boiler':22} {1000 / projected:8.1f} docs/CPU-s  ({other_ms:.3f} ms/doc besides remove_boilerplate)")


def load_pages(limit: int) -> list[bytes]:
    return [gzip.decompress(p.read_bytes()) for p in sorted(BENCH.glob("*/html/*.html.gz"))[:limit]]


#: HTML pages cleaned before the timed ones (and not timed): word lists and models load on first use.
WARM_PAGES = 30


def bench_html(pages: list[bytes]) -> None:
    """trafilatura's extraction and cleaner's chain on its text, timed page by page, each page once.

    Timing each kind of work over all pages in turn mismeasured both: trafilatura keeps caches
    keyed by the page, so a second pass over the same pages ran faster, and the ratio swung from
    -23 % to +152 % on the same 150 pages. Here every page is extracted once (as
    ``clean_article`` does it) and its text cleaned once (``Chain.run_text`` with the extracted
    metadata, as ``clean_article`` passes it). The last :data:`WARM_PAGES` pages, other pages
    than the timed ones, run first: a language's word lists load when its first text comes
    (half a second), which a crawler pays once and a 150-page sample would pay many times.
    """
    from cleaner import Chain
    from cleaner.inputs import extract_html

    chain = Chain.default()
    texts = [p.decode("utf-8", "replace") for p in pages]
    warm = min(WARM_PAGES, len(texts) // 2)  # a short --pages still leaves pages to time
    for t in texts[len(texts) - warm :]:
        body, found = extract_html(t)
        chain.run_text(body or "", {"format": "html", **found})
    measured = texts[: len(texts) - warm]
    extract_cpu = chain_cpu = 0.0
    wall = time.perf_counter()
    for t in measured:
        start = time.process_time()
        body, found = extract_html(t)
        middle = time.process_time()
        if body:
            chain.run_text(body, {"format": "html", **found})
        extract_cpu += middle - start
        chain_cpu += time.process_time() - middle
    wall = time.perf_counter() - wall
    mb = megabytes(pages[: len(pages) - warm])
    share = extract_cpu / (extract_cpu + chain_cpu) if extract_cpu + chain_cpu else 0.0
    line("html trafilatura", len(measured), mb, wall * share, extract_cpu)
    line("html cleaner's chain", len(measured), mb, wall * (1 - share), chain_cpu,
         f"cleaner's own work +{chain_cpu / extract_cpu:.0%} of the extraction")


#: This process's own peak resident memory in KB: the kernel's high-water mark of its memory map
#: (``ru_maxrss`` survives ``exec`` on Linux, so a child started by a big parent would report the parent's).
_PEAK_KB = """
def peak_kb():
    try:
        with open("/proc/self/status") as status:
            return next(int(ln.split()[1]) for ln in status if ln.startswith("VmHWM:"))
    except (OSError, StopIteration):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
"""

_BIG_CHILD = """
import json, resource, sys, time
from cleaner import Chain
""" + _PEAK_KB + """
text = open(sys.argv[1], encoding="utf-8").read()
chain = Chain.default().with_budget(max_seconds=0)  # measured to the end: no time budget
if sys.argv[2:]:  # boilerplate families left out
    from cleaner.filters.boilerplate.vocabulary import FAMILIES
    chain = chain.with_params("remove_boilerplate", families=[f for f in FAMILIES if f not in sys.argv[2:]])
chain.run_text("Warm-up: the language model loads once per process, before the clock starts.")
wall, cpu = time.perf_counter(), time.process_time()
result = chain.run_text(text)
wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
steps = {t.step: round(t.seconds, 2) for t in result.steps}
print(json.dumps({"wall": wall, "cpu": cpu, "rss": peak_kb(), "steps": steps}))
"""


def bench_big(texts: list[str], sizes: tuple[int, ...], lines: int, without: tuple[str, ...] = ()) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        jobs = []
        for mb in sizes:
            parts, size, i = [], 0, 0
            while size < mb * 1_000_000:
                parts.append(texts[i % len(texts)])
                size += len(parts[-1].encode("utf-8")) + 2
                i += 1
            jobs.append((f"big {mb}MB", "\n\n".join(parts)))
        if lines:  # the hostile corpus's case: one short word a line
            jobs.append((f"big {lines:,} lines", "\n".join(f"word{i % 997}" for i in range(lines))))
        for name, text in jobs:
            path = Path(tmp) / "big.txt"
            path.write_text(text, encoding="utf-8")
            # run from the temporary folder: ``-c`` puts the working directory first on the child's path,
            # and a checkout there would be imported instead of the ``cleaner`` this process measures
            proc = subprocess.run([sys.executable, "-c", _BIG_CHILD, str(path), *without], capture_output=True, text=True, check=True, cwd=tmp)
            out = json.loads(proc.stdout.strip().splitlines()[-1])
            real_mb = path.stat().st_size / 1e6
            name += "".join(f" -{family}" for family in without)
            line(name, 1, real_mb, out["wall"], out["cpu"], f"{out['cpu'] / real_mb:.2f} CPU s/MB  peak RSS {out['rss'] / 1024:,.0f} MB")
            print(f"{'  steps (wall s)':22} {'  '.join(f'{k} {v}' for k, v in sorted(out['steps'].items(), key=lambda kv: -kv[1]))}")


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def bench_batch(docs: list[str], jobs: tuple[int, ...]) -> None:
    cli = [sys.executable, "-c", "import sys; from cleaner.cli import main; sys.exit(main())"]
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in" / "articles.jsonl"
        src.parent.mkdir()
        with open(src, "w", encoding="utf-8") as f:
            for i, text in enumerate(docs):
                f.write(json.dumps({"id": i, "text": text}) + "\n")
        for n in jobs:
            probe = [*cli[:2], cli[2].replace("sys.exit(main())", "code = main(); import resource\n" + _PEAK_KB + "\n"
                     "print('RSS', peak_kb(), "
                     "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); sys.exit(code)")]
            cpu, wall = children_cpu(), time.perf_counter()
            proc = subprocess.run([*probe, "clean", str(src.parent), "-o", str(Path(tmp) / f"out{n}"), "--jobs", str(n), "-q"],
                                  capture_output=True, text=True, check=True)
            wall, cpu = time.perf_counter() - wall, children_cpu() - cpu
            rss = [ln.split() for ln in proc.stderr.splitlines() if ln.startswith("RSS ")][-1]
            line(f"batch jobs={n}", len(docs), megabytes(docs), wall, cpu,
                 f"peak RSS parent {int(rss[1]) / 1024:,.0f} MB, largest worker {int(rss[2]) / 1024:,.0f} MB")


def fastest_of(command: list[str], runs: int = 5) -> tuple[float, float]:
    """The least wall and the least CPU seconds of ``runs`` fresh processes running ``command``."""
    wall = cpu = float("inf")
    for _ in range(runs):
        start, before = time.perf_counter(), children_cpu()
        subprocess.run(command, capture_output=True, check=True)
        wall, cpu = min(wall, time.perf_counter() - start), min(cpu, children_cpu() - before)
    return wall, cpu


def bench_startup() -> None:
    bare = fastest_of([sys.executable, "-c", "pass"])
    imported = fastest_of([sys.executable, "-c", "import cleaner"])
    helped = fastest_of([sys.executable, "-c", "import sys; from cleaner.cli import main; sys.argv[1:] = ['--help']; main()"])
    print(f"{'import cleaner':22} wall {(imported[0] - bare[0]) * 1000:5.0f} ms  CPU {(imported[1] - bare[1]) * 1000:5.0f} ms"
          f"  (beyond a bare interpreter: wall {bare[0] * 1000:.0f} ms, CPU {bare[1] * 1000:.0f} ms)")
    print(f"{'cleaner --help':22} wall {helped[0] * 1000:5.0f} ms  CPU {helped[1] * 1000:5.0f} ms  (whole process)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=300, help="documents per size class and batch (default 300)")
    parser.add_argument("--pages", type=int, default=150, help="HTML pages (default 150)")
    parser.add_argument("--quick", action="store_true", help="skip the 1/10/50 MB documents")
    parser.add_argument("--big", type=int, nargs="+", default=list(BIG_MB), metavar="MB", help="sizes of the big documents (default 1 10 50)")
    parser.add_argument("--lines", type=int, default=BIG_LINES, help="one-word lines of the last big document (default 1,000,000; 0: none)")
    parser.add_argument("--big-without", nargs="+", default=[], metavar="FAMILY",
                        help="boilerplate families left out in the big documents (e.g. comments: a text of articles joined is no comment thread)")
    parser.add_argument("--only", nargs="+", choices=("naive", "chain", "html", "big", "batch", "startup"), help="run only these parts")
    args = parser.parse_args()
    texts = load_texts()
    if not BENCH.is_dir():
        print(f"speed: {BENCH} not found (set CLEANER_SHARED); measuring the samples only")
    parts = set(args.only or ("naive", "chain", "html", "big", "batch", "startup"))
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start")
    five = by_size(texts, "5KB", args.limit)
    naive_cpu = bench_naive(five) if "naive" in parts and five else None
    if "chain" in parts:
        for name in SIZES:
            docs = by_size(texts, name, args.limit if name != "50KB" else max(1, args.limit // 10))
            if docs:
                bench_chain(name, docs, naive_cpu if name == "5KB" else None)
    pages = load_pages(args.pages + WARM_PAGES)
    if "html" in parts and pages:
        bench_html(pages)
    if "big" in parts and not args.quick and texts:
        bench_big(texts, tuple(args.big), args.lines, tuple(args.big_without))
    if "batch" in parts and five:
        bench_batch(five, (1, 2))
    if "startup" in parts:
        bench_startup()
    print(f"load average at the end {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
