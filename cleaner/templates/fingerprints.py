"""Line fingerprints and site keys: what "the same line on another page of the same site" means.

A line's fingerprint is a 64-bit hash of its *folded* form: accents stripped, case folded,
punctuation and spaces dropped, every number and every month and weekday name masked as ``0``
(the names are in ``cleaner/filters/data/templates/dates.txt``).  So ``L’Express`` and
``LExpress``, or ``Updated 3 March 2024`` and ``Updated 12 May 2025``, are one line.

A document's site is, in order: an explicit ``site`` field in its metadata, the host of its
``url`` (or of trafilatura's ``hostname``), then the folder its file was read from
(``folder`` in its metadata).  Documents with none of these belong to no site and learn nothing.
"""

from __future__ import annotations

import hashlib
import unicodedata
from functools import lru_cache
from typing import Any, Mapping
from urllib.parse import urlsplit

import regex

from ..patterns import TIMEOUT, load_list

#: A folded line needs at least this many letters to be fingerprinted: lines of bare numbers,
#: dates or symbols ("12/03/2024", "* * *") say nothing about a site's template.
MIN_LETTERS = 3

_ACCENTS = regex.compile(r"\p{Mn}+")
_WORD = regex.compile(r"[^\W_]+", regex.VERSION1)
#: A number, with its ordinal ending when the word ends there ("3rd", "1er", "2º" are one "0").
_NUMBER = regex.compile(r"\d+(?:(?:st|nd|rd|th|er|re|eme|e|o|a|º|ª)$)?", regex.VERSION1)


@lru_cache(maxsize=1)
def _date_words() -> frozenset[str]:
    # Read on first use: the data folder's package imports the filters, which import this module.
    return frozenset(load_list("templates/dates.txt"))


def fold(line: str) -> str:
    """The folded form of ``line`` its fingerprint is computed from.

    >>> fold("L’Express — Updated 3rd March 2024, 10:45")
    'lexpressupdated00000'
    >>> fold("LExpress") == fold("l'express") == fold("L’EXPRESS")
    True
    """
    text = line if line.isascii() else _ACCENTS.sub("", unicodedata.normalize("NFKD", line), timeout=TIMEOUT)
    dates = _date_words()
    return "".join(
        "0" if word in dates else word if word.isalpha() else _NUMBER.sub("0", word, timeout=TIMEOUT)
        for word in _WORD.findall(text.casefold(), timeout=TIMEOUT)
    )


def fingerprint(line: str) -> int | None:
    """The 64-bit fingerprint of ``line``, or ``None`` for a line with too few letters to judge.

    >>> fingerprint("Weather   Live Markets") == fingerprint("weather live markets")
    True
    >>> fingerprint("12/03/2024") is None
    True
    """
    folded = fold(line)
    if len(folded) - folded.count("0") < MIN_LETTERS:  # only letters and "0" are left
        return None
    return int.from_bytes(hashlib.blake2b(folded.encode("utf-8"), digest_size=8).digest(), "big")


def fingerprint_id(fp: int) -> str:
    """The fingerprint as the 16 hexadecimal digits the template file and the edits show."""
    return f"{fp:016x}"


def host_of(url: Any) -> str | None:
    """The host of ``url``, lower case, without ``www.`` and port (``None`` when there is none).

    >>> host_of("https://WWW.Example.com:8080/news/1.html"), host_of("example.org/a"), host_of("")
    ('example.com', 'example.org', None)
    """
    if not isinstance(url, str) or not url.strip():
        return None
    url = url.strip()
    if "//" not in url:
        url = "//" + url
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host or any(c.isspace() for c in host):
        return None
    return host[4:] if host.startswith("www.") else host


def site_of(meta: Mapping[str, Any]) -> str | None:
    """The site a document belongs to, from its metadata (see the module docs).

    >>> site_of({"url": "https://www.lexpress.fr/a.html"}), site_of({"folder": "crawl/blog"}), site_of({})
    ('lexpress.fr', 'crawl/blog', None)
    """
    site = meta.get("site")
    if isinstance(site, str) and site.strip():
        return site.strip()
    for key in ("url", "hostname"):
        host = host_of(meta.get(key))
        if host:
            return host
    folder = meta.get("folder")
    return folder if isinstance(folder, str) and folder else None
