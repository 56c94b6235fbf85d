"""Word repairs: doubled words and apostrophes lost in names."""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import islice
from operator import eq
from typing import Any, Iterable, Mapping

import regex

from ...patterns import TIMEOUT, data_files, load_list, phrase_union
from .lexicon import zipf
from .sentences import SLICE, sub

# ---------------------------------------------------------------------------
# doubled-word
# ---------------------------------------------------------------------------
_NEVER_EN = load_list("translation/doubled_words/never/en.txt")
_NAMES = frozenset(load_list("translation/doubled_words/names.txt"))


def _doubled_pattern(words: str) -> regex.Pattern[str]:
    return regex.compile(
        rf"(?<![\p{{L}}\p{{N}}'’-])(?P<w>{words})(?P<rest>(?: +(?P=w))+)(?![\p{{L}}\p{{N}}'’-])",
        regex.IGNORECASE | regex.VERSION1,
    )


_ANY_DOUBLED = _doubled_pattern(r"\p{L}{2,}")
# Unknown language: the English words that are not words of other languages too
# ("to to" is correct Polish and Czech, "a a" Portuguese).
_UNKNOWN_DOUBLED = _doubled_pattern(phrase_union([w for w in _NEVER_EN if w not in ("a", "to")]).pattern)
#: The punctuation :func:`has_doubled_word` reads as a space.
PUNCTUATION_SPACES = ".,;:!?\"'”’“‘«»()[]"
_PUNCT_TO_SPACE = str.maketrans(dict.fromkeys(PUNCTUATION_SPACES, " "))


def has_doubled_word(text: str) -> bool:
    """Cheap test: does a word follow itself (case and punctuation ignored)?"""
    words = text.lower().translate(_PUNCT_TO_SPACE).split()
    return any(map(eq, words, islice(words, 1, None)))



def _may_repeat(text: str) -> bool:
    """Cheap test for the doubled-word patterns: a word ``w`` ending a space-separated token and
    starting the next, so (case folded) the first token's last two letters are in the second
    and the second's first two are in the first."""
    tokens = [token for token in text.casefold().split(" ") if token]
    return any(a[-2:] in b and b[:2] in a for a, b in zip(tokens, islice(tokens, 1, None)))


_SENTENCE_END = regex.compile(r"(?:^|[.!?:;\"“”«»(\[*•–—-])\s*$")


def _same_form(m: regex.Match[str], first: str, repeats: list[str]) -> bool:
    """Every repeat is written like the first, or lowercase after a capitalised first at a
    sentence start (``"The the war"``; mid-sentence ``"the deceased's Will will"`` is two words)."""
    if all(r == first for r in repeats):
        return True
    capital_start = first[0].isupper() and _SENTENCE_END.search(m.string, max(0, m.start() - 3), m.start(), timeout=TIMEOUT) is not None
    return capital_start and all(r == r.lower() and first[1:] == r[1:] for r in repeats)


#: Up to this many copies of a word in the document, each copy is looked at where it stands; beyond,
#: the document is scanned (a long document with a rare word is not scanned whole).
LOOK_AT_COPIES = 1000


def _used_alone(word: str, context: str) -> bool:
    """Whether ``context`` writes ``word`` (case-sensitive) somewhere outside a doubled run."""
    escaped = regex.escape(word)
    alone = regex.compile(rf"(?<![\p{{L}}\p{{N}}]){escaped}(?![\p{{L}}\p{{N}}])")
    doubled = regex.compile(rf"(?<![\p{{L}}\p{{N}}]){escaped}(?: +{escaped})+(?![\p{{L}}\p{{N}}])")
    if context.count(word) > LOOK_AT_COPIES:
        every = len(alone.findall(context, timeout=TIMEOUT))
        return every > sum(len(run.split()) for run in doubled.findall(context, timeout=TIMEOUT))
    # Both patterns start with the word itself: trying them at each copy finds what a scan finds.
    every = in_runs = end = 0
    at = context.find(word)
    while at >= 0:
        every += alone.match(context, at, timeout=TIMEOUT) is not None
        run = doubled.match(context, at, timeout=TIMEOUT) if at >= end else None
        if run:
            in_runs, end = in_runs + len(run.group().split()), run.end()
        at = context.find(word, at + 1)
    return every > in_runs


