"""Boilerplate family: page furniture that crawlers leave in article text.

Steps, in the order the default chain runs them:

* ``remove_duplicate_paragraphs`` — repeated paragraphs (exact and near
  duplicates): the first is kept.  It runs first so that the furniture judged
  next is judged on the document a second cleaning would see.
* ``remove_boilerplate`` — lines that are furniture, by family: ``share``
  (share buttons, icon rows), ``navigation`` (page chrome, nav bars,
  breadcrumbs, tag labels), ``promo`` (cross-links and teasers: ``READ ALSO:
  …``, ``Related``, ``Lire aussi``, and the link lists under them), ``prompt``
  (comment, newsletter, subscription, paywall, cookie, app and ad prompts),
  ``caption`` (photo captions and credits), ``markup`` (leaked CSS class or
  template names, shortcodes), ``link`` (bare URLs, e-mail addresses and
  handles), ``timestamp`` (``Updated 3 hours ago``, ``5 min read``, dates
  alone on a line; a full date with a time of day, a post's stamp, wherever
  it stands), ``byline`` (``By Jane Doe`` alone on a line), ``credit``
  (``X contributed to this report``, ``Source: …``) and ``copyright``.
  Furniture glued to the start or end of a real paragraph is cut at the
  seam (``…in March.scroll to top`` → ``…in March.``).
* ``extract_title`` — the headline: a site-name suffix is stripped from
  ``meta["title"]``; a first line that is the headline moves to
  ``meta["title"]`` and out of the body; the headline printed twice in
  different forms is dropped.

How a line is judged: by its vocabulary (phrase families per language in
``data/boilerplate/<lang>.txt``, applied to every document), its shape (words,
terminal punctuation, separators such as ``|`` ``»`` ``>``), and its
position: furniture clusters at the head and tail, so evidence that is weak
on its own (a date alone on a line, a nav-bar word, a prompt sentence) only
counts within ``edge_lines`` of either end (counted past other furniture and
the headline, judged until nothing changes); mid-article lines need strong
evidence (the whole line is a known phrase, a teaser prefix, an agency
credit, a full date with a time of day).  A vertical menu — three or more
layout-table rows of one short link each — goes when it reaches an edge.
Short real lines — headings, one-line quotes, short sentences — carry none
of that evidence and stay.
"""

from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable, Mapping, Sequence

import regex

from ..document import Document
from ..patterns import TIMEOUT, data_files, load_list, phrase_union
from ..registry import Drop, ParagraphContext, Rewrite, document_filter, paragraph_filter

#: The families ``remove_boilerplate`` knows, each switchable with its ``families`` parameter.
FAMILIES = (
    "share",
    "navigation",
    "promo",
    "prompt",
    "caption",
    "markup",
    "link",
    "timestamp",
    "byline",
    "credit",
    "copyright",
)
#: Phrase families whose entries are whole lines, teaser prefixes or phrases inside a line.
PHRASE_FAMILIES = ("share", "navigation", "promo", "prompt", "credit", "copyright")
#: Vocabularies: words that make up icon rows, nav bars, timestamps, bylines and credits.
VOCABULARIES = ("social", "nav", "time", "month", "weekday", "byline", "caption", "agency")

# One-word navigation phrases that label a list of links: 'Tags: …', 'Filed under: …'.
_LABELS = {"tags", "topics", "labels", "categories", "category", "tagged", "themen", "étiquettes", "etiquetas", "tag"}
_BYLINE_END = {"by", "par", "von", "por", "di", "door", "de"}
# Connectors of timestamps that are no evidence of a timestamp on their own.
_WEAK_TIME = {
    "on", "at", "and", "of", "le", "la", "à", "de", "del", "las", "as", "às", "e", "y", "et", "il", "di",
    "am", "pm", "um", "op", "om", "h", "a.m.", "p.m.", "alle", "a las", "the", "vor", "stand",
}
_CTA_VERBS = {
    "follow", "like", "join", "find", "connect", "email", "e-mail", "reach", "contact", "listen", "subscribe",
    "sign", "register", "download", "get", "watch", "visit", "check", "suivez",
    "abonnez-vous", "inscrivez-vous", "téléchargez", "rejoignez", "retrouvez", "folgen", "folge", "abonnieren",
    "laden", "síguenos", "sigue", "suscríbete", "descarga", "seguici", "segui", "iscriviti",
    "scarica", "siga", "assine", "inscreva-se", "baixe", "volg", "abonneer", "meld", "download",
}
# Share-row words that are also ordinary words: no evidence of a call to action.
_GENERIC_SOCIAL = {"share", "tweet", "comment", "comments", "print", "copy", "mail", "email", "e-mail", "sms", "pocket", "line", "x"}
_CTA_OBJECTS = {
    "newsletter", "newsletters", "inbox", "app", "podcast", "podcasts", "nieuwsbrief", "boletín", "infolettre",
}

