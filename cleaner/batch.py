"""Batch cleaning: folders, JSONL dumps and whole crawls, on every core or on a Dask cluster.

Two public calls share one engine (the command line ``cleaner clean INPUT... -o OUTDIR``
is a thin layer over :func:`clean_folder`):

* :func:`clean_folder` cleans files and folders into an output folder that mirrors the
  input tree and returns the run's :class:`~cleaner.report.Summary`;
* :func:`clean_many` cleans an iterable of texts or records and yields the results in
  input order.

How the engine works:

* Inputs are discovered lazily (folders recursively, in sorted order) and read one
  document at a time; documents travel to the workers in small batches and at most a
  few batches per worker are in flight, so memory stays flat however large the corpus.
* Results come back in input order whatever the number of workers, so ``jobs=1`` and
  ``jobs=2`` write byte-identical outputs.
* Workers are spawned processes (``jobs > 1``), the calling process (``jobs=1``), or the
  workers of a Dask cluster (``scheduler="tcp://host:8786"``); the chain travels to them
  by configuration.
* Every output is written to a temporary file in its own folder and renamed into place,
  so a killed run leaves no half-written output; a rerun skips the outputs that exist
  (unless ``force``) and so resumes the job.  A JSONL input becomes one JSONL output,
  renamed into place once its last record is cleaned.
* Bad inputs never stop the batch: they are listed in ``errors.jsonl``; dropped
  documents are listed in ``dropped.jsonl``; ``report.json`` holds the summary.
"""

from __future__ import annotations

import codecs
import glob
import gzip
import json
import os
import signal
import sys
import zlib
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from multiprocessing import get_context
from pathlib import Path
from typing import IO, Any, Callable, Iterable, Iterator, Literal, Mapping, Protocol, Sequence

from .api import clean_document, resolve_chain
from .chain import Chain
from .document import Result
from .inputs import MAX_INPUT_BYTES, load_document
from .registry import ConfigError
from .report import ReportBuilder, Summary

Format = Literal["txt", "jsonl"]

#: File kinds by suffix (after an optional ``.gz``).
KINDS = {".txt": "text", ".text": "text", ".html": "html", ".htm": "html", ".jsonl": "jsonl"}

#: Documents per batch sent to a worker, and the most raw bytes one batch may hold.
BATCH_DOCS = 16
BATCH_BYTES = 4 * 1024 * 1024

#: Names of the run's own files in OUTDIR.
REPORT_FILES = ("report.json", "report.html", "errors.jsonl", "dropped.jsonl")

ConfigLike = Chain | str | Path | Mapping[str, Any] | None


# ---------------------------------------------------------------------------
# Inputs: what to clean and where each output goes
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Unit:
    """One input file (or standard input) and the output it becomes."""

    source: str  # path as shown to users ("-" for standard input)
    path: Path | None  # None for standard input
    kind: str  # "text", "html" or "jsonl"
    gz: bool
    out: Path | None  # None when output goes elsewhere (clean_many, stdout)
    size: int = 0


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
    """The output file name of input ``name``: documents become ``.txt`` (or ``.jsonl``); JSONL stays JSONL.

    >>> output_name("page.html.gz", "txt"), output_name("dump.jsonl.gz", "txt")
    ('page.txt', 'dump.jsonl.gz')
    """
    kind, gz = input_kind(name) or ("text", False)
    if kind == "jsonl":
        return name
    stem = name[:-3] if gz else name
    stem = os.path.splitext(stem)[0]
    return f"{stem}.{fmt}"


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


# ---------------------------------------------------------------------------
# The work sent to workers, and what comes back
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Options:
    """What workers need to know besides the chain (small: it travels with every batch)."""

    fmt: Format = "txt"
    text_field: str = "text"
    edits: bool = False  # put the edit log in JSONL outputs
    keep_edits: bool = False  # send results back with their edits (clean_many, the HTML report)
    keep_original: bool = False  # send the text the chain started from (the HTML report)
    raw_results: bool = False  # clean_many: full results, no output formatting
    max_bytes: int = MAX_INPUT_BYTES  # larger documents are dropped with a reason


@dataclass
class Outcome:
    """What a worker returns for one document."""

    result: Result | None = None
    output: str | None = None  # the formatted output (a text file's content or a JSONL line)
    original: str | None = None
    error: str | None = None


# A document on its way to a worker: (raw, url, meta, is_record).  Records are raw JSONL lines.
Payload = tuple[Any, str | None, Mapping[str, Any] | None, bool]

_CHAINS: dict[str, Chain] = {}


