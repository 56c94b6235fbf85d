"""Rules on a line's shape: captions and credits, timestamps, bylines, leaked markup.

Each rule takes a line's :class:`~.features.Line` row and returns a
:class:`Verdict` (family, stable rule id, evidence) or ``None``.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple, Sequence

import regex

from ...patterns import TIMEOUT
from .features import Line
from .vocabulary import Vocabulary, count_words, fold, line_key, tokens


class Verdict(NamedTuple):
    """Why a line is furniture: its family, the stable id of the rule and the evidence."""

    family: str
    rule: str
    evidence: str


_NUMBER = regex.compile(r"\d+(?:st|nd|rd|th|h|er|e|º|ª|o|am|pm)?\d*\.?")
_CLOCK = regex.compile(r"\b\d{1,2}[:h.]\d{2}\b|\b\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4}\b")
_PIPE_SPLIT = regex.compile(r"\s*\|\s*")
_STAMP_COMPANIONS = {"share", "prompt", "navigation"}
_TIME_OF_DAY = regex.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?\b")
_NUMERIC_DATE = regex.compile(r"\b\d{1,4}[/.\-]\d{1,2}[/.\-]\d{2,4}\b")
YEAR = regex.compile(r"\b(?:19|20)\d\d\b")
_HAS_ALNUM = regex.compile(r"[\p{L}\p{N}]")
_MARKUP_WORD = regex.compile(r"[a-z][a-z0-9]*(?:(?:--?|__?)[a-z0-9]+)+")  # BEM's '__' and '--' too
#: One class name of a class attribute ('btn', 'btn-primary', 'post-meta__date').
_CLASS_TOKEN = regex.compile(r"[a-z][a-z0-9]*(?:(?:--?|__?)[a-z0-9]+)*")
#: A line of class names has at most this many, at least :data:`CLASS_COMPOUNDS` of them joined with - or _.
CLASS_NAMES, CLASS_COMPOUNDS = 8, 2
# Neither pattern can cross a bracket or a tag boundary, so neither backtracks over a long line.
_SHORTCODE = regex.compile(r"\[/?[a-z_]+(?:\s+[a-z_\-]+\s*=\s*[^\[\]]*)?\]")
_HTML_TAG = regex.compile(r"^\s*</?[a-z][a-z0-9]*(?:\s+[a-z\-]+(?:=(?:\"[^\"<>]*\"|'[^'<>]*'|[^\s<>\"']*))?)*+\s*/?>\s*$")
_BRACKET_END = regex.compile(r"\[([^\[\]]{2,80})\]\W*$")
_PAREN_END = regex.compile(r"\(([^()]{2,120})\)\W*$")
_PHOTO_PAREN = regex.compile(
    r"\((?:photo|photograph|picture|image|foto|bild|imagen|immagine|imagem|crédit photo|photo credit)s?"
    r"\s*(?:by|:|©|credit|de|von|di|par)\b[^)]*\)",
    regex.IGNORECASE,
)
_EDITORS_NOTE = regex.compile(r"--\s*EDITOR['’]?S NOTE|RESTRICTED TO EDITORIAL USE|MANDATORY CREDIT", regex.IGNORECASE)
_AP_CAPTION = regex.compile(
    r"^(?:in )?this (?:\w+ ){0,3}(?:photo|photograph|picture|image|handout|screenshot|video grab|frame grab)s?\b"
    r".{0,80}?\b(?:taken|released|distributed|provided|obtained|made available|posted|shared|supplied|issued|shows?)\b",
    regex.IGNORECASE,
)
_MEDIA_LABEL = regex.compile(r"^(?:image|media|photo|video|picture) (?:caption|copyright|source|credit)\b", regex.IGNORECASE)
_CREDIT_HINT = regex.compile(r"\b(?:via|photo|foto|file)\b", regex.IGNORECASE)
_CREDIT_LABEL = regex.compile(
    r"^\W*[\p{L} ]{2,25}?\s*(?::|©|\bby\b|\bvon\b|\bpar\b|\bde\b|\bdi\b|\bdoor\b)\s*\w", regex.IGNORECASE
)
_PHOTO_COPYRIGHT = regex.compile(r"\b(?:photos?|fotos?|images?|pictures?|credit)\s*©", regex.IGNORECASE)
_DASH_UNDERSCORE = regex.compile(r"[-_]")
_NAME_WORD = regex.compile(r"[\p{L}&][\p{L}.'’\-]*")
_NON_WORD = regex.compile(r"[\W_]+")
_NAME = r"(?-i:\p{Lu}[\p{L}.'’\-]*)"
_CONNECTORS = ("and", "&", "und", "et", "y", "e", "en")
#: Words one of which a photo credit in parentheses holds (the regex runs only then).
_PHOTO_WORDS = ("photo", "picture", "image", "foto", "bild", "imag", "crédit")
#: A caption's sentence: at most this many words before a mid-line photo credit for the line to be a caption.
CAPTION_MAX_WORDS = 30
#: A line this long ending in a credit is a paragraph citing its source ('… [via Example News]'), not a caption.
CREDITED_PARAGRAPH_WORDS = 60


def _may_be_number(token: str) -> bool:
    """Whether ``_NUMBER`` can match ``token``: it starts with a digit (any non-ASCII character may be one)."""
    return token[:1].isdigit() or not token[:1].isascii()


def cover(toks: Sequence[str], voc: Vocabulary, kinds: Sequence[str]) -> list[str] | None:
    """Label every token with the vocabulary it belongs to ('num' for numbers); None if one fits none."""
    sets = [(k, voc.vocab[k]) for k in kinds]
    labels: list[str] = []
    i = 0
    while i < len(toks):
        if _may_be_number(toks[i]) and _NUMBER.fullmatch(toks[i], timeout=TIMEOUT):
            labels.append("num")
            i += 1
            continue
        for size in range(min(voc.longest, len(toks) - i), 0, -1):
            chunk = tuple(toks[i : i + size])
            kind = next((k for k, s in sets if chunk in s), None)
            if kind is None and chunk[-1].endswith("."):  # 'Share.' ends a sentence, 'a.m.' is a word
                chunk = (*chunk[:-1], chunk[-1][:-1])
                kind = next((k for k, s in sets if chunk in s), None)
            if kind is not None:
                labels.extend([f"{kind}:{' '.join(chunk)}"] * size)
                i += size
                break
        else:
            return None
    return labels


def _has_agency(text: str, voc: Vocabulary) -> bool:
    agency = voc.vocab["agency"]
    toks = tokens(text)
    return any((t,) in agency or tuple(toks[i : i + 2]) in agency for i, t in enumerate(toks))


def caption(line: Line, voc: Vocabulary) -> Verdict | None:
    """Photo captions and credits: '… [Jane Doe/Reuters]', '(Photo by …)', 'In this photo released by …'."""
    text, words = line.text, line.words
    caption_sized = words < CREDITED_PARAGRAPH_WORDS  # short enough for an ending credit to make it a caption
    m = _BRACKET_END.search(text, timeout=TIMEOUT) if caption_sized and (text.endswith(("]", "].", "]:")) or "]" in text[-4:]) else None
    if m and ("/" in m.group(1) or _CREDIT_HINT.search(m.group(1), timeout=TIMEOUT)) and _has_agency(m.group(1), voc) and count_words(m.group(1)) <= 10:
        return Verdict("caption", "caption.bracket-credit", f"ends in the credit [{m.group(1)}]")
    folded = fold(text) if "(" in text or words <= 15 else ""
    if "(" in text and any(w in folded for w in _PHOTO_WORDS):
        m = _PHOTO_PAREN.search(text, timeout=TIMEOUT)
        # A mid-sentence '(Photo by … / AFP)' inside a long paragraph is a credit inside prose, not a caption line.
        if m and (words <= CAPTION_MAX_WORDS or caption_sized and m.end() >= len(text.rstrip(" .")) - 1):
            return Verdict("caption", "caption.photo-paren", f"photo credit {m.group(0)!r}")
        m = _PAREN_END.search(text, timeout=TIMEOUT) if caption_sized and ")" in text[-4:] else None
        if m and _has_agency(m.group(1), voc) and ("/" in m.group(1) or "photo" in fold(m.group(1))) and count_words(m.group(1)) <= 10:
            return Verdict("caption", "caption.paren-credit", f"ends in the credit ({m.group(1)})")
    upper = text.upper()
    if ("EDITOR" in upper or "RESTRICTED" in upper or "MANDATORY" in upper) and _EDITORS_NOTE.search(text, timeout=TIMEOUT):
        return Verdict("caption", "caption.editors-note", "an editor's note or usage restriction")
    first = line.toks[0] if line.toks else ""
    if first == "this" or first == "in":
        if _AP_CAPTION.match(text, timeout=TIMEOUT):
            return Verdict("caption", "caption.agency-sentence", "'In this photo released by …'")
    if (text[:1] in "iImMpPvV" or not text[:1].isascii()) and _MEDIA_LABEL.match(text, timeout=TIMEOUT):
        return Verdict("caption", "caption.media-label", "'Image caption …' label")
    if line.toks and words <= 6:
        only = cover(line.toks, voc, ("agency",))
        if only is not None and "num" not in only:
            return Verdict("caption", "caption.agency-alone", "an agency name alone on a line")
    if words <= 15:
        second = line.toks[1] if len(line.toks) > 1 else ""
        captioned = (first,) in voc.vocab["caption"] or (first, second) in voc.vocab["caption"]
        if captioned and _CREDIT_LABEL.match(text, timeout=TIMEOUT) and (_has_agency(text, voc) or ":" in text or "©" in text):
            return Verdict("caption", "caption.credit-label", f"photo credit label {first!r}")
        if words <= 10 and ("/" in text or "©" in text) and not line.terminal and _has_agency(text, voc):
            return Verdict("caption", "caption.credit-line", "a short line naming an agency after / or ©")
        if "©" in text and _PHOTO_COPYRIGHT.search(text, timeout=TIMEOUT):
            return Verdict("caption", "caption.photo-copyright", "ends in a photo credit ©")
    return None


def markup(line: Line, voc: Vocabulary) -> Verdict | None:
    """Leaked CSS class or template names, HTML tags and shortcodes.

    A line of class names has two compound names or more, one with three parts, an
    underscore or a digit, and no stop word in any part.

    >>> from .features import line_table
    >>> from .vocabulary import vocabulary
    >>> lines = ["btn btn-primary js-share-toggle", "long-term follow-up care", "state-of-the-art follow-up"]
    >>> [v.rule if v else None for v in (markup(line, vocabulary()) for line in line_table(lines))]
    ['markup.class-names', None, None]
    """
    text = line.text
    if line.words == 1 and ("-" in text or "_" in text) and _MARKUP_WORD.fullmatch(text, timeout=TIMEOUT):
        if _machine_made(text, _DASH_UNDERSCORE.split(text, timeout=TIMEOUT)):
            return Verdict("markup", "markup.class-name", f"a CSS class or template name {text!r}")
    if 2 <= line.words <= CLASS_NAMES and not line.stop_share and ("-" in text or "_" in text) and text.isascii():
        names = text.split()
        parts = [_DASH_UNDERSCORE.split(n, timeout=TIMEOUT) for n in names]
        if (
            sum(len(p) > 1 for p in parts) >= CLASS_COMPOUNDS
            and any(_machine_made(n, p) for n, p in zip(names, parts))
            and all(_CLASS_TOKEN.fullmatch(n, timeout=TIMEOUT) for n in names)
            and not any(w in voc.all_stopwords for p in parts for w in p)  # 'state-of-the-art' is words, not a class
        ):
            return Verdict("markup", "markup.class-names", f"the class names of an element {text!r}")
    if "<" in text and text.rstrip().endswith(">") and _HTML_TAG.match(text, timeout=TIMEOUT):
        return Verdict("markup", "markup.html-tag", "a leaked HTML tag")
    if "[" in text and "]" in text and line.words <= 30:
        codes = _SHORTCODE.findall(text, timeout=TIMEOUT)
        if codes and (_SHORTCODE.fullmatch(text, timeout=TIMEOUT) or any(c.startswith("[/") for c in codes)):
            return Verdict("markup", "markup.shortcode", "leaked shortcodes ('[button …]')")
    return None


def _machine_made(name: str, parts: list[str]) -> bool:
    """A class name no writer would type as a word: three parts or more, an underscore or a digit."""
    return len(parts) >= 3 or "_" in name or any(c.isdigit() for c in name)


@lru_cache(maxsize=16)
def _byline_pattern(words: tuple[str, ...]) -> regex.Pattern[str]:
    lead = "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))
    return regex.compile(
        rf"(?<![\p{{L}}])(?:{lead})\s+{_NAME}(?:[\s,]+(?:{_NAME}|and|&|und|et|y|e|en))*(?:\s*,\s*[\p{{L}} ]{{2,40}})?",
        regex.IGNORECASE | regex.VERSION1,
    )


def byline_span(text: str, voc: Vocabulary) -> tuple[int, int] | None:
    """Where 'By Jane Doe and John Roe' stands in ``text`` (every word after the lead a name or connector)."""
    words = tuple(sorted(" ".join(t) for t in voc.vocab["byline"]))
    if not words:
        return None
    for m in _byline_pattern(words).finditer(text, timeout=TIMEOUT):
        names = m.group(0).split(None, 1)[1] if " " in m.group(0) else ""
        if names and all(w[:1].isupper() or w.lower() in _CONNECTORS for w in _NAME_WORD.findall(names, timeout=TIMEOUT)):
            return m.span()
    return None


def byline(line: Line, voc: Vocabulary, head: int, tail: int) -> Verdict | None:
    """'By Jane Doe' alone on a line, within two lines of an edge."""
    if min(head, tail) > 2 or line.words > 12:
        return None
    span = byline_span(line.text, voc)
    if span and not _NON_WORD.sub("", line.text[: span[0]] + line.text[span[1] :], timeout=TIMEOUT):
        return Verdict("byline", "byline.alone", "a byline alone on a line near an edge")
    return None


#: The name or handle in a post's stamp: at most this many words that no time word covers.
AUTHOR_WORDS = 3
_STAMP_KINDS = ("month", "weekday", "time", "byline", "said")


def _full_stamp(text: str, month: bool) -> bool:
    """A full date with a time of day, a post's stamp: a numeric date, or a year beside a ``month`` name."""
    return bool(_TIME_OF_DAY.search(text, timeout=TIMEOUT) and (
        _NUMERIC_DATE.search(text, timeout=TIMEOUT) or month and YEAR.search(text, timeout=TIMEOUT)))