_TOKEN = regex.compile(r"[\p{L}\p{N}]+(?:['.+\-][\p{L}\p{N}]+)*[.+]?|@\w+")
_NUMBER = regex.compile(r"\d+(?:st|nd|rd|th|h|er|e|º|ª|o|am|pm)?\d*\.?")
_KEY_STRIP = regex.compile(r"^[\W_\d]+|[\W_]+$")
_KEY_COUNT = regex.compile(r"\(\s*\d+\s*\)|\b\d+\b")
_KEY_SEPARATOR = regex.compile(r"\s+[-–—|·•:»]+\s+")
_SPACES = regex.compile(r"\s+")
_TERMINAL = regex.compile(r"[.!?…:;]['\"”’»)\]]*\s*$")
_CLOCK = regex.compile(r"\b\d{1,2}[:h.]\d{2}\b|\b\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4}\b")
_PIPE_SPLIT = regex.compile(r"\s*\|\s*")
# Phrase families of the buttons printed next to a post's stamp ('| Permalink | Comments (2)').
_STAMP_COMPANIONS = {"share", "prompt", "navigation"}
# A time of day with a colon ('14:05', '2:17 PM') and a full date with its year: a post's stamp wherever it stands.
_TIME_OF_DAY = regex.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?\b")
_NUMERIC_DATE = regex.compile(r"\b\d{1,4}[/.\-]\d{1,2}[/.\-]\d{2,4}\b")
_URLISH = regex.compile(
    r"(?:https?://|www\.)\S+|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b|(?<!\w)@\w{2,}|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|co\.uk|io|fr|de|es|it|pt|nl|br)(?:/\S*)?"
)
_MARKUP_WORD = regex.compile(r"[a-z][a-z0-9]*(?:[-_][a-z0-9]+)+")
_SHORTCODE = regex.compile(r"\[/?[a-z_]+(?:\s+[a-z_\-]+\s*=\s*[^\]]*)?\]")
_HTML_TAG = regex.compile(r"^\s*</?[a-z][a-z0-9]*(?:\s+[a-z\-]+(?:=[^<>]*)?)*\s*/?>\s*$")
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
_LINK_CAPS = regex.compile(r"\[(?:\p{Lu}{3,}|\p{Lu}+ \p{Lu}+)\]\W*$")
_SEPARATORS = regex.compile(r"\s+[|·•»›>]\s+|\s+[|·•»›>]$|^[|·•»›>]\s+")
_COPYRIGHT_START = regex.compile(
    r"^\W*(?:©|\(c\)|copyright\s*(?:©|\(c\)|\d{4})|copyright\s+\p{Lu})", regex.IGNORECASE | regex.VERSION1
)
_SOURCE_LINE = regex.compile(r"^\W*(?:source|sources|quelle|quellen|fuente|fuentes|fonte|fontes|bron|bronnen)\s*:\s*", regex.IGNORECASE)
_LABEL = regex.compile(r"^[\p{L}\p{N}'’ ]{1,30}:\s*")
_SEGMENT_SPLIT = regex.compile(r"\s*[|·•»›>/]\s*")
_SEP_CHAR = regex.compile(r"[|·•»›>]")
_HAS_ALNUM = regex.compile(r"[\p{L}\p{N}]")
_CRUMB = regex.compile(r"[»›>]")
_NAME_WORD = regex.compile(r"[\p{L}&][\p{L}.'’\-]*")
_NON_WORD = regex.compile(r"[\W_]+")
_CREDIT_HINT = regex.compile(r"\b(?:via|photo|foto|file)\b", regex.IGNORECASE)
_CREDIT_LABEL = regex.compile(
    r"^\W*[\p{L} ]{2,25}?\s*(?::|©|\bby\b|\bvon\b|\bpar\b|\bde\b|\bdi\b|\bdoor\b)\s*\w", regex.IGNORECASE
)
_PHOTO_COPYRIGHT = regex.compile(r"\b(?:photos?|fotos?|images?|pictures?|credit)\s*©", regex.IGNORECASE)
_DASH_UNDERSCORE = regex.compile(r"[-_]")
_LINK_LEFTOVER = regex.compile(r"[\W_]+|\b(?:and|or|et|und|y|e|en|ou|oder|o)\b", regex.IGNORECASE)
_YEAR = regex.compile(r"\b(?:19|20)\d\d\b")
_BULLET = regex.compile(r"^\s*[-•*·–]\s")
_CELL_SPLIT = regex.compile(r"(?<!\\)\|")
_WORDCHAR = regex.compile(r"\w")
_DIGIT = regex.compile(r"\d")
_DATA_NEIGHBOUR = regex.compile(r"\d|^\|[\s:|-]+\|$")
_SENTENCE_END = regex.compile(r"\.['\"”’»)]*\s*$")
_CLAUSE_END = regex.compile(r"[.,;:]['\"”’»)]*$")


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold().replace("’", "'").replace("‘", "'").replace("`", "'")


def line_key(line: str) -> str:
    """The form a line is compared to phrase lists in: case-folded, counts and edge punctuation gone.

    >>> line_key("  » Comments (12) ")
    'comments'
    """
    key = _KEY_COUNT.sub(" ", _fold(line).replace("(s)", "s"))
    key = _KEY_SEPARATOR.sub(" ", _KEY_STRIP.sub("", key))
    return _SPACES.sub(" ", key).strip()


def _words(text: str) -> int:
    """Words in ``text``: whitespace-separated tokens with a letter or digit (a lone ``)`` or ``–`` is not a word).

    Counting this way makes a decision independent of punctuation spacing, which later
    repairs change (``"Home ) , News"`` and ``"Home), News"`` both have two words).
    """
    return sum(1 for token in text.split() if _HAS_ALNUM.search(token))


def _tokens(line: str) -> list[str]:
    return _TOKEN.findall(_fold(line))


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: one instance per configuration
class Vocabulary:
    """Every phrase and word list of the family, compiled once."""

    phrases: Mapping[str, str]  # line key -> family
    vocab: Mapping[str, frozenset[tuple[str, ...]]]  # vocabulary -> token tuples
    longest: int
    prefix: regex.Pattern[str]  # teasers and labels: "Read more: …", "Filed under: …"
    prefix_family: Mapping[str, str]
    contains: regex.Pattern[str]  # prompt, copyright and credit phrases inside a short line
    contains_family: Mapping[str, str]
    credit_start: regex.Pattern[str]
    seam_tail: regex.Pattern[str]
    seam_head: regex.Pattern[str]


def _entries(extra: Mapping[str, Sequence[str]]) -> list[tuple[str, str]]:
    out = []
    for name in data_files("boilerplate"):
        for line in load_list(f"boilerplate/{name}"):
            family, sep, phrase = line.partition(": ")
            if sep and phrase.strip():
                out.append((family.strip(), phrase.strip()))
    for family, phrases in extra.items():
        out.extend((family, p) for p in phrases)
    return out


