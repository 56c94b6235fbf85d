"""Word repairs: doubled words and apostrophes lost in names."""

from __future__ import annotations

from functools import lru_cache
from itertools import islice
from operator import eq
from typing import Any, Mapping

import regex

from ...patterns import TIMEOUT, data_files, load_list, phrase_union
from .sentences import sub

# ---------------------------------------------------------------------------
# doubled-word
# ---------------------------------------------------------------------------
_KEEP = {name[:-4]: frozenset(load_list(f"translation/doubled_words/keep/{name}")) for name in data_files("translation/doubled_words/keep")}
_NEVER = {name[:-4]: load_list(f"translation/doubled_words/never/{name}") for name in data_files("translation/doubled_words/never")}
_NAMES = frozenset(load_list("translation/doubled_words/names.txt"))


def _doubled_pattern(words: str) -> regex.Pattern[str]:
    return regex.compile(
        rf"(?<![\p{{L}}\p{{N}}'’-])(?P<w>{words})(?P<rest>(?: +(?P=w))+)(?![\p{{L}}\p{{N}}'’-])",
        regex.IGNORECASE | regex.VERSION1,
    )


_ANY_DOUBLED = _doubled_pattern(r"\p{L}{2,}")
_LISTED_DOUBLED = {lang: _doubled_pattern(phrase_union(words).pattern) for lang, words in _NEVER.items()}
# Unknown language: the English words that are not words of other languages too
# ("to to" is correct Polish and Czech, "a a" Portuguese).
_UNKNOWN_DOUBLED = _doubled_pattern(phrase_union([w for w in _NEVER["en"] if w not in ("a", "to")]).pattern)
_PUNCT_TO_SPACE = str.maketrans(dict.fromkeys(".,;:!?\"'”’“‘«»()[]", " "))


def has_doubled_word(text: str) -> bool:
    """Cheap test: does a word follow itself (case and punctuation ignored)?"""
    words = text.lower().translate(_PUNCT_TO_SPACE).split()
    return any(map(eq, words, islice(words, 1, None)))


def _same_form(first: str, repeats: list[str]) -> bool:
    """Every repeat is written like the first, or lowercase after a capitalised first (``The the``)."""
    return all(r == first or (r == r.lower() and first[0].isupper() and first[1:] == r[1:]) for r in repeats)


def _used_alone(word: str, context: str) -> bool:
    """Whether ``context`` writes ``word`` (case-sensitive) somewhere outside a doubled run."""
    escaped = regex.escape(word)
    every = regex.findall(rf"(?<![\p{{L}}\p{{N}}]){escaped}(?![\p{{L}}\p{{N}}])", context, timeout=TIMEOUT)
    doubled = regex.findall(rf"(?<![\p{{L}}\p{{N}}]){escaped}(?: +{escaped})+(?![\p{{L}}\p{{N}}])", context, timeout=TIMEOUT)
    return len(every) > sum(len(run.split()) for run in doubled)


def _keep_repeat(first: str, repeats: list[str], language: str, context: str) -> bool:
    low = first.lower()
    if low in _KEEP[language] or not _same_form(first, repeats):
        return True
    if repeats[0][0].isupper() and f"{low} {low}" in _NAMES:
        return True
    if repeats[0][0].isupper() and not first.isupper():  # "Walla Walla": a name unless written alone elsewhere
        return not _used_alone(first, context)
    return False


def fix_doubled_words(text: str, *, language: str | None = None, context: str = "") -> tuple[str, list[str]]:
    """Remove a word written twice: ``"the council council voted"`` → ``"the council voted"``.

    In a language with a list of legitimate repeats (``data/translation/doubled_words/keep/``:
    English, French, German, Spanish, Portuguese, Dutch) every repeated word of two letters or
    more is repaired except those listed (``"had had"``, ``"that that"``, ``"bye bye"``, ``"nous
    nous"``) and the names of ``names.txt`` (``"Bora Bora"``).  A capitalised word written twice
    is a name, and kept, unless ``context`` (the document) also writes it alone.  In Italian and
    when the language is unknown only function words are repaired (``never/``); in other
    languages nothing is, since many double words on purpose (``"orang orang"``, ``"yavaş yavaş"``).
    """
    if language in _KEEP:
        pattern = _ANY_DOUBLED
    elif language in _LISTED_DOUBLED:
        pattern = _LISTED_DOUBLED[language]
    elif language is None:
        pattern = _UNKNOWN_DOUBLED
    else:
        return text, []
    if not has_doubled_word(text):
        return text, []
    notes: list[str] = []

    def repl(m: Any) -> str:
        first, repeats = m.group("w"), m.group("rest").split()
        if language in _KEEP:
            if _keep_repeat(first, repeats, language, context or text):
                return m.group(0)
        elif any(r != r.lower() for r in repeats):
            return m.group(0)
        notes.append(f"removed the repeated {repeats[0]!r}" + (f" ({len(repeats)} times)" if len(repeats) > 1 else ""))
        return first

    return sub(pattern, repl, text), notes



# ---------------------------------------------------------------------------
# apostrophe
# ---------------------------------------------------------------------------
_ELIDED = regex.compile(r"(?<![\p{L}\p{N}])([LDO])(['’])(\p{Lu}\p{Ll}+)")


def apostrophe_forms(paragraphs: list[str], text: str | None = None) -> dict[str, str]:
    """Elided names written with an apostrophe in the document: ``{"LExpress": "L’Express"}``.

    With ``text`` (the whole document), only the names also written without it there.
    """
    forms: dict[str, str] = {}
    for para in paragraphs:
        if "’" in para or "'" in para:
            for m in _ELIDED.finditer(para, timeout=TIMEOUT):
                forms.setdefault(m.group(1) + m.group(3), m.group(0))
    return forms if text is None else {bare: form for bare, form in forms.items() if bare in text}


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

