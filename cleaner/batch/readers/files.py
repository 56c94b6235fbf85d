"""Reader of text and HTML files (and standard input): one file is one document."""

from __future__ import annotations

import gzip
import sys
from typing import TYPE_CHECKING, Iterator

from ..work import Payload
from .base import stem

if TYPE_CHECKING:
    from ..sources import Unit
    from .base import Meter


SUFFIXES = {".txt": "text", ".text": "text", ".html": "html", ".htm": "html"}
POSITION = None


def output_name(name: str, fmt: str) -> str:
    """A document becomes ``<stem>.txt`` (or ``<stem>.jsonl``)."""
    return f"{stem(name)[0]}.{fmt}"


def read(unit: Unit, max_bytes: int, meter: Meter) -> Iterator[tuple[int, Payload]]:
    """The file's bytes as one document (at most ``max_bytes + 1``: enough for the chain to drop an oversized input)."""
    try:
        if unit.path is None:
            raw = sys.stdin.buffer.read()
        else:
            opener = gzip.open if unit.gz else open
            with opener(unit.path, "rb") as f:
                raw = f.read(max_bytes + 1)
    finally:
        meter.add(unit.size)
    yield 0, Payload(raw)
