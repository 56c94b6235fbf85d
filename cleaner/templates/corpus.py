"""Learning from the inputs ``cleaner clean`` reads: ``cleaner learn`` and ``cleaner clean --learn-templates``.

Inputs are discovered and read by the batch package (:mod:`cleaner.batch.sources`,
:mod:`cleaner.batch.readers`), so every input format it reads can be learned from.  Documents
travel to the workers in small batches (``jobs`` local processes, or a Dask cluster at
``scheduler``); each worker returns the :class:`~cleaner.templates.count.Counts` of its batch
(the map) and the calling process adds them up (the reduce) in a
:class:`~cleaner.templates.count.SpillingCounts`.  At most a few batches are in flight, so
memory stays bounded; sums do not depend on which worker counted what, so ``jobs=1`` and
``jobs=2`` write the same file.
"""

from __future__ import annotations

from collections import deque
from dataclasses import replace
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

from ..batch.local import BATCH_BYTES, BATCH_DOCS, make_executor
from ..batch.readers import Reader
from ..batch.sources import Unit, discover
from ..batch.work import Options, Payload, chain_key, run_batch
from ..chain import Chain
from .count import Counts, SpillingCounts
from .fingerprints import site_of
from .learn import Thresholds, templates_from_counts
from .store import Templates

STEP = "site_templates"
#: ``site_templates`` goes before this step when ``--learn-templates`` adds it to a chain.
BEFORE = "remove_boilerplate"


#: The chain learning runs a document through: none, so the lines counted are the document's as
#: loaded (HTML extracted), which is what the chain's first step sees.
_LOAD_ONLY = chain_key(Chain([]))


def count_batch(payloads: Sequence[Payload], options: Options) -> Counts:
    """The map step on one batch (runs in a worker).

    Documents are loaded by the batch engine's worker code (:func:`cleaner.batch.work.run_batch`
    with no step), so records, HTML and every reader's metadata are read as ``cleaner clean``
    reads them; a document's site comes from its metadata (:func:`~cleaner.templates.site_of`),
    where the reader put the folder of its file.  A document that cannot be read or is dropped
    while loading (binary, no main text) is counted as skipped.
    """
    counts = Counts()
    for outcome in run_batch(_LOAD_ONLY, payloads, options):
        result = outcome.result
        if outcome.error is not None or result is None or result.dropped:
            counts.skipped += 1
        else:
            counts.add(site_of(result.meta), result.text.splitlines())
    return counts


def _payloads(units: Iterable[Unit], max_bytes: int, problems: list[tuple[str, str]]) -> Iterator[Payload]:
    for kind, tag, payload in Reader().items(units, max_bytes):
        if kind == "doc":
            yield payload
        elif tag[1] is not None:  # ("end", (unit, error)): the file could not be read
            problems.append((tag[0].source, tag[1]))


def _batches(payloads: Iterable[Payload]) -> Iterator[list[Payload]]:
    batch: list[Payload] = []
    size = 0
    for payload in payloads:
        batch.append(payload)
        size += len(payload[0])
        if len(batch) >= BATCH_DOCS or size >= BATCH_BYTES:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def learn_inputs(
    inputs: Sequence[str | Path],
    *,
    jobs: int | None = None,
    scheduler: str | None = None,
    options: Options | None = None,
    thresholds: Thresholds | None = None,
    skip: Path | None = None,
) -> tuple[Templates, dict[str, Any]]:
    """Learn the site templates of the files, folders and globs ``inputs`` (``skip``: a folder never read).

    ``options`` name the record fields and the size limit as for cleaning (:class:`cleaner.batch.work.Options`).

    Returns the templates and what was read: ``{"documents", "skipped", "problems"}``
    (``problems``: inputs that could not be used, as ``(path, reason)``).
    """
    problems: list[tuple[str, str]] = []

    def units() -> Iterator[Unit]:
        for unit, problem in discover(list(inputs), skip):
            if unit is None:
                assert problem is not None
                problems.append(problem)
            else:
                yield unit

    options = replace(options or Options(), raw_results=True, keep_edits=False, keep_original=False)
    executor = make_executor(jobs, scheduler)
    counts = SpillingCounts()
    pending: deque[Any] = deque()
    interrupted = True
    try:
        for batch in _batches(_payloads(units(), options.max_bytes, problems)):
            pending.append(executor.submit(count_batch, batch, options))
            while len(pending) > executor.window:
                counts.update(pending.popleft().result())
        while pending:
            counts.update(pending.popleft().result())
        interrupted = False
        templates = templates_from_counts(counts, thresholds)
        return templates, {"documents": templates.documents, "skipped": counts.skipped, "problems": problems}
    finally:
        executor.close(cancel=interrupted)
        counts.close()


def with_templates(chain: Chain, path: str | Path) -> Chain:
    """``chain`` running ``site_templates`` with the file at ``path`` (before ``remove_boilerplate``, else first)."""
    if STEP in chain.names:
        return chain.with_params(STEP, path=str(path))
    anchor = BEFORE if BEFORE in chain.names else (chain.names[0] if chain.names else None)
    if anchor is None:
        return Chain([(STEP, {"path": str(path)})], chain.budget)
    return chain.insert_before(anchor, STEP, path=str(path))
