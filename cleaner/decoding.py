"""Decoding the bytes a crawler saved: what the bytes prove beats what the page declares.

See :func:`decode` for the order of the evidence; ``docs/robustness.md`` for the cases tried.
"""

from __future__ import annotations

import codecs

import regex

from . import patterns

#: Bytes looked at to recognise UTF-16/32 without a byte-order mark; the shares of NUL bytes that
#: prove it: in UTF-32's two high bytes, on UTF-16's high-byte side, and at most on the other side.
SNIFF_BYTES = 4096
UTF32_HIGH_NULS = 0.9
UTF16_NULS = 0.1
STRAY_NULS = 0.01

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
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
