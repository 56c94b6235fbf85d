"""``clean_many``: the batch engine for texts and records held in memory, and JSONL to standard output."""

from __future__ import annotations

import json
import sys
from typing import IO, Any, Iterable, Iterator, Mapping

from ..api import resolve_chain
from ..chain import Chain
from ..document import Document, Result
from .local import InlineExecutor, make_executor, ordered
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
    executor = make_executor(jobs, scheduler)

    def payloads() -> Iterator[tuple[str, Any, Payload | None]]:
        for i, item in enumerate(items):
            if isinstance(item, (str, bytes, bytearray)):
                yield "doc", i, Payload(item)
            elif isinstance(item, Mapping):
                yield "doc", i, Payload(json.dumps(dict(item), ensure_ascii=False, default=str), record=True)
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


def stdout_records(unit: Unit, chain: Chain, options: Options, out: IO[str]) -> int:
    """Clean a file of records (JSONL, WARC, Parquet) one by one to ``out`` as JSONL (the command line without ``-o``);
    returns the number of failures, each also told on stderr (a file damaged part-way keeps the records before)."""
    failures = 0
    for kind, tag, outcome in ordered(InlineExecutor(), chain_key(chain), options, Reader().items([unit], options.max_bytes)):
        if kind == "end":
            if tag[1] is not None:
                failures += 1
                print(f"cleaner: {unit.source}: {tag[1]}", file=sys.stderr)
            continue
        assert outcome is not None
        if outcome.error is not None:
            failures += 1
            print(f"cleaner: {unit.source}:{tag[1]}: {outcome.error}", file=sys.stderr)
        elif isinstance(outcome.output, dict):
            out.write(json.dumps(outcome.output, ensure_ascii=False, default=str) + "\n")
        elif outcome.output:
            out.write(outcome.output)
    return failures
