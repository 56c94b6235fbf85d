"""The ``repair_typography`` step: runs each kind of repair on every paragraph, one edit per kind."""

from __future__ import annotations

from itertools import compress
from operator import methodcaller
from typing import Any, Callable, Literal, get_args

from ...document import Document
from ...registry import document_filter
from .fragments import (
    few_lowercase_starts,
    fix_broken_quote,
    fix_dangling_sentence,
    fix_orphan_fragment,
    may_have_orphan,
    orphan_fragment,
)
from .prefilter import could_apply_here, paragraph_kinds
from .punctuation import (
    fix_brackets,
    fix_doubled_punctuation,
    fix_run_together,
    fix_spacing,
    french_spacing_applies,
    normalize_styles,
)
from .sentences import FAMILY
from .words import ELISIONS, apostrophe_forms, fix_apostrophes, fix_doubled_words

Kind = Literal[
    "bracket",
    "spacing",
    "run-together",
    "doubled-punctuation",
    "doubled-word",
    "orphan-fragment",
    "apostrophe",
    "dangling-sentence",
    "broken-quote",
]
#: The kinds ``repair_typography`` runs by default, in order: all of them.
DEFAULT_KINDS: list[Kind] = list(get_args(Kind))
_ENDS_WITH_STOP = methodcaller("endswith", ".")
#: The kinds whose repair of a paragraph depends on the rest of the document (names written doubled
#: or alone, names written with an apostrophe elsewhere).
_READ_THE_DOCUMENT = ("doubled-word", "apostrophe")


@document_filter(family=FAMILY)
def repair_typography(
    doc: Document,
    *,
    kinds: list[Kind] = DEFAULT_KINDS,
    french_spacing: Literal["auto", "always", "never"] = "auto",
    orphan_max_words: int = 3,
    orphan_min_sentence_words: int = 4,
    max_lowercase_share: float = 0.1,
    quotes: Literal["keep", "straight", "curly"] = "keep",
    dashes: Literal["keep", "en", "em"] = "keep",
) -> None:
    """Repair translation and copy-paste damage in each paragraph, one edit per kind.

    ``"the Vietnam War , Soviet power of the the Group of Seven (G7). ) summit."`` →
    ``"the Vietnam War, Soviet power of the Group of Seven (G7) summit."``.
    ``kinds`` chooses the repairs (see the module docs); ``french_spacing`` keeps the space
    before ``; : ! ?`` (``auto``: when the language is ``fr`` or unknown, or the paragraph has « »);
    orphan fragments are removed only when at most ``max_lowercase_share`` of the
    document's sentences start in lowercase (informal writing is left alone);
    ``quotes`` and ``dashes`` normalise styles (``keep``: off).
    """
    language = doc.meta.get("language")
    options = (kinds, french_spacing, orphan_max_words, orphan_min_sentence_words, max_lowercase_share, quotes, dashes)
    # A settle round (cleaner.settle) mostly hands the step the paragraphs it was handed before:
    # the replacements made then are made again, in their order, without looking for them.
    if not isinstance(language, (str, type(None))):  # a caller's own label: not a key
        _repair(doc, language, *options)
        return
    plans = doc.cache.setdefault("typography.plans", {})
    key = (tuple(doc.paragraphs), doc.separator, language, tuple(kinds), *options[1:])
    if key in plans:
        for change in plans[key]:
            doc.replace(*change)
    else:
        plans[key] = _repair(doc, language, *options)


