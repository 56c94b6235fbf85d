"""The damage ``benchmarks/repair.py`` injects: one function per kind, each picking a random place.

Each injector takes (paragraph, the document's paragraphs, rng) and returns the damaged
paragraph, or None when the paragraph has no eligible place.
"""

from __future__ import annotations

import random
from typing import Callable

import regex

# ---------------------------------------------------------------------------
# Injectors: (paragraph, document, rng) -> damaged paragraph, or None when not eligible
# ---------------------------------------------------------------------------
Injector = Callable[[str, list[str], random.Random], "str | None"]
_LOWER_WORDS = regex.compile(r"(?<![\p{L}\p{N}'’.-])\p{Ll}{2,}(?![\p{L}\p{N}'’-])")
_ANY_WORD = regex.compile(r"(?<![\p{L}\p{N}'’.@/-])\p{L}{2,}(?![\p{L}\p{N}'’@/-])(?=[\s,;:.!?”’\")]|$)")


def orphan(p: str, doc: list[str], rng: random.Random) -> str | None:
    """1–3 lowercase words of the document glued after the paragraph's last full stop."""
    if not regex.search(r"\p{Ll}{2}\.$", p):
        return None
    words = [w for q in doc for w in _LOWER_WORDS.findall(q)]
    if len(words) < 5:
        return None
    n = rng.randint(1, 3)
    start = rng.randrange(len(words) - n)
    return p + " " + " ".join(words[start : start + n]) + "."


AUXILIARIES = ("have been", "has been", "was", "were made", "will be", "had", "is")
MODALS = ("should", "must", "can", "could", "would", "will", "may", "might", "has to", "needs to")


def after_quote_fragment(p: str, doc: list[str], rng: random.Random) -> str | None:
    """An auxiliary (+ a word of the document) glued after a paragraph ending in a quotation."""
    if not regex.search(r"\p{Ll}[.!?][”\"]$", p):
        return None
    words = [w for q in doc for w in _LOWER_WORDS.findall(q)]
    tail = rng.choice(AUXILIARIES) + (" " + rng.choice(words) if words and rng.random() < 0.5 else "")
    return f"{p} {tail}."


def dangling(p: str, doc: list[str], rng: random.Random) -> str | None:
    """"It/This/That + modal + be + a participle of the document." after a closing quotation."""
    if not regex.search(r"\p{Ll}[.!?][”\"]$", p):
        return None
    participles = [w for q in doc for w in regex.findall(r"\b\p{Ll}{3,}(?:ed|en)\b", q)] or ["given"]
    return f"{p} {rng.choice(['It', 'This', 'That'])} {rng.choice(MODALS)} be {rng.choice(participles)}."


def doubled_word(p: str, doc: list[str], rng: random.Random) -> str | None:
    """Any word of two letters or more written twice (content words, names, function words)."""
    sites = list(_ANY_WORD.finditer(p))
    if not sites:
        return None
    m = rng.choice(sites)
    return p[: m.end()] + " " + m.group(0) + p[m.end() :]


_PHRASE = regex.compile(r"(?<=\p{Ll}{2}) (?P<span>\p{Ll}{2,}(?: \p{Ll}{2,}){1,2})(?P<after>,| )")


def broken_quote(p: str, doc: list[str], rng: random.Random) -> str | None:
    """A reordered quotation: ``rank of special strategic partner,`` → ``rank of. special strategic partner”,``."""
    if "“" in p or "”" in p or '"' in p:
        return None
    sites = list(_PHRASE.finditer(p))
    if not sites:
        return None
    m = rng.choice(sites)
    return p[: m.start()] + ". " + m.group("span") + "”" + m.group("after") + p[m.end() :]


_ELIDED = regex.compile(r"(?<![\p{L}\p{N}])[LDO]['’]\p{Lu}\p{Ll}+")


def apostrophe(p: str, doc: list[str], rng: random.Random) -> str | None:
    """Drop the apostrophe of a name (O’Brien, L’Express) written at least twice in the document."""
    text = "\n".join(doc)
    sites = [m for m in _ELIDED.finditer(p) if text.count(m.group(0)) >= 2]
    if not sites:
        return None
    m = rng.choice(sites)
    return p[: m.start()] + m.group(0).replace("'", "").replace("’", "") + p[m.end() :]


_LONG_WORD = regex.compile(r"(?<![\p{L}'’-])\p{Ll}{7,}(?![\p{L}'’-])")
_VOWELS = set("aeiouyàâäáéèêëíìîïóòôöúùûü")


def hyphenate(p: str, doc: list[str], rng: random.Random) -> str | None:
    """Break a word of 7+ letters across a line where a typesetter could: before a consonant
    followed by a vowel (``conti-nued``) or between two consonants (``prob-lem``)."""
    words = _LONG_WORD.findall(p)
    rng.shuffle(words)
    for w in words:
        cuts = [
            i
            for i in range(3, len(w) - 2)
            if w[i] not in _VOWELS and w[i + 1] in _VOWELS and (w[i - 1] in _VOWELS or w[i - 2] in _VOWELS)
        ]
        if cuts:
            i = rng.choice(cuts)
            return p.replace(w, w[:i] + "-\n" + w[i:], 1)
    return None


def _at(pattern: str, make: Callable[[regex.Match], str]) -> Injector:
    compiled = regex.compile(pattern)

    def inject(p: str, doc: list[str], rng: random.Random) -> str | None:
        sites = list(compiled.finditer(p))
        if not sites:
            return None
        m = rng.choice(sites)
        return p[: m.start()] + make(m) + p[m.end() :]

    return inject


INJECTORS: dict[str, Injector] = {
    "orphan-fragment": orphan,
    "orphan-after-quote": after_quote_fragment,
    "dangling-sentence": dangling,
    "broken-quote": broken_quote,
    "apostrophe": apostrophe,
    "bracket": _at(r"\((?P<x>[^()]{1,40})\)(?= \p{Ll})", lambda m: m.group(0) + ". )"),
    "bracket-doubled": _at(r"\((?P<x>[^()]{1,40})\)(?= \p{Ll})", lambda m: m.group(0) + ")"),
    "spacing-before": _at(r"(?<=\p{Ll}{2})[,;:?!](?= \p{L})|(?<=\p{Ll}{2})\.(?= \p{Lu})", lambda m: " " + m.group(0)),
    "spacing-inside": _at(r"\((\p{L}[^()]{0,40}\p{L})\)", lambda m: "( " + m.group(1) + " )"),
    "doubled-punctuation": _at(
        r"(?<=\p{Ll}{2})\.(?= \p{Lu})|(?<=\p{Ll}{2}),(?= \p{L})|(?<=\p{Ll}{2})\?(?= \p{Lu})",
        lambda m: {".": "..", ",": ",,", "?": "?."}[m.group(0)],
    ),
    "doubled-word": doubled_word,
    "run-together": _at(r"(?<=(?<![\p{L}.])\p{L}{2,})\. (?=\p{Lu}\p{Ll}+\s)", lambda m: "."),
    "hyphenation-word": hyphenate,
    "hyphenation-compound": _at(r"(?<![\p{L}'’-])\p{Ll}{2,}-\p{Ll}{2,}(?![\p{L}'’-])", lambda m: m.group(0).replace("-", "-\n", 1)),
}
