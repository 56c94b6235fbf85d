"""Turning what a crawler saved (bytes or str, text or HTML) into a Document.

Decisions made here: how bytes are decoded (see :func:`decode`), whether the
input is HTML (then trafilatura extracts the main text and its metadata), and
whether the input is unusable (binary junk, a PDF or other non-text format,
too large, no text at all) — such inputs are returned as dropped documents
with the reason, never as exceptions.  ``docs/robustness.md`` lists every
kind of bad input tried and what happens to it.
"""

from __future__ import annotations

import codecs
from pathlib import PurePath
from typing import Any

import regex

from . import patterns

from .document import Document, Edit

#: Inputs larger than this many bytes (or characters) are dropped with a reason.
MAX_INPUT_BYTES = 64 * 1024 * 1024

#: Bytes looked at to recognise UTF-16/32 without a byte-order mark; the shares of NUL bytes that
#: prove it: in UTF-32's two high bytes, on UTF-16's high-byte side, and at most on the other side.
SNIFF_BYTES = 4096
UTF32_HIGH_NULS = 0.9
UTF16_NULS = 0.1
STRAY_NULS = 0.01

#: HTML nested deeper than this is flattened (lxml, under trafilatura, gives up near 255 levels).
MAX_HTML_DEPTH = 200
#: Characters a second the slowest machine scans for tags: sets the timeout of the whole-page scan.
SCAN_CHARS_PER_SECOND = 2_000_000

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
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
#: Non-ASCII lowercase letters of Western European languages written in windows-1252: a text
#: whose accented letters all belong to one of these is read as cp1252 without a declaration.
_WESTERN_LETTERS = {
    "en": "éèëïöüçñæœâêôà",
    "fr": "àâæçéèêëîïôœùûüÿ",
    "de": "äöüßé",
    "es": "áéíñóúü",
    "pt": "áâãàçéêíóôõú",
    "it": "àèéìíîòóù",
    "ca": "àçèéíïòóú·",
    "nl": "éëïöüèáó",
    "da": "æøåé",
    "sv": "åäöé",
    "fi": "äöåšž",
    "is": "áðéíóúýþæö",
}
#: Punctuation and symbols windows-1252 text commonly holds (curly quotes, dashes, currency...).
_WESTERN_SYMBOLS = frozenset("\u00a0“”‘’‚„–—…•€£¥©®™°±·×÷«»¡¿§¶‹›†‡‰½¼¾²ªº´¨¢")
_META_CHARSET = patterns.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", regex.IGNORECASE)
_HTML_START = patterns.compile(r"<(?:!doctype\s+html|html|head|body)\b", regex.IGNORECASE)
_HTML_TAGS = patterns.compile(r"</?(?:p|div|span|a|br|li|ul|td|tr|table|h[1-6]|article|section|meta|script)\b[^>]*>", regex.IGNORECASE)
_JUNK = patterns.compile(r"[\x00-\x08\x0e-\x1f\ufffd]")
# Tags, for measuring nesting: linear (the class stops at the next "<"), run over the whole page.
_TAG = patterns.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)\b[^<>]*?(/?)>")
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_LINE_TAGS = frozenset("p br div li tr h1 h2 h3 h4 h5 h6 blockquote pre section article".split())


def decode(raw: bytes, charset: str | None = None) -> tuple[str, str]:
    """Decode ``raw`` and return ``(text, how)``; never raises.

    Strong evidence in the bytes comes first and beats any declaration: a
    byte-order mark, the NUL pattern of UTF-16/UTF-32, and valid UTF-8 with
    multi-byte sequences (a page declaring ``iso-8859-1`` or ``utf-16`` whose
    bytes are such UTF-8 is UTF-8).  Then the declared ``charset``, a
    ``<meta charset>`` in the first 4 KB (``utf-16`` there means UTF-8, as in
    browsers; ``iso-8859-1`` and ``ascii`` mean windows-1252), windows-1252 for
    single-byte text whose accented letters are those of one Western language,
    charset detection (charset-normalizer), and finally UTF-8 with replacement
    characters.

    >>> decode("café".encode("cp1252"), "cp1252")
    ('café', 'cp1252 (declared)')
    >>> decode("naïve déjà".encode("cp1252"))
    ('naïve déjà', 'cp1252 (single-byte Western text)')
    >>> decode("“Quoted” – text".encode("utf-8"), "iso-8859-1")[1]
    'utf-8 (valid multi-byte UTF-8, not the declared iso-8859-1)'
    """
    evidence = _strong_evidence(raw)
    if evidence is not None:
        text, name, why = evidence
        declared = charset or _meta_charset(raw)
        if declared and _family(declared) != _family(name):
            why += f", not the declared {declared}"
        return text, f"{name} ({why})"
    for name, how in _declared(raw, charset):
        try:
            return raw.decode(name), f"{codecs.lookup(name).name} ({how})"
        except (LookupError, UnicodeDecodeError):
            continue
    western = _western(raw)
    if western is not None:
        return western, "cp1252 (single-byte Western text)"
    from charset_normalizer import from_bytes

    best = from_bytes(raw[:1_000_000]).best()
    if best is not None and best.encoding:
        try:
            return raw.decode(best.encoding), f"{best.encoding} (detected)"
        except (LookupError, UnicodeDecodeError):
            pass
    return raw.decode("utf-8", errors="replace"), "utf-8 with undecodable bytes replaced by U+FFFD"