def _repair(
    doc: Document, language: Any, kinds: list[Kind], french_spacing: str, orphan_max_words: int,
    orphan_min_sentence_words: int, max_lowercase_share: float, quotes: str, dashes: str,
) -> list[tuple[int, str, str, str]]:
    """What :func:`repair_typography` does, given the document's language; returns the replacements
    it made, in order (``Document.replace``'s arguments)."""
    made: list[tuple[int, str, str, str]] = []
    text = doc.text
    elided = "apostrophe" in kinds and any(mark in text for mark in ELISIONS if mark[1] in text)
    forms = apostrophe_forms(doc.paragraphs, text) if elided else {}
    orphan_args = {"max_words": orphan_max_words, "min_sentence_words": orphan_min_sentence_words}
    doubled: dict[Any, bool] = {}  # names written doubled (and words written alone), counted once in the document
    repairs: dict[str, Callable[[str], tuple[str, list[str]]]] = {
        "bracket": fix_brackets,
        "spacing": lambda t: fix_spacing(t, french=french_spacing_applies(t, language, french_spacing)),
        "run-together": fix_run_together,
        "doubled-punctuation": fix_doubled_punctuation,
        "doubled-word": lambda t: fix_doubled_words(t, language=language, context=text, memo=doubled),
        "orphan-fragment": lambda t: fix_orphan_fragment(t, **orphan_args),
        "apostrophe": lambda t: fix_apostrophes(t, forms),
        "dangling-sentence": fix_dangling_sentence,
        "broken-quote": fix_broken_quote,
        "style": lambda t: normalize_styles(t, quotes=quotes, dashes=dashes),
    }
    active = [kind for kind in kinds if kind != "apostrophe" or forms]
    ends_with_stop = compress(doc.paragraphs, map(_ENDS_WITH_STOP, doc.paragraphs))  # in C: a million lines may end otherwise
    orphans = {p for p in set(ends_with_stop) if may_have_orphan(p)} if "orphan-fragment" in active else set()
    if "orphan-fragment" in active and not (
        any(orphan_fragment(p, **orphan_args) for p in sorted(orphans))
        and few_lowercase_starts(doc.paragraphs, max_lowercase_share, **orphan_args)
    ):
        active.remove("orphan-fragment")
    to_repair = _paragraph_kinds(doc, active, orphans)
    if quotes != "keep" or dashes != "keep":
        to_repair = {i: to_repair.get(i, []) + ["style"] for i in range(len(doc.paragraphs))}
    # (kind, text) -> repair: a repeated paragraph is repaired once.  The kinds that read only the
    # paragraph are remembered for the document (a settle round asks about the texts they gave).
    done: dict[tuple[str, str], tuple[str, list[str]]] = {}
    if isinstance(language, (str, type(None))):
        settings = (language, french_spacing, orphan_max_words, orphan_min_sentence_words, quotes, dashes)
        done = doc.cache.setdefault(("typography.repairs", *settings), {})
    whole: dict[tuple[str, str], tuple[str, list[str]]] = {}  # kinds reading the whole document: this text only
    for i, here in to_repair.items():
        found = doc.paragraphs[i]  # the text the kinds of ``here`` were found in
        for _ in range(5):  # until the paragraph is stable: a repair can reveal another
            changed = False
            for kind in here:
                before = doc.paragraphs[i]
                memo = whole if kind in _READ_THE_DOCUMENT else done
                if (kind, before) not in memo:  # a repaired text is asked again whether it can hold the kind
                    may = before == found or could_apply_here(kind, before)
                    memo[kind, before] = repairs[kind](before) if may else (before, [])
                new, notes = memo[kind, before]
                new = new.strip()
                if new != before and new:
                    made.append((i, new, f"{kind}: {'; '.join(notes)}", kind))
                    doc.replace(*made[-1])
                    changed = True
            if not changed:
                break
    return made


def _paragraph_kinds(doc: Document, active: list[str], orphans: set[str]) -> dict[int, list[str]]:
    """:func:`paragraph_kinds`, remembered by paragraph text for the document (a settle round looks
    again only at the paragraphs it changed, a repeated paragraph is looked at once).  Each answer is
    a paragraph's own, given ``active`` (``orphans``, the orphan candidates, are texts), unless a
    paragraph holds a line break."""
    paragraphs = doc.paragraphs
    if any("\n" in p for p in paragraphs):
        return paragraph_kinds(paragraphs, active, {"orphan-fragment": {i for i, p in enumerate(paragraphs) if p in orphans}})
    memo = doc.cache.setdefault(("typography.kinds", tuple(active)), {})
    todo = list(dict.fromkeys(p for p in paragraphs if p not in memo))
    if todo:
        found = paragraph_kinds(todo, active, {"orphan-fragment": {k for k, p in enumerate(todo) if p in orphans}})
        for k, p in enumerate(todo):
            memo[p] = found.get(k)
    return {i: kinds for i, kinds in enumerate(map(memo.__getitem__, paragraphs)) if kinds}