def build_vocabulary(extra: Mapping[str, Sequence[str]] | None = None) -> Vocabulary:
    """Compile the phrase families of ``data/boilerplate/`` plus ``extra`` (family -> phrases)."""
    phrases: dict[str, str] = {}
    vocab: dict[str, set[tuple[str, ...]]] = {v: set() for v in VOCABULARIES}
    for family, phrase in _entries(extra or {}):
        if family in vocab:
            vocab[family].add(tuple(_tokens(phrase)))
        elif family in PHRASE_FAMILIES:
            key = line_key(phrase)
            if key:
                phrases[key] = family
    prefix_family = {
        p: f for p, f in phrases.items() if (f == "promo" and len(p) > 3) or (f == "navigation" and (" " in p or p in _LABELS))
    }
    contains_family = {}
    credit_starts = []
    for p, f in phrases.items():
        words = p.split()
        if f == "credit":
            credit_starts.append(p)
            if len(words) >= 2 and words[-1] not in _BYLINE_END:
                contains_family[p] = f
        elif f in ("prompt", "copyright") and len(words) >= 3:
            contains_family[p] = f
    seam = [p for p, f in phrases.items() if f in ("share", "navigation", "prompt") and (_words(p) >= 2 or f == "share")]
    seam_alt = phrase_union(seam).pattern
    return Vocabulary(
        phrases=phrases,
        vocab={k: frozenset(v) for k, v in vocab.items()},
        longest=max((len(t) for v in vocab.values() for t in v), default=1),
        prefix=regex.compile(
            rf"^[\W_]*(?P<p>{phrase_union(prefix_family).pattern})\s*(?:[:»>|–—]|\s-)\s*(?P<rest>\S.*)$",
            regex.IGNORECASE | regex.VERSION1,
        ),
        prefix_family=prefix_family,
        contains=regex.compile(rf"(?<!\w)(?P<p>{phrase_union(contains_family).pattern})(?!\w)", regex.IGNORECASE | regex.VERSION1),
        contains_family=contains_family,
        credit_start=regex.compile(rf"^[\W_]*(?:{phrase_union(credit_starts).pattern})(?!\w)", regex.IGNORECASE | regex.VERSION1),
        seam_tail=regex.compile(
            rf"(?<=[.!?…\"'”’)\]])\s*(?P<p>{seam_alt})[\s.!:…]*$", regex.IGNORECASE | regex.VERSION1
        ),
        seam_head=regex.compile(rf"^(?P<p>{seam_alt})(?:\s*[.:|]\s*)?(?-i:(?=\p{{Lu}}))", regex.IGNORECASE | regex.VERSION1),
    )


@lru_cache(maxsize=16)
def _vocabulary(extra: tuple[tuple[str, tuple[str, ...]], ...]) -> Vocabulary:
    return build_vocabulary(dict(extra))


