"""The summary of a batch run: the table printed at the end, ``report.json`` and ``report.html``.

:class:`ReportBuilder` is fed every result of a run (in input order) and keeps only
counts, per-step statistics and — for the HTML report — a bounded sample of
documents: the first ones changed, and a few examples of every step that changed
something.  :meth:`ReportBuilder.finish` writes the files and returns the
:class:`Summary`.
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import patterns
from ..chain import Chain, ChainStats
from ..document import Result
from .report_html import VISIBLE, render_html
from .writers import write_atomic

#: Documents the HTML report shows: the first changed ones, and examples per step.
SAMPLE_FIRST = 10
SAMPLE_PER_STEP = 3
SAMPLE_MAX = 60
#: Longest document (characters) the HTML report shows.
SAMPLE_CHARS = 200_000
#: Failures, and places dropped per reason, that the HTML report lists.
LISTED_MAX = 200

_NUMBER = re.compile(r"\d[\d,.]*")  # linear: a digit, then a run of one class
#: Where a step error's code came from, as :meth:`cleaner.Document.record_error` writes it.
_ORIGIN = patterns.compile(r"\((in [^()]*)\)$")


def reason_key(reason: str) -> str:
    """A drop reason with its numbers replaced by ``N``, so that reasons group in the summary.

    >>> reason_key("input: input too large: 70,000,000 > 67,108,864 (raise --max-bytes, or max_bytes in Python, to clean it)")
    'input: input too large: N > N (raise --max-bytes, or max_bytes in Python, to clean it)'
    """
    return _NUMBER.sub("N", reason)


@dataclass
class Summary:
    """What a batch run did; :meth:`to_dict` is the content of ``report.json``."""

    files: dict[str, int]
    documents: dict[str, int]
    dropped: dict[str, int]
    flagged: dict[str, int]
    steps: dict[str, dict[str, Any]]
    run: dict[str, Any]
    #: Steps that failed on some documents (each left out for those documents), by step, error and code.
    step_errors: dict[str, int] = field(default_factory=dict)

    @property
    def failed(self) -> int:
        """Files and documents that could not be cleaned (the command exits non-zero when this is not 0)."""
        return self.files["failed"] + self.documents["failed"]

    def to_dict(self) -> dict[str, Any]:
        return {
            "files": self.files,
            "documents": self.documents,
            "dropped": self.dropped,
            "flagged": self.flagged,
            "steps": self.steps,
            "step_errors": self.step_errors,
            "run": self.run,
        }

    def table(self) -> str:
        """The summary as plain-text tables (what the command prints to stderr)."""
        f, d, r = self.files, self.documents, self.run
        lines = [
            f"files      {f['processed']:>9,} done     {f['skipped']:>9,} skipped (output exists)  {f['failed']:>7,} failed",
            f"documents  {d['read']:>9,} read     {d['cleaned']:>9,} cleaned  {d['dropped']:>9,} dropped  {d['failed']:>7,} failed",
            f"time       {r['seconds']:>9.1f} s        {r['docs_per_second']:>9.1f} docs/s   {r['mb_per_second']:>9.2f} MB/s",
        ]
        titled = (("dropped by reason", self.dropped), ("records skipped (not documents)", self.run.get("records_skipped") or {}),
                  ("flagged", self.flagged),
                  ("step errors (the step was left out for those documents; see errors.jsonl)", self.step_errors))  # fmt: skip
        for title, counts in titled:
            if counts:
                lines += ["", title, *(f"  {n:>9,}  {what}" for what, n in _by_count(counts))]
        if self.steps:
            width = max(len("step"), *(len(s) for s in self.steps))
            lines += ["", f"{'step':<{width}}  {'docs touched':>12}  {'lines removed':>13}  {'chars removed':>13}  {'time (s)':>9}"]
            for name, s in self.steps.items():
                lines.append(
                    f"{name:<{width}}  {s['documents_touched']:>12,}  {s['lines_removed']:>13,}  "
                    f"{s['chars_removed']:>13,}  {s['seconds']:>9.2f}"
                )
        return "\n".join(lines)


def _by_count(counts: dict[str, int]) -> list[tuple[str, int]]:
    """Most frequent first, then by name."""
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


@dataclass
class Sample:
    """One document shown in the HTML report."""

    id: str
    where: str
    original: str
    result: Result
    steps: list[str] = field(default_factory=list)


class ReportBuilder:
    """Adds up the results of a run and writes its report files."""

    def __init__(self, chain: Chain, outdir: Path | None, *, jobs: int | None = None, scheduler: str | None = None, samples: bool = False):
        self.outdir = outdir
        self.stats = ChainStats()
        self.files = {"processed": 0, "skipped": 0, "failed": 0}
        self.documents = {"read": 0, "cleaned": 0, "dropped": 0, "failed": 0}
        self.dropped: dict[str, int] = {}
        self.step_errors: dict[str, int] = {}
        self.run_info = {"jobs": jobs, "scheduler": scheduler, "chain": chain.names}
        self.keep_samples = samples
        self.samples: list[Sample] = []
        self.examples: dict[str, list[str]] = {}
        self.failures: list[dict[str, Any]] = []  # the first LISTED_MAX failures, for the HTML report
        self.drops: dict[str, list[str]] = {}  # reason -> the first LISTED_MAX places dropped for it
        self.started = time.perf_counter()

    # -- counting ----------------------------------------------------------
    def merge(self, other: ReportBuilder) -> None:
        """Add the counts and step statistics of ``other`` (a partition of the same run, cleaned elsewhere)."""
        for mine, theirs in ((self.files, other.files), (self.documents, other.documents), (self.dropped, other.dropped)):
            for key, value in theirs.items():
                mine[key] = mine.get(key, 0) + value
        self.stats.merge(other.stats)

    def file_done(self) -> None:
        self.files["processed"] += 1

    def file_skipped(self) -> None:
        self.files["skipped"] += 1

    def file_failed(self) -> None:
        self.files["failed"] += 1

    def doc_failed(self) -> None:
        self.documents["read"] += 1
        self.documents["failed"] += 1

    def step_failed(self, step: str, error: str) -> None:
        """Count a step that failed on a document: by step, error type and the code it came from."""
        origin = _ORIGIN.search(error)
        key = f"{step}: {error.split(':', 1)[0]}" + (f" {origin.group(1)}" if origin else "")
        self.step_errors[key] = self.step_errors.get(key, 0) + 1

    def add(self, where: str, result: Result, original: str | None = None) -> None:
        """Count one cleaned document (and keep it as a sample when the HTML report wants it)."""
        self.documents["read"] += 1
        if result.dropped:
            self.documents["dropped"] += 1
            key = reason_key(result.drop_reason or "")
            self.dropped[key] = self.dropped.get(key, 0) + 1
        else:
            self.documents["cleaned"] += 1
        self.stats.add(result)
        if self.keep_samples and original is not None:
            self._sample(where, result, original)

    def note_error(self, entry: dict[str, Any]) -> None:
        """Keep a failure (``{"path", ["line"|"record"|"row"], "error"}``) for the HTML report."""
        if self.keep_samples and len(self.failures) < LISTED_MAX:
            self.failures.append(entry)

    def note_drop(self, entry: dict[str, Any]) -> None:
        """Keep where a document was dropped, under its reason, for the HTML report."""
        if self.keep_samples:
            places = self.drops.setdefault(reason_key(entry.get("reason") or ""), [])
            if len(places) < LISTED_MAX:
                places.append(":".join(str(v) for k, v in entry.items() if k in ("path", "line", "record", "row")))

    def rate_text(self) -> str:
        """``"1,234 docs, 56.7 docs/s"`` for the progress bar."""
        n = self.documents["read"]
        return f"{n:,} docs, {n / max(time.perf_counter() - self.started, 1e-9):.1f} docs/s"

    def _sample(self, where: str, result: Result, original: str) -> None:
        if len(self.samples) >= SAMPLE_MAX or len(original) > SAMPLE_CHARS:
            return
        changed = list(dict.fromkeys(e.filter for e in result.edits if e.action in VISIBLE and (e.before or e.action == "dropped-document")))
        if not changed:
            return
        wanted = [s for s in changed if len(self.examples.get(s, ())) < SAMPLE_PER_STEP]
        if not wanted and len(self.samples) >= SAMPLE_FIRST:
            return
        sample = Sample(f"doc-{len(self.samples) + 1}", where, original, result, changed)
        self.samples.append(sample)
        for step in changed:
            examples = self.examples.setdefault(step, [])
            if len(examples) < SAMPLE_PER_STEP:
                examples.append(sample.id)

    # -- finishing -----------------------------------------------------------
    def finish(self, *, bytes_read: int = 0, errors: int = 0, skipped: dict[str, int] | None = None, interrupted: bool = False) -> Summary:
        """The summary; written to ``report.json`` (and ``report.html`` with samples) when there is an output folder."""
        seconds = time.perf_counter() - self.started
        steps = {
            name: {
                "documents": s.documents,
                "documents_touched": s.documents_touched,
                "lines_removed": s.paragraphs_removed,
                "chars_removed": s.chars_removed,
                "edits": s.edits,
                "seconds": round(s.seconds, 4),
            }
            for name, s in self.stats.steps.items()
        }
        summary = Summary(
            files=dict(self.files),
            documents=dict(self.documents),
            dropped=dict(_by_count(self.dropped)),
            flagged=dict(sorted(self.stats.flagged.items())),
            steps=steps,
            step_errors=dict(_by_count(self.step_errors)),
            run={
                **self.run_info,
                "seconds": round(seconds, 3),
                "input_bytes": bytes_read,
                "docs_per_second": round(self.documents["read"] / seconds, 2) if seconds else 0.0,
                "mb_per_second": round(bytes_read / 1e6 / seconds, 3) if seconds else 0.0,
                "errors_logged": errors,
                "records_skipped": dict(sorted((skipped or {}).items())),
                "interrupted": interrupted,
            },
        )
        if self.outdir is not None:
            write_atomic(self.outdir / "report.json", json.dumps(summary.to_dict(), indent=2, ensure_ascii=False) + "\n")
            if self.keep_samples:
                write_atomic(self.outdir / "report.html", render_html(summary, self.samples, self.examples, self.failures, self.drops))
        return summary


