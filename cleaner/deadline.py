"""The time budget of one document: a deadline the chain, its steps and its patterns respect.

The budget is **CPU time** of the thread that cleans the document, with a **wall-clock
backstop** of :data:`WALL_FACTOR` times the budget:

* a step that computes is stopped once the cleaning thread has spent the budget in
  CPU time, however loaded the machine (a document that needs 3 CPU seconds passes
  whether it takes 3 s or 15 s of wall time);
* a step that sleeps, waits on a lock or blocks on I/O spends no CPU time: it is
  stopped when the wall clock reaches the backstop.

:meth:`cleaner.Chain.run` cleans each document inside :func:`limit`.  Until the
budget is spent nothing changes; once it is:

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

A thread's CPU time never runs ahead of the wall clock, so until ``budget`` seconds
of wall time have passed the CPU budget cannot be spent: the timer and the watchdog
first look at the CPU clock then, and :func:`check` reads only the (cheap) wall
clock before it; after that, each reading of the CPU clock says how much wall time
must pass before it is worth reading again.  Where a thread's CPU clock cannot be read (no
``time.pthread_getcpuclockid``), the budget is wall time, as the backstop.

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
from functools import partial
from typing import Any, Callable, Iterator

#: The wall-clock backstop, as a multiple of the CPU budget: a document given 10 CPU seconds is
#: stopped after 30 s of wall time whatever it spent (a step asleep or blocked on I/O).  A
#: 2-core machine at load 6 gives a busy process a third of a core and still passes it.
WALL_FACTOR = 3.0
#: Seconds a step runs on after the budget is spent before it is interrupted again (the step
#: swallowed the interruption); also how often the CPU clock is read once it could be spent.
_RECHECK = 0.05
#: Within this many seconds of the earliest moment the CPU budget could be spent,
#: :func:`remaining` reads the CPU clock instead of bounding it by the wall clock.
_EXACT = 1.0
#: Seconds of CPU time a step may run past its budget before the clock is read again (the
#: clock costs a system call, about 1 µs; the budget is checked before every paragraph).
_GRAIN = 0.005


class _Budget:
    """One document's budget: ``seconds`` of CPU time on ``cpu`` (a clock), and the wall backstop.

    ``look`` is the monotonic time before which the CPU budget cannot be spent: at first the
    start plus the budget, then, each time the CPU clock is read, now plus the CPU time left
    (at least :data:`_GRAIN`).  So the CPU clock is read a few times a second at most, however
    often the budget is checked.  The cleaning thread and the watchdog may both move it; each
    value either writes is a true bound.
    """

    __slots__ = ("seconds", "cpu", "cpu_end", "look", "wall_end")

    def __init__(self, seconds: float, cpu: Callable[[], float], now: float) -> None:
        self.seconds, self.cpu = seconds, cpu
        self.cpu_end = cpu() + seconds
        self.wall_end = now + backstop(seconds)
        self.look = now + seconds

    def spent(self, now: float) -> str | None:
        """Which budget is spent at monotonic time ``now``: ``"cpu"``, ``"wall"``, or ``None``."""
        if now < self.look:
            return None
        if now > self.wall_end:
            return "wall"
        left = self.cpu_end - self.cpu()
        if left <= 0:
            return "cpu"
        self.look = min(now + max(left, _GRAIN), self.wall_end)
        return None

    def left(self, now: float) -> float:
        """Seconds until a budget is spent, at the least (exact near the end)."""
        if now < self.look - _EXACT:
            return self.look - now
        return min(self.wall_end - now, self.cpu_end - self.cpu())


_DEADLINE: ContextVar[_Budget | None] = ContextVar("cleaner_deadline", default=None)
_ARMED: ContextVar[bool] = ContextVar("cleaner_deadline_armed", default=False)


class OutOfTime(BaseException):
    """The document's time budget is spent.

    A ``BaseException``, like ``KeyboardInterrupt``: a filter's ``except Exception``
    cannot swallow it, and only the chain catches it.
    """


def remaining() -> float | None:
    """Seconds left before the current document's budget is spent, at the least (``None`` outside a budget)."""
    given = _DEADLINE.get()
    return None if given is None else given.left(time.monotonic())


def expired() -> bool:
    """True when the current document's CPU budget or its wall-clock backstop is spent."""
    given = _DEADLINE.get()
    return given is not None and given.spent(time.monotonic()) is not None


def describe() -> str:
    """The current document's budget in words, naming which part is spent.

    >>> with limit(2):
    ...     describe()
    'time budget of 2.0 CPU s (backstop 6 s of wall time)'
    """
    given = _DEADLINE.get()
    if given is None:
        return "no time budget"
    spent = given.spent(time.monotonic())
    text = f"time budget of {given.seconds:.1f} CPU s (backstop {WALL_FACTOR * given.seconds:.0f} s of wall time)"
    return {None: text, "cpu": f"{text}: CPU time spent", "wall": f"{text}: wall-clock backstop reached"}[spent]


