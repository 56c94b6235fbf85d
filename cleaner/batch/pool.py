"""Worker processes watched by their parent: a document that hangs or kills its worker fails alone.

:class:`SupervisedExecutor` is the local engine's executor (``jobs=1`` included).  Each
worker is a spawned process cleaning one batch of documents at a time and telling the
parent when it starts and finishes each document, so the parent knows which document
is running and since when:

* a document running longer than its hard limit (:func:`hard_limit`: the wall-clock
  backstop of the chain's time budget for it, plus :data:`HARD_GRACE`) gets its worker
  killed: the chain's own timer stops a slow step before that (at its CPU budget, or at
  the backstop when it sleeps or blocks), so only a step stuck where no timer reaches
  (a C extension, a plugin ignoring ``SIGALRM``) comes to this;
* a worker that dies (a crash in a C extension, ``os._exit``, the out-of-memory
  killer) fails only the document it was cleaning;
* either way the document is reported as failed with the reason, a fresh worker is
  started and the rest of the batch goes on;
* workers die with their parent, however it ends (``PR_SET_PDEATHSIG`` on Linux, a
  watchdog thread elsewhere), and Ctrl-C or an error in the parent kills them at once.

Workers are plain ``python -c`` subprocesses talking over a socket pair (no
``multiprocessing`` machinery, so no resource tracker to outlive a killed run, and the
caller's script is never re-imported: no ``if __name__ == "__main__"`` needed).  They
get the parent's ``sys.path`` and import the modules that define the chain's filters.
"""

from __future__ import annotations

import ctypes
import importlib
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from functools import lru_cache
from multiprocessing.connection import Connection, wait
from typing import Any, Callable, Iterable

from .. import deadline
from ..chain import Budget, Chain
from .work import Options, Outcome, Payload, run_batch

#: Wall-clock seconds a document may run beyond its budget's backstop (:func:`cleaner.deadline.backstop`) before its worker is killed.
HARD_GRACE = 30.0
#: Seconds a new worker may take to start and build the chain before it counts as hung.
STARTUP_SECONDS = 120.0
#: Seconds between checks that a worker is still alive, and that a worker's parent is.
POLL_SECONDS = 1.0
#: Seconds a worker gets to finish after being asked to stop, before it is killed.
STOP_SECONDS = 5.0
#: What a new worker cleans first, outside any budget, to load the chain's models.
WARM_UP_TEXT = "The council met on Tuesday.\nIt approved the budget after a long debate about the schools."


@lru_cache(maxsize=8)
def _budget(key: str) -> Budget:
    return Budget(**json.loads(key).get("budget", {}))


def hard_limit(key: str, payload: Payload) -> float | None:
    """Seconds a document may run in a worker before the worker is killed (``None``: no limit)."""
    seconds = _budget(key).seconds_for(len(payload[0]))
    return deadline.backstop(seconds) + HARD_GRACE if seconds else None


def filter_modules(steps: Iterable[Any]) -> list[str]:
    """The modules defining the functions of ``steps``: a worker imports them to register those filters."""
    return sorted({step.spec.func.__module__ for step in steps})


@dataclass
class _Job:
    """One batch of documents; a future whose :meth:`result` runs the pool until the batch is done."""

    pool: "SupervisedExecutor"
    fn: Callable[..., list[Outcome]]  # run_batch, or a stand-in a worker can import
    key: str
    payloads: list[Payload]
    options: Options
    outcomes: dict[int, Outcome] = field(default_factory=dict)

    @property
    def done(self) -> bool:
        return len(self.outcomes) == len(self.payloads)

    def next_index(self) -> int:
        return len(self.outcomes)

    def result(self) -> list[Outcome]:
        while not self.done:
            self.pool.pump()
        return [self.outcomes[i] for i in range(len(self.payloads))]

    def message(self) -> tuple[Any, ...]:
        return ("docs", self.fn, self.key, self.payloads[self.next_index() :], self.options, self.next_index())


class WorkerLost(RuntimeError):
    """The worker running a call (not a batch of documents) died."""


