"""Counting recurring lines: the map (:func:`count_lines`) and reduce (:func:`merge_counts`) of learning.

A :class:`Counts` holds, per site, how many documents were seen and, per line fingerprint,
on how many of them the line occurs (a line repeated inside one document counts once) and
one example of its text: the smallest of the texts seen, so the example does not depend on
the order documents arrive in.  Adding documents and merging counts commute, so any split of a
corpus into partitions, in any order, on any number of workers, gives the same counts.

:class:`SpillingCounts` bounds the memory of learning on one machine: when its table holds
more than ``max_entries`` (site, fingerprint) entries it writes them, sorted, to a run file
in a temporary folder and starts afresh (past ``MAX_RUNS`` runs, they are first merged into one);
:meth:`SpillingCounts.entries` merges the runs back in sorted order.  Counts stay exact (nothing is evicted), so the bound costs disk, not accuracy.
"""

from __future__ import annotations

import heapq
import json
import os
import tempfile
from dataclasses import dataclass, field
from itertools import groupby
from typing import IO, Any, Iterable, Iterator, Sequence

from .fingerprints import fingerprint

#: Examples longer than this are cut (the file stays small and readable).
EXAMPLE_CHARS = 200

#: (site, fingerprint) entries a :class:`SpillingCounts` holds in memory before writing a run
#: to disk: 300 to 600 bytes each with its example (measured: peak RSS 125 MB with the table full
#: at 200,000 short lines, about 45 MB of it the interpreter and libraries).
MAX_ENTRIES = 200_000

#: Run files kept before they are merged into one (bounds the files open at once).
MAX_RUNS = 32

#: A document to count: its site (``None``: no site, not counted) and its lines.
SiteLines = tuple[str | None, Sequence[str]]
#: One entry of the sorted stream: (site, fingerprint, documents, example).
Entry = tuple[str, int, int, str]


@dataclass
class Counts:
    """Per-site document counts and per-(site, fingerprint) line counts with an example text."""

    docs: dict[str, int] = field(default_factory=dict)
    lines: dict[tuple[str, int], list] = field(default_factory=dict)  # [documents, example]
    skipped: int = 0  # documents that could not be read (left out of the counts)

    def add(self, site: str | None, lines: Iterable[str]) -> None:
        """Count one document of ``site``: each distinct line fingerprint once.

        A document whose lines cannot be fingerprinted (a pattern timed out) is counted as skipped.
        """
        if site is None:
            return
        seen: dict[int, str] = {}
        try:
            for line in lines:
                fp = fingerprint(line)
                if fp is not None:
                    text = line.strip()[:EXAMPLE_CHARS]
                    seen[fp] = min(seen.get(fp, text), text)
        except TimeoutError:
            self.skipped += 1
            return
        self.docs[site] = self.docs.get(site, 0) + 1
        for fp, text in seen.items():
            self._bump((site, fp), 1, text)

    def _bump(self, key: tuple[str, int], n: int, example: str) -> None:
        entry = self.lines.get(key)
        if entry is None:
            self.lines[key] = [n, example]
        else:
            entry[0] += n
            if example < entry[1]:
                entry[1] = example

    def update(self, other: "Counts") -> None:
        """Add ``other``'s counts to these (in place)."""
        for site, n in other.docs.items():
            self.docs[site] = self.docs.get(site, 0) + n
        self.skipped += other.skipped
        for key, (n, example) in other.lines.items():
            self._bump(key, n, example)

    def entries(self) -> Iterator[Entry]:
        """Every (site, fingerprint, documents, example), sorted by site then fingerprint."""
        for (site, fp), (n, example) in sorted(self.lines.items()):
            yield site, fp, n, example


def count_lines(docs: Iterable[SiteLines]) -> Counts:
    """The map step: count the lines of ``(site, lines)`` documents (one partition of a corpus).

    >>> c = count_lines([("a.com", ["Menu", "Story one."]), ("a.com", ["MENU", "Story two."])])
    >>> c.docs, sorted(n for (_, _), (n, _) in c.lines.items())
    ({'a.com': 2}, [1, 1, 2])
    """
    counts = Counts()
    for site, lines in docs:
        counts.add(site, lines)
    return counts


def merge_counts(a: Counts, b: Counts) -> Counts:
    """The reduce step: the counts of two partitions together (a new object; order does not matter)."""
    out = Counts()
    out.update(a)
    out.update(b)
    return out


def merge_all(parts: Iterable[Counts]) -> Counts:
    """The reduce step over any number of partitions (``dask.bag``'s ``reduction(count_lines, merge_all)``)."""
    out = Counts()
    for part in parts:
        out.update(part)
    return out


class SpillingCounts:
    """:class:`Counts` with a memory bound: full tables go to sorted run files on disk."""

    def __init__(self, max_entries: int = MAX_ENTRIES, folder: str | None = None):
        self.max_entries = max_entries
        self.folder = folder
        self.current = Counts()
        self.docs: dict[str, int] = {}
        self._skipped = 0
        self._runs: list[str] = []
        self._written = 0
        self._tmp: tempfile.TemporaryDirectory | None = None

    def add(self, site: str | None, lines: Iterable[str]) -> None:
        self.current.add(site, lines)
        self._check()

    def update(self, other: Counts) -> None:
        self.current.update(other)
        self._check()

    def _check(self) -> None:
        if len(self.current.lines) > self.max_entries:
            self._spill()

    def _spill(self) -> None:
        if len(self._runs) >= MAX_RUNS:  # merge the runs into one, so few files are ever open at once
            self._write_run(self._merged(include_memory=False), replace_runs=True)
        self._write_run(self.current.entries())
        for site, n in self.current.docs.items():
            self.docs[site] = self.docs.get(site, 0) + n
        self._skipped += self.current.skipped
        self.current = Counts()

    def _write_run(self, entries: Iterator[Entry], replace_runs: bool = False) -> None:
        if self._tmp is None:
            self._tmp = tempfile.TemporaryDirectory(prefix="cleaner-templates-", dir=self.folder)
        self._written += 1
        path = os.path.join(self._tmp.name, f"run-{self._written:06d}.jsonl")
        with open(path, "w", encoding="utf-8") as f:
            for entry in entries:
                f.write(json.dumps(entry, ensure_ascii=False) + "\n")
        if replace_runs:
            for old in self._runs:
                os.unlink(old)
            self._runs = []
        self._runs.append(path)

    @property
    def skipped(self) -> int:
        """Documents that could not be read."""
        return self._skipped + self.current.skipped

    def site_docs(self) -> dict[str, int]:
        """Documents seen per site."""
        out = dict(self.docs)
        for site, n in self.current.docs.items():
            out[site] = out.get(site, 0) + n
        return out

    def entries(self) -> Iterator[Entry]:
        """Every (site, fingerprint, documents, example), sorted, summed over the runs and memory."""
        return self._merged(include_memory=True)

    def _merged(self, include_memory: bool) -> Iterator[Entry]:
        files: list[IO[str]] = [open(p, encoding="utf-8") for p in self._runs]
        try:
            streams: list[Iterator[Any]] = [(tuple(json.loads(line)) for line in f) for f in files]
            if include_memory:
                streams.append(self.current.entries())
            merged = heapq.merge(*streams, key=lambda e: (e[0], e[1]))
            for (site, fp), group in groupby(merged, key=lambda e: (e[0], e[1])):
                parts = list(group)
                yield site, fp, sum(p[2] for p in parts), min(p[3] for p in parts)
        finally:
            for f in files:
                f.close()

    def close(self) -> None:
        """Remove the run files."""
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None
        self._runs = []
