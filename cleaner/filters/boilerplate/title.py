"""The headline: ``extract_title`` strips a site suffix, moves the headline out of the body, drops its copies.

Also used by ``remove_boilerplate``, which counts positions without the lines
this step will take out (so a second cleaning sees the same positions).
"""

from __future__ import annotations

import difflib
import unicodedata

import regex

from ...document import Document
from ...patterns import TIMEOUT
from ...registry import document_filter
from .vocabulary import count_words as _words
from .vocabulary import fold as _fold
from .vocabulary import tokens as _tokens

#: A rewritten headline shares more than this share of its own words (4+ letters) with the title.
VARIANT_SHARE = 0.5
_NON_WORD = regex.compile(r"[\W_]+")
_TERMINAL = regex.compile(r"[.!?…:;]['\"”’»)\]]*\s*$")
_SENTENCE_END = regex.compile(r"\.['\"”’»)]*\s*$")
_CLAUSE_END = regex.compile(r"[.,;:]['\"”’»)]*$")
_TITLE_SEP = regex.compile(r"\s+(?:\||–|—|-|::|»|·|•|/)\s+")


def _punctuation_table() -> dict[int, None]:
    """Non-ASCII punctuation and symbols ``alnum`` deletes whatever surrounds them (quotes, dashes, ``€``).

    Taken from the pattern itself: characters it drops (once folded) that neither decompose nor combine
    with a neighbour, so deleting them first changes no result.
    """
    chars = (chr(c) for c in (*range(0x80, 0x100), *range(0x2000, 0x2070), *range(0x20A0, 0x20C1)))
    return {
        ord(c): None
        for c in chars
        if _NON_WORD.fullmatch(_fold(c), timeout=TIMEOUT) and unicodedata.normalize("NFD", c) == c and not unicodedata.combining(c)
    }


_PUNCTUATION = _punctuation_table()
_ASCII_NON_ALNUM = bytes(b for b in range(128) if not chr(b).isalnum())


def alnum(text: str) -> str:
    """Letters and digits only, case-folded: the form headlines are compared in.

    Text that is ASCII once typographic punctuation is deleted (most lines of most pages) takes
    a byte-level path with the same result; other text goes through the pattern.

    >>> alnum("“Prices rose” – 3 per cent.")
    'pricesrose3percent'
    """
    if not text.isascii():
        plain = text.translate(_PUNCTUATION)
        if not plain.isascii():
            return _NON_WORD.sub("", _fold(text), timeout=TIMEOUT)
        text = plain
    return text.lower().encode("ascii").translate(None, _ASCII_NON_ALNUM).decode("ascii")


def strip_site_suffix(title: str, sitename: str | None = None) -> str:
    """The title without a site-name suffix (or prefix): ``"Big news | News"`` → ``"Big news"``.

    The last separated segment goes when it is short (at most 5 words) and the
    rest is longer; a segment equal to the site's name goes wherever it is.

    >>> strip_site_suffix("Hanoi, this faithful ally – L’Express")
    'Hanoi, this faithful ally'
    """
    parts = _TITLE_SEP.split(title.strip(), timeout=TIMEOUT)
    if len(parts) < 2:
        return title.strip()
    seps = _TITLE_SEP.findall(title.strip(), timeout=TIMEOUT)
    if sitename:
        site = alnum(sitename)
        keep = [i for i, p in enumerate(parts) if alnum(p) != site]
        if keep and len(keep) < len(parts):
            parts = [parts[i] for i in keep]
            seps = seps[: len(parts) - 1]
    while len(parts) >= 2:
        last, head = parts[-1], " ".join(parts[:-1])
        if _words(last) <= 5 and len(last) <= 40 and _words(head) >= 2 and len(head) > len(last):
            parts, seps = parts[:-1], seps[:-1]
        else:
            break
    out = parts[0]
    for sep, part in zip(seps, parts[1:]):
        out += sep + part
    return out.strip()


#: Two forms of a headline share at least this share of their characters (difflib's ratio).
HEADLINE_SIMILARITY = 0.9


def same_headline(line: str, title: str, sitename: str | None) -> bool:
    a, b = alnum(strip_site_suffix(line, sitename)), alnum(title)
    if not a or not b:
        return False
    if alnum(line) == b:
        return True
    if _SENTENCE_END.search(line, timeout=TIMEOUT):  # a sentence, not a headline: only an exact copy counts
        return False
    if a == b:
        return True
    if min(len(a), len(b)) >= 20 and (a.startswith(b) or b.startswith(a)) and abs(len(a) - len(b)) <= 0.25 * max(len(a), len(b)):
        return True
    # The ratio is never above its two cheap upper bounds (difflib's real_quick_ratio and quick_ratio):
    # a long paragraph is not compared character by character with a short title (quadratic).
    if 2.0 * min(len(a), len(b)) / (len(a) + len(b)) < HEADLINE_SIMILARITY:
        return False
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return matcher.quick_ratio() >= HEADLINE_SIMILARITY and matcher.ratio() >= HEADLINE_SIMILARITY


def looks_like_headline(line: str, following: str | None) -> bool:
    """A short unpunctuated line followed by prose (or by itself again, in another form).

    Requiring prose after it keeps the decision stable: once the headline is
    moved out, the new first line is prose, so cleaning again moves nothing.
    """
    words = _words(line)
    if following is None or words < 2 or words > 25 or len(line) > 200:
        return False  # a text that is one line has no headline apart from its body
    if _CLAUSE_END.search(line, timeout=TIMEOUT):
        return False
    follow_words = _words(following)
    if follow_words >= 12 and _TERMINAL.search(following, timeout=TIMEOUT) and follow_words > 2 * words:
        return True
    stripped = strip_site_suffix(line)
    return bool(_TITLE_SEP.search(line, timeout=TIMEOUT)) and stripped != line.strip() and same_headline(following, stripped, None)


