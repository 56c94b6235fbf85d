"""``clean_folder``: files, folders, globs and standard input cleaned into an output folder (what the command line runs)."""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import threading
from pathlib import Path
from typing import Any, Iterator, Sequence

from ..api import resolve_chain
from ..chain import Chain
from ..inputs import MAX_INPUT_BYTES
from ..registry import ConfigError
from .local import make_executor, ordered
from .readers import MANY, Reader
from .report import ReportBuilder, Summary
from .sources import Format, Unit, discover
from .work import ConfigLike, Options, Outcome, chain_key
from .writers import JsonlOut, Log, ParquetOut, open_records, write_atomic

#: Names of the run's own files in OUTDIR.
REPORT_FILES = ("report.json", "report.html", "errors.jsonl", "dropped.jsonl")
#: Write errors that end the run (every later output would fail too): full disk, quota, read-only file system.
FATAL_WRITE_ERRORS = (errno.ENOSPC, errno.EDQUOT, errno.EROFS)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and os.path.samefile(a, b))
    except OSError:
        return False


def clean_folder(
    src: str | Path | Sequence[str | Path],
    dst: str | Path,
    config: ConfigLike = None,
    jobs: int | None = None,
    *,
    format: Format = "txt",
    text_field: str = "text",
    html_field: str | None = None,
    url_field: str = "url",
    id_field: str | None = None,
    edits: bool = False,
    force: bool = False,
    languages: Sequence[str] | None = None,
    report_html: bool = False,
    progress: bool = False,
    scheduler: str | None = None,
    max_bytes: int = MAX_INPUT_BYTES,
) -> Summary:
    """Clean every input under ``src`` (a folder, a file, a glob, ``"-"``, or a list of them) into ``dst``.

    * Outputs mirror the input tree: ``a/b.html`` becomes ``dst/a/b.txt`` (``b.jsonl`` with
      ``format="jsonl"``); a JSONL input becomes a JSONL output of the same name, a WARC
      file a JSONL output, a Parquet file a Parquet output (JSONL with ``format="jsonl"``).
    * Records (JSONL lines, Parquet rows): ``text_field`` holds the text (and receives the
      clean text), ``html_field`` HTML (used when present), ``url_field`` the address;
      ``id_field`` names the record in ``errors.jsonl`` and ``dropped.jsonl``.
    * ``config``: a chain, a TOML path or a config dict (default chain when ``None``);
      ``languages``: keep only documents in these languages (the ``filter_language`` step).
    * ``jobs``: worker processes (default: every core); ``scheduler``: the address of a
      Dask scheduler to run on instead.
    * Outputs that exist are skipped unless ``force``; ``edits`` puts the edit log in JSONL outputs;
      ``report_html`` writes ``dst/report.html``; ``progress`` shows a progress bar;
      documents over ``max_bytes`` are dropped with a reason.

    Returns the :class:`~cleaner.batch.report.Summary`, also written to ``dst/report.json``
    (failures in ``dst/errors.jsonl``, dropped documents in ``dst/dropped.jsonl``).  A run
    stopped by Ctrl-C, SIGTERM or a full disk still writes ``report.json`` for what it
    finished (``run.interrupted`` is then true) before the exception propagates.
    """
    if format not in ("txt", "jsonl"):
        raise ConfigError(f"format must be 'txt' or 'jsonl', got {format!r}")
    chain = build_chain(config, languages)
    outdir = Path(dst)
    inputs = [src] if isinstance(src, (str, Path)) else list(src)
    if not inputs:
        raise ConfigError("no input given")
    if jobs is not None and jobs < 1:
        raise ConfigError(f"jobs must be at least 1, got {jobs}")
    for given in inputs:
        if str(given) != "-" and Path(given).is_dir() and _same_file(Path(given), outdir):
            raise ConfigError(f"the output folder {outdir} is an input folder; write the clean tree elsewhere")
    if jobs is None and scheduler is None:
        jobs = os.cpu_count() or 1
    outdir.mkdir(parents=True, exist_ok=True)
    executor = make_executor(jobs, scheduler)  # fails early on an unreachable scheduler
    options = Options(
        fmt=format, text_field=text_field, html_field=html_field, url_field=url_field, id_field=id_field, edits=edits,
        keep_edits=report_html, keep_original=report_html, max_bytes=max_bytes,
    )  # fmt: skip
    report = ReportBuilder(chain, outdir, jobs=jobs, scheduler=scheduler, samples=report_html)
    errors, dropped = Log(outdir / "errors.jsonl"), Log(outdir / "dropped.jsonl")
    sink = _Sink(report, errors, dropped)
    reader = Reader()
    bar = None
    interrupted = True
    try:
        with _sigterm_as_interrupt():
            units = _plan(inputs, outdir, format, force, sink)
            bar = _progress(progress, inputs, outdir, format, force)
            for kind, tag, outcome in ordered(executor, chain_key(chain), options, reader.items(units, max_bytes)):
                if kind == "end":
                    sink.end(*tag)
                else:
                    assert outcome is not None
                    sink.document(*tag, outcome)
                if bar is not None:
                    bar.update(reader.bytes_read - bar.n)
                    bar.set_postfix_str(report.rate_text(), refresh=False)
            interrupted = False
    finally:
        sink.close()
        executor.close(cancel=interrupted)
        errors.close()
        dropped.close()
        if bar is not None:
            bar.close()
        if interrupted:
            with contextlib.suppress(OSError):  # the disk may be full: the first error is the one to report
                report.finish(bytes_read=reader.bytes_read, errors=errors.count, skipped=reader.skipped, interrupted=True)
    return report.finish(bytes_read=reader.bytes_read, errors=errors.count, skipped=reader.skipped)


