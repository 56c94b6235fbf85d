"""Held-out injected furniture: how much goes, how much article text stays, per language.

    python training/eval_injected.py [--per-lang 60]

Documents are built like the training ones (training/inject.py) but only from the widgets and
negatives held out of training, with another seed; article text for English comes from train-extra
gold bodies. Prints per language, then the share removed of each kind of furniture and the share
kept of the negatives (all languages together).
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
from inject import ARTICLE, annotated_documents, is_content  # noqa: E402

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
    by_kind, gone_by_kind = defaultdict(int), defaultdict(int)
    missed = defaultdict(list)
    for lang, lines, kinds, _ in annotated_documents(golds, held_out=True, seed=99, per_lang=args.per_lang):
        result = clean_article("\n".join(lines))
        out = " ".join(_words(result.text + "\n" + (result.title or "")))
        for line, kind in zip(lines, kinds):
            # Other steps repair text (encoding, spacing): a line counts as kept when its first words are there.
            there = " ".join(_words(line)[:6]) in out
            by_kind[kind] += 1
            gone_by_kind[kind] += not there
            if kind == ARTICLE:
                paragraphs[lang] += 1
                kept[lang] += there
            elif not is_content(kind):
                furniture[lang] += 1
                removed[lang] += not there
                if there:
                    missed[lang].append(line)
    for lang in sorted(furniture):
        print(f"{lang}: furniture removed {removed[lang] / furniture[lang]:.1%} ({furniture[lang]} lines), "
              f"article paragraphs kept {kept[lang] / paragraphs[lang]:.2%} ({paragraphs[lang]})")
        for line in sorted(set(missed[lang]))[: args.show]:
            print("    kept:", line)
    for kind in sorted(by_kind, key=lambda k: (is_content(k), k)):
        if kind != ARTICLE:
            share = 1 - gone_by_kind[kind] / by_kind[kind] if is_content(kind) else gone_by_kind[kind] / by_kind[kind]
            print(f"{kind:36} {'kept' if is_content(kind) else 'removed'} {share:6.1%} ({by_kind[kind]} lines)")


if __name__ == "__main__":
    main()