def _variant_headline(line: str, title: str, following: str | None) -> bool:
    """A headline-shaped first line sharing most of its own words with the title (a rewritten headline).

    Most of the line's words, not of the shorter of the two: a teaser naming two
    words of a long title (``"PS4 Controller in Crystal for $39.99"`` under
    ``"Daily Deals: … Including PS4 DualShock Controller, …"``) is a line of its own.
    """
    if not looks_like_headline(line, following):
        return False
    words = {w for w in _tokens(line) if len(w) > 3}
    others = {w for w in _tokens(title) if len(w) > 3}
    shared = len(words & others) + len({w[:4] for w in words - others} & {w[:4] for w in others - words})
    return shared >= 2 and shared > VARIANT_SHARE * len(words)


@document_filter(family="title")
def extract_title(doc: Document, *, head_lines: int = 3, strip_suffix: bool = True, move_headline: bool = True) -> None:
    """Make the headline metadata: strip its site suffix, move it out of the body, drop its copies.

    ``"Why does Putin visit Vietnam? | News"`` + body → ``meta["title"] =
    "Why does Putin visit Vietnam?"`` and the body without that line (nor
    ``"Why does Putin visit Vietnam | News"`` printed again below it).

    * ``head_lines``: how many first lines may be the headline or its copies.
    * ``strip_suffix``: strip a site-name suffix from ``meta["title"]``.
    * ``move_headline``: when there is no title yet, a first line that is
      plainly a headline (a site suffix, or a short unpunctuated line
      followed by prose) becomes the title.
    """
    sitename = doc.meta.get("sitename") if isinstance(doc.meta.get("sitename"), str) else None
    title = doc.meta.get("title")
    if isinstance(title, str) and title.strip():
        clean = strip_site_suffix(title, sitename) if strip_suffix else title.strip()
        if clean != title:
            doc.tag("title", clean, f"stripped the site name from the title {title!r}", "title")
        title = clean
    else:
        title = None
    # A headline needs a body under it: at least one sentence-like paragraph after the first line.
    if not any(_words(p) >= 8 and _TERMINAL.search(p, timeout=TIMEOUT) for p in doc.paragraphs[1:]):
        return
    if title is None and move_headline:
        first, following = doc.paragraphs[0], _line_after(doc.paragraphs, 0)
        if looks_like_headline(first, following):
            candidate = strip_site_suffix(first, sitename) if strip_suffix else first.strip()
            rest = doc.paragraphs[1:]
            gone = {k for k, _ in _copies(rest, candidate, sitename, head_lines, move_headline)}
            left = [p for k, p in enumerate(rest) if k not in gone]
            # When the line left first would look like a headline too, a second cleaning would move
            # it: then neither moves (a body line is not lost to the title).
            if not (left and looks_like_headline(left[0], _line_after(left, 0))):
                title = candidate
                doc.tag("title", title, f"the first line {first!r} is the headline", "title")
                doc.remove(0, "the headline, moved to the title", "title")
    if not title:
        return
    copies = _copies(doc.paragraphs, title, sitename, head_lines, move_headline)
    for k, reason in reversed(copies):
        doc.remove(k, reason, "title")
    if copies:  # recorded last first; put the edits back in document order
        doc.edits[-len(copies) :] = doc.edits[-len(copies) :][::-1]


def _line_after(paragraphs: list[str], k: int) -> str | None:
    return paragraphs[k + 1] if k + 1 < len(paragraphs) else None


def _copies(paragraphs: list[str], title: str, sitename: str | None, head_lines: int, variants: bool) -> list[tuple[int, str]]:
    """The headline's copies among the first ``head_lines`` lines that stay: (index, reason), in order.

    The lines counted are those kept, so a run of copies at the top goes whole (a
    second cleaning would find the next one among its first lines).
    """
    out: list[tuple[int, str]] = []
    kept = 0
    for k, line in enumerate(paragraphs):
        if kept >= head_lines:
            break
        if same_headline(line, title, sitename):
            out.append((k, f"the headline again (the title is {title!r})"))
        elif not kept and variants and _variant_headline(line, title, _line_after(paragraphs, k)):
            out.append((k, f"a second form of the headline (the title is {title!r})"))
        else:
            kept += 1
    return out


def headline_lines(paragraphs: list[str], title: str | None, memo: dict | None = None) -> set[int]:
    """The first lines that :func:`extract_title` will take out as the headline (they do not count as body).

    ``memo``: a document's dict of the answers so far (each round and pass of the step asks again
    about the same first lines, and comparing a long paragraph with the title is not cheap).
    """
    if memo is None:
        return _headline_lines(paragraphs, title)
    key = (tuple(paragraphs), title)
    if key not in memo:
        memo[key] = frozenset(_headline_lines(paragraphs, title))
    return set(memo[key])


def _headline_lines(paragraphs: list[str], title: str | None) -> set[int]:
    out: set[int] = set()
    if not paragraphs:
        return out
    first = paragraphs[0]
    if title is None and looks_like_headline(first, paragraphs[1] if len(paragraphs) > 1 else None):
        title = strip_site_suffix(first)
        out.add(0)
    if title:
        out.update(i for i, p in enumerate(paragraphs[:3]) if same_headline(p, title, None))
    return out
