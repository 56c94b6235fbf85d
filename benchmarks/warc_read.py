"""WARC reading throughput: warcio against FastWARC on a generated crawl, and cleaner's own WARC reader.

Writes a gzipped WARC (``request`` + ``response`` + ``metadata`` records, like a crawler's)
of generated HTML pages to a temporary folder, then times reading every ``response``
record's HTTP headers and payload with each library (the part of ``cleaner clean
crawl.warc.gz`` that depends on the library; cleaning itself is timed in
``throughput.py``).  Reports MB/s of the compressed file, records/s, and CPU seconds
(``time.process_time``) beside wall time.

Usage::

    python benchmarks/warc_read.py --mb 200          # a 200 MB-class file
    python benchmarks/warc_read.py --mb 1000         # the 1 GB class
"""

from __future__ import annotations

import argparse
import io
import random
import tempfile
import time
from pathlib import Path

WORDS = "river council school market bridge winter station museum garden harbour library festival".split()


def page(rng: random.Random, i: int) -> bytes:
    paragraphs = "".join(
        "<p>" + " ".join(rng.choice(WORDS) for _ in range(rng.randint(20, 80))) + ".</p>" for _ in range(rng.randint(4, 30))
    )
    return (
        f"<html><head><meta charset='utf-8'><title>Page {i}</title></head><body><nav>Home | News | About</nav>"
        f"<article><h1>Story {i}</h1>{paragraphs}</article><footer>Copyright</footer></body></html>"
    ).encode()


def generate(path: Path, megabytes: float) -> int:
    """Write records until the file reaches ``megabytes``; returns the number of response records."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    rng = random.Random(1)
    n = 0
    with open(path, "wb") as f:
        writer = WARCWriter(f, gzip=True)
        while f.tell() < megabytes * 1e6:
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mb", type=float, default=200, help="size of the generated file in MB (default 200)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "crawl.warc.gz"
        records = generate(path, args.mb)
        size = path.stat().st_size / 1e6
        print(f"generated {path.name}: {size:.0f} MB, {records:,} response records (+ request and metadata records)")
        print(f"{'reader':<22} {'wall s':>8} {'CPU s':>8} {'MB/s':>8} {'records/s':>10}")
        for name, fn in (("warcio", read_warcio), ("fastwarc", read_fastwarc), ("cleaner warc reader", read_cleaner)):
            wall, cpu = time.perf_counter(), time.process_time()
            n = fn(path)
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            assert n == records, (name, n, records)
            print(f"{name:<22} {wall:>8.2f} {cpu:>8.2f} {size / cpu:>8.1f} {n / cpu:>10,.0f}")


if __name__ == "__main__":
    main()
