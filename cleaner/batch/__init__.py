"""Batch cleaning: folders, JSONL dumps and whole crawls, on every core or on a Dask cluster.

Two public calls share one engine (the command line ``cleaner clean INPUT... -o OUTDIR``
is a thin layer over :func:`clean_folder`):

* :func:`clean_folder` cleans files and folders into an output folder that mirrors the
  input tree and returns the run's :class:`~cleaner.batch.report.Summary`;
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

The package's modules, one seam each:

* :mod:`~cleaner.batch.sources` discovers the inputs (one :class:`Unit` per file);
* :mod:`~cleaner.batch.readers` reads them, one module per format behind one interface;
* :mod:`~cleaner.batch.work` is what runs in a worker (clean one batch of documents);
* :mod:`~cleaner.batch.local` is the local process engine (executors, batching, input order);
  :mod:`~cleaner.batch.dask_engine` is its Dask counterpart;
* :mod:`~cleaner.batch.writers` writes outputs atomically;
* :mod:`~cleaner.batch.report` (and :mod:`~cleaner.batch.report_html`) adds up the run;
* :mod:`~cleaner.batch.folder` and :mod:`~cleaner.batch.many` are the two public calls.
"""

from __future__ import annotations

from .folder import REPORT_FILES, build_chain, clean_folder
from .local import BATCH_BYTES, BATCH_DOCS, Executor, InlineExecutor, ProcessExecutor, make_executor
from .many import clean_many, stdout_records
from .readers import KINDS
from .report import Summary
from .sources import Format, Unit, discover, input_kind, output_name
from .work import ConfigLike, Options, Outcome, Payload, chain_key, run_batch
from .writers import write_atomic

__all__ = [
    "BATCH_BYTES",
    "BATCH_DOCS",
    "KINDS",
    "REPORT_FILES",
    "ConfigLike",
    "Executor",
    "Format",
    "InlineExecutor",
    "Options",
    "Outcome",
    "Payload",
    "ProcessExecutor",
    "Summary",
    "Unit",
    "build_chain",
    "chain_key",
    "clean_folder",
    "clean_many",
    "discover",
    "input_kind",
    "make_executor",
    "output_name",
    "run_batch",
    "stdout_records",
    "write_atomic",
]
