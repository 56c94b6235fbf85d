"""Turning what a crawler saved (bytes or str, text or HTML) into a Document.

Decisions made here: how bytes are decoded (see :func:`decode`), whether the
input is HTML (then trafilatura extracts the main text and its metadata), and
whether the input is unusable (binary junk, a PDF or other non-text format,
too large, no text at all) — such inputs are returned as dropped documents
with the reason, never as exceptions.  ``docs/robustness.md`` lists every
kind of bad input tried and what happens to it.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

import regex

from . import patterns
from .decoding import decode
from .document import Document, Edit

__all__ = ["MAX_INPUT_BYTES", "decode", "extract_html", "flatten_deep_html", "load_document", "looks_binary", "looks_like_html", "not_text",
           "wrap_fragment"]

#: Inputs larger than this many bytes (or characters) are dropped with a reason.
MAX_INPUT_BYTES = 64 * 1024 * 1024

#: HTML nested deeper than this is flattened (lxml, under trafilatura, gives up near 255 levels).
MAX_HTML_DEPTH = 200

#: Formats that carry text inside a binary container: cleaning their bytes as text gives garbage.
_NOT_TEXT = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (docx, xlsx, epub, odt...)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an OLE2 document (doc, xls, msg)"),
    (b"{\\rtf", "an RTF document"),
    (b"%!PS", "a PostScript document"),
    (b"\x1f\x8b", "gzip-compressed data (decompress it first)"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\x00\x00\x00\x18ftyp", "an MP4/HEIF file"),
    (b"\x00\x00\x00\x20ftyp", "an MP4/HEIF file"),
    (b"ID3", "an MP3 file"),
    (b"OggS", "an Ogg file"),
    (b"\x7fELF", "an executable"),
    (b"wOFF", "a web font"),
    (b"wOF2", "a web font"),
)
_HTML_START = patterns.compile(r"<(?:!doctype\s+html|html|head|body)\b", regex.IGNORECASE)
# A whole document's root tag: a page part saved without one is a fragment (see wrap_fragment).
_DOCUMENT_ROOT = patterns.compile(r"<(?:html|body)\b", regex.IGNORECASE)
_XML_DECLARATION = patterns.compile(r"\ufeff?\s*<\?xml\b", regex.IGNORECASE)
_HTML_TAGS = patterns.compile(r"</?(?:p|div|span|a|br|li|ul|td|tr|table|h[1-6]|article|section|meta|script)\b[^>]*>", regex.IGNORECASE)
_JUNK = patterns.compile(r"[\x00-\x08\x0e-\x1f\ufffd]")
# Tags, for measuring nesting: linear (the class stops at the next "<"), run over the whole page.
_TAG = patterns.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)\b[^<>]*?(/?)>")
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_LINE_TAGS = frozenset("p br div li tr h1 h2 h3 h4 h5 h6 blockquote pre section article".split())


def not_text(raw: bytes | str) -> str | None:
    """What non-text format ``raw`` is (a PDF, an archive, an image…), or ``None`` for text.

    >>> not_text(b"%PDF-1.4 ...")
    'a PDF document'
    """
    head = raw[:16].encode("latin-1", "replace") if isinstance(raw, str) else bytes(raw[:16])
    head = head.lstrip(b"\r\n\t ")
    for magic, what in _NOT_TEXT:
        if head.startswith(magic):
            return what
    if head[:4] == b"RIFF" and raw[8:12] in (b"WEBP", "WEBP"):
        return "a WebP image"
    return None


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
    nothing, the default setting is tried before giving up (``None``).  A
    page fragment is wrapped into a document first (:func:`wrap_fragment`).
    """
    import trafilatura

    html = wrap_fragment(html)
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


def wrap_fragment(html: str) -> str:
    """``html`` as a whole document: a fragment with neither ``<html>`` nor ``<body>`` is wrapped in both.

    Scrapers often save only part of a page (the ``div`` or ``table`` that held
    the text).  trafilatura expects a whole document (its ``load_html`` says so)
    and finds no text at all in many such fragments: on the 98 fragment pages of
    train-extra its F1 is 0.850 as they are and 0.898 wrapped, and 6 of them go
    from no text to most of their article.  An XML document (a feed, a
    sitemap) is not a page and is left as it is.

    >>> wrap_fragment("<div><p>Text</p></div>")
    '<html><body><div><p>Text</p></div></body></html>'
    >>> wrap_fragment("<html><p>Text</p></html>")
    '<html><p>Text</p></html>'
    >>> wrap_fragment('<?xml version="1.0"?><rss><item><p>Text</p></item></rss>')[:5]
    '<?xml'
    """
    if _XML_DECLARATION.match(html, timeout=patterns.TIMEOUT):
        return html
    if _DOCUMENT_ROOT.search(html, timeout=patterns.scan_timeout(html)):
        return html
    return f"<html><body>{html}</body></html>"