def check() -> None:
    """Raise :class:`OutOfTime` when the current document's budget is spent."""
    if expired():
        raise OutOfTime("the document's time budget is spent")


def backstop(seconds: float) -> float:
    """Wall-clock seconds after which a document given ``seconds`` of CPU time is stopped anyway.

    >>> backstop(10)
    30.0
    """
    return WALL_FACTOR * seconds


def thread_cpu_clock() -> Callable[[], float]:
    """A clock of the calling thread's CPU time that any thread may read (wall time where none is)."""
    try:
        clock = partial(time.clock_gettime, time.pthread_getcpuclockid(threading.get_ident()))
        clock()  # a platform may give the clock's id and then refuse to read it
    except (AttributeError, OSError):
        return time.monotonic
    return clock


@contextmanager
def limit(seconds: float | None) -> Iterator[None]:
    """Run the block with ``seconds`` of CPU time and :func:`backstop` seconds of wall time (no limit when ``None`` or 0).

    A nested call keeps the outer budget.
    """
    if not seconds or seconds <= 0 or _DEADLINE.get() is not None:
        yield
        return
    given = _Budget(seconds, thread_cpu_clock(), time.monotonic())
    token = _DEADLINE.set(given)
    previous = _start_timer(seconds)
    if previous is _NO_TIMER:
        _WATCHDOG.watch(threading.get_ident(), given)
    try:
        yield
    finally:
        if previous is _NO_TIMER:
            _WATCHDOG.forget(threading.get_ident())
        _stop_timer(previous)
        _DEADLINE.reset(token)


@contextmanager
def interruptible() -> Iterator[None]:
    """Let the timer interrupt the block (a step) with :class:`OutOfTime` when the budget is spent."""
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
    """Arm a SIGALRM timer when this thread may (main thread, no one else's handler or timer)."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        return _NO_TIMER
    try:
        previous = signal.getsignal(signal.SIGALRM)
        if previous not in (signal.SIG_DFL, signal.SIG_IGN, None) or signal.getitimer(signal.ITIMER_REAL)[0] > 0:
            return _NO_TIMER
        signal.signal(signal.SIGALRM, _on_timer)
        # First when the CPU budget could be spent (a thread's CPU time never runs ahead of the
        # wall clock), then every _RECHECK seconds: the handler reads the CPU clock and raises only
        # inside a step, so a budget spent between steps is caught by the check before the next
        # one, and an OutOfTime swallowed where Python ignores exceptions is raised again.
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
    """One daemon thread raising :class:`OutOfTime` in threads whose step runs past their budget.

    It wakes for a thread when its budget could first be spent, reads that thread's CPU
    clock, and sleeps again until the earliest moment the rest could be spent (CPU time
    never runs ahead of the wall clock), or :data:`_RECHECK` seconds once it is spent.
    """

    def __init__(self) -> None:
        self._lock = threading.Condition()
        self._budgets: dict[int, _Budget] = {}
        self._due: dict[int, float] = {}
        self._armed: set[int] = set()
        self._heap: list[tuple[float, int]] = []
        self._thread: threading.Thread | None = None

    def watch(self, ident: int, given: _Budget) -> None:
        with self._lock:
            self._budgets[ident] = given
            self._schedule(ident, given.look)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, daemon=True, name="cleaner-deadline")
                self._thread.start()
            self._lock.notify()

    def forget(self, ident: int) -> None:
        with self._lock:
            self._budgets.pop(ident, None)
            self._due.pop(ident, None)
            self._armed.discard(ident)

    def arm(self, ident: int, armed: bool) -> None:
        if ident not in self._budgets:
            return
        with self._lock:
            (self._armed.add if armed else self._armed.discard)(ident)
            if armed and self._due.get(ident, float("inf")) <= time.monotonic():
                self._lock.notify()

    def _schedule(self, ident: int, when: float) -> None:
        self._due[ident] = when
        heapq.heappush(self._heap, (when, ident))

    def _run(self) -> None:
        with self._lock:
            while True:
                now = time.monotonic()
                while self._heap and (self._heap[0][0] <= now or self._due.get(self._heap[0][1]) != self._heap[0][0]):
                    when, ident = heapq.heappop(self._heap)
                    if self._due.get(ident) == when:
                        self._look_at(ident, now)
                self._lock.wait(None if not self._heap else max(0.0, self._heap[0][0] - now))

    def _look_at(self, ident: int, now: float) -> None:
        """Raise in thread ``ident`` when its budget is spent and a step runs; say when to look again."""
        given = self._budgets[ident]
        if given.spent(now) is None:
            self._schedule(ident, max(now + _RECHECK, given.look))
            return
        if ident in self._armed:
            _raise_in(ident)
        # Look again shortly: raise again if the step swallowed it and runs on;
        # between steps the next check() raises anyway.
        self._schedule(ident, now + _RECHECK)


def _raise_in(ident: int) -> None:
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(ident), ctypes.py_object(OutOfTime))


_WATCHDOG = _Watchdog()