@lru_cache(maxsize=16)
def _user_patterns(patterns: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[tuple[str, regex.Pattern[str]], ...]:
    return tuple((family, regex.compile(p, regex.IGNORECASE | regex.VERSION1)) for family, ps in patterns for p in ps)


def _cover(tokens: Sequence[str], voc: Vocabulary, kinds: Iterable[str]) -> list[str] | None:
    """Label every token with the vocabulary it belongs to ('num' for numbers); None if one fits none."""
    sets = [(k, voc.vocab[k]) for k in kinds]
    labels: list[str] = []
    i = 0
    while i < len(tokens):
        if _NUMBER.fullmatch(tokens[i]):
            labels.append("num")
            i += 1
            continue
        for size in range(min(voc.longest, len(tokens) - i), 0, -1):
            chunk = tuple(tokens[i : i + size])
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


# ---------------------------------------------------------------------------
# The judges, one per family: each returns a reason when the line is furniture.
# ``edge`` is true when the line is within ``edge_lines`` of either end.
# ---------------------------------------------------------------------------
def _judge_phrase(line: str, key: str, voc: Vocabulary, edge: bool, words: int) -> tuple[str, str] | None:
    family = voc.phrases.get(key)
    if family is not None:
        if family in ("navigation", "promo") and _words(key) <= 2 and not edge:
            return None  # 'Related', 'See also', 'Next' in mid-text may be a real heading
        return family, f"the line is the {family} phrase {key!r}"
    m = voc.prefix.match(line, timeout=TIMEOUT)
    if m and _words(m.group("rest")) <= 30:
        phrase = line_key(m.group("p"))
        family = voc.prefix_family.get(phrase, "promo")
        if family == "promo" or edge:
            return family, f"{family} label {m.group('p').strip()!r} followed by a link"
    return None


def _judge_contains(line: str, voc: Vocabulary, ctx: ParagraphContext, edge_lines: int, words: int) -> tuple[str, str] | None:
    if words > 40 or ctx.edge_distance >= edge_lines:
        return None
    m = voc.contains.search(line, timeout=TIMEOUT)
    if m:
        phrase = line_key(m.group("p"))
        family = voc.contains_family.get(phrase)
        if family == "credit" and ctx.from_end >= edge_lines:
            return None
        if family:
            return family, f"short {family} line near the edge of the text ({m.group('p')!r})"
    if ctx.from_end < edge_lines and voc.credit_start.match(line, timeout=TIMEOUT) and words <= 60:
        return "credit", "a reporting/editing credit at the end of the text"
    return None


def _judge_cta(tokens: list[str], line: str, voc: Vocabulary, ctx: ParagraphContext, edge_lines: int, words: int) -> tuple[str, str] | None:
    """A call to action near the end: 'Follow us on Twitter', 'Subscribe to the X newsletter'."""
    if ctx.from_end >= edge_lines or words > 40 or not tokens or tokens[0] not in _CTA_VERBS or not line[:1].isalpha():
        return None
    social = voc.vocab["social"]
    if any(((t,) in social and t not in _GENERIC_SOCIAL) or t in _CTA_OBJECTS for t in tokens[1:]) or _URLISH.search(line, timeout=TIMEOUT):
        return "prompt", "a call to follow, subscribe or download at the end of the text"
    return None


def _judge_vocab_row(tokens: list[str], line: str, voc: Vocabulary, edge: bool) -> tuple[str, str] | None:
    """Icon rows ('Facebook Twitter WhatsApp Email') and nav bars ('Weather Live Markets')."""
    if not tokens or len(tokens) > 20:
        return None
    labels = _cover(tokens, voc, ("social",))
    if labels is not None and "num" not in labels and (len(set(labels)) >= 2 or edge):
        return "share", "a row of share buttons"
    if edge and not _TERMINAL.search(line):
        labels = _cover(tokens, voc, ("nav", "social"))
        if labels is not None and "num" not in labels and (len(set(labels)) >= 2 or len(tokens) == 1):
            return "navigation", "a navigation bar of section names"
    return None


def _judge_separators(line: str, edge: bool) -> tuple[str, str] | None:
    """Breadcrumbs and menus: short segments between separators ('Home » News » World')."""
    if not edge or _TERMINAL.search(line) or (line.startswith("|") and line.endswith("|")):
        return None
    parts = [p for p in _SEGMENT_SPLIT.split(line) if p.strip()]
    seps = len(_SEP_CHAR.findall(line))
    if seps >= 1 and len(parts) >= 2 and all(_words(p) <= 4 for p in parts):
        if seps >= 2 or _CRUMB.search(line):
            return "navigation", "a breadcrumb or menu: short items between separators"
    return None


def _judge_timestamp(tokens: list[str], line: str, voc: Vocabulary, edge: bool) -> tuple[str, str] | None:
    """A date, time, 'Updated 3 hours ago' or '5 min read' alone on a line (a byline may ride along)."""
    if not tokens or len(tokens) > 16:
        return None
    if "|" in line:  # 'Posted at 3:05 PM | Permalink | Comments (2)': judged without its post's buttons
        segments = [seg for seg in _PIPE_SPLIT.split(line) if _HAS_ALNUM.search(seg)]
        kept = [seg for seg in segments if voc.phrases.get(line_key(seg)) not in _STAMP_COMPANIONS]
        if kept and len(kept) < len(segments):
            line = " ".join(kept)
    byline = _byline_span(line, voc)
    rest = line[: byline[0]] + " " + line[byline[1] :] if byline else line
    rest_tokens = _tokens(_NUMERIC_DATE.sub(" 1 ", rest))  # '05-18-2005' is one number, not a word
    if not rest_tokens:
        return None
    labels = _cover(rest_tokens, voc, ("month", "weekday", "time"))
    if labels is None:
        return None
    has_num = "num" in labels or bool(_CLOCK.search(rest))
    calendar = any(lb.startswith(("month:", "weekday:")) for lb in labels) or bool(_CLOCK.search(rest))
    chrome = any(lb.startswith("time:") and lb[5:] not in _WEAK_TIME for lb in labels)
    if not has_num and not (chrome and calendar):
        return None
    if sum(1 for lb in labels if lb.startswith("month:")) > 1 and not chrome:  # a date range is content
        return None
    if edge and (chrome or calendar):
        what = "a timestamp" + (" and byline" if byline else "")
        return "timestamp", f"{what} alone on a line"
    month = any(lb.startswith("month:") for lb in labels)
    if _TIME_OF_DAY.search(rest) and (_NUMERIC_DATE.search(rest) or (month and _YEAR.search(rest))):
        what = "a date and time of day" + (" and byline" if byline else "")
        return "timestamp", f"{what} alone on a line (a post's stamp)"
    return None


_NAME = r"(?-i:\p{Lu}[\p{L}.'’\-]*)"


@lru_cache(maxsize=16)
def _byline_pattern(words: tuple[str, ...]) -> regex.Pattern[str]:
    lead = "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))
    return regex.compile(
        rf"(?<![\p{{L}}])(?:{lead})\s+{_NAME}(?:[\s,]+(?:{_NAME}|and|&|und|et|y|e|en))*(?:\s*,\s*[\p{{L}} ]{{2,40}})?",
        regex.IGNORECASE | regex.VERSION1,
    )


def _byline_span(line: str, voc: Vocabulary) -> tuple[int, int] | None:
    words = tuple(sorted(" ".join(t) for t in voc.vocab["byline"]))
    if not words:
        return None
    pattern = _byline_pattern(words)
    for m in pattern.finditer(line, timeout=TIMEOUT):
        names = m.group(0).split(None, 1)[1] if " " in m.group(0) else ""
        # Every word after the lead is a capitalised name or a connector: 'By Jane Doe and John Roe'.
        if names and all(w[:1].isupper() or w.lower() in ("and", "&", "und", "et", "y", "e", "en") for w in _NAME_WORD.findall(names)):
            return m.span()
    return None


def _judge_byline(line: str, voc: Vocabulary, ctx: ParagraphContext, words: int) -> tuple[str, str] | None:
    if ctx.edge_distance > 2 or words > 12:
        return None
    span = _byline_span(line, voc)
    if span and not _NON_WORD.sub("", line[: span[0]] + line[span[1] :]):
        return "byline", "a byline alone on a line"
    return None


def _judge_caption(tokens: list[str], line: str, voc: Vocabulary, words: int) -> tuple[str, str] | None:
    agency = voc.vocab["agency"]

    def has_agency(text: str) -> bool:
        toks = _tokens(text)
        return any((t,) in agency or tuple(toks[i : i + 2]) in agency for i, t in enumerate(toks))

    m = _BRACKET_END.search(line, timeout=TIMEOUT)
    if m and ("/" in m.group(1) or _CREDIT_HINT.search(m.group(1))) and has_agency(m.group(1)) and _words(m.group(1)) <= 10:
        return "caption", f"a photo caption ending in the credit [{m.group(1)}]"
    if _PHOTO_PAREN.search(line, timeout=TIMEOUT) or _EDITORS_NOTE.search(line, timeout=TIMEOUT):
        return "caption", "a photo caption with photo credit or editor's note"
    m = _PAREN_END.search(line, timeout=TIMEOUT)
    if m and has_agency(m.group(1)) and ("/" in m.group(1) or "photo" in _fold(m.group(1))) and _words(m.group(1)) <= 10:
        return "caption", f"a photo caption ending in the credit ({m.group(1)})"
    if _AP_CAPTION.match(line, timeout=TIMEOUT):
        return "caption", "a photo caption ('In this photo released by …')"
    if _MEDIA_LABEL.match(line, timeout=TIMEOUT):
        return "caption", "a media caption or credit ('Image caption …')"
    agency_only = _cover(tokens, voc, ("agency",)) if tokens and words <= 6 else None
    if agency_only is not None and "num" not in agency_only:
        return "caption", "an agency credit alone on a line"
    if words <= 15:
        first = tokens[0] if tokens else ""
        second = tokens[1] if len(tokens) > 1 else ""
        captioned = (first,) in voc.vocab["caption"] or (first, second) in voc.vocab["caption"]
        if captioned and _CREDIT_LABEL.match(line, timeout=TIMEOUT):
            if has_agency(line) or ":" in line or "©" in line:
                return "caption", "a photo credit line"
        if words <= 10 and ("/" in line or "©" in line) and has_agency(line) and not _TERMINAL.search(line):
            return "caption", "a photo credit line"
        if "©" in line and _PHOTO_COPYRIGHT.search(line, timeout=TIMEOUT):
            return "caption", "a caption ending in a photo credit"
    return None


def _judge_markup(line: str, words: int) -> tuple[str, str] | None:
    stripped = line.strip()
    if words == 1 and _MARKUP_WORD.fullmatch(stripped):
        parts = _DASH_UNDERSCORE.split(stripped)
        if len(parts) >= 3 or "_" in stripped or any(c.isdigit() for c in stripped):
            return "markup", f"a leaked CSS class or template name ({stripped!r})"
    if _HTML_TAG.match(stripped):
        return "markup", "a leaked HTML tag"
    codes = _SHORTCODE.findall(stripped)
    if codes and words <= 30 and (_SHORTCODE.fullmatch(stripped) or any(c.startswith("[/") for c in codes)):
        return "markup", "a line with leaked shortcodes ('[button …]…[/button]')"
    return None


def _judge_link(line: str, edge: bool) -> tuple[str, str] | None:
    """A bare URL, e-mail address or handle (optionally after a short label) near an edge."""
    if not edge:
        return None
    body = _LABEL.sub("", line, count=1) if _LABEL.match(line) else line
    if not _URLISH.search(body, timeout=TIMEOUT):
        return None
    rest = _URLISH.sub(" ", body, timeout=TIMEOUT)
    if not _LINK_LEFTOVER.sub("", rest):
        return "link", "a bare link, e-mail address or handle"
    return None


def _judge_copyright(line: str, voc: Vocabulary, edge: bool, words: int) -> tuple[str, str] | None:
    if words > 30 or not edge:
        return None
    if _COPYRIGHT_START.match(line, timeout=TIMEOUT) and ("©" in line or _YEAR.search(line) or not _TERMINAL.search(line)):
        return "copyright", "a copyright line"
    return None


def _judge_source(line: str, ctx: ParagraphContext, edge_lines: int, words: int) -> tuple[str, str] | None:
    if ctx.from_end < edge_lines and words <= 10 and _SOURCE_LINE.match(line) and not _TERMINAL.search(line.rstrip(".")):
        return "credit", "a source credit at the end of the text"
    return None


def _judge_list_under_promo(ctx: ParagraphContext, voc: Vocabulary, words: int, line: str, edge_lines: int) -> tuple[str, str] | None:
    """A short link-like line in a run under a promo heading ('Related', 'Don't miss') that is itself furniture."""
    if words > 20 or _TERMINAL.search(line) and not line.rstrip().endswith(":"):
        return None
    bulleted = bool(_BULLET.match(line))
    for back in range(1, 9):
        i = ctx.index - back
        if i < 0:
            return None
        prev = ctx.paragraphs[i]
        key = line_key(prev)
        at_edge = min(i, ctx.count - 1 - i) < edge_lines or _words(key) >= 3
        if voc.phrases.get(key) == "promo" and at_edge:
            return "promo", f"a link listed under the promo heading {prev.strip()!r}"
        if bulleted and voc.prefix.match(prev, timeout=TIMEOUT):
            return "promo", "a bulleted link under a promo teaser"
        prev_words = _words(prev)
        if prev_words > 20 or (_TERMINAL.search(prev) and not _LINK_CAPS.search(prev)):
            return None
    return None


@paragraph_filter(family="boilerplate")
def remove_boilerplate(
    paragraph: str,
    ctx: ParagraphContext,
    *,
    families: list[str] = list(FAMILIES),
    edge_lines: int = 4,
    extra_phrases: dict[str, list[str]] = {},
    extra_patterns: dict[str, list[str]] = {},
    keep_patterns: list[str] = [],
    cut_seams: bool = True,
) -> str | Rewrite | Drop:
    """Remove page furniture lines: share, navigation, promo, prompt, caption, markup, link, timestamp, byline, credit, copyright.

    ``"Share on Facebook"``, ``"READ ALSO: A deserter testifies"``,
    ``"Updated 3 hours ago"``, ``"td-post-content"`` → removed;
    ``"…a paper in March.scroll to top"`` → ``"…a paper in March."``.

    * ``families``: the families to apply (leave one out to switch it off).
    * ``edge_lines``: lines within this distance of either end count as head
      or tail, where weaker evidence suffices (a date, a prompt sentence).
    * ``extra_phrases``: family -> more phrases, used like the built-in ones
      (also the vocabularies ``social``, ``nav``, ``time``, ``agency`` …).
    * ``extra_patterns``: family -> regular expressions; a line they match
      in full is removed with that family.
    * ``keep_patterns``: regular expressions; a line one matches in full is
      never removed.
    * ``cut_seams``: cut furniture glued to the start or end of a paragraph.
    """
    line = paragraph.strip()
    for pattern in _compiled_keep(tuple(keep_patterns)):
        if pattern.fullmatch(line, timeout=TIMEOUT):
            return paragraph
    voc = _vocabulary(tuple((k, tuple(v)) for k, v in sorted(extra_phrases.items())))
    enabled = set(families)
    for family, pattern in _user_patterns(tuple((k, tuple(v)) for k, v in sorted(extra_patterns.items()))):
        if family in enabled and pattern.fullmatch(line, timeout=TIMEOUT):
            return Drop(f"the line matches the configured pattern {pattern.pattern!r}", family)
    title = ctx.meta.get("title") if isinstance(ctx.meta.get("title"), str) else None
    verdict = _furniture(tuple(ctx.paragraphs), voc, frozenset(enabled), edge_lines, cut_seams, title).get(ctx.index)
    if verdict is not None:
        return Drop(verdict[1], verdict[0])
    return _cut_seams(paragraph, voc, enabled) if cut_seams else paragraph


def _headline_lines(paragraphs: Sequence[str], title: str | None) -> set[int]:
    """The first lines that extract_title will take out as the headline (they do not count as body)."""
    out: set[int] = set()
    if not paragraphs:
        return out
    first = paragraphs[0]
    if title is None and _looks_like_headline(first, paragraphs[1] if len(paragraphs) > 1 else None):
        title = strip_site_suffix(first)
        out.add(0)
    if title:
        out.update(i for i, p in enumerate(paragraphs[:3]) if _same_headline(p, title, None))
    return out


@lru_cache(maxsize=8)
def _furniture(
    paragraphs: tuple[str, ...], voc: Vocabulary, enabled: frozenset[str], edge_lines: int, cut_seams: bool, title: str | None
) -> dict[int, tuple[str, str]]:
    """Every furniture line of a document: (family, reason) by paragraph index.

    Judged until nothing changes: lines found furniture are left out and the
    rest judged again, so a tail of ten widgets still counts as the tail, and
    cleaning the result again finds nothing more.  A line that is furniture
    once the furniture glued to it is cut off goes whole.
    """
    meta: Mapping[str, Any] = {}
    verdicts: dict[int, tuple[str, str]] = {}
    kept_index = list(range(len(paragraphs)))
    while True:
        # Positions are counted without the headline, which the title step takes out after this
        # one, and without exact repeats of an earlier line (judged where that line stands), which
        # the duplicate step may take out: either way a second cleaning sees the same positions.
        headline = {kept_index[i] for i in _headline_lines([paragraphs[j] for j in kept_index], title)}
        first_of: dict[str, int] = {}
        repeats = {i: first_of.setdefault(paragraphs[i].strip(), i) for i in kept_index}
        body_index = [i for i in kept_index if i not in headline and repeats[i] == i]
        kept = tuple(paragraphs[i] for i in body_index)
        place_of = {i: n for n, i in enumerate(body_index)}
        found = {}
        for i in kept_index:
            place = place_of.get(repeats[i], 0)
            context = ParagraphContext(place, kept, meta) if i not in headline else ParagraphContext(0, (paragraphs[i], *kept), meta)
            verdict = judge_line(paragraphs[i].strip(), context, voc, set(enabled), edge_lines)
            cut = _cut_seams(paragraphs[i], voc, set(enabled)) if verdict is None and cut_seams else None
            if isinstance(cut, Rewrite):
                rest = judge_line(cut.text.strip(), context, voc, set(enabled), edge_lines)
                verdict = (rest[0], f"{cut.reason}; the rest: {rest[1]}") if rest is not None else None
            if verdict is not None:
                found[i] = verdict
        if not found:
            return verdicts
        verdicts.update(found)
        kept_index = [i for i in kept_index if i not in found]


@lru_cache(maxsize=16)
def _compiled_keep(patterns: tuple[str, ...]) -> tuple[regex.Pattern[str], ...]:
    return tuple(regex.compile(p, regex.IGNORECASE | regex.VERSION1) for p in patterns)


_TABLE_ROW = regex.compile(r"^\|.*\|$")


_MENU_RUN = 3


def _menu_cell_row(line: str) -> bool:
    """A table row holding one short link-like cell and nothing else ('| Sports | » |', '| England | |')."""
    if not _TABLE_ROW.match(line):
        return False
    cells = [c.strip() for c in _CELL_SPLIT.split(line.replace("\\|", "|"))[1:-1]]
    if len(cells) < 2:  # '| Diltiazem HCl |' alone may be a data table's column; a menu's layout row has a spare cell
        return False
    cells = [c for c in cells if _WORDCHAR.search(c)]
    return len(cells) == 1 and _words(cells[0]) <= 4 and not _DIGIT.search(cells[0]) and not _TERMINAL.search(cells[0])


def _menu_run(ctx: ParagraphContext, edge_lines: int) -> int:
    """How many menu-cell rows stand together with this one (itself included); 0 unless the run reaches an edge."""
    ends = []
    for step in (-1, 1):
        i = ctx.index
        while 0 <= i + step < ctx.count and _menu_cell_row(ctx.paragraphs[i + step].strip()):
            i += step
        ends.append(i)
    first, last = ends
    if first >= edge_lines and ctx.count - 1 - last >= edge_lines:
        return 0  # a one-column table in mid-text may be a list of the article's own
    return last - first + 1


def _judge_table_row(line: str, ctx: ParagraphContext, voc: Vocabulary, enabled: set[str], edge_lines: int) -> tuple[str, str] | None:
    """A layout-table row ('| Home | Site map | Help |'): judged on its cells."""
    cells = [c.strip() for c in _CELL_SPLIT.split(line.replace("\\|", "|")) if c.strip()]
    if not cells:
        return ("navigation", "an empty table row") if ctx.edge_distance < edge_lines else None
    if len(cells) == 1 or (len(cells) == 2 and not _WORDCHAR.search(cells[1])):
        verdict = judge_line(cells[0], ctx, voc, enabled, edge_lines)
        if verdict is None and _menu_cell_row(line) and _menu_run(ctx, edge_lines) >= _MENU_RUN:
            return "navigation", f"a vertical menu: one short link per table row, {_MENU_RUN} or more such rows together"
        return verdict
    verdicts = [judge_line(c, ctx, voc, enabled, edge_lines) for c in cells if _WORDCHAR.search(c)]
    if verdicts and all(verdicts):
        return verdicts[0][0], "a table row of furniture: " + "; ".join(v[1] for v in verdicts[:3])
    if ctx.edge_distance >= 2 * edge_lines or len(cells) < 3 or any(_DIGIT.search(c) for c in cells):
        return None  # a data table (numbers, two columns of label and value) is content
    if any(n and _TABLE_ROW.match(n.strip()) and _DATA_NEIGHBOUR.search(n.strip()) for n in (ctx.previous, ctx.next)):
        return None  # the header row of a data table (numbers or a |---| rule next to it)
    if all(_words(c) <= 5 and not _TERMINAL.search(c) for c in cells):
        return "navigation", "a table row of short links (a menu)"
    return None


def judge_line(line: str, ctx: ParagraphContext, voc: Vocabulary, enabled: set[str], edge_lines: int = 4) -> tuple[str, str] | None:
    """(family, reason) when ``line`` is furniture of an enabled family, else None."""
    if not line:
        return None
    if _TABLE_ROW.match(line):
        return _judge_table_row(line, ctx, voc, enabled, edge_lines)
    edge = ctx.edge_distance < edge_lines
    words = _words(line)
    key = line_key(line)
    tokens = _tokens(line)
    checks: list[Any] = [lambda: _judge_caption(tokens, line, voc, words)]
    if words <= 12 and key:
        checks.append(lambda: _judge_phrase(line, key, voc, edge, words))
    elif words <= 40:
        checks.append(lambda: _judge_phrase(line, key, voc, edge, words) if voc.prefix.match(line, timeout=TIMEOUT) else None)
    checks += [
        lambda: _judge_markup(line, words),
        lambda: _judge_vocab_row(tokens, line, voc, edge),
        lambda: _judge_separators(line, edge),
        lambda: _judge_timestamp(tokens, line, voc, edge),
        lambda: _judge_byline(line, voc, ctx, words),
        lambda: _judge_link(line, edge),
        lambda: _judge_copyright(line, voc, edge, words),
        lambda: _judge_source(line, ctx, edge_lines, words),
        lambda: _judge_contains(line, voc, ctx, edge_lines, words),
        lambda: _judge_cta(tokens, line, voc, ctx, edge_lines, words),
        lambda: _judge_list_under_promo(ctx, voc, words, line, edge_lines) if _LINK_CAPS.search(line) or ctx.index else None,
    ]
    for check in checks:
        verdict = check()
        if verdict is not None and verdict[0] in enabled:
            return verdict
    caps = _LINK_CAPS.search(line)
    if caps and 3 <= words <= 20 and "promo" in enabled and not _TERMINAL.search(line[: caps.start()]):
        return "promo", "a link teaser tagged like [VIDEO] or [INSIGHT]"
    return None


def _cut_seams(paragraph: str, voc: Vocabulary, enabled: set[str]) -> str | Rewrite:
    text = paragraph
    cut: list[str] = []
    while True:  # 'Share.Share.Text' loses both
        before = len(cut)
        m = voc.seam_tail.search(text, timeout=TIMEOUT)
        if m and voc.phrases.get(line_key(m.group("p"))) in enabled and _words(text[: m.start()]) >= 3:
            cut.append(m.group(0).strip())
            text = text[: m.start()].rstrip()
        m = voc.seam_head.match(text, timeout=TIMEOUT)
        if m and voc.phrases.get(line_key(m.group("p"))) in enabled and _words(text[m.end() :]) >= 3:
            cut.append(m.group(0).strip())
            text = text[m.end() :].lstrip()
        if len(cut) == before:
            break
    if not cut:
        return paragraph
    family = voc.phrases.get(line_key(cut[0]), "navigation")
    return Rewrite(text, "cut furniture glued to the paragraph: " + ", ".join(repr(c) for c in cut), family)


# ---------------------------------------------------------------------------
# Title
# ---------------------------------------------------------------------------
_TITLE_SEP = regex.compile(r"\s+(?:\||–|—|-|::|»|·|•|/)\s+")


def _alnum(text: str) -> str:
    return _NON_WORD.sub("", _fold(text))


def strip_site_suffix(title: str, sitename: str | None = None) -> str:
    """The title without a site-name suffix (or prefix): ``"Big news | News"`` → ``"Big news"``.

    The last separated segment goes when it is short (at most 5 words) and the
    rest is longer; a segment equal to the site's name goes wherever it is.

    >>> strip_site_suffix("Hanoi, this faithful ally – L’Express")
    'Hanoi, this faithful ally'
    """
    parts = _TITLE_SEP.split(title.strip())
    if len(parts) < 2:
        return title.strip()
    seps = _TITLE_SEP.findall(title.strip())
    if sitename:
        site = _alnum(sitename)
        keep = [i for i, p in enumerate(parts) if _alnum(p) != site]
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


def _same_headline(line: str, title: str, sitename: str | None) -> bool:
    a, b = _alnum(strip_site_suffix(line, sitename)), _alnum(title)
    if not a or not b:
        return False
    if _alnum(line) == b:
        return True
    if _SENTENCE_END.search(line):  # a sentence, not a headline: only an exact copy counts
        return False
    if a == b:
        return True
    if min(len(a), len(b)) >= 20 and (a.startswith(b) or b.startswith(a)) and abs(len(a) - len(b)) <= 0.25 * max(len(a), len(b)):
        return True
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() >= 0.9


def _looks_like_headline(line: str, following: str | None) -> bool:
    """A short unpunctuated line followed by prose (or by itself again, in another form).

    Requiring prose after it keeps the decision stable: once the headline is
    moved out, the new first line is prose, so cleaning again moves nothing.
    """
    words = _words(line)
    if following is None or words < 2 or words > 25 or len(line) > 200:
        return False  # a text that is one line has no headline apart from its body
    if _CLAUSE_END.search(line):
        return False
    follow_words = _words(following)
    if follow_words >= 12 and _TERMINAL.search(following) and follow_words > 2 * words:
        return True
    stripped = strip_site_suffix(line)
    return bool(_TITLE_SEP.search(line)) and stripped != line.strip() and _same_headline(following, stripped, None)


def _variant_headline(line: str, title: str, following: str | None) -> bool:
    """A headline-shaped first line sharing most of its words with the title (a rewritten headline)."""
    if not _looks_like_headline(line, following):
        return False
    words = {w for w in _tokens(line) if len(w) > 3}
    others = {w for w in _tokens(title) if len(w) > 3}
    shared = len(words & others) + len({w[:4] for w in words - others} & {w[:4] for w in others - words})
    return shared >= 2 and shared >= 0.4 * min(len(words), len(others))


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
    if not any(_words(p) >= 8 and _TERMINAL.search(p) for p in doc.paragraphs[1:]):
        return
    if title is None and move_headline:
        first = doc.paragraphs[0]
        if _looks_like_headline(first, doc.paragraphs[1] if len(doc.paragraphs) > 1 else None):
            title = strip_site_suffix(first, sitename) if strip_suffix else first.strip()
            doc.tag("title", title, f"the first line {first!r} is the headline", "title")
            doc.remove(0, "the headline, moved to the title", "title")
    if not title:
        return
    i = 0
    for _ in range(min(head_lines, len(doc.paragraphs))):
        line = doc.paragraphs[i]
        if _same_headline(line, title, sitename):
            doc.remove(i, f"the headline again (the title is {title!r})", "title")
        elif i == 0 and move_headline and _variant_headline(line, title, doc.paragraphs[1] if len(doc.paragraphs) > 1 else None):
            doc.remove(i, f"a second form of the headline (the title is {title!r})", "title")
        else:
            i += 1


# ---------------------------------------------------------------------------
# Duplicates
# ---------------------------------------------------------------------------
# List items, table rows and questions legitimately repeat (feature lists, table headers, interviews).
_REPEATABLE = regex.compile(r"^\s*(?:[-•*·–|]|\d+[.)]\s)|\?['\"”’»]*\s*$")


def _shingles(text: str, n: int = 3) -> set[tuple[str, ...]]:
    toks = _tokens(text)
    return {tuple(toks[i : i + n]) for i in range(max(1, len(toks) - n + 1))}


def _similar(a: str, b: str, threshold: float) -> bool:
    ta, tb = _tokens(a), _tokens(b)
    if abs(len(ta) - len(tb)) > (1 - threshold) * max(len(ta), len(tb)) + 1:
        return False
    return difflib.SequenceMatcher(None, ta, tb, autojunk=False).ratio() >= threshold


@document_filter(family="duplicate")
def remove_duplicate_paragraphs(doc: Document, *, min_words: int = 8, similarity: float = 0.9, max_removed: int = 3) -> None:
    """Remove paragraphs that repeat an earlier one, exactly or nearly; the first is kept.

    ``"Prices rose." … "Prices rose."`` → the second goes; so does a copy that
    differs only in spacing, punctuation or a few words (its words, in order,
    match the earlier one's at least ``similarity``: difflib's ratio).  Paragraphs under ``min_words`` words are left
    alone (short lines such as "Yes." may repeat in real text), and so are
    list items, table rows and questions, which repeat in real pages too, and
    lines found three times or more (a template of the page, not a copy).
    When more than ``max_removed`` paragraphs repeat, the repetition is the
    page's structure (a forum quoting replies) and nothing is removed.
    """
    seen: dict[str, int] = {}
    index: dict[tuple[str, ...], list[int]] = {}
    occurrences: dict[str, int] = {}
    for para in doc.paragraphs:
        occurrences[_alnum(para)] = occurrences.get(_alnum(para), 0) + 1
    shingles: list[set[tuple[str, ...]]] = []
    remove: list[tuple[int, str]] = []
    for i, para in enumerate(doc.paragraphs):
        sh = _shingles(para)
        shingles.append(sh)
        if _words(para) < min_words or _REPEATABLE.search(para):
            continue
        key = _alnum(para)
        if occurrences[key] > 2:  # a template line of the page (a recipe card, a form), not a copy
            continue
        if key in seen:
            remove.append((i, f"repeats paragraph {seen[key]}"))
            continue
        counts: dict[int, int] = {}
        for s in sh:
            for j in index.get(s, ()):
                counts[j] = counts.get(j, 0) + 1
        match = None
        for j, shared in sorted(counts.items()):
            # Candidates share half their word 3-grams; the words in order decide.
            if shared >= 0.5 * min(len(sh), len(shingles[j])) and _similar(para, doc.paragraphs[j], similarity):
                match = j
                break
        if match is not None:
            remove.append((i, f"nearly repeats paragraph {match}"))
            continue
        seen[key] = i
        for s in sh:
            index.setdefault(s, []).append(i)
    if len(remove) > max_removed:  # repetition is the page's structure (quoted replies, cards), not copies
        return
    for i, reason in reversed(remove):
        doc.remove(i, reason, "duplicate")
    if remove:  # recorded last first; put the edits back in document order
        doc.edits[-len(remove) :] = doc.edits[-len(remove) :][::-1]
