"""Reader of JSONL files (``.jsonl``, ``.jsonl.gz``): every non-blank line is a record, parsed in the worker."""

from __future__ import annotations

import codecs
import gzip
from typing import IO, TYPE_CHECKING, Iterator

from ..work import Payload

if TYPE_CHECKING:
    from ..sources import Unit
    from .base import Meter


SUFFIXES = {".jsonl": "jsonl"}
POSITION = "line"


def output_name(name: str, fmt: str) -> str:
    """A JSONL file stays JSONL, of the same name."""
    return name


def read(unit: Unit, max_bytes: int, meter: Meter) -> Iterator[tuple[int, Payload]]:
    """``(line number, raw line)`` for every non-blank line; a record over ``max_bytes`` is dropped by the chain."""
    assert unit.path is not None
    with open(unit.path, "rb") as raw:
        stream: IO[bytes] = gzip.GzipFile(fileobj=raw, mode="rb") if unit.gz else raw
        last = 0
        for lineno, line in enumerate(stream, 1):
            if lineno == 1 and line.startswith(codecs.BOM_UTF8):  # written by some Windows tools
                line = line[len(codecs.BOM_UTF8) :]
            position = raw.tell()
            meter.add(position - last)
            last = position
            if line.strip():
                yield lineno, Payload(line, record=True)
        meter.add(unit.size - last)
