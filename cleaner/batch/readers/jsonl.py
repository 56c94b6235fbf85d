"""Reader of JSONL files (``.jsonl``, ``.jsonl.gz``): every non-blank line is a record, parsed in the worker."""

from __future__ import annotations

import codecs
import gzip
from typing import IO, TYPE_CHECKING, Iterator

if TYPE_CHECKING:
    from ..sources import Unit
    from ..work import Payload
    from . import Meter


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
                yield lineno, (line, None, None, True)
        meter.add(unit.size - last)
