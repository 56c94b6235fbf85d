"""Repeated paragraphs: ``remove_duplicate_paragraphs`` keeps the first of exact and near copies.

It reads the word tokens of the boilerplate feature table (computed once per document).  Linear:
each paragraph is looked up by its key and by its word 3-grams, and only the 3-grams found in more
than one paragraph are indexed, so most paragraphs of most documents are compared with none.
"""

from __future__ import annotations

import difflib
from collections import Counter
from typing import Iterable, Sequence

import regex

from ...document import Document
from ...patterns import TIMEOUT
from ...registry import document_filter
from .features import Line, document_table
from .title import alnum as _alnum

# ---------------------------------------------------------------------------
# List items, table rows and questions legitimately repeat (feature lists, table headers, interviews).
_REPEATABLE = regex.compile(r"^\s*(?:[-•*·–|]|\d+[.)]\s)|\?['\"”’»]*\s*$")


def _repeatable(para: str) -> bool:
    """A list item, table row or question (``_REPEATABLE``), looked for only where a ``?`` or a marker can start it."""
    first = para.lstrip()[:1]  # str.isspace holds for every character ``\s`` matches
    if "?" not in para and not (first in "-*|" or first.isdigit() or not first.isascii()):
        return False
    return bool(_REPEATABLE.search(para, timeout=TIMEOUT))


def _shingles(toks: Sequence[str]) -> set[tuple[str, ...]]:
    """The word 3-grams of a paragraph (its whole token tuple when it has fewer than three)."""
    if len(toks) < 3:
        return {tuple(toks)}
    return set(zip(toks, toks[1:], toks[2:]))


def _repeated(candidates: Sequence[int], table: Sequence[Line]) -> tuple[set[tuple[str, ...]], dict[int, int]]:
    """The 3-grams found in more than one candidate (only they can make two paragraphs near copies),
    and how many 3-grams each candidate has.  The candidates' sets are not kept: memory is their union."""
    seen: set[tuple[str, ...]] = set()
    repeated: set[tuple[str, ...]] = set()
    sizes: dict[int, int] = {}
    for i in candidates:
        sh = _shingles(table[i].toks)
        sizes[i] = len(sh)
        repeated |= sh & seen
        seen |= sh
    return repeated, sizes


def _similar(ta: Sequence[str], tb: Sequence[str], threshold: float) -> bool:
    if abs(len(ta) - len(tb)) > (1 - threshold) * max(len(ta), len(tb)) + 1:
        return False
    return difflib.SequenceMatcher(None, ta, tb, autojunk=False).ratio() >= threshold


def _near_copy_of(
    i: int,
    common: set[tuple[str, ...]],
    index: dict[tuple[str, ...], list[int]],
    sizes: dict[int, int],
    table: Sequence[Line],
    similarity: float,
) -> int | None:
    """The first indexed paragraph sharing half the 3-grams of paragraph ``i`` (``common``: those found
    elsewhere too) whose words, in order, match its words."""
    counts: dict[int, int] = {}
    for s in common:
        for j in index.get(s, ()):
            counts[j] = counts.get(j, 0) + 1
    for j, shared in sorted(counts.items()):
        if shared >= 0.5 * min(sizes[i], sizes[j]) and _similar(table[i].toks, table[j].toks, similarity):
            return j
    return None


def _keys(doc: Document) -> list[str]:
    """The alnum key of each paragraph, remembered by its text for the document (its settle rounds)."""
    memo = doc.cache.setdefault("duplicates.keys", {})
    keys = []
    for para in doc.paragraphs:
        key = memo.get(para)
        if key is None:
            key = memo[para] = _alnum(para)
        keys.append(key)
    return keys


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
    table = document_table(doc)
    keys = _keys(doc)
    occurrences = Counter(keys)
    # Short paragraphs, list items, questions and template lines of the page (found three times or
    # more: a recipe card, a form) are never removed, nor compared.
    candidates = [
        i
        for i, para in enumerate(doc.paragraphs)
        if table[i].words >= min_words and occurrences[keys[i]] <= 2 and not _repeatable(para)
    ]
    # Two candidates with one key make at least one copy: with more such pairs than max_removed,
    # the repetition is the page's structure and nothing will be removed.
    if sum(1 for n in Counter(keys[i] for i in candidates).values() if n == 2) > max_removed:
        return
    repeated, sizes = _repeated(candidates, table)
    seen: dict[str, int] = {}
    index: dict[tuple[str, ...], list[int]] = {}  # 3-gram -> kept paragraphs (only 3-grams found twice)
    copies: dict[int, tuple[int, str]] = {}  # copy -> (the paragraph it repeats, how)
    for i in candidates:
        key = keys[i]
        if key in seen:
            copies[i] = (seen[key], "repeats")
        else:
            common = _shingles(table[i].toks) & repeated if repeated else set()
            match = _near_copy_of(i, common, index, sizes, table, similarity) if common else None
            if match is None:
                seen[key] = i
                for s in common:
                    index.setdefault(s, []).append(i)
                continue
            copies[i] = (match, "nearly repeats")
        if len(copies) > max_removed:  # repetition is the page's structure (quoted replies, cards), not copies
            return
    # A paragraph found three times or more, exactly or nearly, is a template of the page (a recipe
    # card, a form), not a copy.  Near copies count too, so that a later repair making two of three
    # copies identical (or different) does not change the decision on a second cleaning.
    found = Counter(j for j, _ in copies.values())
    remove = [(i, f"{how} paragraph {j}") for i, (j, how) in copies.items() if found[j] < 2]
    for i, reason in reversed(remove):
        doc.remove(i, reason, "duplicate")
    if remove:  # recorded last first; put the edits back in document order
        doc.edits[-len(remove) :] = doc.edits[-len(remove) :][::-1]
