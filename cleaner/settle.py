"""Settling: cleaning a result again when a later step changed what a document-level step judged.

A document-level step decides on the whole document as it sees it: a line is
furniture because of its neighbours, a paragraph a copy because of another one, a
line the headline because it comes first.  When a later step changes the document
(removes a copy, moves the headline out, cuts a dangling sentence), a second
cleaning sees another document and may decide otherwise — cleaning would not be
idempotent.  ``"Read also: …"`` twice is kept by the furniture step (one rule
must not empty a document of 20 words or more), and one copy then goes as a
duplicate; cleaning that line alone removes it.

So the chain cleans such a result again, from its first document-level step, as a
second cleaning would (the text, with the metadata the input came with: a page's
title, its format), and keeps what that round changes; at most :data:`ROUNDS`
rounds.  The edits of a round are recorded after the first ones, their reason
starting with ``settle round N:``.  A result no later step changed (most
documents) is not cleaned again.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Sequence

from .document import Document, Edit, StepTiming

#: Rounds of cleaning again at most (each on the previous round's result).
ROUNDS = 2
_CHANGES = ("removed", "replaced")
_KEPT = ("removed", "replaced", "dropped-document", "error", "flagged")


def first_document_step(steps: Sequence[Any]) -> int | None:
    """The position of the first step handed the whole document (kind ``document``), or None."""
    return next((k for k, step in enumerate(steps) if step.spec.kind == "document"), None)


def unsettled(edits: Sequence[Edit], steps: Sequence[Any]) -> bool:
    """Whether a step after the first document-level step removed or rewrote a paragraph in ``edits``.

    >>> from cleaner.chain import Chain
    >>> steps = Chain.default().steps
    >>> unsettled([Edit("remove_duplicate_paragraphs", "removed", "A copy.")], steps)
    True
    >>> unsettled([Edit("remove_boilerplate", "removed", "Share")], steps)
    False
    """
    first = first_document_step(steps)
    if first is None:
        return False
    later = {step.name for step in steps[first + 1 :]}
    return any(e.action in _CHANGES and e.filter in later for e in edits)


def again(doc: Document, meta: dict[str, Any]) -> Document:
    """The document a second cleaning would start from: the text, with the metadata the input came with."""
    fresh = Document.from_paragraphs(doc.paragraphs, meta, doc.separator)
    fresh.step = "settle"
    fresh.cache = doc.cache  # memos keyed by paragraph text hold for the same text
    return fresh


def adopt(doc: Document, round_doc: Document, round_no: int) -> None:
    """Make ``doc`` what the round left: its paragraphs, its changes recorded, a drop, new metadata."""
    doc.paragraphs = list(round_doc.paragraphs)
    for edit in round_doc.edits:
        if edit.action in _KEPT:
            doc.edits.append(replace(edit, reason=f"settle round {round_no}: {edit.reason}"))
        elif edit.action == "tagged" and edit.before not in doc.meta and edit.before in round_doc.meta:
            doc.meta[edit.before] = round_doc.meta[edit.before]
            doc.edits.append(replace(edit, reason=f"settle round {round_no}: {edit.reason}"))
    for flag in round_doc.flags:
        if flag not in doc.flags:
            doc.flags.append(flag)
    if round_doc.dropped and not doc.dropped:
        doc.drop_reason = round_doc.drop_reason


def add_timings(timings: list[StepTiming], more: Sequence[StepTiming]) -> list[StepTiming]:
    """``timings`` with a round's added to the same steps' (a step still counts once per document)."""
    out = {t.step: t for t in timings}
    for t in more:
        old = out.get(t.step)
        out[t.step] = t if old is None else StepTiming(
            t.step, old.seconds + t.seconds, old.edits + t.edits,
            old.paragraphs_removed + t.paragraphs_removed, old.chars_removed + t.chars_removed,
        )
    return list(out.values())
