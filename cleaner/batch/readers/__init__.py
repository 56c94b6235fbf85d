"""Input readers: one module per input format, all behind the same small interface.

A reader module has

* ``SUFFIXES``: the file suffixes it reads (after an optional ``.gz``), each with its kind;
* ``POSITION``: what locates a document in a file (``"line"``, ``"record"``, ``"row"``),
  or ``None`` when a file is one document;
* ``output_name(name, fmt)``: the output file name of input ``name``;
* ``read(unit, max_bytes, meter)``: yields ``(position, payload)`` for every document
  of one file and adds the input bytes it has consumed to ``meter``.  It may raise
  ``OSError`` (or a gzip error) for a file it cannot read: :class:`Reader` turns that
  into the file's error, after the documents already yielded.

A new format is one module here and its name in :data:`FORMATS`.
"""

from __future__ import annotations

import gzip
import zlib
from types import ModuleType
from typing import TYPE_CHECKING, Any, Iterable, Iterator

from . import files, jsonl, parquet, warc
from .base import Meter

if TYPE_CHECKING:
    from ..sources import Unit
    from ..work import Payload

#: The reader modules.
FORMATS: tuple[ModuleType, ...] = (files, jsonl, warc, parquet)
#: File kinds by suffix (after an optional ``.gz``).
KINDS: dict[str, str] = {suffix: kind for module in FORMATS for suffix, kind in module.SUFFIXES.items()}
#: The reader module of each kind.
READERS: dict[str, ModuleType] = {kind: module for module in FORMATS for kind in module.SUFFIXES.values()}
#: Kinds whose files hold many documents, and what locates one in its file.
MANY: dict[str, str] = {kind: module.POSITION for kind, module in READERS.items() if module.POSITION}


class Reader(Meter):
    """Reads units document by document and reports how far through the input bytes it is."""

    def items(self, units: Iterable[Unit], max_bytes: int) -> Iterator[tuple[str, Any, Payload | None]]:
        """``("doc", (unit, position), payload)`` for every document, then ``("end", (unit, error, damaged), None)``
        per unit; ``damaged``: the file is damaged part-way (the documents before the damage were read)."""
        for unit in units:
            error, damaged = None, False
            try:
                for position, payload in READERS[unit.kind].read(unit, max_bytes, self):
                    yield "doc", (unit, position), with_folder(payload, unit)
            except (gzip.BadGzipFile, EOFError, zlib.error) as exc:
                error, damaged = f"corrupt gzip file: {exc}" + _kept(unit), True
            except OSError as exc:
                error = f"cannot read: {exc.strerror or exc}"
            except ValueError as exc:  # a format's own damage (a corrupt Parquet footer)
                error = f"cannot read: {exc}"
            yield "end", (unit, error, damaged), None


def _kept(unit: Unit) -> str:
    return f"; the {MANY[unit.kind]}s before the damage were cleaned" if unit.many else ""


def with_folder(payload: Payload, unit: Unit) -> Payload:
    """The payload with the folder of its file as ``meta["folder"]``: the site of a document without a url
    (the ``site_templates`` step, :func:`cleaner.templates.site_of`); the reader's own metadata wins."""
    if unit.path is None:
        return payload
    return payload._replace(meta={"folder": unit.path.parent.as_posix(), **(payload.meta or {})})
