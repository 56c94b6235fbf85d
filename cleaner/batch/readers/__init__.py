"""Input readers: one module per input format, all behind the same small interface.

A reader is a function ``read(unit, max_bytes, meter)`` that yields ``(position, payload)``
for every document of one input file (``position`` is 0 for a file that is one document,
the line number of a JSONL record) and adds the input bytes it has consumed to ``meter``.
It may raise ``OSError`` (or a gzip error) for a file it cannot read; :class:`Reader`
turns that into the file's error.  A new format is one module here plus its entry in
:data:`READERS` and :data:`KINDS`.
"""

from __future__ import annotations

import gzip
import zlib
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator

from . import files, jsonl

if TYPE_CHECKING:
    from ..sources import Unit
    from ..work import Payload

#: File kinds by suffix (after an optional ``.gz``).
KINDS = {".txt": "text", ".text": "text", ".html": "html", ".htm": "html", ".jsonl": "jsonl"}


class Meter:
    """How many input bytes the readers have consumed (the progress bar and the report's MB/s)."""

    def __init__(self) -> None:
        self.bytes_read = 0

    def add(self, nbytes: int) -> None:
        self.bytes_read += nbytes


ReadFunction = Callable[["Unit", int, Meter], Iterator[tuple[int, "Payload"]]]

#: The reader of each file kind.
READERS: dict[str, ReadFunction] = {"text": files.read, "html": files.read, "jsonl": jsonl.read}


class Reader(Meter):
    """Reads units document by document and reports how far through the input bytes it is."""

    def items(self, units: Iterable[Unit], max_bytes: int) -> Iterator[tuple[str, Any, Payload | None]]:
        """``("doc", (unit, position), payload)`` for every document, then ``("end", (unit, error), None)`` per unit."""
        for unit in units:
            error = None
            try:
                for position, payload in READERS[unit.kind](unit, max_bytes, self):
                    yield "doc", (unit, position), payload
            except (gzip.BadGzipFile, EOFError, zlib.error) as exc:
                error = f"corrupt gzip file: {exc}"
            except OSError as exc:
                error = f"cannot read: {exc.strerror or exc}"
            yield "end", (unit, error), None
