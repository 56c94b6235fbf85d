"""Held-out injected furniture: how much goes, how much article text stays, per language.

    python training/eval_injected.py [--per-lang 60]

Documents are built like the training ones (training/inject.py) but only from the widgets held
out of training, with another seed; article text for English comes from train-extra gold bodies.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "training"))

import pages  # noqa: E402
from inject import inject_documents  # noqa: E402

from cleaner import clean_article  # noqa: E402


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--per-lang", type=int, default=60)
    parser.add_argument("--show", type=int, default=5, help="furniture lines kept to list per language")
    args = parser.parse_args()
    golds = [p.gold for p in pages.load_set("train-extra", 400)[200:] if len(p.gold.split()) >= 150]
    furniture, removed, paragraphs, kept = defaultdict(int), defaultdict(int), defaultdict(int), defaultdict(int)
    missed = defaultdict(list)
    for lang, lines, labels, _ in inject_documents(golds, held_out=True, seed=99, per_lang=args.per_lang):
        result = clean_article("\n".join(lines))
        out = " ".join(_words(result.text + "\n" + (result.title or "")))
        for line, content in zip(lines, labels):
            # Other steps repair text (encoding, spacing): a line counts as kept when its first words are there.
            there = " ".join(_words(line)[:6]) in out
            if content:
                paragraphs[lang] += 1
                kept[lang] += there
            else:
                furniture[lang] += 1
                gone = not there
                removed[lang] += gone
                if not gone:
                    missed[lang].append(line)
    for lang in sorted(furniture):
        print(f"{lang}: furniture removed {removed[lang] / furniture[lang]:.1%} ({furniture[lang]} lines), "
              f"article paragraphs kept {kept[lang] / paragraphs[lang]:.2%} ({paragraphs[lang]})")
        for line in sorted(set(missed[lang]))[: args.show]:
            print("    kept:", line)


if __name__ == "__main__":
    main()
