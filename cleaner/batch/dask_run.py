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
from typing import Any, Iterable, Sequence

from ..chain import Chain
from .dask_engine import require
from .report import ReportBuilder, Summary
from .sources import discover
from .work import Options, Payload, chain_key, run_batch
from .writers import JsonlOut, Log

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
    return db.from_delayed([dask.delayed(read_jsonl_file)(f, dask_key_name=f"read-jsonl-{i}") for i, f in enumerate(files)])


def partition_name(index: int) -> str:
    """The output file of partition ``index``."""
    return f"part-{index:05d}.jsonl.gz"


def clean_partition(items: Iterable[Any], index: int, outdir: str, key: str, options: Options) -> dict[str, Any]:
    """Clean one partition into ``outdir/part-<index>.jsonl.gz`` (runs on a worker); returns its report and logs."""
    report = ReportBuilder(Chain.from_config(json.loads(key)), None)
    errors: list[dict[str, Any]] = []
    dropped: list[dict[str, Any]] = []
    name = partition_name(index)
    out = JsonlOut(Path(outdir) / name, gz=True)
    try:
        for position, item in enumerate(items, 1):
            (outcome,) = run_batch(key, [to_payload(item, options)], options)
            where = {"path": name, "record": position, **({"id": outcome.id} if outcome.id is not None else {})}
            if outcome.error is not None or outcome.result is None:
                report.doc_failed()
                errors.append({**where, "error": outcome.error})
                continue
            report.add(name, outcome.result)
            if outcome.result.dropped:
                dropped.append({**where, "reason": outcome.result.drop_reason})
            elif outcome.output is not None:
                out.write(outcome.output)
        out.commit()
    except BaseException:
        out.abort()
        raise
    report.file_done()
    return {"report": report, "errors": errors, "dropped": dropped}


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
    bag: Any,
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
    """Clean ``bag`` (records or texts) into ``outdir``, one ``part-<i>.jsonl.gz`` per partition; see the module.

    Runs on the Dask scheduler in use (a ``distributed.Client`` when one is open).
    Returns the merged :class:`~cleaner.batch.report.Summary`, also in ``outdir/report.json``.
    """
    from .folder import build_chain

    dask = require("dask")
    chain = build_chain(config)
    key = chain_key(chain)
    folder = Path(outdir)
    folder.mkdir(parents=True, exist_ok=True)
    options = Options(text_field=text_field, html_field=html_field, url_field=url_field, id_field=id_field, edits=edits)
    parts = bag.to_delayed()
    todo = [i for i in range(len(parts)) if force or not (folder / partition_name(i)).exists()]
    tasks = [dask.delayed(clean_partition)(parts[i], i, str(folder.resolve()), key, options, dask_key_name=f"clean-partition-{i}") for i in todo]
    report = ReportBuilder(chain, folder, scheduler="dask")
    for _ in range(len(parts) - len(todo)):
        report.file_skipped()
    errors, dropped = Log(folder / "errors.jsonl"), Log(folder / "dropped.jsonl")
    try:
        for part in dask.compute(*tasks):
            report.merge(part["report"])
            for entry in part["errors"]:
                errors.add(**entry)
            for entry in part["dropped"]:
                dropped.add(**entry)
    finally:
        errors.close()
        dropped.close()
    return report.finish(errors=errors.count)