@dataclass
class _Call:
    """Any other call, run whole in a worker: a future whose :meth:`result` is ``fn(*args)``."""

    pool: "SupervisedExecutor"
    fn: Callable[..., Any]
    args: tuple[Any, ...]
    done: bool = False
    value: Any = None
    error: str | None = None

    def result(self) -> Any:
        while not self.done:
            self.pool.pump()
        if self.error is not None:
            raise WorkerLost(self.error)
        return self.value

    def message(self) -> tuple[Any, ...]:
        return ("call", self.fn, self.args)


class _Worker:
    """One worker process, the job it runs, and until when what it is doing may run."""

    def __init__(self, modules: tuple[str, ...]) -> None:
        ours, theirs = socket.socketpair()
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
        code = "import sys; from cleaner.batch.pool import serve; serve(int(sys.argv[1]), int(sys.argv[2]), sys.argv[3:])"
        self.process = subprocess.Popen(
            [sys.executable, "-c", code, str(theirs.fileno()), str(os.getpid()), *modules],
            pass_fds=[theirs.fileno()], stdin=subprocess.DEVNULL, env=env,
        )
        theirs.close()
        self.conn = Connection(ours.detach())
        self.job: _Job | _Call | None = None
        self.limit: float | None = None
        self.deadline: float | None = None

    def start(self, job: _Job | _Call) -> None:
        self.job = job
        self.watch(STARTUP_SECONDS if isinstance(job, _Job) else None)
        self.conn.send(job.message())

    def watch(self, limit: float | None) -> None:
        """Give what the worker starts now ``limit`` seconds (``None``: no limit)."""
        self.limit = limit
        self.deadline = None if limit is None else time.monotonic() + limit

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        self.conn.close()

    def died(self) -> str:
        """Why the worker's connection closed: its exit status."""
        try:
            code = self.process.wait(STOP_SECONDS)
        except subprocess.TimeoutExpired:
            return "its worker process stopped answering"
        return f"its worker process died ({_exit_status(code)})"


class SupervisedExecutor:
    """``jobs`` spawned worker processes watched by the parent (see the module's docs)."""

    def __init__(self, jobs: int, modules: Iterable[str] = ()):
        self.jobs = jobs
        self.window = jobs * 3
        #: Modules a worker imports first: those registering the chain's filters that no entry point names.
        self.modules = tuple(sorted(set(modules)))
        self._workers: list[_Worker] = []
        self._queue: deque[_Job | _Call] = deque()

    def submit(self, fn: Callable[..., Any], *args: Any) -> _Job | _Call:
        """Run ``fn(*args)`` in a worker.  A batch of documents, ``fn(key, payloads, options)``
        (:func:`~cleaner.batch.work.run_batch`), runs one document at a time, each watched."""
        if len(args) == 3 and isinstance(args[0], str) and isinstance(args[1], list) and isinstance(args[2], Options):
            job: _Job | _Call = _Job(self, fn, *args)
        else:
            job = _Call(self, fn, args)
        self._queue.append(job)
        self._dispatch()
        return job

    def _dispatch(self) -> None:
        while self._queue:
            idle = next((w for w in self._workers if w.job is None), None)
            if idle is None and len(self._workers) < self.jobs:
                idle = _Worker(self.modules)
                self._workers.append(idle)
            if idle is None:
                return
            idle.start(self._queue.popleft())

    def pump(self) -> None:
        """Wait for the next message, death or overrun among the busy workers, and handle it."""
        self._dispatch()
        busy = [w for w in self._workers if w.job is not None]
        if not busy:
            return
        now = time.monotonic()
        timeout = min([POLL_SECONDS] + [max(0.0, w.deadline - now) for w in busy if w.deadline is not None])
        ready = wait([w.conn for w in busy], timeout)
        for worker in busy:
            if worker.conn in ready:
                self._receive(worker)
            elif worker.deadline is not None and time.monotonic() > worker.deadline:
                self._lost(worker, f"it ran over its hard time limit of {worker.limit:.0f} s; its worker was killed and replaced")

    def _receive(self, worker: _Worker) -> None:
        job = worker.job
        assert job is not None
        try:
            message = worker.conn.recv()
        except (EOFError, OSError):
            self._lost(worker, worker.died())
            return
        if isinstance(job, _Call):
            _, ok, value = message
            job.done = True
            job.value, job.error = (value, None) if ok else (None, value)
            worker.job = None
            self._dispatch()
            return
        kind, index = message[0], message[1]
        if kind == "start":
            worker.watch(hard_limit(job.key, job.payloads[index]))
        else:
            job.outcomes[index] = message[2]
            if job.done:
                worker.job = None
                worker.watch(None)
                self._dispatch()

    def _lost(self, worker: _Worker, why: str) -> None:
        """The worker died or hung: its document fails, a fresh worker takes the rest of its batch."""
        job = worker.job
        assert job is not None
        worker.kill()
        self._workers.remove(worker)
        if isinstance(job, _Call):
            job.done, job.error = True, why
        else:
            job.outcomes[job.next_index()] = Outcome(error=f"this document could not be cleaned: {why}")
            if not job.done:
                self._queue.appendleft(job)
        self._dispatch()

    def close(self, cancel: bool = False) -> None:
        """Stop the workers: at once when ``cancel`` (Ctrl-C, an error), else once they are idle."""
        for worker in self._workers:
            if not cancel and worker.job is None:
                try:
                    worker.conn.send(None)
                    worker.process.wait(STOP_SECONDS)
                except (OSError, subprocess.TimeoutExpired):
                    pass
            worker.kill()
        self._workers.clear()
        self._queue.clear()


