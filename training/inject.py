"""Documents with furniture injected into real article text (for training and its held-out report).

The corpus is ``training/furniture/<lang>.toml`` (written for this project): a ``[furniture]``
table of widget kinds (one entry a widget, lines split by newlines) and a ``[negative]`` table
of article lines that look like furniture but are content.  In every kind of both tables, one
entry in four is held out of training: the entries are ranked by a hash of their text and every
fourth is held out (so each kind has a held-out part).
Article text: for English, gold article bodies of train-extra; for the other languages,
sentences of the langid test data (``../shared/bench/langid/sentences``, first half of each
file), drawn at random into paragraphs.
"""

from __future__ import annotations

import hashlib
import os
import random
import re
import sys
from functools import lru_cache
from pathlib import Path
from typing import Iterator

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CLEANER_SHARED", ROOT.parent / "shared"))
FURNITURE = ROOT / "training" / "furniture"
LANGS = ("en", "de", "fr", "es", "it", "pt", "nl")
NAMES = ("Anna Schmidt", "João Silva", "Marie Dubois", "Luca Bianchi", "Jan de Vries", "Carmen López", "Tom Baker")
SITES = ("The Daily Courier", "Nieuwsblad", "Il Giornale del Sud", "ElDiario Hoy", "Folha Nova", "Le Journal")
DATES = ("12 March 2024", "03/05/2023", "2024-11-02", "June 4, 2022", "7. Mai 2021")
TIMES = ("14:05", "9:30 AM", "18h20", "07:45")
#: Every filler's words in one text (the lexicon leaves them out: they are the corpus's, not furniture's).
FILLERS_TEXT = " ".join(NAMES + SITES + DATES + TIMES)
PLACEHOLDER = re.compile(r"\{(\w*)\}")
FILLERS = {
    "n": lambda rng: str(rng.randint(1, 12) if rng.random() < 0.5 else rng.randint(13, 4800)),
    "name": lambda rng: rng.choice(NAMES),
    "site": lambda rng: rng.choice(SITES),
    "date": lambda rng: rng.choice(DATES),
    "time": lambda rng: rng.choice(TIMES),
}
#: One entry in this many (of every kind) is held out of training.
HELD_OUT_EVERY = 4
#: Kind of the lines of the real article text.
ARTICLE = "article"
#: Prefix of the kind of an injected negative (content that looks like furniture).
NEGATIVE = "negative:"
#: Where a group of widgets goes: before the article, after it, or between two paragraphs.
WHERE = ("head", "tail", "mid")
#: How many widgets one injected group holds, and how often each size is drawn.
GROUP_SIZES, GROUP_WEIGHTS = (1, 2, 3), (5, 3, 2)
#: Groups of widgets per document, and negative lines per document.
GROUPS, NEGATIVES = (1, 5), (0, 3)


@lru_cache(maxsize=None)
def corpus(lang: str) -> dict[str, dict[str, list[str]]]:
    """The ``furniture`` and ``negative`` tables of one language: kind -> entries."""
    with open(FURNITURE / f"{lang}.toml", "rb") as f:
        data = tomllib.load(f)
    return {table: data[table] for table in ("furniture", "negative")}


def _rank(entry: str) -> str:
    return hashlib.sha256(entry.encode()).hexdigest()


def split(entries: list[str], held_out: bool) -> list[str]:
    """The held-out quarter of one kind's entries (every fourth by hash rank), or the rest."""
    held = set(sorted(entries, key=_rank)[HELD_OUT_EVERY - 1 :: HELD_OUT_EVERY])
    return [e for e in entries if (e in held) == held_out]


def kinds(lang: str, table: str, held_out: bool) -> dict[str, list[str]]:
    """Kind -> the entries of one split of a table (``furniture`` or ``negative``)."""
    return {kind: split(entries, held_out) for kind, entries in corpus(lang)[table].items()}


def widgets(lang: str, held_out: bool) -> list[str]:
    """Every furniture entry of one language in one split."""
    return [w for entries in kinds(lang, "furniture", held_out).values() for w in entries]


