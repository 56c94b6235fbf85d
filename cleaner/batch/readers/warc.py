"""Reader of WARC files (``.warc``, ``.warc.gz``, Common Crawl's ``.warc.wet.gz``; needs ``cleaner[warc]``).

* ``response`` records with an HTML payload (``text/html``, ``application/xhtml+xml``)
  and a 2xx status are documents: the URL comes from ``WARC-Target-URI``, the charset
  from the HTTP ``Content-Type`` header (the page's ``<meta charset>`` and detection
  follow, as for any HTML);
* WET ``conversion`` records are documents of plain text;
* every other record (requests, metadata, images, redirects…) is counted by why it was
  skipped (``report.json``: ``run.records_skipped``);
* a truncated or corrupt record is reported in ``errors.jsonl`` and reading resumes at
  the next record found after it, so the rest of the file is still cleaned.

A WARC file becomes one JSONL output (``crawl.warc.gz`` → ``crawl.jsonl.gz``) whose records
keep ``warc_record_id`` and ``warc_date``.  Reading uses warcio (chosen over FastWARC by
measurement: ``docs/benchmarks.md``, "WARC and Parquet").
"""

from __future__ import annotations

import zlib
from typing import IO, TYPE_CHECKING, Any, Iterator

import regex

from ... import patterns
from ..work import Payload
from .base import stem

if TYPE_CHECKING:
    from ..sources import Unit
    from .base import Meter

SUFFIXES = {".warc": "warc", ".wet": "warc", ".arc": "warc"}
POSITION = "record"

EXTRA_HINT = "reading WARC files needs the optional dependency: pip install 'cleaner[warc]'"
#: HTTP content types read as HTML pages.
HTML_TYPES = ("text/html", "application/xhtml+xml")
#: Bytes read at a time when looking for the next record after a damaged one.
SCAN_CHUNK = 1 << 20
#: The most characters of a damaged record's error message kept.
MESSAGE_CHARS = 160
JUNK = "bytes after the previous record's declared length (its Content-Length is wrong; it may be cut short)"
_CHARSET = patterns.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", regex.IGNORECASE)
_RESYNC = {True: b"\x1f\x8b\x08", False: b"WARC/1."}


def output_name(name: str, fmt: str) -> str:
    """A WARC file becomes JSONL: ``crawl.warc.gz`` → ``crawl.jsonl.gz``."""
    base, gz = stem(name)
    base = base[:-5] if base.lower().endswith(".warc") else base  # crawl.warc.wet.gz
    return f"{base}.jsonl" + (".gz" if gz else "")


def read(unit: Unit, max_bytes: int, meter: Meter) -> Iterator[tuple[int, Payload]]:
    """``(record number, document)`` for every HTML response and WET conversion record; see the module."""
    iterator, load_failed = _require()
    assert unit.path is not None
    with open(unit.path, "rb") as f:
        offset: int | None = 0
        number, last, resyncing = 0, 0, False
        while offset is not None:
            f.seek(offset)
            records = iterator(f)
            try:
                for record in records:
                    if records.err_count:  # warcio found junk after the previous record: its length was wrong
                        records.err_count = 0
                        number += 1
                        yield number, Payload(b"", error=f"damaged WARC record before byte {records.offset:,}: {JUNK}")
                    payload = _document(record, max_bytes, meter)
                    _check_length(record)
                    number, resyncing = number + 1, False
                    if payload is not None:
                        yield number, payload
                    meter.add(f.tell() - last)
                    last = f.tell()
                if records.offset < unit.size and unit.gz:  # warcio takes a gzip member cut short for the end
                    error = f"the file ends inside a record starting at byte {records.offset:,}: it is truncated"
                    yield number + 1, Payload(b"", error=error)
                offset = None
            except (load_failed, zlib.error, EOFError, ValueError, OSError) as exc:
                start = records.offset
                if not resyncing:  # a false start while looking for the next record is not another error
                    number += 1
                    yield number, Payload(b"", error=f"damaged WARC record at byte {start:,}: {type(exc).__name__}: {_printable(exc)}")
                offset, resyncing = _next_record(f, start + 1, unit.gz), True
                end = unit.size if offset is None else offset
                meter.add(max(end - last, 0))
                last = max(end, last)


def _document(record: Any, max_bytes: int, meter: Meter) -> Payload | None:
    """The document a record holds, or ``None`` (counted in ``meter.skipped``) when it holds none."""
    kind = record.rec_type
    if kind == "response":
        http = record.http_headers
        status = http.get_statuscode() if http is not None else ""
        ctype = (http.get_header("Content-Type") or "") if http is not None else ""
        if not status.startswith("2"):
            return _skip(meter, f"response with HTTP status {status or 'none'}")
        mime = ctype.split(";")[0].strip().lower()
        if mime not in HTML_TYPES:
            return _skip(meter, f"response of type {mime or 'unknown'}")
        html = True
    elif kind == "conversion":
        ctype, html = record.rec_headers.get_header("Content-Type") or "", False
    else:
        return _skip(meter, f"{kind} record")
    body = _read_body(record, max_bytes)
    found = _CHARSET.search(ctype)
    headers = record.rec_headers
    meta = {"warc_record_id": headers.get_header("WARC-Record-ID"), "warc_date": headers.get_header("WARC-Date")}
    return Payload(body, headers.get_header("WARC-Target-URI"), meta, charset=found.group(1) if found else None, html=html, to_record=True)


def _read_body(record: Any, max_bytes: int) -> bytes:
    """The payload (HTTP transfer and content encodings undone), at most ``max_bytes + 1`` (enough for the chain
    to drop an oversized page); read to its end otherwise."""
    stream: IO[bytes] = record.content_stream()
    body = stream.read(max_bytes + 1)
    if len(body) <= max_bytes:
        stream.read()  # to the end, so that a truncated record shows
    return body


def _check_length(record: Any) -> None:
    """Read the rest of the record; raise when the file ends before its declared ``Content-Length``."""
    raw = record.raw_stream
    while raw.read(SCAN_CHUNK):
        pass
    if getattr(raw, "limit", 0) > 0:
        raise EOFError(f"record truncated: {raw.limit:,} bytes of its declared length are missing")


def _printable(exc: Exception) -> str:
    """The error's message, short and printable (warcio quotes the damaged bytes in it)."""
    return str(exc).encode("ascii", "backslashreplace").decode("ascii")[:MESSAGE_CHARS]


def _skip(meter: Meter, why: str) -> None:
    meter.skipped[why] = meter.skipped.get(why, 0) + 1
    return None


def _next_record(f: IO[bytes], start: int, gz: bool) -> int | None:
    """The offset of the next record start (a gzip member, or a ``WARC/1.`` line) at or after ``start``."""
    marker = _RESYNC[gz]
    f.seek(start)
    position = start
    while chunk := f.read(SCAN_CHUNK + len(marker)):
        found = chunk.find(marker)
        if found >= 0:
            return position + found
        position += SCAN_CHUNK
        f.seek(position)
    return None


def _require() -> tuple[Any, type[Exception]]:
    """warcio's record iterator and its error, or an OSError (the file's error) naming the extra."""
    try:
        from warcio.archiveiterator import ArchiveIterator
        from warcio.recordloader import ArchiveLoadFailed
    except ImportError as exc:
        raise OSError(f"{EXTRA_HINT} ({exc})") from exc

    class Quiet(ArchiveIterator):  # type: ignore[misc]
        INC_RECORD = ""  # warcio prints junk between records to stderr; cleaner reports it in errors.jsonl

    return Quiet, ArchiveLoadFailed
