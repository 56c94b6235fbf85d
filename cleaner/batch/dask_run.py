"""A Dask run into a folder: one output per partition, resumable, with one merged report.

:func:`clean_to_folder` cleans a ``dask.bag`` of records (or texts) partition by partition
on the cluster: partition ``i`` becomes ``OUTDIR/part-<i>.jsonl.gz``, written by the worker
through a temporary file and a rename (``OUTDIR`` must be a folder every worker can write,
a shared file system).  A rerun skips the partitions whose output exists — it does not
even read their input — so an interrupted run resumes where it stopped, as a local run
does.  Each partition sends back its counts, drop reasons, failures and per-step
statistics; they are merged into ``report.json``, ``errors.jsonl`` and ``dropped.jsonl``
exactly as for a local run.

:func:`read_jsonl` reads JSONL files (``.gz`` too) into a bag, one partition per file,
where a broken line becomes an error record instead of failing the whole graph (which
``db.read_text(...).map(json.loads)`` does); :func:`parse_line` does the same for a bag
of lines.  A truncated ``.jsonl.gz`` keeps its records before the damage.
"""

from __future__ import annotations

import gzip
import json
import zlib
from pathlib import Path
from typing import Any, Iterator, Sequence

from ..chain import Chain
from .dask_engine import require
from .readers import MANY, Reader
from .report import ReportBuilder, Summary
from .sources import Unit, discover
from .work import Options, Payload, chain_key, run_batch
from .writers import Log, open_records

#: The field of an error record: a line that could not be read, and why.
ERROR_FIELD = "cleaner_error"


def parse_line(line: str | bytes, path: str | None = None, number: int | None = None) -> dict[str, Any]:
    """A JSONL line as a record, or an error record ``{"cleaner_error": why, "path", "line"}`` for a broken line.

    >>> parse_line('{"text": "Hi."}'), parse_line("oops")["cleaner_error"][:16]
    ({'text': 'Hi.'}, 'not a JSON line:')
    """
    where = {k: v for k, v in (("path", path), ("line", number)) if v is not None}
    try:
        record = json.loads(line)
    except ValueError as exc:
        return {ERROR_FIELD: f"not a JSON line: {exc}", **where}
    if not isinstance(record, dict):
        return {ERROR_FIELD: f"a JSONL record must be an object, got {type(record).__name__}", **where}
    return record


def read_jsonl_file(path: str) -> list[dict[str, Any]]:
    """The records of one JSONL file (``.gz`` too); broken lines and a damaged end become error records."""
    out: list[dict[str, Any]] = []
    number = 0
    try:
        with open(path, "rb") as raw:
            stream = gzip.GzipFile(fileobj=raw, mode="rb") if path.endswith(".gz") else raw
            for number, line in enumerate(stream, 1):
                if line.strip():
                    out.append(parse_line(line, path, number))
    except (OSError, EOFError, zlib.error) as exc:
        out.append({ERROR_FIELD: f"cannot read after line {number}: {exc}", "path": path})
    return out


def read_jsonl(paths: str | Sequence[str]) -> Any:
    """A bag of the records of JSONL files (globs and folders welcome), one partition per file, read on the workers."""
    db = require("dask.bag")
    dask = require("dask")
    files = [str(unit.path) for unit, _ in discover([paths] if isinstance(paths, str) else list(paths)) if unit and unit.kind == "jsonl"]
    if not files:
        raise FileNotFoundError(f"no JSONL file in {paths}")
    return db.from_delayed([dask.delayed(read_jsonl_file)(f) for f in files])


def partition_name(index: int) -> str:
    """The output file of partition ``index``."""
    return f"part-{index:05d}.jsonl.gz"


def clean_partition(items: Any, name: str, outdir: str, key: str, options: Options) -> dict[str, Any]:
    """Clean one partition into ``outdir/name`` (runs on a worker); returns its report and logs.

    ``items`` is a bag partition (records or texts), or a :class:`~cleaner.batch.sources.Unit`:
    an input file read here, document by document."""
    report = ReportBuilder(Chain.from_config(json.loads(key)), None)
    logs: dict[str, list[dict[str, Any]]] = {"errors": [], "dropped": []}
    is_file = isinstance(items, Unit)
    out = open_records(Path(outdir) / name, items.path if is_file and items.kind == "parquet" else None)
    where_key = MANY[items.kind] if is_file else "record"
    path = items.source if is_file else name
    try:
        for position, payload, end in _documents(items, options):
            if end is not None:  # the file's own error: fatal, or damage after which the records before are kept
                logs["errors"].append({"path": path, "error": end[0]})
                if not end[1]:
                    out.abort()
                    report.file_failed()
                    return {"report": report, **logs}
                continue
            (outcome,) = run_batch(key, [payload], options)
            where = {"path": path, where_key: position, **({"id": outcome.id} if outcome.id is not None else {})}
            if outcome.error is not None or outcome.result is None:
                report.doc_failed()
                logs["errors"].append({**where, "error": outcome.error})
                continue
            report.add(path, outcome.result)
            if outcome.result.dropped:
                logs["dropped"].append({**where, "reason": outcome.result.drop_reason})
            elif outcome.output is not None:
                out.write(outcome.output)
        out.commit()
    except BaseException:
        out.abort()
        raise
    report.file_done()
    return {"report": report, **logs}


