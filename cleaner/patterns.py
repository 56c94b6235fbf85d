"""Pattern helpers shared by the filter families.

* Every regular expression is compiled once (at import of the filter module)
  with the ``regex`` module and run with a time limit: a pathological input
  raises :class:`TimeoutError`, which the chain records as an error for that
  paragraph and leaves the text as it was.
* Phrase and pattern lists live as data files in ``cleaner/filters/data/``:
  one entry per line, ``#`` starts a comment, blank lines are ignored.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Iterable

import regex

#: Seconds one regex call may take before it is abandoned.
TIMEOUT = 0.5

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
