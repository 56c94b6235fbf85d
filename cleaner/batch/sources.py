"""What to clean and where each output goes: inputs discovered lazily, one :class:`Unit` per file.

Folders are walked recursively in sorted order, one folder listed at a time, so memory
stays flat however large the tree; which reader reads a file is decided by its suffix
(see :mod:`cleaner.batch.readers`).
"""

from __future__ import annotations

import glob
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Sequence

from .readers import KINDS, MANY, READERS
from .work import Format


@dataclass(frozen=True)
class Unit:
    """One input file (or standard input) and the output it becomes."""

    source: str  # path as shown to users ("-" for standard input)
    path: Path | None  # None for standard input
    kind: str  # "text", "html", "jsonl", "warc" or "parquet" (see cleaner.batch.readers.KINDS)
    gz: bool
    out: Path | None  # None when output goes elsewhere (clean_many, stdout)
    size: int = 0

    @property
    def many(self) -> bool:
        """The file holds many documents (one output file of records), not one."""
        return self.kind in MANY


def input_kind(name: str) -> tuple[str, bool] | None:
    """``(kind, gzipped)`` of a file name, or ``None`` when it is not an input cleaner reads.

    >>> input_kind("crawl/part-0001.jsonl.gz")
    ('jsonl', True)
    >>> input_kind("notes.md") is None
    True
    """
    lower = name.lower()
    gz = lower.endswith(".gz")
    if gz:
        lower = lower[:-3]
    kind = KINDS.get(os.path.splitext(lower)[1])
    return (kind, gz) if kind else None


def output_name(name: str, fmt: Format) -> str:
    """The output file name of input ``name``: documents become ``.txt`` (or ``.jsonl``); JSONL stays JSONL;
    a WARC file becomes JSONL; a Parquet file stays Parquet (JSONL with ``fmt="jsonl"``).

    >>> output_name("page.html.gz", "txt"), output_name("dump.jsonl.gz", "txt"), output_name("crawl.warc.gz", "txt")
    ('page.txt', 'dump.jsonl.gz', 'crawl.jsonl.gz')
    """
    kind, _ = input_kind(name) or ("text", False)
    return READERS[kind].output_name(name, fmt)


def _walk(folder: Path, skip: Path | None) -> Iterator[tuple[Path, str | None]]:
    """``(file, None)`` for the files under ``folder``, ``(folder, problem)`` for a folder that cannot be
    listed.  Sorted order, a folder's files before its subfolders; hidden entries, symlinked folders
    and ``skip`` are left out; one folder is listed at a time."""
    try:
        with os.scandir(folder) as it:
            entries = sorted((e for e in it if not e.name.startswith(".")), key=lambda e: e.name)
    except OSError as exc:
        yield folder, f"cannot list folder: {exc.strerror or exc}"
        return
    # A folder's files come together (before its subfolders), so output names are checked per folder.
    yield from ((Path(e.path), None) for e in entries if not e.is_dir(follow_symlinks=False) and e.is_file())
    for entry in entries:
        path = Path(entry.path)
        if entry.is_dir(follow_symlinks=False) and (skip is None or path.resolve() != skip):
            yield from _walk(path, skip)


def _glob_base(pattern: str) -> Path:
    """The folder a glob pattern's matches are relative to: its parts before the first wildcard."""
    parts = Path(pattern).parts
    base = [p for p in _takewhile_plain(parts)]
    return Path(*base) if base else Path(".")


def _takewhile_plain(parts: Sequence[str]) -> Iterator[str]:
    for part in parts[:-1]:
        if glob.has_magic(part):
            return
        yield part


class _Claims:
    """Which input owns each output path, to refuse two inputs writing one output (``a.html`` and ``a.txt``).

    With one input, the files of a folder come together, so only the current folder's
    names are kept (memory stays flat); with several inputs every output path is kept.
    """

    def __init__(self, several: bool):
        self.several = several
        self.folder: Path | None = None
        self.owners: dict[Path, str] = {}

    def claim(self, out: Path, source: str) -> str | None:
        """Record that ``source`` writes ``out``; returns the earlier owner when there is one."""
        if not self.several and out.parent != self.folder:
            self.folder, self.owners = out.parent, {}
        owner = self.owners.setdefault(out, source)
        return None if owner == source else owner


def discover(
    inputs: Sequence[str | Path], outdir: Path | None = None, fmt: Format = "txt"
) -> Iterator[tuple[Unit | None, tuple[str, str] | None]]:
    """Yield ``(unit, None)`` for every input file, or ``(None, (path, problem))`` for an input that cannot be used.

    Folders are walked recursively and mirrored into ``outdir``; a file given by name
    goes to ``outdir/<name>``; the matches of a glob keep their path below the glob's
    fixed prefix.  ``outdir`` itself is never read as input.
    """
    skip = outdir.resolve() if outdir is not None else None
    claims = _Claims(several=len(inputs) > 1)
    for given in inputs:
        text = str(given)
        if text == "-":
            yield Unit("-", None, "text", False, outdir / f"stdin.{fmt}" if outdir else None), None
            continue
        path = Path(text)
        if path.is_dir():
            found = ((p, p.relative_to(path), problem) for p, problem in _walk(path, skip))
        elif path.exists():
            found = iter([(path, Path(path.name), None)])
        elif glob.has_magic(text):
            base = _glob_base(text)
            matches = sorted(glob.iglob(text, recursive=True), key=lambda m: (os.path.dirname(m), m))
            if not matches:
                yield None, (text, "no file matches this pattern")
            found = (
                (p, p.relative_to(base), None)
                for m in matches
                for p in ([Path(m)] if not Path(m).is_dir() else [])
                if skip is None or skip not in p.resolve().parents
            )
        else:
            yield None, (text, "no such file or folder")
            continue
        explicit = not path.is_dir()
        for file, rel, problem in found:
            if problem is not None:
                yield None, (str(file), problem)
                continue
            kind = input_kind(file.name)
            if kind is None:
                if explicit and not glob.has_magic(text):
                    kind = ("text", False)  # a file named explicitly is read as text whatever its name
                else:
                    continue
            out = outdir / rel.parent / output_name(rel.name, fmt) if outdir is not None else None
            if out is not None:
                owner = claims.claim(out, str(file))
                if owner is not None:
                    yield None, (str(file), f"refused: its output {out} is already the output of {owner}")
                    continue
            try:
                size = file.stat().st_size
            except OSError:
                size = 0
            yield Unit(str(file), file, kind[0], kind[1], out, size), None

