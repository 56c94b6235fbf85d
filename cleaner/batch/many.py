"""``clean_many``: the batch engine for texts and records held in memory, and JSONL to standard output."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import IO, Any, Iterable, Iterator, Mapping

from ..api import resolve_chain
from ..chain import Chain
from ..document import Document, Result
from ..inputs import MAX_INPUT_BYTES
from .local import InlineExecutor, make_executor, ordered
from .pool import filter_modules
from .readers import Reader
from .sources import Unit
from .work import ConfigLike, Options, Payload, chain_key


def clean_many(
    items: Iterable[str | bytes | Mapping[str, Any]],
    config: ConfigLike = None,
    jobs: int | None = None,
    *,
    text_field: str = "text",
    edits: bool = True,
    scheduler: str | None = None,
) -> Iterator[Result]:
    """Clean texts (``str``/``bytes``) or records (dicts with ``text_field``) and yield results in input order.

    Records pass their ``url`` and other fields to :func:`cleaner.clean_article` as
    metadata.  Streams: only a few batches per worker are held at once.  A record
    without its text field yields a dropped result saying so.  ``edits=False`` sends
    results back without their edit logs (less data between processes).

    >>> [r.text for r in clean_many(["Caf\\u00e9\\u00a0au lait.", {"text": "Tea  time."}], jobs=1)]
    ['Café au lait.', 'Tea time.']
    """
    chain = resolve_chain(config)
    options = Options(text_field=text_field, keep_edits=edits, raw_results=True)
    executor = make_executor(jobs, scheduler, modules=filter_modules(chain.steps))

    def payloads() -> Iterator[tuple[str, Any, Payload | None]]:
        for i, item in enumerate(items):
            if isinstance(item, (str, bytes, bytearray)):
                yield "doc", i, (item, None, None, False)
            elif isinstance(item, Mapping):
                yield "doc", i, (json.dumps(dict(item), ensure_ascii=False, default=str), None, None, True)
            else:
                raise TypeError(f"clean_many() takes texts or dicts, got {type(item).__name__} at position {i}")

    interrupted = True
    try:
        for _kind, _tag, outcome in ordered(executor, chain_key(chain), options, payloads()):
            assert outcome is not None
            if outcome.error is not None:
                yield _failed(outcome.error)
            else:
                assert outcome.result is not None
                yield outcome.result
        interrupted = False
    finally:
        executor.close(cancel=interrupted)


def _failed(error: str) -> Result:
    doc = Document("")
    doc.drop(f"could not be cleaned: {error}")
    return Result.from_document(doc, [])


def stdout_records(path: Path, gz: bool, chain: Chain, text_field: str, edits: bool, out: IO[str]) -> int:
    """Clean a JSONL file record by record to ``out`` (the command line without ``-o``); returns failures."""
    options = Options(text_field=text_field, edits=edits)
    unit = Unit(str(path), path, "jsonl", gz, None)
    failures = 0
    for kind, tag, outcome in ordered(InlineExecutor(), chain_key(chain), options, Reader().items([unit], MAX_INPUT_BYTES)):
        if kind == "end":
            if tag[1] is not None:
                raise OSError(tag[1])
            continue
        assert outcome is not None
        if outcome.error is not None:
            failures += 1
            print(f"cleaner: {path}:{tag[1]}: {outcome.error}", file=sys.stderr)
        elif outcome.output:
            out.write(outcome.output)
    return failures

