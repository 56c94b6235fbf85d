"""Pattern helpers shared by the filter families.

* Every regular expression is compiled once (at import of the filter module)
  with the ``regex`` module and run with a time limit: a pathological input
  raises :class:`TimeoutError`, which the chain records as an error for that
  paragraph and leaves the text as it was.  :func:`compile` gives a pattern
  whose every call has that limit (or the time left in the document's budget,
  when less) without writing ``timeout=`` at each call.
* The one exemption: a stdlib ``re`` pattern that is linear by construction
  (classes, bounded repeats, a run only at its end), used where ``re`` scans
  several times faster, carries the comment ``# linear: <why>`` on its
  ``re.compile`` line; ``tests/test_robustness.py`` proves each such pattern linear.
* An analysis of the whole document that times out is not repeated for each
  of its paragraphs: :func:`remember_timeouts` caches the failure like a result.
* Phrase and pattern lists live as data files in ``cleaner/filters/data/``:
  one entry per line, ``#`` starts a comment, blank lines are ignored.
"""

from __future__ import annotations

from functools import lru_cache, wraps
from importlib import resources
from typing import Any, Callable, Iterable, Iterator, TypeVar

import regex

from . import deadline

#: Seconds one regex call may take before it is abandoned.
TIMEOUT = 0.5

#: The shortest timeout given to a call once the document's budget is spent (it then fails at once).
_MIN_TIMEOUT = 0.001

T = TypeVar("T")

DATA_PACKAGE = "cleaner.filters"


@lru_cache(maxsize=None)
def load_list(relative_path: str) -> tuple[str, ...]:
    """Read a data file of ``cleaner/filters/data/``: its non-comment, non-blank lines.

    >>> "share" in load_list("boilerplate/en.txt")  # doctest: +SKIP
    True
    """
    path = resources.files(DATA_PACKAGE).joinpath("data", *relative_path.split("/"))
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split(" #", 1)[0].strip() if not line.lstrip().startswith("#") else ""
        if line:
            entries.append(line)
    return tuple(entries)


def data_files(relative_dir: str) -> list[str]:
    """Names of the data files in a folder of ``cleaner/filters/data/``, sorted."""
    folder = resources.files(DATA_PACKAGE).joinpath("data", *relative_dir.split("/"))
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".txt"))


def phrase_union(phrases: Iterable[str], flags: int = regex.IGNORECASE) -> regex.Pattern[str]:
    """One compiled alternation matching any of ``phrases`` literally, longest first.

    >>> bool(phrase_union(["read more", "read"]).fullmatch("Read more"))
    True
    """
    unique = sorted(set(phrases), key=lambda p: (-len(p), p))
    body = "|".join(regex.escape(p) for p in unique) or r"(?!)"
    return regex.compile(f"(?:{body})", flags | regex.VERSION1)


#: Characters a second the slowest machine scans with one linear pattern: sets :func:`scan_timeout`.
SCAN_CHARS_PER_SECOND = 2_000_000


def scan_timeout(text: str) -> float:
    """The timeout of one linear pattern run over a whole text: :data:`TIMEOUT` plus its scanning time.

    >>> scan_timeout("a" * 2_000_000) - TIMEOUT
    1.0
    """
    return TIMEOUT + len(text) / SCAN_CHARS_PER_SECOND


def time_limit(timeout: float | None = None) -> float:
    """The timeout for one regex call: ``timeout`` (default :data:`TIMEOUT`), or less when the document's budget is nearly spent."""
    limit = TIMEOUT if timeout is None else timeout
    left = deadline.remaining()
    return limit if left is None else max(_MIN_TIMEOUT, min(limit, left))


class TimedPattern:
    """A compiled ``regex`` pattern whose every matching call runs with :func:`time_limit`.

    >>> word = compile(r"\\w+")
    >>> word.findall("two words")
    ['two', 'words']
    >>> word.sub("x", "a b", timeout=2.0)
    'x x'
    """

    __slots__ = ("pattern",)

    def __init__(self, pattern: regex.Pattern[str]):
        self.pattern = pattern

    def match(self, string: str, *args: Any, timeout: float | None = None, **kwargs: Any) -> Any:
        return self.pattern.match(string, *args, timeout=time_limit(timeout), **kwargs)

    def fullmatch(self, string: str, *args: Any, timeout: float | None = None, **kwargs: Any) -> Any:
        return self.pattern.fullmatch(string, *args, timeout=time_limit(timeout), **kwargs)

    def search(self, string: str, *args: Any, timeout: float | None = None, **kwargs: Any) -> Any:
        return self.pattern.search(string, *args, timeout=time_limit(timeout), **kwargs)

    def findall(self, string: str, *args: Any, timeout: float | None = None, **kwargs: Any) -> list[Any]:
        return self.pattern.findall(string, *args, timeout=time_limit(timeout), **kwargs)

    def finditer(self, string: str, *args: Any, timeout: float | None = None, **kwargs: Any) -> Iterator[Any]:
        return self.pattern.finditer(string, *args, timeout=time_limit(timeout), **kwargs)

    def sub(self, repl: Any, string: str, *args: Any, timeout: float | None = None, **kwargs: Any) -> str:
        return self.pattern.sub(repl, string, *args, timeout=time_limit(timeout), **kwargs)

    def subn(self, repl: Any, string: str, *args: Any, timeout: float | None = None, **kwargs: Any) -> tuple[str, int]:
        return self.pattern.subn(repl, string, *args, timeout=time_limit(timeout), **kwargs)

    def split(self, string: str, *args: Any, timeout: float | None = None, **kwargs: Any) -> list[Any]:
        return self.pattern.split(string, *args, timeout=time_limit(timeout), **kwargs)

    def __getattr__(self, name: str) -> Any:  # pattern, flags, groups, groupindex
        return getattr(self.pattern, name)

    def __repr__(self) -> str:
        return f"TimedPattern({self.pattern.pattern!r})"


def compile(pattern: str, flags: int = 0) -> TimedPattern:  # noqa: A001 - mirrors regex.compile
    """Compile ``pattern`` with the ``regex`` module into a :class:`TimedPattern`."""
    return TimedPattern(regex.compile(pattern, flags))


def remember_timeouts(maxsize: int = 8) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """Like ``functools.lru_cache(maxsize)``, but a :class:`TimeoutError` is cached as well as a result.

    For analyses of a whole document that every paragraph asks for: when one
    times out, the other paragraphs get the same error at once instead of
    running it again (a paragraph filter sees each failure recorded, in
    microseconds, not ``TIMEOUT`` seconds per paragraph).

    >>> calls = []
    >>> @remember_timeouts()
    ... def analyse(text):
    ...     calls.append(text)
    ...     raise TimeoutError("regex timed out")
    >>> for _ in range(3):
    ...     try:
    ...         analyse("doc")
    ...     except TimeoutError:
    ...         pass
    >>> len(calls)
    1
    """

    def decorate(func: Callable[..., T]) -> Callable[..., T]:
        @lru_cache(maxsize=maxsize)
        def outcome(*args: Any, **kwargs: Any) -> tuple[bool, Any]:
            try:
                return True, func(*args, **kwargs)
            except TimeoutError as exc:
                return False, str(exc)

        @wraps(func)
        def cached(*args: Any, **kwargs: Any) -> T:
            ok, value = outcome(*args, **kwargs)
            if not ok:
                raise TimeoutError(f"{value} (remembered: an earlier call on this document timed out)")
            return value

        cached.cache_clear = outcome.cache_clear  # type: ignore[attr-defined]
        return cached

    return decorate
