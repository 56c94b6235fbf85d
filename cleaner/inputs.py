"""Turning what a crawler saved (bytes or str, text or HTML) into a Document.

Decisions made here: how bytes are decoded (BOM, declared charset, the page's
own ``<meta charset>``, UTF-8, then detection), whether the input is HTML
(then trafilatura extracts the main text and its metadata), and whether the
input is unusable (binary junk, too large, no text at all) — such inputs are
returned as dropped documents with the reason, never as exceptions.
"""

from __future__ import annotations

import codecs
import re
from typing import Any

from .document import Document, Edit

#: Inputs larger than this many bytes (or characters) are dropped with a reason.
MAX_INPUT_BYTES = 64 * 1024 * 1024

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_HTML_START = re.compile(r"<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE)
_HTML_TAGS = re.compile(r"</?(?:p|div|span|a|br|li|ul|td|tr|table|h[1-6]|article|section|meta|script)\b[^>]*>", re.IGNORECASE)
_JUNK = re.compile(r"[\x00-\x08\x0e-\x1f\ufffd]")


def decode(raw: bytes, charset: str | None = None) -> tuple[str, str]:
    """Decode ``raw`` and return ``(text, how)``; never raises.

    Tried in order: a byte-order mark, the declared ``charset``, a
    ``<meta charset>`` in the first 4 KB, strict UTF-8, charset detection
    (charset-normalizer), and finally UTF-8 with replacement characters.

    >>> decode("café".encode("cp1252"), "cp1252")
    ('café', 'cp1252 (declared)')
    """
    for bom, name in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(name), f"{name} (byte-order mark)"
            except UnicodeDecodeError:
                break
    candidates: list[tuple[str, str]] = []
    if charset:
        candidates.append((charset, "declared"))
    meta = _META_CHARSET.search(raw[:4096])
    if meta:
        candidates.append((meta.group(1).decode("ascii", "replace"), "meta charset"))
    candidates.append(("utf-8", "valid UTF-8"))
    for name, how in candidates:
        try:
            return raw.decode(name), f"{codecs.lookup(name).name} ({how})"
        except (LookupError, UnicodeDecodeError):
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(raw[:1_000_000]).best()
    if best is not None and best.encoding:
        try:
            return raw.decode(best.encoding), f"{best.encoding} (detected)"
        except (LookupError, UnicodeDecodeError):
            pass
    return raw.decode("utf-8", errors="replace"), "utf-8 with undecodable bytes replaced by U+FFFD"


def looks_like_html(text: str) -> bool:
    """True when ``text`` is an HTML page or fragment rather than plain text.

    >>> looks_like_html("<!DOCTYPE html><html><body><p>Hi</p></body></html>")
    True
    >>> looks_like_html("Prices rose 3% <and> fell again.")
    False
    """
    head = text[:8192]
    if _HTML_START.search(head):
        return True
    return head.lstrip().startswith("<") and len(_HTML_TAGS.findall(head)) >= 3


def looks_binary(text: str) -> bool:
    """True when the start of ``text`` is mostly control characters or replacement marks."""
    sample = text[:4096]
    return bool(sample) and len(_JUNK.findall(sample)) > 0.1 * len(sample)


def extract_html(html: str, url: str | None = None) -> tuple[str | None, dict[str, Any]]:
    """Main text and metadata of an HTML page, by trafilatura.

    Extraction favours recall and leaves comments out: ``remove_boilerplate``
    cleans up the furniture trafilatura lets through, so the text it would
    drop costs more than the furniture it keeps (measured on train-extra with
    ``training/trafilatura_settings.py``: recall then the cleaner 0.913 F1,
    precision then the cleaner 0.911, defaults 0.898).  When that finds
    nothing, the default setting is tried before giving up (``None``).
    """
    import trafilatura

    common = dict(url=url, include_comments=False, include_tables=True, with_metadata=True, as_dict=False)
    doc = trafilatura.bare_extraction(html, favor_recall=True, **common)
    if doc is None or not (doc.text or "").strip():
        doc = trafilatura.bare_extraction(html, **common)
    if doc is None or not (doc.text or "").strip():
        return None, {}
    meta = {
        key: getattr(doc, key, None)
        for key in ("title", "author", "date", "sitename", "hostname", "description", "url")
        if getattr(doc, key, None)
    }
    return doc.text, meta


def load_document(
    raw: str | bytes,
    *,
    url: str | None = None,
    html: bool | None = None,
    charset: str | None = None,
    meta: dict[str, Any] | None = None,
    max_bytes: int = MAX_INPUT_BYTES,
) -> Document:
    """Make the Document the chain will clean; unusable input comes back already dropped."""
    base: dict[str, Any] = dict(meta or {})
    if url:
        base["url"] = url
    if not isinstance(raw, (str, bytes, bytearray)):
        raise TypeError(f"clean_article() takes str or bytes, not {type(raw).__name__}")
    if len(raw) > max_bytes:
        return _dropped(base, f"input too large: {len(raw):,} > {max_bytes:,} (raise max_bytes to clean it)")
    if isinstance(raw, (bytes, bytearray)):
        text, how = decode(bytes(raw), charset)
        base["encoding"] = how
    else:
        text = raw
    if looks_binary(text):
        return _dropped(base, "input looks binary (control characters or undecodable bytes)")
    is_html = looks_like_html(text) if html is None else html
    if not is_html:
        base.setdefault("format", "text")
        return Document(text, base)
    base["format"] = "html"
    try:
        body, found = extract_html(text, url)
    except Exception as exc:  # noqa: BLE001 - malformed HTML must not crash a batch
        return _dropped(base, f"HTML could not be parsed: {type(exc).__name__}: {exc}")
    if body is None:
        return _dropped(base, "no main text found in the HTML page")
    for key, value in found.items():
        base.setdefault(key, value)
    doc = Document(body, base)
    reason = f"HTML page of {len(text):,} characters reduced to its main text ({len(body):,} characters) by trafilatura"
    doc.edits.append(Edit("extract_html", "replaced", reason=reason))
    return doc


def _dropped(meta: dict[str, Any], reason: str) -> Document:
    doc = Document("", meta)
    doc.step = "input"
    doc.drop(reason)
    return doc
