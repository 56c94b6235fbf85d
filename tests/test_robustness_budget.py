"""The time budget counted in CPU time, with a wall-clock backstop (cleaner/deadline.py).

A step that computes is stopped by the CPU budget; one that sleeps or blocks, by the
backstop; a document slowed down by a loaded machine (simulated by a step that sleeps
longer than its CPU budget but less than the backstop) is not flagged.  Wall-clock bounds
here are generous (the machine may be shared): they catch a hang, not a slowdown.
"""

from __future__ import annotations

import json
import time
from typing import Any

import pytest

from cleaner import Chain, clean_article, paragraph_filter

from hostile.corpus import REAL, article
from hostile.plugins import warm_up  # noqa: F401  (registers _spin_on_marker; loads the models first)

#: A hang is anything slower than this.
HANG = 60.0


@paragraph_filter()
def _sleep_on_marker(paragraph, ctx):
    """Sleeps (in short naps, so a watchdog's exception lands between them) on a paragraph saying
    NAP-<seconds>: a step blocked on I/O, or one on a machine so loaded that it gets no CPU."""
    if "NAP-" in paragraph:
        wake = time.perf_counter() + float(paragraph.split("NAP-")[1].split()[0])
        while time.perf_counter() < wake:
            time.sleep(0.02)
    return paragraph


def _run(text: str, chain: Chain, threaded: bool) -> Any:
    from concurrent.futures import ThreadPoolExecutor

    if not threaded:
        return clean_article(text, config=chain)
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(clean_article, text, config=chain).result()


def _flag(result: Any) -> str:
    return next(e.reason for e in result.edits if e.action == "flagged" and e.after == "time-budget")


@pytest.mark.parametrize("threaded", [False, True], ids=["main-thread", "thread"])
def test_a_step_computing_is_stopped_by_its_cpu_budget(threaded):
    chain = Chain.default().insert_after("normalize_whitespace", "_spin_on_marker").with_budget(max_seconds=0.5, seconds_per_mb=0)
    cpu, start = time.process_time(), time.perf_counter()
    result = _run(article("SPIN"), chain, threaded)
    assert time.perf_counter() - start < HANG and time.process_time() - cpu >= 0.5  # it did compute its budget
    assert "time-budget" in result.flags and "CPU time spent" in _flag(result)


@pytest.mark.parametrize("threaded", [False, True], ids=["main-thread", "thread"])
def test_a_step_asleep_is_stopped_by_the_wall_clock_backstop(threaded):
    # 0.4 CPU s: the backstop is 1.2 s of wall time; the step would sleep a minute and spends no CPU.
    chain = Chain.default().insert_after("normalize_whitespace", "_sleep_on_marker").with_budget(max_seconds=0.4, seconds_per_mb=0)
    start = time.perf_counter()
    result = _run(article("NAP-60"), chain, threaded)
    assert time.perf_counter() - start < 10
    assert "time-budget" in result.flags and "wall-clock backstop reached" in _flag(result)
    assert all(p in result.text for p in REAL)


@pytest.mark.parametrize("threaded", [False, True], ids=["main-thread", "thread"])
def test_a_document_slowed_down_but_within_its_cpu_budget_is_not_flagged(threaded):
    # On a loaded machine a document takes longer in wall time than the CPU it spends: here 1.5 s
    # of wall time against 0.8 CPU s (the backstop is 2.4 s), which the wall-clock budget flagged.
    chain = Chain.default().insert_after("normalize_whitespace", "_sleep_on_marker").with_budget(max_seconds=0.8, seconds_per_mb=0)
    start = time.perf_counter()
    result = _run(article("NAP-1.5"), chain, threaded)
    assert time.perf_counter() - start >= 1.5
    assert "time-budget" not in result.flags and "NAP-1.5" in result.text


def test_the_cpu_clock_is_read_only_when_the_budget_could_be_spent():
    from cleaner.deadline import _Budget, backstop

    reads = []

    def cpu():  # a thread's CPU clock, counted: it costs a system call
        reads.append(1)
        return cpu.now

    cpu.now = 0.0
    given = _Budget(2.0, cpu, now=100.0)
    reads.clear()
    assert given.spent(101.9) is None and not reads  # 1.9 s of wall time: 2 CPU s cannot be spent yet
    cpu.now = 0.5  # a loaded machine: half a CPU second in 2.5 s
    assert given.spent(102.5) is None and len(reads) == 1
    assert given.spent(103.9) is None and len(reads) == 1  # 1.5 CPU s left: not before 104.0
    cpu.now = 2.1
    assert given.spent(104.1) == "cpu"
    cpu.now = 1.0
    assert _Budget(2.0, cpu, now=100.0).spent(100.0 + backstop(2.0) + 0.1) == "wall"  # asleep


def test_the_batch_worker_s_hard_limit_lies_beyond_the_wall_clock_backstop():
    from cleaner import deadline
    from cleaner.batch import pool

    key = json.dumps({"budget": {"max_seconds": 10, "seconds_per_mb": 0}})
    assert pool.hard_limit(key, ("text", {})) == deadline.backstop(10) + pool.HARD_GRACE > deadline.backstop(10) > 10


def test_without_a_thread_cpu_clock_the_budget_is_wall_time(monkeypatch):
    from cleaner.deadline import thread_cpu_clock

    assert thread_cpu_clock() is not time.monotonic
    monkeypatch.delattr(time, "pthread_getcpuclockid", raising=False)  # as on Windows
    assert thread_cpu_clock() is time.monotonic