def _documents(items: Any, options: Options) -> Iterator[tuple[int, Payload, tuple[str, bool] | None]]:
    """``(position, payload, None)`` per document; for a file, ``(0, …, (error, damaged))`` when reading it failed."""
    if not isinstance(items, Unit):
        yield from ((position, to_payload(item, options), None) for position, item in enumerate(items, 1))
        return
    for kind, tag, payload in Reader().items([items], options.max_bytes):
        if kind == "doc":
            yield tag[1], payload, None
        elif tag[1] is not None:
            yield 0, Payload(b""), (tag[1], tag[2])


def to_payload(item: Any, options: Options) -> Payload:
    """What a worker cleans for a bag item: a text, a record, or an error record (which fails with its error)."""
    if isinstance(item, (str, bytes, bytearray)):
        item = {options.text_field: item}
    if not isinstance(item, dict):
        return Payload(b"", error=f"a bag item must be a text or a record, got {type(item).__name__}")
    if ERROR_FIELD in item:
        return Payload(b"", error=str(item[ERROR_FIELD]))
    return Payload(item, record=True)


def clean_to_folder(
    data: Any,
    outdir: str | Path,
    config: Any = None,
    *,
    text_field: str = "text",
    html_field: str | None = None,
    url_field: str = "url",
    id_field: str | None = None,
    edits: bool = False,
    force: bool = False,
) -> Summary:
    """Clean ``data`` into ``outdir``; see the module.

    ``data`` is a ``dask.bag`` of records or texts (partition ``i`` becomes
    ``part-<i>.jsonl.gz``), or input files — a path, a glob or a list of them — of
    JSONL, WARC or Parquet, one partition per file, each read on its worker and written
    to the same output name as ``cleaner clean`` would (``crawl.warc.gz`` →
    ``crawl.jsonl.gz``).  Runs on the Dask scheduler in use (a ``distributed.Client``
    when one is open).
    Returns the merged :class:`~cleaner.batch.report.Summary`, also in ``outdir/report.json``.
    """
    from .folder import build_chain

    dask = require("dask")
    chain = build_chain(config)
    key = chain_key(chain)
    folder = Path(outdir)
    folder.mkdir(parents=True, exist_ok=True)
    options = Options(text_field=text_field, html_field=html_field, url_field=url_field, id_field=id_field, edits=edits)
    jobs, refused = _jobs(data, folder)
    todo = [(name, part) for name, part in jobs if force or not (folder / name).exists()]
    tasks = [dask.delayed(clean_partition)(part, name, str(folder.resolve()), key, options) for name, part in todo]
    report = ReportBuilder(chain, folder, scheduler="dask")
    for _ in range(len(jobs) - len(todo)):
        report.file_skipped()
    done: dict[int, dict[str, Any]] = {i: {"report": _failed_file(chain), "errors": [e], "dropped": []} for i, e in enumerate(refused, -len(refused))}
    interrupted = True
    try:
        _compute(dask, list(range(len(todo))), tasks, done)
        interrupted = False
    finally:  # what finished is reported, in partition order, even when the run stops part-way
        errors, dropped = Log(folder / "errors.jsonl"), Log(folder / "dropped.jsonl")
        for index in sorted(done):
            report.merge(done[index]["report"])
            for entry in done[index]["errors"]:
                errors.add(**entry)
            for entry in done[index]["dropped"]:
                dropped.add(**entry)
        errors.close()
        dropped.close()
        summary = report.finish(errors=errors.count, interrupted=interrupted)
    return summary


def _jobs(data: Any, folder: Path) -> tuple[list[tuple[str, Any]], list[dict[str, Any]]]:
    """``(output name, partition or Unit)`` for every partition, and the inputs refused (with why)."""
    if not isinstance(data, (str, Path, list, tuple)):
        return [(partition_name(i), part) for i, part in enumerate(data.to_delayed())], []
    jobs, refused = [], []
    for unit, problem in discover([data] if isinstance(data, (str, Path)) else list(data), folder):
        if unit is None:
            assert problem is not None
            refused.append({"path": problem[0], "error": problem[1]})
        elif not unit.many or unit.out is None:
            refused.append({"path": unit.source, "error": "one document per file: clean text and HTML files with clean_folder(..., scheduler=...)"})
        else:
            jobs.append((str(unit.out.relative_to(folder)), unit))
    return jobs, refused


def _failed_file(chain: Chain) -> ReportBuilder:
    report = ReportBuilder(chain, None)
    report.file_failed()
    return report


def _compute(dask: Any, todo: list[int], tasks: list[Any], done: dict[int, dict[str, Any]]) -> None:
    """Run the partition tasks, keeping each result in ``done`` as it arrives (with a distributed client),
    so that a run stopped part-way still reports the partitions it finished."""
    try:
        from distributed import as_completed, default_client

        client = default_client()
    except (ImportError, ValueError):  # no distributed, or no client: the local scheduler, all at once
        done.update(zip(todo, dask.compute(*tasks)))
        return
    futures = client.compute(tasks)
    index = {future.key: i for future, i in zip(futures, todo)}
    for future in as_completed(futures):
        done[index[future.key]] = future.result()
