"""The local process engine: where batches run (the calling process or spawned workers) and in what order.

* :class:`InlineExecutor` runs batches in the calling process (``jobs=1``);
  :class:`ProcessExecutor` in spawned worker processes; :func:`make_executor` picks one
  (or the Dask executor of :mod:`cleaner.batch.dask_engine` for a scheduler address).
* :func:`ordered` sends documents in small batches, at most ``executor.window`` batches in
  flight (memory stays bounded), and yields the outcomes in input order whatever the
  number of workers; a batch whose worker died is retried one document at a time.
"""

from __future__ import annotations

import os
import signal
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from multiprocessing import get_context
from typing import Any, Callable, Iterable, Iterator, Protocol

from ..registry import ConfigError
from .work import Options, Outcome, Payload, run_batch

#: Documents per batch sent to a worker, and the most raw bytes one batch may hold.
BATCH_DOCS = 16
BATCH_BYTES = 4 * 1024 * 1024


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
        from .dask_engine import DaskExecutor

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


def ordered(
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

