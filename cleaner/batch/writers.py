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


def _tmp_path(path: Path) -> Path:
    # Deterministic, so a rerun overwrites what a killed run left instead of adding to it.
    return path.with_name(f".{path.name}.cleaner-tmp")


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

    def write(self, line: str) -> None:
        self._f.write(line.encode("utf-8"))

    def commit(self) -> None:
        self._close()
        try:
            os.replace(self.tmp, self.path)
        except OSError:
            self.tmp.unlink(missing_ok=True)
            raise

    def abort(self) -> None:
        self._close()
        self.tmp.unlink(missing_ok=True)

    def _close(self) -> None:
        if self._f is not self._raw:
            self._f.close()
        self._raw.close()


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