def chain_key(chain: Chain) -> str:
    """A chain's configuration as a string: what a batch carries to a worker (which builds the chain once)."""
    key = json.dumps(chain.to_config(), sort_keys=True)
    _CHAINS.setdefault(key, chain)
    return key


def _chain(key: str) -> Chain:
    chain = _CHAINS.get(key)
    if chain is None:
        chain = _CHAINS[key] = Chain.from_config(json.loads(key))
    return chain


def run_batch(key: str, payloads: Sequence[Payload], options: Options) -> list[Outcome]:
    """Clean a batch of documents with the chain ``key`` names (runs in a worker); never raises."""
    chain = _chain(key)
    return [_clean_one(chain, payload, options) for payload in payloads]


def _clean_one(chain: Chain, payload: Payload, options: Options) -> Outcome:
    raw, url, meta, is_record = payload
    try:
        record = None
        if is_record:
            record = _parse_record(raw, options.text_field)
            raw = record[options.text_field]
            url = url or (record.get("url") if isinstance(record.get("url"), str) else None)
            meta = {k: v for k, v in record.items() if k != options.text_field}
        doc = load_document(raw, url=url, meta=dict(meta or {}), max_bytes=options.max_bytes)
        original = doc.text if options.keep_original else None
        result = clean_document(doc, chain)
        output = None if options.raw_results else _format(result, record, options)
        if not options.keep_edits:
            result = replace(result, edits=[])
        return Outcome(result, output, original)
    except Exception as exc:  # noqa: BLE001 - one bad document must not stop a batch
        return Outcome(error=f"{type(exc).__name__}: {exc}")


def _parse_record(line: bytes | str, text_field: str) -> dict[str, Any]:
    try:
        record = json.loads(line)
    except ValueError as exc:
        raise ValueError(f"not a JSON line: {exc}") from None
    if not isinstance(record, dict):
        raise ValueError(f"a JSONL record must be an object, got {type(record).__name__}")
    if not isinstance(record.get(text_field), str):
        raise ValueError(f"record has no string field {text_field!r} (set --text-field)")
    return record


def _format(result: Result, record: dict[str, Any] | None, options: Options) -> str | None:
    """A text file's content or a JSONL line; ``None`` for a dropped document."""
    if result.dropped:
        return None
    if record is None and options.fmt == "txt":
        return result.text + "\n" if result.text else ""
    out: dict[str, Any] = dict(record or {})
    out[options.text_field if record is not None else "text"] = result.text
    for key in ("title", "language", "url"):
        out[key] = result.meta.get(key)
    if result.flags:
        out["flags"] = list(result.flags)
    if options.edits:
        out["edits"] = [e.to_dict() for e in result.edits]
    return json.dumps(out, ensure_ascii=False) + "\n"


# ---------------------------------------------------------------------------
# Executors: where batches run.
# ---------------------------------------------------------------------------
class Executor(Protocol):
    """Runs batches: ``submit(fn, *args)`` returns an object whose ``result()`` is ``fn(*args)``.

    ``window`` is how many batches may be in flight at once (it bounds memory).
    """

    window: int

    def submit(self, fn: Callable[..., Any], *args: Any) -> Any: ...

    def close(self, cancel: bool = False) -> None: ...


class _Done:
    """A finished computation with the interface of a future (the ``jobs=1`` path)."""

    def __init__(self, value: Any):
        self._value = value

    def result(self) -> Any:
        return self._value


class InlineExecutor:
    """Runs every batch in the calling process."""

    window = 1

    def submit(self, fn: Callable[..., Any], *args: Any) -> _Done:
        return _Done(fn(*args))

    def close(self, cancel: bool = False) -> None:
        """Nothing to release."""


