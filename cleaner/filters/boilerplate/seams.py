"""Furniture glued to the start or end of a real paragraph, cut at the seam.

``"…a paper in March.scroll to top"`` → ``"…a paper in March."``;
``"Share.Officials said …"`` → ``"Officials said …"``.  The glued text is looked
up as a whole in the share, navigation and prompt phrases (no regex).

>>> from .vocabulary import vocabulary
>>> cut("Officials said the river would stay high.scroll to top", vocabulary(), {"navigation"})[0]
'Officials said the river would stay high.'
"""

from __future__ import annotations

from .vocabulary import Vocabulary, count_words, fold

_SENTENCE_END = ".!?…\"'”’)]"
_TRAILING = " \t.!:…"
_HEAD_SEPARATORS = " \t.:|"
#: Words the paragraph must keep for a seam to be cut.
MIN_REST_WORDS = 3


def _tail(text: str, voc: Vocabulary) -> tuple[str, str] | None:
    body = text.rstrip(_TRAILING)
    start = max(1, len(body) - voc.seam_longest - 2)
    for pos in range(start, len(body)):
        if text[pos - 1] in _SENTENCE_END:
            glued = body[pos:].strip()
            family = voc.seam_family.get(fold(glued))
            if family and count_words(text[:pos]) >= MIN_REST_WORDS:
                return text[:pos].rstrip(), family
    return None


def _head(text: str, voc: Vocabulary) -> tuple[str, str] | None:
    limit = min(len(text), voc.seam_longest + 4)
    for pos in range(1, limit):
        if text[pos].isupper():
            glued = text[:pos].rstrip(_HEAD_SEPARATORS)
            between = text[len(glued) : pos]
            if between and not any(c in between for c in ".:|"):  # 'Follow us on Twitter' is one phrase, not a seam
                continue
            family = voc.seam_family.get(fold(glued))
            if family and count_words(text[pos:]) >= MIN_REST_WORDS:
                return text[pos:].lstrip(), family
    return None


def cut(paragraph: str, voc: Vocabulary, enabled: set[str]) -> tuple[str, list[str], str | None]:
    """The paragraph without glued furniture, the pieces cut, and the family of the first piece."""
    text = paragraph
    pieces: list[str] = []
    family = None
    if len(paragraph.split(None, MIN_REST_WORDS - 1)) < MIN_REST_WORDS:
        return text, pieces, family  # too few words to keep any after a cut (a part has no more than the whole)
    while True:  # 'Share.Share.Text' loses both
        before = len(pieces)
        for side in (_tail, _head):
            found = side(text, voc)
            if found and found[1] in enabled:
                rest, fam = found
                pieces.append(text.replace(rest, "", 1).strip())
                family = family or fam
                text = rest
        if len(pieces) == before:
            return text, pieces, family
