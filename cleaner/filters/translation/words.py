"""Word repairs: doubled words and apostrophes lost in names."""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Mapping

import regex

from ...patterns import TIMEOUT, load_list, phrase_union
from .sentences import sub


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

    return sub(pattern, repl, text), notes



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

    return sub(pattern, repl, text), notes