def _worker_init() -> None:
    """Workers leave Ctrl-C to the parent, which stops handing out work and waits for the batches running."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class ProcessExecutor:
    """Spawned worker processes (safe whatever threads the caller runs).

    When a worker dies (a crash in a C extension, the kernel's out-of-memory killer),
    the pool is broken: the next :meth:`submit` starts a fresh one.
    """

    def __init__(self, jobs: int):
        self.jobs = jobs
        self._pool = self._new_pool()
        self.window = jobs * 3

    def _new_pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=self.jobs, mp_context=get_context("spawn"), initializer=_worker_init)

    def submit(self, fn: Callable[..., Any], *args: Any) -> Future:
        try:
            return self._pool.submit(fn, *args)
        except BrokenProcessPool:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = self._new_pool()
            return self._pool.submit(fn, *args)

    def close(self, cancel: bool = False) -> None:
        self._pool.shutdown(wait=True, cancel_futures=cancel)


def make_executor(jobs: int | None = None, scheduler: str | None = None) -> Executor:
    """The executor for ``jobs`` local workers (default: every core), or a Dask cluster's at ``scheduler``."""
    if scheduler:
        from .dask import DaskExecutor

        return DaskExecutor(scheduler)
    if jobs is None:
        jobs = os.cpu_count() or 1
    if jobs < 1:
        raise ConfigError(f"jobs must be at least 1, got {jobs}")
    return InlineExecutor() if jobs == 1 else ProcessExecutor(jobs)


@dataclass
class _Batch:
    """Documents sent together, plus the bookkeeping entries that travel beside them in order."""

    entries: list[tuple[str, Any]] = field(default_factory=list)  # ("doc", tag) or ("end", (unit, error))
    payloads: list[Payload] = field(default_factory=list)
    nbytes: int = 0


def _batches(items: Iterable[tuple[str, Any, Payload | None]]) -> Iterator[_Batch]:
    batch = _Batch()
    for kind, tag, payload in items:
        batch.entries.append((kind, tag))
        if payload is not None:
            batch.payloads.append(payload)
            batch.nbytes += len(payload[0])
        if len(batch.payloads) >= BATCH_DOCS or batch.nbytes >= BATCH_BYTES:
            yield batch
            batch = _Batch()
    if batch.entries:
        yield batch


def _outcomes(executor: Executor, future: Any, key: str, payloads: list[Payload], options: Options) -> list[Outcome]:
    """The outcomes of a batch; when its worker died, its documents are retried one by one,
    so only a document that kills a worker again is lost (and recorded as failed)."""
    try:
        return list(future.result())
    except Exception:  # noqa: BLE001 - BrokenProcessPool, Dask's KilledWorker, a lost connection
        outcomes = []
        for payload in payloads:
            try:
                outcomes += executor.submit(run_batch, key, [payload], options).result()
            except Exception as exc:  # noqa: BLE001
                outcomes.append(Outcome(error=f"the worker cleaning this document died ({type(exc).__name__}: {exc})"))
        return outcomes


def _ordered(
    executor: Executor, key: str, options: Options, items: Iterable[tuple[str, Any, Payload | None]]
) -> Iterator[tuple[str, Any, Outcome | None]]:
    """Run the documents of ``items`` on ``executor``; yield ``(kind, tag, outcome)`` in input order.

    At most ``executor.window`` batches are in flight, so memory is bounded.
    """
    pending: deque[tuple[_Batch, Any]] = deque()

    def drain_one() -> Iterator[tuple[str, Any, Outcome | None]]:
        batch, future = pending.popleft()
        outcomes = iter(_outcomes(executor, future, key, batch.payloads, options) if batch.payloads else [])
        for kind, tag in batch.entries:
            yield kind, tag, next(outcomes) if kind == "doc" else None

    for batch in _batches(items):
        future = executor.submit(run_batch, key, batch.payloads, options) if batch.payloads else None
        pending.append((batch, future))
        while len(pending) > executor.window:
            yield from drain_one()
    while pending:
        yield from drain_one()


# ---------------------------------------------------------------------------
# Reading inputs
# ---------------------------------------------------------------------------
class _Reader:
    """Reads units document by document and reports how far through the input bytes it is."""

    def __init__(self) -> None:
        self.bytes_read = 0

    def items(self, units: Iterable[Unit], max_bytes: int) -> Iterator[tuple[str, Any, Payload | None]]:
        for unit in units:
            error = None
            try:
                if unit.kind == "jsonl":
                    yield from self._records(unit)
                else:
                    raw = self._read(unit, max_bytes)
                    yield "doc", (unit, 0), (raw, None, None, False)
            except (gzip.BadGzipFile, EOFError, zlib.error) as exc:
                error = f"corrupt gzip file: {exc}"
            except OSError as exc:
                error = f"cannot read: {exc.strerror or exc}"
            self.bytes_read += unit.size if unit.kind != "jsonl" else 0
            yield "end", (unit, error), None

    def _read(self, unit: Unit, max_bytes: int) -> bytes:
        # Reading one byte more than allowed is enough for clean_article to drop an oversized input.
        if unit.path is None:
            return sys.stdin.buffer.read()
        opener = gzip.open if unit.gz else open
        with opener(unit.path, "rb") as f:
            return f.read(max_bytes + 1)

    def _records(self, unit: Unit) -> Iterator[tuple[str, Any, Payload | None]]:
        assert unit.path is not None
        with open(unit.path, "rb") as raw:
            stream: IO[bytes] = gzip.GzipFile(fileobj=raw, mode="rb") if unit.gz else raw
            last = 0
            for lineno, line in enumerate(stream, 1):
                if lineno == 1 and line.startswith(codecs.BOM_UTF8):  # written by some Windows tools
                    line = line[len(codecs.BOM_UTF8) :]
                position = raw.tell()
                self.bytes_read += position - last
                last = position
                if line.strip():
                    yield "doc", (unit, lineno), (line, None, None, True)
            self.bytes_read += unit.size - last


# ---------------------------------------------------------------------------
# Writing outputs
# ---------------------------------------------------------------------------
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


class _JsonlOut:
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


class _Log:
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


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and os.path.samefile(a, b))
    except OSError:
        return False