def _load_keep(name: str) -> tuple[frozenset[str], tuple[str, ...], frozenset[str]]:
    """A keep list: words always kept, phrases kept where they occur, words kept before a capital."""
    entries = load_list(f"translation/doubled_words/keep/{name}")
    words = frozenset(e for e in entries if " " not in e)
    before_capital = frozenset(e.split()[0] for e in entries if e.endswith(" +"))
    phrases = tuple(e for e in entries if " " in e and not e.endswith(" +"))
    return words, phrases, before_capital


_KEEP = {name[:-4]: _load_keep(name) for name in data_files("translation/doubled_words/keep")}
#: A capitalised word written twice is a name (kept) only if it is rarer than this (Zipf) as a
#: common word: "Walla Walla" and "Sirhan Sirhan" are kept, "School School" and "For For" are not.
NAME_MAX_ZIPF = 3.0
#: A word at least this common (Zipf) is a function word: repaired even in a run of three or more.
FUNCTION_WORD_ZIPF = 7.0
_WINDOW = 24


def _written_twice(context: str, phrase: str, memo: dict[Any, bool]) -> bool:
    """Whether ``phrase`` occurs twice in the document (memo: one scan per phrase and document, not per match;
    :func:`_keep_repeat` keeps there, under ``("alone", word)``, whether a word is written alone)."""
    if phrase not in memo:
        first = context.find(phrase)
        memo[phrase] = first >= 0 and context.find(phrase, first + 1) >= 0
    return memo[phrase]


def _keep_repeat(m: regex.Match[str], language: str, context: str, memo: dict[Any, bool]) -> bool:
    """Whether the doubled run ``m`` is written on purpose (see :func:`fix_doubled_words`)."""
    first, repeats = m.group("w"), m.group("rest").split()
    low = first.lower()
    words, phrases, before_capital = _KEEP[language]
    if low in words or not _same_form(m, first, repeats):
        return True
    window = m.string[max(0, m.start() - _WINDOW) : m.end() + _WINDOW].lower()
    if any(phrase in window for phrase in phrases):
        return True
    if low in before_capital and m.string[m.end() : m.end() + 2].strip()[:1].isupper():
        return True
    common = zipf(low, language)
    if len(repeats) > 1 and common < FUNCTION_WORD_ZIPF:
        return True  # "hot hot hot", "etc etc etc": a run of three is deliberate
    if repeats[0][0].isupper() and not first.isupper():
        if f"{low} {low}" in _NAMES or _written_twice(context, m.group(0), memo):
            return True  # a listed name, or written doubled more than once: on purpose
        alone = memo.get(("alone", first))
        if alone is None:
            alone = memo[("alone", first)] = _used_alone(first, context)
        if alone:
            return False  # "Putin Putin" where the document also writes "Putin"
        return common < NAME_MAX_ZIPF
    return False