def _strong_evidence(raw: bytes) -> tuple[str, str, str] | None:
    """``(text, encoding, why)`` by what the bytes prove on their own: a BOM, a UTF-16/32 NUL pattern, valid UTF-8."""
    for bom, name in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(name), name, "byte-order mark"
            except UnicodeDecodeError:
                break
    wide = _wide_encoding(raw)
    if wide is not None:
        unit = 4 if wide.startswith("utf-32") else 2
        try:  # a last character cut in half is left out
            return raw[: len(raw) - len(raw) % unit].decode(wide), wide, "NUL pattern, no byte-order mark"
        except UnicodeDecodeError:
            pass
    if not raw.isascii():
        try:
            return raw.decode("utf-8"), "utf-8", "valid multi-byte UTF-8"
        except UnicodeDecodeError:
            pass
    return None


def _wide_encoding(raw: bytes) -> str | None:
    """``utf-16-le`` … ``utf-32-be`` when the NULs of the first bytes fall where that encoding puts them.

    UTF-32 puts NULs in the two high bytes of every character (of the BMP);
    UTF-16 in the high byte of every ASCII character (spaces, digits, Latin
    letters), so text in any alphabetic script shows some, all on one side.
    """
    sample = raw[: SNIFF_BYTES - SNIFF_BYTES % 4]
    if len(sample) < 4 or b"\x00" not in sample:
        return None
    share = [sample[i::4].count(0) / len(sample[i::4]) for i in range(4)]
    if min(share[2:]) >= UTF32_HIGH_NULS and share[0] <= STRAY_NULS:
        return "utf-32-le"
    if min(share[:2]) >= UTF32_HIGH_NULS and share[3] <= STRAY_NULS:
        return "utf-32-be"
    even, odd = (share[0] + share[2]) / 2, (share[1] + share[3]) / 2
    if odd >= UTF16_NULS and even <= STRAY_NULS:
        return "utf-16-le"
    if even >= UTF16_NULS and odd <= STRAY_NULS:
        return "utf-16-be"
    return None


def _meta_charset(raw: bytes) -> str | None:
    meta = _META_CHARSET.search(raw[:4096])
    return meta.group(1).decode("ascii", "replace") if meta else None


def _canonical(name: str) -> str | None:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _family(name: str) -> str | None:
    """An encoding's name without byte order or signature: ``utf-16-le`` and ``UTF16`` are both ``utf-16``."""
    canonical = _canonical(name)
    if canonical is None:
        return None
    canonical = canonical.removesuffix("-sig")
    return canonical[:6] if canonical.startswith(("utf-16", "utf-32")) else canonical


def _declared(raw: bytes, charset: str | None) -> list[tuple[str, str]]:
    """The encodings to try, in order, for bytes without strong evidence: declarations, then UTF-8."""
    out = []
    for name, how in ((charset, "declared"), (_meta_charset(raw), "meta charset")):
        canonical = _canonical(name) if name else None
        if canonical is None:
            continue
        if canonical.startswith(("utf-16", "utf-32")):  # no NUL pattern: it is not (browsers: utf-8)
            canonical, how = "utf-8", f"{how} {name}, read as UTF-8 as browsers do"
        elif canonical in ("iso8859-1", "ascii"):  # browsers read both as windows-1252
            out.append(("cp1252", f"{how} {name}, read as windows-1252 as browsers do"))
        out.append((canonical, how))
    out.append(("utf-8", "valid UTF-8"))
    return out


def _western(raw: bytes) -> str | None:
    """``raw`` as windows-1252 when that reads as one Western European language, else ``None``."""
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError:
        return None
    accented = {c for c in set(text.lower()) if not c.isascii() and c not in _WESTERN_SYMBOLS}
    if not accented or any(accented <= set(letters) for letters in _WESTERN_LETTERS.values()):
        return text
    return None


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
    for m in _TAG.finditer(html, timeout=patterns.TIMEOUT + len(html) / SCAN_CHARS_PER_SECOND):
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
    if isinstance(raw, (bytes, bytearray)):
        text, how = decode(bytes(raw), charset)
        base["encoding"] = how
    else:
        text = raw
    if not text.strip():
        return _dropped(base, "empty input: no text" if not text else "input is only whitespace: no text")
    if looks_binary(text):
        return _dropped(base, "input looks binary (control characters or undecodable bytes)")
    is_html = looks_like_html(text) if html is None else html
    if not is_html:
        base.setdefault("format", "text")
        return Document(text, base)
    base["format"] = "html"
    return _from_html(text, url, base)


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
