"""Writing outputs so that a killed run leaves no half-written file.

Every output goes to a temporary file in its own folder and is renamed into place;
a JSONL output is renamed once its last record is written.
"""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path
from typing import IO, Any

#: Rows per row group of a Parquet output.
PARQUET_GROUP_ROWS = 10_000
#: Columns every Parquet output has, even when no row kept sets them.
ADDED_COLUMNS = ("title", "language", "flags")


def _tmp_path(path: Path) -> Path:
    # Deterministic, so a rerun overwrites what a killed run left instead of adding to it.
    return path.with_name(f".{path.name}.cleaner-tmp")


def _move_into_place(tmp: Path, path: Path) -> None:
    """Rename a finished temporary file to ``path``; on failure the temporary file goes."""
    try:
        os.replace(tmp, path)
    except OSError:
        tmp.unlink(missing_ok=True)
        raise


def write_atomic(path: Path, data: str) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = _tmp_path(path)
    try:
        with open(tmp, "wb") as f:
            f.write(data.encode("utf-8"))
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


class JsonlOut:
    """A JSONL output being written; renamed into place by :meth:`commit`."""

    def __init__(self, path: Path, gz: bool):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path, self.tmp = path, _tmp_path(path)
        self._raw = open(self.tmp, "wb")
        # mtime=0 and no file name in the header: the same records give the same bytes.
        self._f: IO[bytes] = gzip.GzipFile(filename="", mode="wb", fileobj=self._raw, mtime=0) if gz else self._raw

    def write(self, line: str | dict[str, Any]) -> None:
        """Write a JSONL line, or a record (a table's row) as one."""
        if isinstance(line, dict):
            line = json.dumps(line, ensure_ascii=False, default=str) + "\n"
        self._f.write(line.encode("utf-8"))

    def commit(self) -> None:
        self._close()
        _move_into_place(self.tmp, self.path)

    def abort(self) -> None:
        self._close()
        self.tmp.unlink(missing_ok=True)

    def _close(self) -> None:
        if self._f is not self._raw:
            self._f.close()
        self._raw.close()


class ParquetOut:
    """A Parquet output being written, :data:`PARQUET_GROUP_ROWS` rows per row group; renamed into place by :meth:`commit`.

    Its schema is the input's (``like``) plus a string column for each field cleaner adds
    (``flags`` a list of strings, ``edits`` JSON text).
    """

    def __init__(self, path: Path, like: Path | None):
        import pyarrow.parquet as pq

        path.parent.mkdir(parents=True, exist_ok=True)
        self.path, self.tmp = path, _tmp_path(path)
        self._pq = pq
        self._input = pq.read_schema(like) if like is not None else None
        self._rows: list[dict[str, Any]] = []
        self._writer: Any = None
        self._schema: Any = None

    def write(self, record: str | dict[str, Any]) -> None:
        if not isinstance(record, dict):
            record = json.loads(record)
        if "edits" in record and not isinstance(record["edits"], str):
            record = {**record, "edits": json.dumps(record["edits"], ensure_ascii=False)}
        self._rows.append(record)
        if len(self._rows) >= PARQUET_GROUP_ROWS:
            self._flush()

    def commit(self) -> None:
        self._flush(final=True)
        self._writer.close()
        _move_into_place(self.tmp, self.path)

    def abort(self) -> None:
        if self._writer is not None:
            self._writer.close()
        self.tmp.unlink(missing_ok=True)

    def _flush(self, final: bool = False) -> None:
        import pyarrow as pa

        if not self._rows and not final:
            return
        if self._schema is None:
            self._schema = _parquet_schema(pa, self._input, self._rows)
            self._writer = self._pq.ParquetWriter(self.tmp, self._schema)
        if self._rows:
            try:
                table = pa.Table.from_pylist(self._rows, schema=self._schema)
            except (pa.ArrowInvalid, pa.ArrowTypeError) as exc:  # a value that does not fit its column
                raise OSError(f"a row does not fit the output's schema: {exc}") from None
            self._writer.write_table(table)
        self._rows = []


def _parquet_schema(pa: Any, schema: Any, rows: list[dict[str, Any]]) -> Any:
    """``schema`` (of the input) plus the columns the output ``rows`` add."""
    fields = list(schema) if schema is not None else []
    first = rows[0] if rows else {}
    # a binary column that now holds clean text (the text field of a table that stored bytes) becomes a string column
    fields = [pa.field(f.name, pa.string()) if pa.types.is_binary(f.type) and isinstance(first.get(f.name), str) else f for f in fields]
    known = {f.name for f in fields}
    for name in dict.fromkeys(k for row in rows for k in (*row, *ADDED_COLUMNS)):
        if name not in known:
            fields.append(pa.field(name, pa.list_(pa.string()) if name == "flags" else pa.string()))
            known.add(name)
    return pa.schema(fields)


def open_records(path: Path, like: Path | None) -> JsonlOut | ParquetOut:
    """The output of a file of many documents: Parquet for ``*.parquet`` (with the schema of ``like``), else JSONL."""
    if path.suffix == ".parquet":
        return ParquetOut(path, like)
    return JsonlOut(path, path.name.endswith(".gz"))


class Log:
    """``errors.jsonl`` / ``dropped.jsonl``: one JSON object per line, created on first use."""

    def __init__(self, path: Path):
        self.path = path
        self.count = 0
        self._f: IO[str] | None = None
        path.unlink(missing_ok=True)  # the logs describe this run

    def add(self, **entry: Any) -> None:
        if self._f is None:
            self._f = open(self.path, "w", encoding="utf-8")
        self._f.write(json.dumps(entry, ensure_ascii=False) + "\n")
        self._f.flush()
        self.count += 1

    def close(self) -> None:
        if self._f is not None:
            self._f.close()

