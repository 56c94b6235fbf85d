"""Cleaning on a Dask cluster (the ``cleaner[dask]`` extra: ``pip install 'cleaner[dask]'``).

* :func:`clean_bag` cleans a ``dask.bag`` of texts or records partition by partition;
* :func:`clean_dataframe` cleans the text column of a ``dask.dataframe``;
* :func:`clean_to_folder` cleans a bag into a folder, one output per partition, resumable,
  with one merged ``report.json`` (see :mod:`cleaner.batch.dask_run`);
* :func:`read_jsonl` reads JSONL files into a bag, a broken line becoming an error record
  instead of failing the graph (:func:`parse_line` does it for ``db.read_text`` lines);
* :class:`~cleaner.batch.dask_engine.DaskExecutor` runs the batch engine of :mod:`cleaner.batch` on a cluster:
  it is what ``cleaner clean --scheduler ADDRESS`` and ``clean_folder(..., scheduler=...)`` use.

The chain travels to the workers by configuration (it pickles as its config), and
each worker builds it once.  Workers need cleaner installed, at the same version.

>>> import dask.bag as db                                       # doctest: +SKIP
>>> from cleaner.dask import clean_bag                          # doctest: +SKIP
>>> clean_bag(db.from_sequence(["Hello\\u00a0world."])).pluck("text").compute()  # doctest: +SKIP
['Hello world.']
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping

from .api import resolve_chain
from .batch.dask_engine import EXTRA_HINT, DaskExecutor
from .batch.dask_engine import require as _require
from .batch.dask_run import ERROR_FIELD, clean_to_folder, parse_line, read_jsonl, to_payload
from .batch.work import ConfigLike, Options, chain_key, run_batch

#: Columns clean_dataframe adds (next to the cleaned text column).
RESULT_COLUMNS = ("title", "language", "url", "dropped", "drop_reason")


def clean_records(
    items: Iterable[str | bytes | Mapping[str, Any]], key: str, text_field: str = "text", edits: bool = False
) -> list[dict[str, Any]]:
    """Clean one partition: texts or records in, records out (in the same order).

    Each output record is the input record (``{text_field: text}`` for a bare text) with
    its text cleaned and ``title``, ``language``, ``url``, ``dropped``, ``drop_reason``
    (and ``edits`` when asked) set.  A dropped document keeps its place with ``text`` "";
    so does an error record of :func:`read_jsonl` (``drop_reason`` says why).
    """
    out = []
    options = Options(text_field=text_field, keep_edits=edits, raw_results=True)
    for item in items:
        record = {text_field: item} if isinstance(item, (str, bytes, bytearray)) else dict(item)
        (outcome,) = run_batch(key, [to_payload(record, options)], options)
        if outcome.error is not None:
            record.update({text_field: "", "dropped": True, "drop_reason": f"could not be cleaned: {outcome.error}"})
            record.update({k: record.get(k) for k in ("title", "language", "url")})
        else:
            r = outcome.result
            assert r is not None
            record.update({text_field: r.text, "title": r.title, "language": r.language, "url": r.url,
                           "dropped": r.dropped, "drop_reason": r.drop_reason})
            if edits:
                record["edits"] = [e.to_dict() for e in r.edits]
        out.append(record)
    return out


def clean_bag(bag: Any, config: ConfigLike = None, *, text_field: str = "text", edits: bool = False) -> Any:
    """A bag of cleaned records from a bag of texts or records (see :func:`clean_records`), partition by partition.

    >>> cleaned = clean_bag(db.read_text("crawl/*.jsonl.gz").map(json.loads))   # doctest: +SKIP
    >>> cleaned.filter(lambda r: not r["dropped"]).map(json.dumps).to_textfiles("clean/*.jsonl.gz")  # doctest: +SKIP
    """
    _require("dask.bag")
    key = chain_key(resolve_chain(config))
    return bag.map_partitions(clean_records, key, text_field, edits)


def _clean_frame(frame: Any, key: str, text_field: str) -> Any:
    pd = _require("pandas")
    records = clean_records(frame.to_dict("records"), key, text_field)
    out = frame.copy()
    columns = (text_field, *RESULT_COLUMNS)
    values = {c: [r.get(c) for r in records] for c in columns}
    for c in columns:
        dtype = bool if c == "dropped" else object
        out[c] = pd.Series(values[c], index=frame.index, dtype=dtype)
    return out


def clean_dataframe(df: Any, config: ConfigLike = None, *, text_field: str = "text") -> Any:
    """A dataframe whose ``text_field`` column is cleaned, with ``title``, ``language``, ``url``,
    ``dropped`` and ``drop_reason`` columns added; other columns are passed to the chain as metadata.

    >>> clean_dataframe(dd.read_parquet("crawl/")).to_parquet("clean/")   # doctest: +SKIP
    """
    _require("dask.dataframe")
    key = chain_key(resolve_chain(config))
    meta = _clean_frame(df._meta.copy(), key, text_field)
    return df.map_partitions(_clean_frame, key, text_field, meta=meta)


__all__ = [
    "ERROR_FIELD",
    "EXTRA_HINT",
    "RESULT_COLUMNS",
    "DaskExecutor",
    "clean_bag",
    "clean_dataframe",
    "clean_records",
    "clean_to_folder",
    "parse_line",
    "read_jsonl",
]