# ---------------------------------------------------------------------------
# clean_folder: the batch the command line runs
# ---------------------------------------------------------------------------
def clean_folder(
    src: str | Path | Sequence[str | Path],
    dst: str | Path,
    config: ConfigLike = None,
    jobs: int | None = None,
    *,
    format: Format = "txt",
    text_field: str = "text",
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
      ``format="jsonl"``); a JSONL input becomes a JSONL output of the same name.
    * ``config``: a chain, a TOML path or a config dict (default chain when ``None``);
      ``languages``: keep only documents in these languages (the ``filter_language`` step).
    * ``jobs``: worker processes (default: every core); ``scheduler``: the address of a
      Dask scheduler to run on instead.
    * Outputs that exist are skipped unless ``force``; ``edits`` puts the edit log in JSONL outputs;
      ``report_html`` writes ``dst/report.html``; ``progress`` shows a progress bar.

    Returns the :class:`~cleaner.report.Summary`, also written to ``dst/report.json``
    (failures in ``dst/errors.jsonl``, dropped documents in ``dst/dropped.jsonl``).
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
        fmt=format, text_field=text_field, edits=edits, keep_edits=report_html, keep_original=report_html, max_bytes=max_bytes
    )
    report = ReportBuilder(chain, outdir, jobs=jobs, scheduler=scheduler, samples=report_html)
    errors, dropped = _Log(outdir / "errors.jsonl"), _Log(outdir / "dropped.jsonl")
    sink = _Sink(report, errors, dropped)
    reader = _Reader()
    bar = None
    interrupted = True
    try:
        units = _plan(inputs, outdir, format, force, report, errors)
        bar = _progress(progress, inputs, outdir, format, force)
        for kind, tag, outcome in _ordered(executor, chain_key(chain), options, reader.items(units, max_bytes)):
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
    return report.finish(bytes_read=reader.bytes_read, errors=errors.count)


class _Sink:
    """Where the outcomes of ``clean_folder`` go, in input order: outputs, the two logs, the report."""

    def __init__(self, report: ReportBuilder, errors: _Log, dropped: _Log):
        self.report, self.errors, self.dropped = report, errors, dropped
        self.open_out: _JsonlOut | None = None
        self.write_error: str | None = None  # an output of the current JSONL file could not be written
        self.unit_failed = False  # the current text/HTML file's output could not be written (already logged)

    def document(self, unit: Unit, line: int, outcome: Outcome) -> None:
        where = {"line": line} if unit.kind == "jsonl" else {}
        if outcome.error is not None or outcome.result is None:
            self.errors.add(path=unit.source, **where, error=outcome.error)
            self.report.doc_failed()
            return
        result = outcome.result
        self.report.add(f"{unit.source}:{line}" if where else unit.source, result, outcome.original)
        if result.dropped:
            self.dropped.add(path=unit.source, **where, **({"url": result.url} if result.url else {}), reason=result.drop_reason)
            return
        assert unit.out is not None
        try:
            if unit.kind == "jsonl":
                if self.write_error is None:
                    self._jsonl(unit).write(outcome.output or "")
            elif outcome.output is not None:
                write_atomic(unit.out, outcome.output)
        except OSError as exc:
            message = f"cannot write {unit.out}: {exc.strerror or exc}"
            if unit.kind == "jsonl":
                self.write_error = message  # reported once, at the end of the file
            else:
                self.errors.add(path=unit.source, error=message)
                self.report.file_failed()
                self.unit_failed = True

    def end(self, unit: Unit, error: str | None) -> None:
        """The last document of ``unit`` is done: commit (or abandon) its JSONL output and count the file."""
        error = error or self.write_error
        if unit.kind == "jsonl" and error is None:
            try:
                self._jsonl(unit).commit()  # with no record kept, an empty output: the file is done
                self.open_out = None
            except OSError as exc:
                error = f"cannot write {unit.out}: {exc.strerror or exc}"
        self.close()
        if error is not None:
            self.errors.add(path=unit.source, error=error)
            self.report.file_failed()
        elif not self.unit_failed:
            self.report.file_done()
        self.unit_failed = False

    def _jsonl(self, unit: Unit) -> _JsonlOut:
        if self.open_out is None:
            assert unit.out is not None
            self.open_out = _JsonlOut(unit.out, unit.gz)
        return self.open_out

    def close(self) -> None:
        """Abandon a JSONL output still open (its temporary file is removed)."""
        if self.open_out is not None:
            self.open_out.abort()
            self.open_out = None
        self.write_error = None


