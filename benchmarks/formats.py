"""WARC and Parquet throughput: reading (warcio against FastWARC, pyarrow) and cleaning through ``clean_folder``.

Reading: writes a gzipped WARC (``request`` + ``response`` + ``metadata`` records, like a
crawler's) of generated HTML pages to a temporary folder, then times reading every
``response`` record's HTTP headers and payload with each library (the part of ``cleaner
clean crawl.warc.gz`` that depends on the library) and with cleaner's own WARC reader.

Cleaning (``--clean N``): the first N pages as a WARC file and as a Parquet file (columns
``id``, ``url``, ``html``, row groups of 500), each cleaned by ``clean_folder(jobs=1)``
into JSONL / Parquet, beside a plain ``clean_article`` loop over the same pages: the
difference is what the format costs.

Every run reports wall and CPU seconds (``time.process_time``; on a shared machine CPU
time is the steadier number), MB/s of the file and documents per CPU-second.

Usage::

    python benchmarks/formats.py --mb 200 --clean 500   # a 200 MB-class file; 500 pages cleaned
    python benchmarks/formats.py --mb 1000 --clean 0    # the 1 GB class, reading only
"""

from __future__ import annotations

import argparse
import io
import os
import random
import tempfile
import time
from pathlib import Path
from typing import Callable

WORDS = "river council school market bridge winter station museum garden harbour library festival".split()


def page(rng: random.Random, i: int) -> bytes:
    paragraphs = "".join(
        "<p>" + " ".join(rng.choice(WORDS) for _ in range(rng.randint(20, 80))) + ".</p>" for _ in range(rng.randint(4, 30))
    )
    return (
        f"<html><head><meta charset='utf-8'><title>Page {i}</title></head><body><nav>Home | News | About</nav>"
        f"<article><h1>Story {i}</h1>{paragraphs}</article><footer>Copyright</footer></body></html>"
    ).encode()


def generate(path: Path, megabytes: float, pages: int | None = None) -> int:
    """Write records until the file reaches ``megabytes`` (or holds ``pages`` pages); returns the number of response records."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    rng = random.Random(1)
    n = 0
    with open(path, "wb") as f:
        writer = WARCWriter(f, gzip=True)
        while (n < pages) if pages is not None else (f.tell() < megabytes * 1e6):
            url = f"https://example.org/news/{n}"
            body = page(rng, n)
            req = StatusAndHeaders("GET /news HTTP/1.1", [("Host", "example.org")], is_http_request=True)
            writer.write_record(writer.create_warc_record(url, "request", http_headers=req))
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers))
            writer.write_record(writer.create_warc_record(url, "metadata", payload=io.BytesIO(b"fetchTimeMs: 12\r\n"), warc_content_type="application/warc-fields"))
            n += 1
    return n


def read_warcio(path: Path) -> int:
    from warcio.archiveiterator import ArchiveIterator

    n = 0
    with open(path, "rb") as f:
        for record in ArchiveIterator(f):
            if record.rec_type == "response":
                record.http_headers.get_header("Content-Type")
                record.rec_headers.get_header("WARC-Target-URI")
                record.content_stream().read()
                n += 1
    return n


def read_fastwarc(path: Path) -> int:
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    n = 0
    for record in ArchiveIterator(str(path), record_types=WarcRecordType.response, parse_http=True):
        record.http_headers.get("Content-Type")
        record.headers.get("WARC-Target-URI")
        record.reader.read()
        n += 1
    return n


def read_cleaner(path: Path) -> int:
    from cleaner.batch.readers import Meter, warc
    from cleaner.batch.sources import Unit

    unit = Unit(str(path), path, "warc", True, None, path.stat().st_size)
    return sum(1 for _ in warc.read(unit, 64 * 1024 * 1024, Meter()))


def timed(fn: Callable[[], int]) -> tuple[int, float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    n = fn()
    return n, time.perf_counter() - wall, time.process_time() - cpu


def row(name: str, n: int, wall: float, cpu: float, megabytes: float) -> None:
    print(f"{name:<34} {n:>8,} {wall:>8.2f} {cpu:>8.2f} {megabytes / cpu:>8.2f} {n / cpu:>10,.1f}")


def reading(path: Path, records: int) -> None:
    size = path.stat().st_size / 1e6
    print(f"\nreading {path.name}: {size:.0f} MB, {records:,} response records (+ request and metadata records)")
    print(f"{'reader':<34} {'records':>8} {'wall s':>8} {'CPU s':>8} {'MB/CPU-s':>8} {'recs/CPU-s':>10}")
    for name, fn in (("warcio", read_warcio), ("fastwarc", read_fastwarc), ("cleaner warc reader (warcio)", read_cleaner)):
        n, wall, cpu = timed(lambda: fn(path))
        assert n == records, (name, n, records)
        row(name, n, wall, cpu, size)


def cleaning(folder: Path, pages: int) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from cleaner import clean_article
    from cleaner.batch import clean_folder

    warc = folder / "in-warc" / "crawl.warc.gz"
    warc.parent.mkdir()
    generate(warc, 0, pages=pages)
    rng = random.Random(1)
    html = [page(rng, i) for i in range(pages)]
    table = pa.table({"id": list(range(pages)), "url": [f"https://example.org/news/{i}" for i in range(pages)], "html": [h.decode() for h in html]})
    parquet = folder / "in-parquet" / "crawl.parquet"
    parquet.parent.mkdir()
    pq.write_table(table, parquet, row_group_size=500)
    mb = sum(map(len, html)) / 1e6
    for h in html[:20]:  # warm-up: imports, the language models and trafilatura's first-call costs stay out of the timings
        clean_article(h, html=True)
    print(f"\ncleaning {pages:,} pages ({mb:.1f} MB of HTML; WARC file {warc.stat().st_size / 1e6:.1f} MB, Parquet {parquet.stat().st_size / 1e6:.1f} MB)")
    print(f"{'run':<34} {'docs':>8} {'wall s':>8} {'CPU s':>8} {'MB/CPU-s':>8} {'docs/CPU-s':>10}")
    runs: list[tuple[str, Callable[[], int]]] = [
        ("clean_article loop (baseline)", lambda: sum(1 for h in html if clean_article(h, html=True) is not None)),
        ("clean_folder WARC -> JSONL", lambda: clean_folder(warc.parent, folder / "o1", jobs=1).documents["read"]),
        ("clean_folder Parquet -> Parquet", lambda: clean_folder(parquet.parent, folder / "o2", jobs=1, html_field="html").documents["read"]),
        ("clean_folder Parquet -> JSONL", lambda: clean_folder(parquet.parent, folder / "o3", jobs=1, html_field="html", format="jsonl").documents["read"]),
    ]
    for name, fn in runs:
        n, wall, cpu = timed(fn)
        row(name, n, wall, cpu, mb)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mb", type=float, default=200, help="size of the generated WARC file in MB for reading (default 200; 0: none)")
    parser.add_argument("--clean", type=int, default=500, metavar="N", help="pages cleaned as WARC and Parquet (default 500; 0: none)")
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as tmp:
        if args.mb:
            path = Path(tmp) / "crawl.warc.gz"
            reading(path, generate(path, args.mb))
        if args.clean:
            cleaning(Path(tmp), args.clean)


if __name__ == "__main__":
    main()