def held_out_widgets() -> list[str]:
    """Every held-out furniture entry of every language."""
    return [w for lang in LANGS for w in widgets(lang, True)]


def _fill(entry: str, rng: random.Random) -> list[str]:
    text = PLACEHOLDER.sub(lambda m: FILLERS[m.group(1)](rng), entry)
    return [part.strip() for part in text.split("\n") if part.strip()]


def _paragraphs(lang: str, golds: list[str], rng: random.Random) -> Iterator[list[str]]:
    if lang == "en":
        for gold in golds:
            paras = [p.strip() for p in gold.splitlines() if len(p.split()) >= 6]
            if len(paras) >= 3:
                yield paras[:14]
        return
    path = SHARED / "bench" / "langid" / "sentences" / f"{lang}.txt"
    sentences = [s.strip() for s in path.read_text(encoding="utf-8").splitlines() if len(s.split()) >= 5]
    sentences = sentences[: len(sentences) // 2]
    while True:
        yield [" ".join(rng.sample(sentences, rng.randint(1, 3))) for _ in range(rng.randint(4, 10))]


def _group(pools: dict[str, list[str]], rng: random.Random) -> list[tuple[str, str]]:
    """(line, kind) of 1-3 widgets in a row, each of a kind drawn uniformly."""
    size = rng.choices(GROUP_SIZES, GROUP_WEIGHTS)[0]
    out = []
    for kind in rng.sample(sorted(pools), size):
        out += [(line, kind) for line in _fill(rng.choice(pools[kind]), rng)]
    return out


def _document(paras: list[str], furniture: dict, negative: dict, rng: random.Random) -> list[tuple[str, str]]:
    """(line, kind) of one article with widget groups at its head, tail and between paragraphs."""
    slots: list[list[tuple[str, str]]] = [[] for _ in range(len(paras) + 1)]
    for _ in range(rng.randint(*GROUPS)):
        where = rng.choice(WHERE)
        i = 0 if where == "head" else len(paras) if where == "tail" else rng.randint(1, len(paras) - 1)
        slots[i] += _group(furniture, rng)
    for _ in range(rng.randint(*NEGATIVES)):
        kind = rng.choice(sorted(negative))
        slots[rng.randint(1, len(paras) - 1)] += [(line, NEGATIVE + kind) for line in _fill(rng.choice(negative[kind]), rng)]
    out = list(slots[0])
    for para, slot in zip(paras, slots[1:]):
        out += [(para, ARTICLE), *slot]
    return out


def is_content(kind: str) -> bool:
    """Whether a line of this kind must be kept (article text or a negative)."""
    return kind == ARTICLE or kind.startswith(NEGATIVE)


def annotated_documents(golds: list[str], *, held_out: bool, seed: int, per_lang: int = 150,
                        langs: tuple[str, ...] = LANGS) -> Iterator[tuple[str, list[str], list[str], int]]:
    """(language, lines, kind of each line, number): ``article``, ``negative:<kind>`` or a furniture kind."""
    for lang in langs:
        rng = random.Random(f"{seed}:{lang}")
        furniture, negative = kinds(lang, "furniture", held_out), kinds(lang, "negative", held_out)
        for n, paras in enumerate(_paragraphs(lang, golds, rng)):
            if n >= per_lang:
                break
            doc = _document(paras, furniture, negative, rng)
            yield lang, [line for line, _ in doc], [kind for _, kind in doc], n


def inject_documents(golds: list[str], *, held_out: bool, seed: int, per_lang: int = 150,
                     langs: tuple[str, ...] = LANGS) -> Iterator[tuple[str, list[str], list[bool], int]]:
    """(language, lines, is-content labels, number) of documents with furniture injected."""
    for lang, lines, line_kinds, n in annotated_documents(golds, held_out=held_out, seed=seed, per_lang=per_lang, langs=langs):
        yield lang, lines, [is_content(k) for k in line_kinds], n
