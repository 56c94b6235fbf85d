"""The time budget of one document: a deadline the chain, its steps and its patterns respect.

:meth:`cleaner.Chain.run` cleans each document inside :func:`limit`.  Until the
deadline passes nothing changes; once it has passed:

* in the main thread, a timer signal interrupts the running step wherever it
  is (Python code, ``re`` and ``regex`` matching both yield to signals) by
  raising :class:`OutOfTime` — but only while a step runs (:func:`interruptible`),
  never in the chain's own bookkeeping;
* in other threads, a watchdog thread raises :class:`OutOfTime` in the running
  step asynchronously (it takes effect at the next Python instruction, so a long
  call into C finishes first);
* both raise again every :data:`_RECHECK` seconds while the step still runs: an
  asynchronous exception that lands where Python swallows it (a garbage-collector
  callback, a ``__del__``, a plugin's bare ``except``) does not let the step run on;
* everywhere, :func:`check` raises :class:`OutOfTime` at the next cooperative
  point: before each step and before each paragraph;
* patterns compiled with :func:`cleaner.patterns.compile` get at most the time
  left as their timeout.

The chain catches :class:`OutOfTime`, undoes the step that was interrupted, skips
the steps after it, and flags the document ``time-budget``.  A step stuck in C
code that never returns to Python can only be stopped from outside: the batch
engine's workers are watched by their parent and replaced when they overrun.
"""

from __future__ import annotations

import ctypes
import heapq
import signal
import threading
import time
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, Iterator

_DEADLINE: ContextVar[float | None] = ContextVar("cleaner_deadline", default=None)
_SECONDS: ContextVar[float] = ContextVar("cleaner_budget", default=0.0)
_ARMED: ContextVar[bool] = ContextVar("cleaner_deadline_armed", default=False)


class OutOfTime(BaseException):
    """The document's time budget is spent.

    A ``BaseException``, like ``KeyboardInterrupt``: a filter's ``except Exception``
    cannot swallow it, and only the chain catches it.
    """


def remaining() -> float | None:
    """Seconds left before the current document's deadline (``None`` outside a budget)."""
    deadline = _DEADLINE.get()
    return None if deadline is None else deadline - time.monotonic()


def budget() -> float:
    """Seconds the current document was given (0 outside a budget)."""
    return _SECONDS.get()


def expired() -> bool:
    """True when the current document's deadline has passed."""
    deadline = _DEADLINE.get()
    return deadline is not None and time.monotonic() > deadline


def check() -> None:
    """Raise :class:`OutOfTime` when the current document's deadline has passed."""
    if expired():
        raise OutOfTime("the document's time budget is spent")


@contextmanager
def limit(seconds: float | None) -> Iterator[None]:
    """Run the block under a deadline ``seconds`` from now (no limit when ``None`` or 0).

    A nested call keeps the outer deadline.
    """
    if not seconds or seconds <= 0 or _DEADLINE.get() is not None:
        yield
        return
    end = time.monotonic() + seconds
    token, given = _DEADLINE.set(end), _SECONDS.set(seconds)
    previous = _start_timer(seconds)
    if previous is _NO_TIMER:
        _WATCHDOG.watch(threading.get_ident(), end)
    try:
        yield
    finally:
        if previous is _NO_TIMER:
            _WATCHDOG.forget(threading.get_ident())
        _stop_timer(previous)
        _DEADLINE.reset(token)
        _SECONDS.reset(given)


@contextmanager
def interruptible() -> Iterator[None]:
    """Let the timer interrupt the block (a step) with :class:`OutOfTime` when the deadline passes."""
    check()
    token = _ARMED.set(True)
    _WATCHDOG.arm(threading.get_ident(), True)
    try:
        yield
    finally:
        _WATCHDOG.arm(threading.get_ident(), False)
        _ARMED.reset(token)


def _on_timer(signum: int, frame: Any) -> None:
    if _ARMED.get() and expired():
        raise OutOfTime("the document's time budget is spent")


_NO_TIMER = object()


def _start_timer(seconds: float) -> Any:
    """Arm a one-shot SIGALRM timer when this thread may (main thread, no one else's handler or timer)."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        return _NO_TIMER
    try:
        previous = signal.getsignal(signal.SIGALRM)
        if previous not in (signal.SIG_DFL, signal.SIG_IGN, None) or signal.getitimer(signal.ITIMER_REAL)[0] > 0:
            return _NO_TIMER
        signal.signal(signal.SIGALRM, _on_timer)
        # Then every _RECHECK seconds: the handler raises only inside a step, so a deadline
        # passing between steps is caught by the check before the next one, and an
        # OutOfTime swallowed where Python ignores exceptions is raised again.
        signal.setitimer(signal.ITIMER_REAL, seconds, _RECHECK)
    except (ValueError, OSError):  # not the main interpreter, or no timers on this platform
        return _NO_TIMER
    return previous


def _stop_timer(previous: Any) -> None:
    if previous is _NO_TIMER:
        return
    signal.setitimer(signal.ITIMER_REAL, 0)
    signal.signal(signal.SIGALRM, previous)


class _Watchdog:
    """One daemon thread raising :class:`OutOfTime` in threads whose step runs past their deadline."""

    def __init__(self) -> None:
        self._lock = threading.Condition()
        self._deadlines: dict[int, float] = {}
        self._armed: set[int] = set()
        self._heap: list[tuple[float, int]] = []
        self._thread: threading.Thread | None = None

    def watch(self, ident: int, end: float) -> None:
        with self._lock:
            self._deadlines[ident] = end
            heapq.heappush(self._heap, (end, ident))
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, daemon=True, name="cleaner-deadline")
                self._thread.start()
            self._lock.notify()

    def forget(self, ident: int) -> None:
        with self._lock:
            self._deadlines.pop(ident, None)
            self._armed.discard(ident)

    def arm(self, ident: int, armed: bool) -> None:
        if ident not in self._deadlines:
            return
        with self._lock:
            (self._armed.add if armed else self._armed.discard)(ident)
            if not armed:
                return
            end = self._deadlines.get(ident)
            if end is not None and end <= time.monotonic():
                self._lock.notify()

    def _run(self) -> None:
        with self._lock:
            while True:
                now = time.monotonic()
                while self._heap and (self._heap[0][0] <= now or self._deadlines.get(self._heap[0][1]) != self._heap[0][0]):
                    end, ident = heapq.heappop(self._heap)
                    if self._deadlines.get(ident) == end:
                        if ident in self._armed:
                            _raise_in(ident)
                        # Look again shortly: raise again if the step swallowed it and runs on;
                        # between steps the next check() raises anyway.
                        heapq.heappush(self._heap, (now + _RECHECK, ident))
                        self._deadlines[ident] = now + _RECHECK
                        break
                self._lock.wait(None if not self._heap else max(0.0, self._heap[0][0] - now))


#: Seconds between raises once the deadline has passed and a step still runs.
_RECHECK = 0.05


def _raise_in(ident: int) -> None:
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(ident), ctypes.py_object(OutOfTime))


_WATCHDOG = _Watchdog()