def _plan(
    inputs: Sequence[str | Path], outdir: Path, fmt: Format, force: bool, report: ReportBuilder, errors: _Log
) -> Iterator[Unit]:
    """The units to clean, in order: problems and refusals go to ``errors``, finished outputs are skipped."""
    for unit, problem in discover(inputs, outdir, fmt):
        if unit is None:
            assert problem is not None
            errors.add(path=problem[0], error=problem[1])
            report.file_failed()
            continue
        assert unit.out is not None
        if unit.path is not None and _same_file(unit.out, unit.path):
            errors.add(path=unit.source, error=f"refused: the output {unit.out} would overwrite this input")
            report.file_failed()
            continue
        if unit.out.name in REPORT_FILES and unit.out.parent.resolve() == outdir.resolve():
            errors.add(path=unit.source, error=f"refused: the output {unit.out} is the name of a report file")
            report.file_failed()
            continue
        if not force and unit.out.exists():
            report.file_skipped()
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


# ---------------------------------------------------------------------------
# clean_many: the same engine for texts and records held in memory
# ---------------------------------------------------------------------------
def clean_many(
    items: Iterable[str | bytes | Mapping[str, Any]],
    config: ConfigLike = None,
    jobs: int | None = None,
    *,
    text_field: str = "text",
    edits: bool = True,
    scheduler: str | None = None,
) -> Iterator[Result]:
    """Clean texts (``str``/``bytes``) or records (dicts with ``text_field``) and yield results in input order.

    Records pass their ``url`` and other fields to :func:`cleaner.clean_article` as
    metadata.  Streams: only a few batches per worker are held at once.  A record
    without its text field yields a dropped result saying so.  ``edits=False`` sends
    results back without their edit logs (less data between processes).

    >>> [r.text for r in clean_many(["Caf\\u00e9\\u00a0au lait.", {"text": "Tea  time."}], jobs=1)]
    ['Café au lait.', 'Tea time.']
    """
    chain = resolve_chain(config)
    options = Options(text_field=text_field, keep_edits=edits, raw_results=True)
    executor = make_executor(jobs, scheduler)

    def payloads() -> Iterator[tuple[str, Any, Payload | None]]:
        for i, item in enumerate(items):
            if isinstance(item, (str, bytes, bytearray)):
                yield "doc", i, (item, None, None, False)
            elif isinstance(item, Mapping):
                yield "doc", i, (json.dumps(dict(item), ensure_ascii=False, default=str), None, None, True)
            else:
                raise TypeError(f"clean_many() takes texts or dicts, got {type(item).__name__} at position {i}")

    interrupted = True
    try:
        for _kind, _tag, outcome in _ordered(executor, chain_key(chain), options, payloads()):
            assert outcome is not None
            if outcome.error is not None:
                yield _failed(outcome.error)
            else:
                assert outcome.result is not None
                yield outcome.result
        interrupted = False
    finally:
        executor.close(cancel=interrupted)


def _failed(error: str) -> Result:
    from .document import Document

    doc = Document("")
    doc.drop(f"could not be cleaned: {error}")
    return Result.from_document(doc, [])


def stdout_records(path: Path, gz: bool, chain: Chain, text_field: str, edits: bool, out: IO[str]) -> int:
    """Clean a JSONL file record by record to ``out`` (the command line without ``-o``); returns failures."""
    options = Options(text_field=text_field, edits=edits)
    unit = Unit(str(path), path, "jsonl", gz, None)
    failures = 0
    for kind, tag, outcome in _ordered(InlineExecutor(), chain_key(chain), options, _Reader().items([unit], MAX_INPUT_BYTES)):
        if kind == "end":
            if tag[1] is not None:
                raise OSError(tag[1])
            continue
        assert outcome is not None
        if outcome.error is not None:
            failures += 1
            print(f"cleaner: {path}:{tag[1]}: {outcome.error}", file=sys.stderr)
        elif outcome.output:
            out.write(outcome.output)
    return failures


__all__ = ["clean_folder", "clean_many", "discover", "input_kind", "output_name", "run_batch", "Summary"]
