"""Reader of Parquet files (``.parquet``; needs ``cleaner[parquet]``): every row is a record.

The file is read one row group at a time (memory holds one row group, not the table).
Which column holds the text, the HTML, the URL and the id is set by the same options as
for JSONL (``--text-field``, ``--html-field``, ``--url-field``, ``--id-field``); the other
columns are kept in the output, which is Parquet of the same name (JSONL with
``--format jsonl``), its schema the input's plus the columns cleaner adds.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator

from ..work import Payload
from .base import stem

if TYPE_CHECKING:
    from ..sources import Unit
    from .base import Meter

SUFFIXES = {".parquet": "parquet"}
POSITION = "row"

EXTRA_HINT = "reading and writing Parquet needs the optional dependency: pip install 'cleaner[parquet]'"


def output_name(name: str, fmt: str) -> str:
    """A Parquet file stays Parquet, of the same name; ``fmt="jsonl"`` makes it JSONL."""
    return f"{stem(name)[0]}.jsonl" if fmt == "jsonl" else name


def read(unit: Unit, max_bytes: int, meter: Meter) -> Iterator[tuple[int, Payload]]:
    """``(row number, record)`` for every row, one row group at a time."""
    parquet = require()
    assert unit.path is not None
    if unit.gz:
        raise OSError("a gzipped Parquet file cannot be read by row group; Parquet compresses its own pages")
    try:
        file = parquet.ParquetFile(unit.path)
    except Exception as exc:  # noqa: BLE001 - pyarrow raises ArrowInvalid (a ValueError) or OSError for a bad file
        raise OSError(f"not a readable Parquet file: {exc}") from None
    groups = file.num_row_groups or 1
    row = 0
    for group in range(file.num_row_groups):
        for record in file.read_row_group(group).to_pylist():
            row += 1
            yield row, Payload(record, record=True)
        meter.add(unit.size // groups)
    meter.add(unit.size - (unit.size // groups) * file.num_row_groups)


def schema(path: Any) -> Any:
    """The schema of the Parquet file at ``path``."""
    return require().read_schema(path)


def require() -> Any:
    """``pyarrow.parquet``, or an OSError (the file's error) naming the extra."""
    try:
        import pyarrow.parquet as parquet
    except ImportError as exc:
        raise OSError(f"{EXTRA_HINT} ({exc})") from exc
    return parquet
