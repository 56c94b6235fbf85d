"""Documents with furniture injected into real article text (for training and its held-out report).

Widgets come from ``training/furniture/<lang>.txt`` (written for this project);
one in four, chosen by a stable hash of its text, is held out of training.
Article text: for English, gold article bodies of train-extra; for the other
languages, sentences of the langid test data (``../shared/bench/langid/sentences``,
first half of each file), grouped into paragraphs.
"""

from __future__ import annotations

import hashlib
import os
import random
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CLEANER_SHARED", ROOT.parent / "shared"))
FURNITURE = ROOT / "training" / "furniture"
LANGS = ("en", "de", "fr", "es", "it", "pt", "nl")
NAMES = ("Anna Schmidt", "João Silva", "Marie Dubois", "Luca Bianchi", "Jan de Vries", "Carmen López", "Tom Baker")
SITES = ("The Daily Courier", "Nieuwsblad", "Il Giornale del Sud", "ElDiario Hoy", "Folha Nova", "Le Journal")
DATES = ("12 March 2024", "03/05/2023", "2024-11-02", "June 4, 2022", "7. Mai 2021")
TIMES = ("14:05", "9:30 AM", "18h20", "07:45")


def _held(widget: str) -> bool:
    return int(hashlib.sha256(widget.encode()).hexdigest(), 16) % 4 == 3


def widgets(lang: str, held_out: bool) -> list[str]:
    lines = (FURNITURE / f"{lang}.txt").read_text(encoding="utf-8").splitlines()
    return [w for w in lines if w.strip() and not w.startswith("#") and _held(w) == held_out]


def held_out_widgets() -> list[str]:
    return [w for lang in LANGS for w in widgets(lang, True)]


def _fill(widget: str, rng: random.Random) -> list[str]:
    text = (widget.replace("{n}", str(rng.randint(2, 480))).replace("{name}", rng.choice(NAMES))
            .replace("{site}", rng.choice(SITES)).replace("{date}", rng.choice(DATES)).replace("{time}", rng.choice(TIMES)))
    return [part.strip() for part in text.split("\\n") if part.strip()]


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
    i = 0
    while i + 20 < len(sentences):
        n = rng.randint(4, 10)
        paras = []
        for _ in range(n):
            k = rng.randint(1, 3)
            paras.append(" ".join(sentences[i : i + k]))
            i += k
        yield paras


def inject_documents(golds: list[str], *, held_out: bool, seed: int, per_lang: int = 150) -> Iterator[tuple[str, list[str], list[bool], int]]:
    """(language, lines, is-content labels, number) of documents with furniture injected."""
    for lang in LANGS:
        rng = random.Random(f"{seed}:{lang}")
        pool = widgets(lang, held_out)
        for n, paras in enumerate(_paragraphs(lang, golds, rng)):
            if n >= per_lang:
                break
            lines = [(p, True) for p in paras]
            for _ in range(rng.randint(1, 6)):
                where = rng.choice(("head", "head", "tail", "tail", "tail", "mid"))
                pos = {"head": rng.randint(0, 1), "tail": len(lines) - rng.randint(0, 1), "mid": rng.randint(1, max(1, len(lines) - 1))}[where]
                lines[pos:pos] = [(w, False) for w in _fill(rng.choice(pool), rng)]
            yield lang, [t for t, _ in lines], [c for _, c in lines], n
