"""The worker side of a batch: what travels to a worker, how it cleans a document, what comes back.

Everything here runs in worker processes (or Dask workers): a batch carries the chain
as its configuration string (:func:`chain_key`), each worker builds the chain once.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal, Mapping, Sequence

from ..api import clean_document
from ..chain import Chain
from ..document import Result
from ..inputs import MAX_INPUT_BYTES, load_document

Format = Literal["txt", "jsonl"]
ConfigLike = Chain | str | Path | Mapping[str, Any] | None


@dataclass(frozen=True)
class Options:
    """What workers need to know besides the chain (small: it travels with every batch)."""

    fmt: Format = "txt"
    text_field: str = "text"
    edits: bool = False  # put the edit log in JSONL outputs
    keep_edits: bool = False  # send results back with their edits (clean_many, the HTML report)
    keep_original: bool = False  # send the text the chain started from (the HTML report)
    raw_results: bool = False  # clean_many: full results, no output formatting
    max_bytes: int = MAX_INPUT_BYTES  # larger documents are dropped with a reason


@dataclass
class Outcome:
    """What a worker returns for one document."""

    result: Result | None = None
    output: str | None = None  # the formatted output (a text file's content or a JSONL line)
    original: str | None = None
    error: str | None = None
    step_errors: list[dict[str, Any]] = field(default_factory=list)  # steps that failed on the document


# A document on its way to a worker: (raw, url, meta, is_record).  Records are raw JSONL lines.
Payload = tuple[Any, str | None, Mapping[str, Any] | None, bool]

_CHAINS: dict[str, Chain] = {}


def chain_key(chain: Chain) -> str:
    """A chain's configuration as a string: what a batch carries to a worker (which builds the chain once)."""
    key = json.dumps(chain.to_config(), sort_keys=True)
    _CHAINS.setdefault(key, chain)
    return key


def _chain(key: str) -> Chain:
    chain = _CHAINS.get(key)
    if chain is None:
        chain = _CHAINS[key] = Chain.from_config(json.loads(key))
    return chain


def run_batch(key: str, payloads: Sequence[Payload], options: Options) -> list[Outcome]:
    """Clean a batch of documents with the chain ``key`` names (runs in a worker); never raises."""
    chain = _chain(key)
    return [_clean_one(chain, payload, options) for payload in payloads]


def _clean_one(chain: Chain, payload: Payload, options: Options) -> Outcome:
    raw, url, meta, is_record = payload
    try:
        record = None
        if is_record:
            record = _parse_record(raw, options.text_field)
            raw = record[options.text_field]
            url = url or (record.get("url") if isinstance(record.get("url"), str) else None)
            meta = {k: v for k, v in record.items() if k != options.text_field}
        doc = load_document(raw, url=url, meta=dict(meta or {}), max_bytes=options.max_bytes)
        original = doc.text if options.keep_original else None
        result = clean_document(doc, chain)
        output = None if options.raw_results else _format(result, record, options)
        failed = [{"step": e.filter, "paragraph": e.paragraph, "error": e.reason} for e in result.edits if e.action == "error"]
        if not options.keep_edits:
            result = replace(result, edits=[])
        return Outcome(result, output, original, step_errors=failed)
    except KeyboardInterrupt:
        raise
    except BaseException as exc:  # noqa: BLE001 - one bad document (or a plugin's SystemExit) must not stop a batch
        return Outcome(error=f"{type(exc).__name__}: {exc}")


def _parse_record(line: bytes | str, text_field: str) -> dict[str, Any]:
    try:
        record = json.loads(line)
    except ValueError as exc:
        raise ValueError(f"not a JSON line: {exc}") from None
    if not isinstance(record, dict):
        raise ValueError(f"a JSONL record must be an object, got {type(record).__name__}")
    if not isinstance(record.get(text_field), str):
        raise ValueError(f"record has no string field {text_field!r} (set --text-field)")
    return record


def _format(result: Result, record: dict[str, Any] | None, options: Options) -> str | None:
    """A text file's content or a JSONL line; ``None`` for a dropped document."""
    if result.dropped:
        return None
    if record is None and options.fmt == "txt":
        return result.text + "\n" if result.text else ""
    out: dict[str, Any] = dict(record or {})
    out[options.text_field if record is not None else "text"] = result.text
    for key in ("title", "language", "url"):
        out[key] = result.meta.get(key)
    if result.flags:
        out["flags"] = list(result.flags)
    if options.edits:
        out["edits"] = [e.to_dict() for e in result.edits]
    return json.dumps(out, ensure_ascii=False) + "\n"