def flatten_deep_html(html: str, max_depth: int = MAX_HTML_DEPTH) -> str | None:
    """``html`` without the tags nested deeper than ``max_depth`` (their text stays), or ``None`` when none are.

    lxml, which trafilatura parses with, stops building the tree about 255
    levels down: an article wrapped that deep would be lost.  Dropping the
    wrappers below ``max_depth`` keeps its text; block tags that end a line of
    text (``p``, ``br``, headings, list items…) become line breaks.

    >>> flatten_deep_html("<div>" * 3 + "<p>Text</p>" + "</div>" * 3, max_depth=2)
    '<div><div>\\n\\nText\\n\\n</div></div>'
    """
    out: list[str] = []
    depth, last, flattened = 0, 0, False
    for m in _TAG.finditer(html, timeout=patterns.scan_timeout(html)):
        closing, name, self_closing = m.group(1), m.group(2).lower(), m.group(3)
        if name in _VOID or self_closing:
            deep = depth >= max_depth
        elif closing:
            depth = max(0, depth - 1)
            deep = depth >= max_depth
        else:
            deep = depth >= max_depth
            depth += 1
        if deep:
            out.append(html[last : m.start()])
            out.append("\n" if name in _LINE_TAGS else "")
            last, flattened = m.end(), True
    if not flattened:
        return None
    out.append(html[last:])
    return "".join(out)


def load_document(
    raw: str | bytes,
    *,
    url: str | None = None,
    html: bool | None = None,
    charset: str | None = None,
    meta: dict[str, Any] | None = None,
    max_bytes: int = MAX_INPUT_BYTES,
) -> Document:
    """Make the Document the chain will clean; unusable input comes back already dropped.

    Raises ``TypeError`` only when ``raw`` is neither ``str`` nor ``bytes``.
    """
    base: dict[str, Any] = dict(meta or {})
    if url:
        base["url"] = url
    if not isinstance(raw, (str, bytes, bytearray, memoryview)):
        hint = " (read the file first: path.read_bytes())" if isinstance(raw, PurePath) else ""
        raise TypeError(f"clean_article() takes the page as str or bytes, not {type(raw).__name__}{hint}")
    if isinstance(raw, memoryview):
        raw = raw.tobytes()
    if len(raw) > max_bytes:
        return _dropped(base, f"input too large: {len(raw):,} > {max_bytes:,} (raise --max-bytes, or max_bytes in Python, to clean it)")
    fmt = not_text(raw)
    if fmt is not None:
        return _dropped(base, f"input is {fmt}, not text: extract its text first")
    fixes: list[Edit] = []
    if isinstance(raw, (bytes, bytearray)):
        text, how = decode(bytes(raw), charset)
        base["encoding"] = how
    else:
        text = _pair_surrogates(raw, fixes)
    if not text.strip():
        return _dropped(base, "empty input: no text" if not text else "input is only whitespace: no text")
    if looks_binary(text):
        return _dropped(base, "input looks binary (control characters or undecodable bytes)")
    is_html = looks_like_html(text) if html is None else html
    if not is_html:
        base.setdefault("format", "text")
        doc = Document(text, base)
    else:
        base["format"] = "html"
        doc = _from_html(text, url, base)
    doc.edits[:0] = fixes
    return doc


def _pair_surrogates(text: str, fixes: list[Edit]) -> str:
    """``text`` with UTF-16 surrogate pairs joined into their characters and lone surrogates
    replaced by U+FFFD (they cannot be written as UTF-8); the change is recorded in ``fixes``.

    >>> _pair_surrogates("a\\ud83d\\ude00 b\\ud800", [])
    'a😀 b\\ufffd'
    """
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        fixed = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    lone = fixed.count("\ufffd") - text.count("\ufffd")
    reason = f"surrogate code points joined into characters; {lone} lone one(s) replaced by U+FFFD"
    fixes.append(Edit("decode", "replaced", reason=reason))
    return fixed


def _from_html(text: str, url: str | None, base: dict[str, Any]) -> Document:
    """The Document of an HTML page's main text; a page nested too deep for lxml is flattened first."""
    how = "trafilatura"
    try:
        body, found = extract_html(text, url)
        if body is None:
            flat = flatten_deep_html(text)
            if flat is not None:
                body, found = extract_html(flat, url)
                how = f"trafilatura, after flattening tags nested over {MAX_HTML_DEPTH} deep"
    except Exception as exc:  # noqa: BLE001 - malformed HTML must not crash a batch
        return _dropped(base, f"HTML could not be parsed: {type(exc).__name__}: {exc}")
    if body is None:
        return _dropped(base, "no main text found in the HTML page")
    for key, value in found.items():
        base.setdefault(key, value)
    doc = Document(body, base)
    reason = f"HTML page of {len(text):,} characters reduced to its main text ({len(body):,} characters) by {how}"
    doc.edits.append(Edit("extract_html", "replaced", reason=reason))
    return doc


def _dropped(meta: dict[str, Any], reason: str) -> Document:
    doc = Document("", meta)
    doc.step = "input"
    doc.drop(reason)
    return doc