def fix_doubled_words(text: str, *, language: str | None = None, context: str = "", memo: dict[Any, bool] | None = None) -> tuple[str, list[str]]:
    """Remove a word written twice: ``"the council council voted"`` → ``"the council voted"``.

    In a language with a list of legitimate repeats (``data/translation/doubled_words/keep/``:
    English, French, German, Spanish, Italian, Portuguese, Dutch) every repeated word of two letters or
    more is repaired except those listed (``"had had"``, ``"that that"``, ``"bye bye"``, ``"nous
    nous"``; a listed phrase such as ``"it is is"`` keeps the repeat where it occurs, an entry
    ``"de de +"`` before a capital: ``"de de Gaulle"``), runs of three or more of a word that is
    not a function word (``"hot hot hot"``) and the names of ``names.txt`` (``"Bora Bora"``).
    A capitalised word written twice is a name, and kept, when ``context`` (the document) writes
    it doubled more than once (``"John Walsh Walsh"``, a firm's name), or never writes it alone
    and it is not a common word of the language (``data/translation/words/``: ``"Walla Walla"``).
    Title-case headings double common words by mistake more often than names do, so a common
    word is repaired even among capitals (``"Unique Unique Team"``; ``"Hot Hot Heat"`` is lost).  When the
    language is unknown only English function words are repaired (``never/en.txt``); in other
    languages nothing is, since many double words on purpose (``"orang orang"``, ``"yavaş yavaş"``).
    """
    if language in _KEEP:
        pattern = _ANY_DOUBLED
    elif language is None:
        pattern = _UNKNOWN_DOUBLED
    else:
        return text, []
    if not has_doubled_word(text) or not _may_repeat(text):
        return text, []
    notes: list[str] = []

    memo = {} if memo is None else memo  # the caller passes one per document: each phrase is counted once

    def repl(m: Any) -> str:
        first, repeats = m.group("w"), m.group("rest").split()
        if language is not None and _keep_repeat(m, language, context or text, memo):
            return m.group(0)
        if language is None and any(r != r.lower() for r in repeats):
            return m.group(0)
        notes.append(f"removed the repeated {repeats[0]!r}" + (f" ({len(repeats)} times)" if len(repeats) > 1 else ""))
        return first

    return sub(pattern, repl, text), notes



# ---------------------------------------------------------------------------
# apostrophe
# ---------------------------------------------------------------------------
_ELIDED = regex.compile(r"(?<![\p{L}\p{N}])([LDO])(['’])(\p{Lu}\p{Ll}+)")


ELISIONS = tuple(letter + mark for letter in "LDO" for mark in "’'")
_ELISION = re.compile("[LDO][’']")  # linear: one of ELISIONS


def apostrophe_forms(paragraphs: list[str], text: str | None = None) -> dict[str, str]:
    """Elided names written with an apostrophe in the document: ``{"LExpress": "L’Express"}``.

    With ``text`` (the whole document), only the names also written without it there.
    """
    forms: dict[str, str] = {}
    for para in paragraphs:
        if _ELISION.search(para):
            for m in _ELIDED.finditer(para, timeout=TIMEOUT):
                forms.setdefault(m.group(1) + m.group(3), m.group(0))
    if text is None or not forms:
        return forms
    written = _written_bare(forms, text)
    return {bare: form for bare, form in forms.items() if bare in written}


#: A name written without its apostrophe (``"OBrien"``) is a prefix of one of these runs, starting where it does.
_BARE_RUN = regex.compile(r"[LDO]\p{Lu}\p{Ll}+")


def _written_bare(names: Iterable[str], text: str) -> set[str]:
    """Those of ``names`` (each ``[LDO]``, a capital, lowercase letters) that occur in ``text``.

    One scan of ``text`` (in slices, each with the pattern's time limit) instead of one per name:
    a name occurs where a run of ``_BARE_RUN`` starts (no run can start inside another), so the
    names written are the prefixes of the runs found.

    >>> sorted(_written_bare(["OBrien", "DAngelo", "LExpress"], "Mr OBriens and LExpress."))
    ['LExpress', 'OBrien']
    """
    names = set(names)
    longest = max(map(len, names))
    prefixes: set[str] = set()
    for start in range(0, len(text), SLICE):  # a run cut at a slice's end still holds every prefix that long
        for run in _BARE_RUN.finditer(text, start, start + SLICE + longest, timeout=TIMEOUT):
            prefixes.update(run.group()[:k] for k in range(3, min(len(run.group()), longest) + 1))
    return names & prefixes


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

    return sub(pattern, repl, text), notes

