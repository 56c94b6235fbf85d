"""Fragment repairs: orphan words and dangling sentences left at a paragraph's end, broken quotes."""

from __future__ import annotations

import regex

from ...patterns import TIMEOUT, load_list
from .sentences import ABBREVIATIONS, LOWERCASE_START, boundaries, ends_sentence, sub

_AUXILIARIES = frozenset(load_list("translation/auxiliaries.txt"))

# ---------------------------------------------------------------------------
# orphan-fragment
# ---------------------------------------------------------------------------
_LOWER_WORD = r"\p{Ll}+"
_FRAGMENT = regex.compile(
    rf"(?P<end>\.|[!?](?=[”’\"»]))(?P<close>[”’\"»)]*)(?P<space>\s+)(?P<frag>{_LOWER_WORD}(?:\s+{_LOWER_WORD}){{0,5}})(?P<final>\.)\s*$"
)
_SENTENCE_HEAD = regex.compile(r"[\s“\"‘«(\[*•–-]*([\p{L}\p{N}])")
_PLAIN_LOWER = regex.compile(r"\p{Ll}+(?:['’]\p{Ll}+)?[,;:.!?]?")


_CLOSING = "”’\"») \t"
#: An orphan fragment and the full stop before it lie within this many final characters.
_TAIL = 80


def may_have_orphan(text: str) -> bool:
    """Cheap test for :func:`orphan_fragment`: a full stop near the end followed by a lowercase word."""
    if not text.endswith("."):
        return False
    start = max(0, len(text) - _TAIL)
    stop = max(text.rfind(mark, start, len(text) - 1) for mark in ".!?")
    return stop >= 0 and text[stop + 1 :].lstrip(_CLOSING)[:1].islower()


def orphan_fragment(text: str, *, max_words: int = 3, min_sentence_words: int = 4) -> regex.Match[str] | None:
    """The orphan fragment at the end of ``text``, if there is one (see :func:`fix_orphan_fragment`)."""
    if not text.endswith("."):
        return None
    m = _FRAGMENT.search(text, max(0, len(text) - 200), timeout=TIMEOUT)  # a fragment is short
    if not m:
        return None
    frag_words = m.group("frag").split()
    if m.group("close") and frag_words[0] not in _AUXILIARIES:
        return None  # '"…," she said.' style dialogue: a lowercase attribution after a quotation is text
    if len(frag_words) > max_words or frag_words[0].lower() in ABBREVIATIONS:
        return None
    head = text[: m.start("end")]
    if not ends_sentence(text, m.start("end")):
        return None
    starts = [pos for pos, _ in boundaries(head + ".")]
    sentence = head[starts[-1] :] if starts else head
    first = _SENTENCE_HEAD.match(sentence, timeout=TIMEOUT)
    if not first or not (first.group(1).isupper() or first.group(1).isdigit()):
        return None
    if len(sentence.split()) < min_sentence_words:
        return None
    return m


def fix_orphan_fragment(text: str, *, max_words: int = 3, min_sentence_words: int = 4) -> tuple[str, list[str]]:
    """Remove a short lowercase run of words left after a paragraph's last full stop.

    ``"… as he winds down a long war in Ukraine. have been."`` → ``"… a long war in Ukraine."``.
    The fragment is at most ``max_words`` lowercase words and cannot start a sentence (it
    starts lowercase); the sentence before it ends with a real full stop (not ``U.S.``,
    ``e.g.``, ``Mr.``), starts with a capital and has at least ``min_sentence_words`` words.
    The fragment ends with a full stop, like the sentence it was cut from (``"read more"``,
    ``"xo!"`` and other unpunctuated or exclaimed sign-offs are not fragments).
    ``repair_typography`` also checks that the document writes sentences with capitals.
    """
    m = orphan_fragment(text, max_words=max_words, min_sentence_words=min_sentence_words)
    if not m:
        return text, []
    return text[: m.end("close")], [f"removed the fragment {m.group('frag') + m.group('final')!r}"]