def _author_stamp(text: str, toks: Sequence[str], voc: Vocabulary) -> Verdict | None:
    """A post's or comment's stamp naming its author: ``'Posted by: jdoe42 at May 3, 2011 7:04 PM'``,
    ``'anna_k on June 2, 2021 at 8:15 am said:'``.  A full date with a time of day, a word saying who
    posted (a byline word or a 'said' word) and, apart from time words, one run of at most
    :data:`AUTHOR_WORDS` words (the name).  Wherever it stands: a thread's stamps sit between comments.
    """
    if not _full_stamp(text, month=True):  # cheap first: could a month make it one?
        return None
    for start in range(len(toks)):
        for size in range(1, AUTHOR_WORDS + 1):
            if start + size > len(toks):
                break
            labels = cover([*toks[:start], *toks[start + size :]], voc, _STAMP_KINDS)
            if labels is None:
                continue
            said = any(lb.startswith(("byline:", "said:")) for lb in labels)
            if said and _full_stamp(text, month=any(lb.startswith("month:") for lb in labels)):
                return Verdict("timestamp", "timestamp.author-stamp", "a post's stamp: its author, a full date and a time of day")
    return None


def timestamp(line: Line, voc: Vocabulary, edge: bool) -> Verdict | None:
    """A date, time, 'Updated 3 hours ago' or '5 min read' alone on a line (a byline may ride along)."""
    if not line.toks or len(line.toks) > 16 or not (line.calendar or line.numbers):
        return None
    text = line.text
    if "|" in text:  # 'Posted at 3:05 PM | Permalink | Comments (2)': judged without its post's buttons
        segments = [seg for seg in _PIPE_SPLIT.split(text, timeout=TIMEOUT) if _HAS_ALNUM.search(seg, timeout=TIMEOUT)]
        kept = [seg for seg in segments if voc.phrases.get(line_key(seg)) not in _STAMP_COMPANIONS]
        if kept and len(kept) < len(segments):
            text = " ".join(kept)
    span = byline_span(text, voc) if line.cap_share else None
    rest = text[: span[0]] + " " + text[span[1] :] if span else text
    rest_tokens = tokens(_NUMERIC_DATE.sub(" 1 ", rest, timeout=TIMEOUT))  # '05-18-2005' is one number, not a word
    if not rest_tokens:
        return None
    labels = cover(rest_tokens, voc, ("month", "weekday", "time"))
    if labels is None:
        return _author_stamp(rest, rest_tokens, voc)
    clock = bool(_CLOCK.search(rest, timeout=TIMEOUT))
    weak = voc.vocab["weak_time"]
    has_num = "num" in labels or clock
    calendar = clock or any(lb.startswith(("month:", "weekday:")) for lb in labels)
    chrome = any(lb.startswith("time:") and tuple(lb[5:].split()) not in weak for lb in labels)
    if not has_num and not (chrome and calendar):
        return None
    if sum(1 for lb in labels if lb.startswith("month:")) > 1 and not chrome:  # a date range is content
        return None
    what = "a timestamp" + (" and byline" if span else "")
    if edge and (chrome or calendar):
        return Verdict("timestamp", "timestamp.edge", f"{what} alone on a line near an edge")
    month = any(lb.startswith("month:") for lb in labels)
    if _full_stamp(rest, month):
        return Verdict("timestamp", "timestamp.post-stamp", f"{what}: a full date with a time of day (a post's stamp)")
    return None
