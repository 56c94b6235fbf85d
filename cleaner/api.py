"""``clean_article()``: the one call a crawler makes."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping

from .chain import Chain
from .document import Document, Result
from .inputs import MAX_INPUT_BYTES, load_document

_DEFAULT_CHAIN: Chain | None = None


def resolve_chain(config: Chain | str | Path | Mapping[str, Any] | None) -> Chain:
    """A chain from a Chain, a TOML path, a config dict, or ``None`` (the default chain, built once)."""
    global _DEFAULT_CHAIN
    if isinstance(config, Chain):
        return config
    if config is None:
        if _DEFAULT_CHAIN is None:
            _DEFAULT_CHAIN = Chain.default()
        return _DEFAULT_CHAIN
    return Chain.from_config(config)


def clean_article(
    raw: str | bytes,
    *,
    config: Chain | str | Path | Mapping[str, Any] | None = None,
    url: str | None = None,
    html: bool | None = None,
    charset: str | None = None,
    meta: Mapping[str, Any] | None = None,
    max_bytes: int = MAX_INPUT_BYTES,
) -> Result:
    """Clean one article: plain text or a whole HTML page, as ``str`` or ``bytes``.

    * ``config``: a :class:`Chain`, a path to a TOML config, a config dict,
      or ``None`` for the default chain.
    * ``url``: kept as metadata (and helps trafilatura on HTML).
    * ``html``: force HTML (``True``) or plain text (``False``); by default
      it is recognised from the content.
    * ``charset``: the declared encoding of ``bytes`` input (an HTTP header's),
      tried after a byte-order mark and before detection.
    * ``meta``: metadata to carry through (for example a record's id).
    * ``max_bytes``: larger inputs are dropped with a reason, not cleaned.

    Never raises on bad content: undecodable, binary, empty or oversized input
    gives a result with ``dropped`` true and ``drop_reason`` saying why.

    >>> r = clean_article(b"Caf\\xc3\\xa9 prices rose\\xc2\\xa0again.")
    >>> r.text
    'Café prices rose again.'
    """
    chain = resolve_chain(config)
    doc = load_document(raw, url=url, html=html, charset=charset, meta=dict(meta or {}), max_bytes=max_bytes)
    return clean_document(doc, chain)


def clean_document(doc: Document, chain: Chain) -> Result:
    """Run ``chain`` on a loaded document; one dropped while loading is returned as it is."""
    if doc.dropped:
        return Result.from_document(doc, [])
    return chain.run(doc)