@contextlib.contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """Within the block, SIGTERM stops the run like Ctrl-C (main thread only: signals cannot be set elsewhere)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt(f"stopped by signal {signum}")

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


class _Sink:
    """Where the outcomes of ``clean_folder`` go, in input order: outputs, the two logs, the report."""

    def __init__(self, report: ReportBuilder, errors: Log, dropped: Log):
        self.report, self.errors, self.dropped = report, errors, dropped
        self.open_out: JsonlOut | ParquetOut | None = None
        self.write_error: str | None = None  # an output record of the current file could not be written
        self.unit_failed = False  # the current text/HTML file's output could not be written (already logged)

    def document(self, unit: Unit, position: int, outcome: Outcome) -> None:
        where: dict[str, Any] = {MANY[unit.kind]: position} if unit.many else {}
        if outcome.id is not None:
            where["id"] = outcome.id
        if outcome.error is not None or outcome.result is None:
            self.error(unit, where, outcome.error or "no result")
            self.report.doc_failed()
            return
        result = outcome.result
        self.report.add(f"{unit.source}:{position}" if unit.many else unit.source, result, outcome.original)
        if result.dropped:
            entry = {"path": unit.source, **where, **({"url": result.url} if result.url else {}), "reason": result.drop_reason}
            self.dropped.add(**entry)
            self.report.note_drop(entry)
            return
        assert unit.out is not None
        try:
            if unit.many:
                if self.write_error is None:
                    self._records(unit).write(outcome.output or "")
            elif isinstance(outcome.output, str):
                write_atomic(unit.out, outcome.output)
        except OSError as exc:
            if exc.errno in FATAL_WRITE_ERRORS:
                raise  # a full disk or a read-only file system: every later output would fail too
            message = f"cannot write {unit.out}: {exc.strerror or exc}"
            if unit.many:
                self.write_error = message  # reported once, at the end of the file
            else:
                self.error(unit, {}, message)
                self.report.file_failed()
                self.unit_failed = True

    def end(self, unit: Unit, error: str | None, damaged: bool = False) -> None:
        """The last document of ``unit`` is done: commit (or abandon) its output of records and count the file.

        A file damaged part-way (``damaged``) keeps the records cleaned before the damage."""
        error = error or self.write_error
        if unit.many and (error is None or (damaged and self.write_error is None)):
            try:
                self._records(unit).commit()  # with no record kept, an empty output: the file is done
                self.open_out = None
            except OSError as exc:
                if exc.errno in FATAL_WRITE_ERRORS:
                    raise
                error = f"cannot write {unit.out}: {exc.strerror or exc}"
        self.close()
        if error is not None:
            self.error(unit, {}, error)
            self.report.file_failed()
        elif not self.unit_failed:
            self.report.file_done()
        self.unit_failed = False

    def error(self, unit: Unit, where: dict[str, Any], error: str) -> None:
        """Log a failure (of a file, or of the document at ``where`` in it)."""
        entry = {"path": unit.source, **where, "error": error}
        self.errors.add(**entry)
        self.report.note_error(entry)

    def _records(self, unit: Unit) -> JsonlOut | ParquetOut:
        if self.open_out is None:
            assert unit.out is not None
            self.open_out = open_records(unit.out, unit.path if unit.kind == "parquet" else None)
        return self.open_out

    def close(self) -> None:
        """Abandon an output of records still open (its temporary file is removed)."""
        if self.open_out is not None:
            self.open_out.abort()
            self.open_out = None
        self.write_error = None


def _plan(inputs: Sequence[str | Path], outdir: Path, fmt: Format, force: bool, sink: _Sink) -> Iterator[Unit]:
    """The units to clean, in order: problems and refusals go to the errors, finished outputs are skipped."""
    for unit, problem in discover(inputs, outdir, fmt):
        refusal = None
        if unit is None:
            assert problem is not None
            unit, refusal = Unit(problem[0], None, "text", False, None), problem[1]
        elif unit.path is not None and unit.out is not None and _same_file(unit.out, unit.path):
            refusal = f"refused: the output {unit.out} would overwrite this input"
        elif unit.out is not None and unit.out.name in REPORT_FILES and unit.out.parent.resolve() == outdir.resolve():
            refusal = f"refused: the output {unit.out} is the name of a report file"
        if refusal is not None:
            sink.error(unit, {}, refusal)
            sink.report.file_failed()
            continue
        assert unit.out is not None
        if not force and unit.out.exists():
            sink.report.file_skipped()
            continue
        yield unit


def _progress(enabled: bool, inputs: Sequence[str | Path], outdir: Path, fmt: Format, force: bool) -> Any:
    """A tqdm bar over the input bytes still to clean (with documents and docs/s), or ``None``."""
    if not enabled:
        return None
    from tqdm import tqdm

    total = sum(
        u.size for u, _ in discover(inputs, outdir, fmt) if u is not None and (force or u.out is None or not u.out.exists())
    )
    return tqdm(total=total, unit="B", unit_scale=True, unit_divisor=1024, dynamic_ncols=True, desc="cleaning")


def build_chain(config: ConfigLike, languages: Sequence[str] | None = None) -> Chain:
    """The chain for ``config``; with ``languages``, its ``filter_language`` step keeps only those."""
    chain = resolve_chain(config)
    if languages:
        if "filter_language" not in chain.names:
            raise ConfigError(
                "keeping only some languages needs the 'filter_language' step, which is not in the chain "
                f"(steps: {', '.join(chain.names)}); add it to the config or leave out --lang"
            )
        chain = chain.with_params("filter_language", allow=list(languages))
    return chain

