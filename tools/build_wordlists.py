"""Build the compact word-frequency lists of ``cleaner/filters/data/translation/words/`` (run once).

The typography repairs need to know whether a string is a word of the language and how
common it is ("is ``previous`` a word, and ``vious`` not?").  The ``wordfreq`` package
answers that for 40+ languages, but it is a 57 MB wheel and loads a language in 0.2–0.5 s;
the repairs need only the most common words of a few languages.  This script writes, per
language, the ``N`` most frequent words (letters only, lowercase) with their Zipf
frequency (log10 of occurrences per billion words, times 10, as an integer), one
``word<TAB>zipf10`` per line, gzipped.  The lists are a derived work of wordfreq's data
(CC-BY-SA 4.0, see ``words/LICENSE.txt``).

    pip install "wordfreq>=3.1" && python tools/build_wordlists.py
"""

from __future__ import annotations

import argparse
import gzip
from importlib.metadata import version
from pathlib import Path

import regex
from wordfreq import top_n_list, zipf_frequency

OUT = Path(__file__).resolve().parents[1] / "cleaner" / "filters" / "data" / "translation" / "words"
LANGUAGES = ("en", "fr", "de", "es", "it", "pt", "nl")
WORDS = 50_000
LETTERS = regex.compile(r"\p{Ll}+(?:['’]\p{Ll}+)?")


def build(language: str, n: int) -> bytes:
    lines = []
    for word in top_n_list(language, n):
        if LETTERS.fullmatch(word):
            lines.append(f"{word}\t{round(10 * zipf_frequency(word, language))}")
    return ("\n".join(lines) + "\n").encode("utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=WORDS)
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    for language in LANGUAGES:
        data = build(language, args.words)
        # mtime=0: the same input gives byte-identical files
        (OUT / f"{language}.tsv.gz").write_bytes(gzip.compress(data, 9, mtime=0))
        print(language, data.count(b"\n"), "words")
    print(f"built from wordfreq {version('wordfreq')}")


if __name__ == "__main__":
    main()
