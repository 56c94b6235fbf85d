"""The ``repair_typography`` step: runs each kind of repair on every paragraph, one edit per kind."""

from __future__ import annotations

from typing import Callable, Literal, get_args

from ...document import Document
from ...registry import document_filter
from .fragments import lowercase_share, fix_dangling_sentence, fix_orphan_fragment
from .punctuation import french_spacing_applies, fix_brackets, fix_doubled_punctuation, fix_run_together, fix_spacing, normalize_styles
from .sentences import FAMILY
from .words import apostrophe_forms, fix_apostrophes, fix_doubled_words

Kind = Literal[
    "bracket",
    "spacing",
    "run-together",
    "doubled-punctuation",
    "doubled-word",
    "orphan-fragment",
    "apostrophe",
    "dangling-sentence",
]
#: The kinds ``repair_typography`` runs by default, in order (``dangling-sentence`` is off).
DEFAULT_KINDS: list[Kind] = [kind for kind in get_args(Kind) if kind != "dangling-sentence"]


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
    wanted = set(kinds)
    forms = apostrophe_forms(doc.paragraphs) if "apostrophe" in wanted else {}
    orphans = "orphan-fragment" in wanted and (
        lowercase_share(doc.paragraphs, orphan_max_words, orphan_min_sentence_words) <= max_lowercase_share
    )
    repairs: list[tuple[str, Callable[[str], tuple[str, list[str]]]]] = []
    for kind in kinds:
        if kind == "bracket":
            repairs.append((kind, fix_brackets))
        elif kind == "spacing":
            repairs.append((kind, lambda t: fix_spacing(t, french=french_spacing_applies(t, language, french_spacing))))
        elif kind == "run-together":
            repairs.append((kind, fix_run_together))
        elif kind == "doubled-punctuation":
            repairs.append((kind, fix_doubled_punctuation))
        elif kind == "doubled-word":
            repairs.append((kind, lambda t: fix_doubled_words(t, language=language)))
        elif kind == "orphan-fragment" and orphans:
            repairs.append(
                (kind, lambda t: fix_orphan_fragment(t, max_words=orphan_max_words, min_sentence_words=orphan_min_sentence_words))
            )
        elif kind == "apostrophe" and forms:
            repairs.append((kind, lambda t: fix_apostrophes(t, forms)))
        elif kind == "dangling-sentence":
            repairs.append((kind, fix_dangling_sentence))
    if quotes != "keep" or dashes != "keep":
        repairs.append(("style", lambda t: normalize_styles(t, quotes=quotes, dashes=dashes)))
    if not repairs:
        return
    for i in range(len(doc.paragraphs)):
        for _ in range(5):  # until the paragraph is stable: a repair can reveal another
            changed = False
            for kind, fix in repairs:
                text = doc.paragraphs[i]
                new, notes = fix(text)
                new = new.strip()
                if new != text and new:
                    doc.replace(i, new, f"{kind}: {'; '.join(notes)}", kind)
                    changed = True
            if not changed:
                break

