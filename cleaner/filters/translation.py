"""Translation and typography family: repair what machine translation and careless copy-paste broke.

Two steps, run by the default chain after boilerplate removal and language detection:

* ``join_hyphenated_lines`` (text transform) — a word hyphenated across a line
  break is joined: ``"contin-\\nued"`` → ``"continued"``, ``"well-\\nknown"`` →
  ``"well-known"`` (the rule is in :func:`join_hyphenated_lines`).
* ``repair_typography`` (document filter) — every other kind of damage, each a
  *kind* that can be switched off with the ``kinds`` parameter:

  ========================  =====================================================
  kind                      repair
  ========================  =====================================================
  ``bracket``               ``"(G7). ) summit."`` → ``"(G7) summit."``; ``““`` → ``“``
  ``spacing``               ``"War , Soviet"`` → ``"War, Soviet"``; ``"( G7 )"`` → ``"(G7)"``
  ``run-together``          ``"ended.The next"`` → ``"ended. The next"``
  ``doubled-punctuation``   ``"ended.. The"`` → ``"ended. The"``; ``",,"``, ``"?."``
  ``doubled-word``          ``"of the the war"`` → ``"of the war"``
  ``orphan-fragment``       ``"… in Ukraine. have been."`` → ``"… in Ukraine."``
  ``apostrophe``            ``"LExpress"`` → ``"L’Express"`` when ``L’Express`` is in the document
  ``dangling-sentence``     (stretch kind, off by default) ``"…atrocities.” It should be given."``
                            → ``"…atrocities.”"``
  ========================  =====================================================

  Quote and dash styles can be normalised too (``quotes``, ``dashes``; off by default).

Every repair is one edit per paragraph and kind: the edit's ``family`` is the kind, its
reason says what was changed (``"spacing: removed the space before ','"``).  The kinds run
in a loop until the paragraph no longer changes, so running these steps twice changes
nothing the second time.

What is never touched: ellipses, decimals and version numbers, URLs and e-mail addresses,
abbreviations (``U.S.``, ``Mr.``, ``a.m.``), words that legitimately repeat (only function
words listed per language in ``data/translation/doubled_words/`` are de-duplicated), French
spacing before ``; : ! ?`` and inside « guillemets » in French text, and the punctuation of
other scripts (CJK full-width marks, the Arabic comma ``،``, Spanish ``¿¡``, German „quotes“).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Callable, Literal, Mapping, get_args

import regex

from ..document import Document
from ..patterns import TIMEOUT, load_list, phrase_union
from ..registry import Rewrite, document_filter, text_transform

FAMILY = "translation"

Kind = Literal[
    "bracket",
    "spacing",
    "run-together",
    "doubled-punctuation",
    "doubled-word",
    "orphan-fragment",
    "apostrophe",
    "dangling-sentence",
]
#: The kinds ``repair_typography`` runs by default, in order (``dangling-sentence`` is off).
DEFAULT_KINDS: list[Kind] = [kind for kind in get_args(Kind) if kind != "dangling-sentence"]

_ABBREVIATIONS = frozenset(load_list("translation/abbreviations.txt"))
_DOMAINS = frozenset(load_list("translation/domains.txt"))
_PREFIXES = frozenset(load_list("translation/hyphen_prefixes.txt"))
_COMPOUND_ENDS = frozenset(load_list("translation/hyphen_compound_ends.txt"))
_WORD_ENDINGS = frozenset(load_list("translation/word_endings.txt"))
_SUSPENDED = frozenset(load_list("translation/suspended_hyphen_words.txt"))

_OPEN_QUOTES = "“‘«„"


def _sub(pattern: regex.Pattern[str], repl: str | Callable[[Any], str], text: str) -> str:
    return pattern.sub(repl, text, timeout=TIMEOUT)


# ---------------------------------------------------------------------------
# Sentence boundaries
# ---------------------------------------------------------------------------
_WORD = regex.compile(r"\p{L}[\p{L}'’-]*\p{L}")
_VOWEL = regex.compile(r"[aeiouyàâäáãåæéèêëěíìîïóòôöõøœúùûüůýÿаеёиоуыэюяіїєαεηιουωάέήίόύώ]", regex.IGNORECASE)
_NUMBER = regex.compile(r"\p{N}[\p{N}.,]*")


def _last_token(text: str, end: int) -> tuple[int, str]:
    """The whitespace-delimited token of ``text`` ending at ``end``, with its start."""
    start = max(text.rfind(" ", 0, end), text.rfind("\n", 0, end)) + 1
    return start, text[start:end]


def _ends_sentence(text: str, end: int) -> bool:
    """True when the full stop at ``text[end]`` ends a sentence.

    The token before it must be a word of two letters or more that is not a known
    abbreviation, a lowercase word without a vowel, or a short lowercase word after a number:
    ``"Ukraine"``, ``"said"`` yes; ``"Mr"``, ``"U.S"``, ``"e.g"``, ``"J"``, ``"26"``, ``"mn"``,
    ``"100 tys"`` no.
    """
    start, token = _last_token(text, end)
    token = token.lstrip("([{" + _OPEN_QUOTES + "\"'")
    if not token or not _WORD.fullmatch(token) or token.lower() in _ABBREVIATIONS:
        return False
    # "mn.", "nr.", "млн.": a lowercase word without a vowel is an abbreviation; so is a short
    # lowercase word after a number ("100 tys.", "10 km.").
    if token.islower() and not _VOWEL.search(token):
        return False
    if len(token) <= 4 and token.islower():
        return not _NUMBER.fullmatch(_last_token(text, max(0, start - 1))[1])
    return True


# ---------------------------------------------------------------------------
# bracket
# ---------------------------------------------------------------------------
_PAIRS = {")": "(", "]": "["}
_DOUBLED_CURLY = regex.compile(r"(?<![“”])([“”])\1(?![“”])")
_BETWEEN = regex.compile(r"[ .,;:]*")
_EMOTICON_EYES = ":;=^-"


def fix_brackets(text: str) -> tuple[str, list[str]]:
    """Remove a stray closing bracket glued after a closed group, and doubled curly quotes.

    ``"Group of Seven (G7). ) summit."`` → ``"Group of Seven (G7) summit."``: the
    punctuation between the two brackets goes too when the text goes on in lowercase.
    """
    notes = []
    out = _sub(_DOUBLED_CURLY, lambda m: m.group(1), text)
    if out != text:
        notes.append("removed a doubled curly quote")
    if out.count(")") + out.count("]") <= out.count("(") + out.count("["):
        return out, notes  # a stray closing bracket needs more closing than opening ones
    stack: list[tuple[str, int]] = []
    matched: set[int] = set()
    strays: list[int] = []
    for i, ch in enumerate(out):
        if ch in "([":
            stack.append((ch, i))
        elif ch in ")]":
            if stack and stack[-1][0] == _PAIRS[ch]:
                stack.pop()
                matched.add(i)
            else:
                strays.append(i)
    for i in reversed(strays):
        head = out[:i]
        between = _BETWEEN.search(head[::-1], timeout=TIMEOUT)
        gap = between.group(0)[::-1] if between else ""
        close = i - len(gap) - 1
        if close < 1 or close not in matched or out[close] != out[i] or out[close - 1] in _EMOTICON_EYES:
            continue
        rest = out[i + 1 :]
        punct = gap.strip()
        keep_punct = punct and not regex.match(r"\s*\p{Ll}", rest)
        out = out[: close + 1] + (punct if keep_punct else "") + rest
        notes.append(f"removed a stray {out[close]!r} after {text[max(0, close - 12):close + 1].strip()!r}")
    return out, notes


# ---------------------------------------------------------------------------
# spacing
# ---------------------------------------------------------------------------
# A space before , . ! ? (followed by a space, the end, or a closing quote/bracket) and
# before ; : (followed by a space or the end, so ":)" and ";-)" smileys are left alone).
_SPACE_BEFORE = regex.compile(
    r"(?:(?<=[\p{L}\p{N}”’])|(?<=(?<![:;=^-])[)\]]))( +)"
    r"(?:(\.(?!\s+[.\p{Ll}])|[,!?])(?=[\s)\]”’\"»]|$)|(?<=\p{L} +)([;:])(?=\s+[^\s()]|$))"
)
# "War ,Soviet": the space is on the wrong side of the comma.
_SPACE_WRONG_SIDE = regex.compile(r"(?<=[\p{L}\p{N}]) +,(?=\p{L})")
_BRACKET_INNER = regex.compile(r"([(\[])( *)([^()\[\]\n]+?)( *)([)\]])")
_CURLY_INNER = regex.compile(r"“( *)([^“”\n]+?)( *)”")
_INNER_START = regex.compile(r"[\p{L}\p{N}\"“‘'$€£#]")
_INNER_END = regex.compile(r"[\p{L}\p{N}.!?%]")
_FRENCH_MARKS = frozenset(";:!?")
_SPACING_HINTS = (" ,", " .", " ;", " :", " !", " ?", "( ", " )", "[ ", " ]", "“ ", " ”")
_OTHER_SPACING = regex.compile(r"[\p{Arabic}\p{Hebrew}\p{Thai}\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}\p{Syriac}\p{Thaana}]")


def _french(text: str, language: str | None, french_spacing: str) -> bool:
    """Whether the space before ``; : ! ?`` may be French typography (then it is kept).

    ``auto``: when the language is French, when it is unknown (a short French heading
    such as ``Pourquoi maintenant ?`` has too few letters to be identified), or when
    the paragraph uses « guillemets ».
    """
    if french_spacing != "auto":
        return french_spacing == "always"
    return language in ("fr", None) or "«" in text or "»" in text


def fix_spacing(text: str, *, french: bool = False) -> tuple[str, list[str]]:
    """Remove spaces before punctuation and inside brackets and curly quotes.

    ``"During the Vietnam War , Soviet power"`` → ``"During the Vietnam War, Soviet power"``;
    ``"( G7 )"`` → ``"(G7)"``.  In French text the space before ``; : ! ?`` is kept.
    Paragraphs in Arabic, Hebrew, Thai or CJK scripts, whose spacing conventions differ,
    are left alone; so are ratios (``2 : 1``), smileys (``; )``, ``:) .``) and a lone dot
    before lowercase text (``ls -la . to``).
    """
    notes: list[str] = []
    if not any(pair in text for pair in _SPACING_HINTS) or _OTHER_SPACING.search(text):
        return text, notes

    def before(m: Any) -> str:
        mark = m.group(2) or m.group(3)
        if french and mark in _FRENCH_MARKS:
            return m.group(0)
        notes.append(f"removed the space before {mark!r}")
        return mark

    out = _sub(_SPACE_BEFORE, before, text)
    moved = _sub(_SPACE_WRONG_SIDE, ", ", out)
    if moved != out:
        notes.append("moved a space to after its comma")
        out = moved

    def inner(m: Any) -> str:
        left, body, right = m.group(2), m.group(3), m.group(4)
        if _PAIRS.get(m.group(5)) != m.group(1) or not (left or right):
            return m.group(0)
        if not (_INNER_START.match(body) and _INNER_END.match(body[-1])):
            return m.group(0)
        notes.append(f"removed the space inside {m.group(1)}{m.group(5)}")
        return m.group(1) + body + m.group(5)

    out = _sub(_BRACKET_INNER, inner, out)
    if "„" not in out:  # German „…“ uses “ as a closing quote: leave its spacing alone

        def curly(m: Any) -> str:
            left, body, right = m.group(1), m.group(2), m.group(3)
            if not (left or right) or not (_INNER_START.match(body) and _INNER_END.match(body[-1])):
                return m.group(0)
            notes.append("removed the space inside “”")
            return f"“{body}”"

        out = _sub(_CURLY_INNER, curly, out)
    return out, notes


# ---------------------------------------------------------------------------
# run-together
# ---------------------------------------------------------------------------
_RUN_TOGETHER = regex.compile(
    r"(?<![\p{L}\p{N}.@/\\_#=&%+~:'’])"
    r"(?P<prev>(?:\p{L}+[-'’])*(?:\p{Lu}?\p{Ll}+|\p{Lu}+)|\p{N}{2,})"
    r"(?P<punct>\.\.\.|[.!?…])"
    r"(?P<close>[”’»)\"]?)"
    r"(?P<open>[“‘«(]?)"
    r"(?P<next>\p{Lu}\p{Ll}+)"
    r"(?![\p{L}\p{N}_@/\\(=]|[.:,]?[\p{L}\p{N}])"
)


_RUN_TOGETHER_HINT = regex.compile(r"[.!?…][”’»)\"“‘«(]?\p{Lu}")


def fix_run_together(text: str) -> tuple[str, list[str]]:
    """Put the missing space between two sentences: ``"ended.The next"`` → ``"ended. The next"``.

    Left alone: ``U.S.A``, ``e.g.``, ``J.R.R.Tolkien`` (one-letter parts), ``Node.js`` and
    ``example.com`` (lowercase after the dot), ``System.Console.WriteLine`` (code),
    ``iOS.App`` (a mixed-case name), ``Amazon.Com`` (a domain), decimals and version numbers.
    """
    notes: list[str] = []
    if not _RUN_TOGETHER_HINT.search(text, timeout=TIMEOUT):
        return text, notes

    def repl(m: Any) -> str:
        if len(regex.split(r"[-'’]", m.group("prev"))[-1]) < 2:
            return m.group(0)  # an initial: "D-W.Va."
        if m.group("punct") == "." and m.group("next").lower() in _DOMAINS and not m.group("close"):
            return m.group(0)
        close = m.group("close")
        if close == '"' and m.string.count('"', 0, m.start("close")) % 2 == 0:
            return m.group(0)  # an opening straight quote glued to the full stop: ambiguous
        head = m.group("prev") + m.group("punct") + close
        notes.append(f"added a space in {m.group(0)!r}")
        return head + " " + m.group("open") + m.group("next")

    return _sub(_RUN_TOGETHER, repl, text), notes


# ---------------------------------------------------------------------------
# doubled-punctuation
# ---------------------------------------------------------------------------
_DOUBLED_PUNCT = regex.compile(
    r"(?<=[\p{L}\p{N})\]”’\"])(?:"
    r"(?P<dots>\.\.)(?=\s+[\p{Lu}\p{N}“\"‘(«])|(?<=\.\p{L}|\p{L}\.\p{L}{2})(?P<dots_end>\.\.)(?=\s*$|[”’\")\]])"
    r"|(?P<commas>,,)(?=\s|$)"
    r"|(?P<mark>[?!])\.(?=\s|$|[”’\")\]])"
    r"|(?P<comma_dot>,\.)(?=\s|$|[”’\")\]])"
    r"|(?P<semis>;;)(?=\s|$)"
    r"|(?P<spaced>\. \.)(?!\s\.)(?=\s|$)"
    r")"
)


def fix_doubled_punctuation(text: str) -> tuple[str, list[str]]:
    """Collapse doubled punctuation: ``"ended.. The"`` → ``"ended. The"``, ``",,"`` → ``","``, ``"?."`` → ``"?"``.

    Ellipses (``...``, ``. . .``), a two-dot ellipsis before lowercase text or at the end
    (``"wait.. what"``, ``"and so on.."``; only ``"U.S.."`` is collapsed there), ``?!``/``!!``,
    ranges (``1..5``) and paths (``../``) are left alone.
    """
    notes: list[str] = []

    def repl(m: Any) -> str:
        found = m.group(0)
        single = "." if m.group("dots") or m.group("dots_end") or m.group("spaced") or m.group("comma_dot") else found[0]
        notes.append(f"{found!r} → {single!r}")
        return single

    return _sub(_DOUBLED_PUNCT, repl, text), notes


# ---------------------------------------------------------------------------
# doubled-word
# ---------------------------------------------------------------------------
_DOUBLED_LISTS = {name[:-4]: load_list(f"translation/doubled_words/{name}") for name in ("en.txt", "fr.txt", "es.txt", "it.txt", "pt.txt")}


def _doubled_pattern(words: tuple[str, ...] | list[str]) -> regex.Pattern[str]:
    union = phrase_union(words).pattern
    return regex.compile(
        rf"(?<![\p{{L}}\p{{N}}'’-])(?P<w>{union})(?P<rest>(?: +(?P=w))+)(?![\p{{L}}\p{{N}}'’-])",
        regex.IGNORECASE | regex.VERSION1,
    )


_DOUBLED_WORDS = {lang: _doubled_pattern(words) for lang, words in _DOUBLED_LISTS.items()}
# Unknown language: the English words that are not words of other languages too
# ("to to" is correct Polish and Czech, "a a" Portuguese).
_DOUBLED_UNKNOWN = _doubled_pattern([w for w in _DOUBLED_LISTS["en"] if w not in ("a", "to")])


def fix_doubled_words(text: str, *, language: str | None = None) -> tuple[str, list[str]]:
    """Remove a function word written twice: ``"of the the war"`` → ``"of the war"``.

    Only words that never repeat correctly in the document's language are touched (lists in
    ``data/translation/doubled_words/``); ``"had had"``, ``"that that"``, ``"very very"``,
    ``"dat dat"``, ``"orang-orang"`` and every word of an unlisted language are kept.
    """
    if language is None:
        pattern = _DOUBLED_UNKNOWN
    elif language in _DOUBLED_WORDS:
        pattern = _DOUBLED_WORDS[language]
    else:
        return text, []
    words = text.lower().split()
    if not any(a == b for a, b in zip(words, words[1:])):
        return text, []
    notes: list[str] = []

    def repl(m: Any) -> str:
        repeats = m.group("rest").split()
        if any(r != r.lower() for r in repeats):
            return m.group(0)
        notes.append(f"removed the repeated {repeats[0]!r}" + (f" ({len(repeats)} times)" if len(repeats) > 1 else ""))
        return m.group("w")

    return _sub(pattern, repl, text), notes


# ---------------------------------------------------------------------------
# orphan-fragment
# ---------------------------------------------------------------------------
_LOWER_WORD = r"\p{Ll}+"
_FRAGMENT = regex.compile(
    rf"(?P<end>\.)(?P<close>[”’\"»)]*)(?P<space>\s+)(?P<frag>{_LOWER_WORD}(?:\s+{_LOWER_WORD}){{0,5}})(?P<final>\.)\s*$"
)
_SENTENCE_START = regex.compile(r"(?<=[.!?][”’\"»)]*)\s+(?=[“\"‘«(]*\p{L})")
_SENTENCE_HEAD = regex.compile(r"[\s“\"‘«(\[*•–-]*([\p{L}\p{N}])")
_NEXT_TOKEN = regex.compile(r"[“\"‘«(]*(\S+)")
_PLAIN_LOWER = regex.compile(r"\p{Ll}+(?:['’]\p{Ll}+)?[,;:.!?]?")


def _boundaries(text: str) -> list[tuple[int, str]]:
    """Sentence starts inside ``text`` (after a real sentence end): position and the word there.

    A full stop after an abbreviation and a word after a closing quote (``"Stop!" he said``)
    are not sentence starts.
    """
    out = []
    for m in _SENTENCE_START.finditer(text, timeout=TIMEOUT):
        mark = m.start() - 1
        if text[mark] not in ".!?" or (text[mark] == "." and not _ends_sentence(text, mark)):
            continue
        token = _NEXT_TOKEN.match(text, m.end())
        if token:
            out.append((m.end(), token.group(1)))
    return out


def orphan_fragment(text: str, *, max_words: int = 3, min_sentence_words: int = 4) -> regex.Match[str] | None:
    """The orphan fragment at the end of ``text``, if there is one (see :func:`fix_orphan_fragment`)."""
    if not text.endswith("."):
        return None
    m = _FRAGMENT.search(text, max(0, len(text) - 200), timeout=TIMEOUT)  # a fragment is short
    if not m:
        return None
    frag_words = m.group("frag").split()
    if m.group("close"):
        return None  # '"…," she said.' style dialogue: a lowercase attribution after a quotation is text
    if len(frag_words) > max_words or frag_words[0].lower() in _ABBREVIATIONS:
        return None
    head = text[: m.start("end")]
    if not _ends_sentence(text, m.start("end")):
        return None
    starts = [pos for pos, _ in _boundaries(head + ".")]
    sentence = head[starts[-1] :] if starts else head
    first = _SENTENCE_HEAD.match(sentence)
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


def _lowercase_share(paragraphs: list[str], max_words: int, min_sentence_words: int) -> float:
    """Share of sentence starts inside paragraphs written in lowercase in the document.

    Orphan candidates are left out of the count; words that are neither plain lowercase nor
    capitalised (``iPhone``, ``pic.twitter.com``) do not count; one lowercase start alone
    (often an unlisted abbreviation: ``"info. on"``) gives 0.
    """
    lower = total = 0
    for para in paragraphs:
        m = orphan_fragment(para, max_words=max_words, min_sentence_words=min_sentence_words)
        body = para[: m.end("close")] if m else para
        for _, word in _boundaries(body):
            if _PLAIN_LOWER.fullmatch(word):
                lower += 1
                total += 1
            elif word[0].isupper():
                total += 1
    return lower / total if lower > 1 else 0.0


# ---------------------------------------------------------------------------
# apostrophe
# ---------------------------------------------------------------------------
_ELIDED = regex.compile(r"(?<![\p{L}\p{N}])([LDO])(['’])(\p{Lu}\p{Ll}+)")


def apostrophe_forms(paragraphs: list[str]) -> dict[str, str]:
    """Elided names written with an apostrophe in the document: ``{"LExpress": "L’Express"}``."""
    forms: dict[str, str] = {}
    for para in paragraphs:
        for m in _ELIDED.finditer(para, timeout=TIMEOUT):
            forms.setdefault(m.group(1) + m.group(3), m.group(0))
    return forms


@lru_cache(maxsize=64)
def _apostrophe_pattern(names: tuple[str, ...]) -> regex.Pattern[str]:
    return regex.compile(rf"(?<![\p{{L}}\p{{N}}'’])(?:{'|'.join(map(regex.escape, names))})(?![\p{{L}}\p{{N}}])")


def fix_apostrophes(text: str, forms: Mapping[str, str]) -> tuple[str, list[str]]:
    """Restore an apostrophe lost in a name written elsewhere with it: ``"LExpress"`` → ``"L’Express"``."""
    if not forms:
        return text, []
    notes: list[str] = []
    pattern = _apostrophe_pattern(tuple(sorted(forms)))

    def repl(m: Any) -> str:
        notes.append(f"{m.group(0)!r} → {forms[m.group(0)]!r}, as written elsewhere in the document")
        return forms[m.group(0)]

    return _sub(pattern, repl, text), notes


# ---------------------------------------------------------------------------
# dangling-sentence (stretch kind, off by default)
# ---------------------------------------------------------------------------
_DANGLING = regex.compile(
    r"(?<=[.!?][”\"]|”[.!?])(?P<space>\s+)"
    r"(?P<sentence>(?:It|This|That) (?:should|must|can|could|would|will|may|might|has to|needs to) (?:not )?be \p{Ll}+\.)\s*$"
)


def fix_dangling_sentence(text: str) -> tuple[str, list[str]]:
    """Remove an empty modal sentence glued after a closing quotation at a paragraph's end.

    ``"…his atrocities.” It should be given."`` → ``"…his atrocities.”"``.  Only the shape
    "It/This/That + modal + be + one word." right after a quotation is touched: a pronoun
    with nothing to refer to but the quotation, and no complement.
    """
    m = _DANGLING.search(text, timeout=TIMEOUT)
    if not m:
        return text, []
    return text[: m.start("space")], [f"removed the sentence {m.group('sentence')!r} after a quotation"]


# ---------------------------------------------------------------------------
# quote and dash styles (off by default)
# ---------------------------------------------------------------------------
_CURLY_TO_STRAIGHT = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})
_OPEN_DOUBLE = regex.compile(r"(?:(?<=^|[\s(\[{—–-])\")")
_OPEN_SINGLE = regex.compile(r"(?:(?<=^|[\s(\[{—–-])')")
_SPACED_DASH = regex.compile(r"(?<=\S) (?:--?|–|—) (?=\S)|(?<=\p{L})—(?=\p{L})")


def normalize_styles(text: str, *, quotes: str, dashes: str) -> tuple[str, list[str]]:
    """Normalise quotes (``straight`` or ``curly``) and sentence dashes (``en`` " – " or ``em`` "—").

    German „…“, French « », CJK and other scripts' marks are never changed; hyphens
    inside words and ranges (``10-20``) are not dashes.
    """
    notes = []
    out = text
    if quotes != "keep" and "„" not in out and "‚" not in out:
        if quotes == "straight":
            out = out.translate(_CURLY_TO_STRAIGHT)
        else:
            out = _sub(_OPEN_DOUBLE, "“", out).replace('"', "”")
            out = _sub(_OPEN_SINGLE, "‘", out).replace("'", "’")
        if out != text:
            notes.append(f"quotes made {quotes}")
    if dashes != "keep":
        dash = " – " if dashes == "en" else "—"
        new = _sub(_SPACED_DASH, dash, out)
        if new != out:
            notes.append(f"dashes made {dashes} dashes")
            out = new
    return out, notes


# ---------------------------------------------------------------------------
# The steps
# ---------------------------------------------------------------------------
@document_filter(family=FAMILY)
def repair_typography(
    doc: Document,
    *,
    kinds: list[Kind] = DEFAULT_KINDS,
    french_spacing: Literal["auto", "always", "never"] = "auto",
    orphan_max_words: int = 3,
    orphan_min_sentence_words: int = 4,
    max_lowercase_share: float = 0.1,
    quotes: Literal["keep", "straight", "curly"] = "keep",
    dashes: Literal["keep", "en", "em"] = "keep",
) -> None:
    """Repair translation and copy-paste damage in each paragraph, one edit per kind.

    ``"the Vietnam War , Soviet power of the the Group of Seven (G7). ) summit."`` →
    ``"the Vietnam War, Soviet power of the Group of Seven (G7) summit."``.
    ``kinds`` chooses the repairs (see the module docs); ``french_spacing`` keeps the space
    before ``; : ! ?`` (``auto``: when the language is ``fr`` or unknown, or the paragraph has « »);
    orphan fragments are removed only when at most ``max_lowercase_share`` of the
    document's sentences start in lowercase (informal writing is left alone);
    ``quotes`` and ``dashes`` normalise styles (``keep``: off).
    """
    language = doc.meta.get("language")
    wanted = set(kinds)
    forms = apostrophe_forms(doc.paragraphs) if "apostrophe" in wanted else {}
    orphans = "orphan-fragment" in wanted and (
        _lowercase_share(doc.paragraphs, orphan_max_words, orphan_min_sentence_words) <= max_lowercase_share
    )
    repairs: list[tuple[str, Callable[[str], tuple[str, list[str]]]]] = []
    for kind in kinds:
        if kind == "bracket":
            repairs.append((kind, fix_brackets))
        elif kind == "spacing":
            repairs.append((kind, lambda t: fix_spacing(t, french=_french(t, language, french_spacing))))
        elif kind == "run-together":
            repairs.append((kind, fix_run_together))
        elif kind == "doubled-punctuation":
            repairs.append((kind, fix_doubled_punctuation))
        elif kind == "doubled-word":
            repairs.append((kind, lambda t: fix_doubled_words(t, language=language)))
        elif kind == "orphan-fragment" and orphans:
            repairs.append(
                (kind, lambda t: fix_orphan_fragment(t, max_words=orphan_max_words, min_sentence_words=orphan_min_sentence_words))
            )
        elif kind == "apostrophe" and forms:
            repairs.append((kind, lambda t: fix_apostrophes(t, forms)))
        elif kind == "dangling-sentence":
            repairs.append((kind, fix_dangling_sentence))
    if quotes != "keep" or dashes != "keep":
        repairs.append(("style", lambda t: normalize_styles(t, quotes=quotes, dashes=dashes)))
    if not repairs:
        return
    for i in range(len(doc.paragraphs)):
        for _ in range(5):  # until the paragraph is stable: a repair can reveal another
            changed = False
            for kind, fix in repairs:
                text = doc.paragraphs[i]
                new, notes = fix(text)
                new = new.strip()
                if new != text and new:
                    doc.replace(i, new, f"{kind}: {'; '.join(notes)}", kind)
                    changed = True
            if not changed:
                break


_HYPHEN_BREAK = regex.compile(r"(?<![\p{L}\p{N}])(?P<chain>(?:\p{L}+-)*)(?P<first>\p{L}*\p{Ll}{2})-[ \t]*\n\s*(?P<second>\p{Ll}[\p{L}'’]*)")


@text_transform(family=FAMILY)
def join_hyphenated_lines(text: str) -> str | Rewrite:
    """Join words hyphenated across a line break: ``"contin-\\nued"`` → ``"continued"``.

    Only a line ending in a hyphen after two lowercase letters, followed by a line starting
    in lowercase, is joined.  The rule, in order:

    1. a conjunction after the hyphen is joined with a space (``"pre-\\nand post-war"``);
    2. the hyphen is kept when the document writes the hyphenated form elsewhere, and
       dropped when it writes the joined form elsewhere;
    3. it is dropped when the second part is a suffix (``"cross-\\ning"`` → ``"crossing"``);
    4. it is kept in a hyphenated chain (``"state-of-the-\\nart"``), after a compound-forming
       word (``self``, ``well``, ``twenty``…: ``"well-\\nknown"`` → ``"well-known"``) and before
       a compound ending (``based``, ``owned``…);
    5. otherwise it is dropped: without a word list ``"co-\\ndirector"`` cannot be told from
       ``"pre-\\nvious"``, and ordinary words broken at a line end are the common case.
    """
    if "-\n" not in text and not regex.search(r"-[ \t]+\n", text):
        return text
    lowered = text.lower()
    joins: list[str] = []

    def repl(m: Any) -> str:
        chain, first, second = m.group("chain"), m.group("first"), m.group("second")
        low_first, low_second = first.lower(), second.lower()
        hyphenated, joined = f"{first}-{second}", f"{first}{second}"
        if low_second in _SUSPENDED:
            out = f"{chain}{first}- {second}"
        elif hyphenated.lower() in lowered:
            out = chain + hyphenated
        elif joined.lower() in lowered:
            out = chain + joined
        elif low_second in _WORD_ENDINGS:
            out = chain + joined
        elif chain or low_first in _PREFIXES or low_second in _COMPOUND_ENDS:
            out = chain + hyphenated
        else:
            out = chain + joined
        joins.append(f"{chain}{first}-|{second} → {out}")
        return out

    # A word broken over three lines ("multi-\nmil-\nlion") needs a second pass: the first
    # match consumes the middle line.  Every pass removes a line break, so this ends.
    out = text
    while (joined_text := _sub(_HYPHEN_BREAK, repl, out)) != out:
        out = joined_text
    if out == text:
        return text
    return Rewrite(out, "hyphenation: joined " + "; ".join(joins), "hyphenation")
