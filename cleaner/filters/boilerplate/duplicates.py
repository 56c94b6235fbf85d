"""Repeated paragraphs: ``remove_duplicate_paragraphs`` keeps the first of exact and near copies.

It reads the word tokens of the boilerplate feature table (computed once per document).
"""

from __future__ import annotations

import difflib
from collections import Counter
from typing import Sequence

import regex

from ...document import Document
from ...patterns import TIMEOUT
from ...registry import document_filter
from .features import document_table
from .title import alnum as _alnum

# ---------------------------------------------------------------------------
# List items, table rows and questions legitimately repeat (feature lists, table headers, interviews).
_REPEATABLE = regex.compile(r"^\s*(?:[-•*·–|]|\d+[.)]\s)|\?['\"”’»]*\s*$")


def _shingles(toks: Sequence[str], n: int = 3) -> set[tuple[str, ...]]:
    return {tuple(toks[i : i + n]) for i in range(max(1, len(toks) - n + 1))}


def _similar(ta: Sequence[str], tb: Sequence[str], threshold: float) -> bool:
    if abs(len(ta) - len(tb)) > (1 - threshold) * max(len(ta), len(tb)) + 1:
        return False
    return difflib.SequenceMatcher(None, ta, tb, autojunk=False).ratio() >= threshold


@document_filter(family="duplicate")
def remove_duplicate_paragraphs(doc: Document, *, min_words: int = 8, similarity: float = 0.9, max_removed: int = 3) -> None:
    """Remove paragraphs that repeat an earlier one, exactly or nearly; the first is kept.

    ``"Prices rose." … "Prices rose."`` → the second goes; so does a copy that
    differs only in spacing, punctuation or a few words (its words, in order,
    match the earlier one's at least ``similarity``: difflib's ratio).  Paragraphs under ``min_words`` words are left
    alone (short lines such as "Yes." may repeat in real text), and so are
    list items, table rows and questions, which repeat in real pages too, and
    lines found three times or more, exactly or nearly (a template of the page, not a copy).
    When more than ``max_removed`` paragraphs repeat, the repetition is the
    page's structure (a forum quoting replies) and nothing is removed.
    """
    seen: dict[str, int] = {}
    index: dict[tuple[str, ...], list[int]] = {}
    table = document_table(doc)
    shingles: list[set[tuple[str, ...]]] = []
    copies: dict[int, tuple[int, str]] = {}  # copy -> (the paragraph it repeats, how)
    for i, para in enumerate(doc.paragraphs):
        sh = _shingles(table[i].toks)
        shingles.append(sh)
        if table[i].words < min_words or _REPEATABLE.search(para, timeout=TIMEOUT):
            continue
        key = _alnum(para)
        if key in seen:
            copies[i] = (seen[key], "repeats")
            continue
        counts: dict[int, int] = {}
        for s in sh:
            for j in index.get(s, ()):
                counts[j] = counts.get(j, 0) + 1
        match = None
        for j, shared in sorted(counts.items()):
            # Candidates share half their word 3-grams; the words in order decide.
            if shared >= 0.5 * min(len(sh), len(shingles[j])) and _similar(table[i].toks, table[j].toks, similarity):
                match = j
                break
        if match is not None:
            copies[i] = (match, "nearly repeats")
            continue
        seen[key] = i
        for s in sh:
            index.setdefault(s, []).append(i)
    # A paragraph found three times or more, exactly or nearly, is a template of the page (a recipe
    # card, a form), not a copy.  Near copies count too, so that a later repair making two of three
    # copies identical (or different) does not change the decision on a second cleaning.
    found = Counter(j for j, _ in copies.values())
    remove = [(i, f"{how} paragraph {j}") for i, (j, how) in copies.items() if found[j] < 2]
    if len(copies) > max_removed:  # repetition is the page's structure (quoted replies, cards), not copies
        return
    for i, reason in reversed(remove):
        doc.remove(i, reason, "duplicate")
    if remove:  # recorded last first; put the edits back in document order
        doc.edits[-len(remove) :] = doc.edits[-len(remove) :][::-1]
