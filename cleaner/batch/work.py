"""The worker side of a batch: what travels to a worker, how it cleans a document, what comes back.

Everything here runs in worker processes (or Dask workers): a batch carries the chain
as its configuration string (:func:`chain_key`), each worker builds the chain once.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal, Mapping, NamedTuple, Sequence

from ..api import clean_document
from ..chain import Chain
from ..document import Result
from ..inputs import MAX_INPUT_BYTES, load_document

Format = Literal["txt", "jsonl"]
ConfigLike = Chain | str | Path | Mapping[str, Any] | None

#: Metadata a reader passes with a document that its output record keeps (a WARC record's id and date).
OUTPUT_META = ("warc_record_id", "warc_date")


@dataclass(frozen=True)
class Options:
    """What workers need to know besides the chain (small: it travels with every batch)."""

    fmt: Format = "txt"
    text_field: str = "text"  # the record field holding the text (and receiving the clean text)
    html_field: str | None = None  # the record field holding HTML, used when present
    url_field: str = "url"  # the record field holding the page's address
    id_field: str | None = None  # the record field naming it in errors.jsonl and dropped.jsonl
    edits: bool = False  # put the edit log in JSONL outputs
    keep_edits: bool = False  # send results back with their edits (clean_many, the HTML report)
    keep_original: bool = False  # send the text the chain started from (the HTML report)
    raw_results: bool = False  # clean_many: full results, no output formatting
    max_bytes: int = MAX_INPUT_BYTES  # larger documents are dropped with a reason


@dataclass
class Outcome:
    """What a worker returns for one document."""

    result: Result | None = None
    # the formatted output: a text file's content or a JSONL line; the output record (a dict) for a table row
    output: str | dict[str, Any] | None = None
    original: str | None = None
    error: str | None = None
    id: Any = None  # the record's id field, when Options.id_field names one


class Payload(NamedTuple):
    """A document on its way to a worker."""

    raw: Any  # the document (bytes or str); a raw JSON line or a dict for a record
    url: str | None = None
    meta: Mapping[str, Any] | None = None
    record: bool = False  # raw is a record: a JSON line (output: a JSON line) or a dict (output: a dict)
    charset: str | None = None  # declared by the source (a WARC record's HTTP headers)
    html: bool | None = None  # None: guess from the content
    error: str | None = None  # the reader found this document damaged: it fails with this error
    to_record: bool = False  # a document of a file of many (a WARC record): its output is a JSONL record


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
    raw, url, meta, is_record, charset, html, damage, to_record = Payload(*payload)
    as_dict, record, ident = isinstance(raw, dict), None, None
    if damage is not None:
        return Outcome(error=damage)
    try:
        if is_record:
            record = raw if isinstance(raw, dict) else _parse_record(raw)
            ident = record.get(options.id_field) if options.id_field else None
            raw, html = _record_text(record, options)
            value = record.get(options.url_field)
            url = url or (value if isinstance(value, str) else None)
            meta = {**(meta or {}), **{k: v for k, v in record.items() if k not in (options.text_field, options.html_field)}}
        doc = load_document(raw, url=url, html=html, charset=charset, meta=dict(meta or {}), max_bytes=options.max_bytes)
        original = doc.text if options.keep_original else None
        result = clean_document(doc, chain)
        output = None if options.raw_results else _format(result, record, options, as_dict, to_record)
        if not options.keep_edits:
            result = replace(result, edits=[])
        return Outcome(result, output, original, id=ident)
    except Exception as exc:  # noqa: BLE001 - one bad document must not stop a batch
        return Outcome(error=f"{type(exc).__name__}: {exc}", id=ident)


def _parse_record(line: bytes | str) -> dict[str, Any]:
    try:
        record = json.loads(line)
    except ValueError as exc:
        raise ValueError(f"not a JSON line: {exc}") from None
    if not isinstance(record, dict):
        raise ValueError(f"a JSONL record must be an object, got {type(record).__name__}")
    return record


def _record_text(record: Mapping[str, Any], options: Options) -> tuple[str | bytes, bool | None]:
    """The document a record holds: its HTML field when set and present, else its text field."""
    if options.html_field:
        value = record.get(options.html_field)
        if isinstance(value, (str, bytes)) and value:
            return value, True
    value = record.get(options.text_field)
    if isinstance(value, (str, bytes)):
        return value, None
    fields = f"{options.html_field!r} or {options.text_field!r}" if options.html_field else repr(options.text_field)
    raise ValueError(f"record has no string field {fields} (set --text-field or --html-field)")


def _format(
    result: Result, record: dict[str, Any] | None, options: Options, as_dict: bool = False, to_record: bool = False
) -> str | dict[str, Any] | None:
    """A text file's content, a JSONL line, or (``as_dict``) the output record; ``None`` for a dropped document."""
    if result.dropped:
        return None
    if record is None and options.fmt == "txt" and not to_record:
        return result.text + "\n" if result.text else ""
    out: dict[str, Any] = dict(record or {})
    out[options.text_field if record is not None else "text"] = result.text
    for key in ("title", "language"):
        out[key] = result.meta.get(key)
    out[options.url_field if record is not None else "url"] = result.meta.get("url")
    for key in OUTPUT_META:
        if key in result.meta and key not in out:
            out[key] = result.meta[key]
    if result.flags:
        out["flags"] = list(result.flags)
    if options.edits:
        out["edits"] = [e.to_dict() for e in result.edits]
    return out if as_dict else json.dumps(out, ensure_ascii=False, default=str) + "\n"
