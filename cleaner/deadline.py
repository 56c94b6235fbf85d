"""The time budget of one document: a deadline the chain, its steps and its patterns respect.

:meth:`cleaner.Chain.run` cleans each document inside :func:`limit`.  Until the
deadline passes nothing changes; once it has passed:

* in the main thread, an interval timer interrupts the running step wherever it
  is (Python code, ``re`` and ``regex`` matching both yield to signals) by
  raising :class:`OutOfTime` — but only while a step runs (:func:`interruptible`),
  never in the chain's own bookkeeping;
* everywhere (other threads too), :func:`check` raises :class:`OutOfTime` at the
  next cooperative point: before each step and before each paragraph;
* patterns compiled with :func:`cleaner.patterns.compile` get at most the time
  left as their timeout.

The chain catches :class:`OutOfTime`, undoes the step that was interrupted, skips
the steps after it, and flags the document ``time-budget``.  A step stuck in C
code that never returns to Python can only be stopped from outside: the batch
engine's workers are watched by their parent and replaced when they overrun.
"""

from __future__ import annotations

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
    token, given = _DEADLINE.set(time.monotonic() + seconds), _SECONDS.set(seconds)
    previous = _start_timer(seconds)
    try:
        yield
    finally:
        _stop_timer(previous)
        _DEADLINE.reset(token)
        _SECONDS.reset(given)


@contextmanager
def interruptible() -> Iterator[None]:
    """Let the timer interrupt the block (a step) with :class:`OutOfTime` when the deadline passes."""
    check()
    token = _ARMED.set(True)
    try:
        yield
    finally:
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
        # One shot: a deadline passing between steps is caught by the check before the next step.
        signal.setitimer(signal.ITIMER_REAL, seconds)
    except (ValueError, OSError):  # not the main interpreter, or no timers on this platform
        return _NO_TIMER
    return previous


def _stop_timer(previous: Any) -> None:
    if previous is _NO_TIMER:
        return
    signal.setitimer(signal.ITIMER_REAL, 0)
    signal.signal(signal.SIGALRM, previous)