def few_lowercase_starts(paragraphs: list[str], max_share: float, max_words: int, min_sentence_words: int) -> bool:
    """Whether at most ``max_share`` of the sentence starts inside paragraphs are written in lowercase.

    Orphan candidates are left out of the count; words that are neither plain lowercase nor
    capitalised (``iPhone``, ``pic.twitter.com``) do not count; one lowercase start alone
    (often an unlisted abbreviation: ``"info. on"``) counts as none.  The lowercase starts
    (rare) are counted first; the others only until they are enough: the share can only
    fall as more are counted, so a long document is not read to its end.  A paragraph written
    more than once is read once.

    >>> few_lowercase_starts(["It rained. then it stopped. then it rained.", "We left."], 0.1, 3, 4)
    False
    """
    bodies: dict[str, str] = {}  # paragraph -> its text without an orphan fragment
    for para in paragraphs:
        if para not in bodies:
            m = orphan_fragment(para, max_words=max_words, min_sentence_words=min_sentence_words)
            bodies[para] = para[: m.end("close")] if m else para
    lowers = {
        para: sum(1 for _, word in boundaries(body, LOWERCASE_START) if _PLAIN_LOWER.fullmatch(word, timeout=TIMEOUT))
        for para, body in bodies.items()
    }
    lower = sum(map(lowers.__getitem__, paragraphs))
    if lower <= 1:
        return 0.0 <= max_share
    total = 0
    starts: dict[str, int] = {}
    for para in paragraphs:
        if para not in starts:
            starts[para] = sum(1 for _, word in boundaries(bodies[para]) if _PLAIN_LOWER.fullmatch(word, timeout=TIMEOUT) or word[0].isupper())
        total += starts[para]
        if total and lower / total <= max_share:  # more starts only lower the share
            return True
    return False



# ---------------------------------------------------------------------------
# dangling-sentence
# ---------------------------------------------------------------------------
_MODAL = r"(?:should|must|can|could|would|will|may|might|shall|has to|have to|needs to|ought to)"
_DANGLING = regex.compile(
    r"(?<=[.!?][”\"]|”[.!?])(?P<space>\s+)"
    rf"(?P<sentence>(?:It|This|That) {_MODAL} (?:not )?(?:have been|be) \p{{Ll}}+\.)\s*$"
)


def fix_dangling_sentence(text: str) -> tuple[str, list[str]]:
    """Remove an empty modal sentence glued after a closing quotation at a paragraph's end.

    ``"…his atrocities.” It should be given."`` → ``"…his atrocities.”"``.  Only the shape
    "It/This/That + modal + be + one word." right after a quotation is touched: a pronoun
    with nothing to refer to but the quotation, and no complement.
    """
    if not text.endswith(".") or "”" not in text and '"' not in text:
        return text, []
    m = _DANGLING.search(text, max(0, len(text) - 80), timeout=TIMEOUT)
    if not m:
        return text, []
    return text[: m.start("space")], [f"removed the sentence {m.group('sentence')!r} after a quotation"]


# ---------------------------------------------------------------------------
# broken-quote
# ---------------------------------------------------------------------------
_CLOSERS = {"”": "“", "»": "«"}
#: At most this many characters between a mid-phrase full stop and the stray closing quote.
MAX_BROKEN_SPAN = 60
_BROKEN_QUOTE = regex.compile(
    rf"(?<=\p{{L}}{{2}})(?P<stop>\.) (?P<span>\p{{Ll}}[\p{{L}}\p{{N}} '’-]{{0,{MAX_BROKEN_SPAN}}}?)(?P<close>[”»])(?=[,;:)]|\s)"
)


def fix_broken_quote(text: str) -> tuple[str, list[str]]:
    """Remove a stray closing quote and the stray full stop before it, left by a reordered translation.

    ``"…to the rank of partner. special strategic”, i.e. the highest"`` →
    ``"…to the rank of partner special strategic, i.e. the highest"``.  Touched only when
    the closing quote has no opening quote before it in the paragraph, the full stop is
    followed by a lowercase word (it ends no sentence) and follows a word that is not an
    abbreviation, and only words lie between the two.
    """
    if "”" not in text and "»" not in text:
        return text, []
    notes: list[str] = []

    def repl(m: regex.Match[str]) -> str:
        close = m.group("close")
        head = m.string[: m.start("close")]
        if head.count(_CLOSERS[close]) > head.count(close) or not ends_sentence(m.string, m.start("stop")):
            return m.group(0)
        notes.append(f"removed the stray full stop and closing quote in {m.group(0)!r}")
        return " " + m.group("span")

    return sub(_BROKEN_QUOTE, repl, text), notes