def _exit_status(code: int | None) -> str:
    if code is None:
        return "no exit status"
    if code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exit code {code}"


# ---------------------------------------------------------------------------
# The worker side
# ---------------------------------------------------------------------------
def serve(fd: int, parent: int, modules: list[str]) -> None:
    """A worker's life: clean the batches the parent sends on socket ``fd``, one document at a time."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _die_with_parent(parent)
    conn = Connection(fd)
    for module in modules:
        try:
            importlib.import_module(module)
        except Exception:  # noqa: BLE001 - the chain then names the step it cannot find
            pass
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        if message[0] == "call":
            conn.send(_call(message[1], message[2]))
            continue
        _, fn, key, payloads, options, first = message
        try:
            _warm_up(key)
        except Exception as exc:  # noqa: BLE001 - a step this process cannot find: every document says so
            for offset in range(len(payloads)):
                conn.send(("done", first + offset, Outcome(error=f"the chain cannot be built in a worker: {exc}")))
            continue
        for offset, payload in enumerate(payloads):
            conn.send(("start", first + offset))
            conn.send(("done", first + offset, fn(key, [payload], options)[0]))


def _call(fn: Callable[..., Any], args: tuple[Any, ...]) -> tuple[str, bool, Any]:
    """``("result", True, fn(*args))``, or ``("result", False, the error)``."""
    try:
        return "result", True, fn(*args)
    except Exception as exc:  # noqa: BLE001 - raised again in the parent, as WorkerLost
        return "result", False, f"{type(exc).__name__}: {exc}"


@lru_cache(maxsize=8)
def _warm_up(key: str) -> None:
    """Build the chain ``key`` names and run it once with no time budget, so that the language
    models and other caches a first document would load do not count against its budget."""
    run_batch(key, [], Options())
    Chain.from_config(json.loads(key)).with_budget(max_seconds=0).run_text(WARM_UP_TEXT)


def _die_with_parent(parent: int) -> None:
    """Make sure this process ends when ``parent`` does, however it ends."""
    if sys.platform.startswith("linux") and threading.current_thread() is threading.main_thread():
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG: the kernel kills us when the parent dies
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True, name="cleaner-parent-watch").start()


def _watch_parent(parent: int) -> None:
    while True:
        time.sleep(POLL_SECONDS)
        if os.getppid() != parent:
            os._exit(1)
