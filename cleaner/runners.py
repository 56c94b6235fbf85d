"""How each of the five filter kinds is run on a document (see :mod:`cleaner.registry`).

A runner calls the step's function, turns what it returns into recorded changes
through the :class:`~cleaner.document.Document`'s methods, and never lets an
ordinary exception out: the change is skipped, the text kept, and the error
recorded in the log (the chain's guard handles what is not an ``Exception``).
"""

from __future__ import annotations

from types import MappingProxyType
from typing import TYPE_CHECKING, Callable, Mapping

from .document import Document
from .registry import Drop, ParagraphContext, Rewrite, Tag

if TYPE_CHECKING:  # the chain imports this module
    from .chain import Step


def _run_paragraph(step: Step, doc: Document) -> None:
    spec = step.spec
    if spec.prefilter is not None and not _may_change(spec.prefilter, doc):
        return
    snapshot = tuple(doc.paragraphs)
    meta = MappingProxyType(doc.meta)
    decisions: dict[int, tuple[str, str, str | None]] = {}
    default_reason = spec.summary
    func, params = spec.func, step.params
    for i, para in enumerate(snapshot):
        try:
            out = func(para, ParagraphContext(i, snapshot, meta), **params)
        except Exception as exc:  # noqa: BLE001 - see the comment above
            doc.record_error(exc, i)
            continue
        if out is None:
            decisions[i] = ("", default_reason, spec.family)
        elif isinstance(out, Drop):
            decisions[i] = ("", out.reason, out.family or spec.family)
        elif isinstance(out, Rewrite):
            if out.text != para:
                decisions[i] = (out.text, out.reason, out.family or spec.family)
        elif isinstance(out, str):
            if out != para:
                decisions[i] = (out, default_reason, spec.family)
        else:
            doc.record_error(TypeError(f"paragraph filter returned {type(out).__name__}"), i)
    doc.apply(decisions)


def _may_change(prefilter: Callable[[str], bool], doc: Document) -> bool:
    """The step's prefilter on the whole document; when it fails, every paragraph is looked at."""
    try:
        return bool(prefilter("\n".join(doc.paragraphs)))
    except Exception:  # noqa: BLE001 - a prefilter only saves time; the filter itself decides
        return True


def _run_text(step: Step, doc: Document) -> None:
    text = doc.text
    try:
        out = step.spec.func(text, **step.params)
    except Exception as exc:  # noqa: BLE001
        doc.record_error(exc)
        return
    if isinstance(out, Rewrite):
        new, reason, family = out.text, out.reason, out.family or step.spec.family
    elif isinstance(out, str):
        new, reason, family = out, step.spec.summary, step.spec.family
    else:
        doc.record_error(TypeError(f"text transform returned {type(out).__name__}"))
        return
    changed = new != text
    del text, out  # a big document's text: not kept while the new one is split
    if changed:
        doc.set_text(new, reason, family, changed=True)


def _run_tagger(step: Step, doc: Document) -> None:
    try:
        out = step.spec.func(doc, **step.params)
    except Exception as exc:  # noqa: BLE001
        doc.record_error(exc)
        return
    if isinstance(out, Tag):
        values, reason = out.values, out.reason or step.spec.summary
    elif isinstance(out, Mapping):
        values, reason = out, step.spec.summary
    elif out is None:
        return
    else:
        doc.record_error(TypeError(f"tagger returned {type(out).__name__}"))
        return
    for key, value in values.items():
        doc.tag(key, value, reason, step.spec.family)


def _run_gate(step: Step, doc: Document) -> None:
    try:
        out = step.spec.func(doc, **step.params)
    except Exception as exc:  # noqa: BLE001 - a failing gate keeps the document
        doc.record_error(exc)
        return
    if out is None or out is True:
        return
    if out is False:
        doc.drop(step.spec.summary, step.spec.family)
    elif isinstance(out, Drop):
        doc.drop(out.reason, out.family or step.spec.family)
    else:
        doc.record_error(TypeError(f"gate returned {type(out).__name__}"))


def _run_document(step: Step, doc: Document) -> None:
    try:
        step.spec.func(doc, **step.params)
    except Exception as exc:  # noqa: BLE001
        doc.record_error(exc)


#: The runner of each filter kind.
RUNNERS = {
    "paragraph": _run_paragraph,
    "text": _run_text,
    "tagger": _run_tagger,
    "gate": _run_gate,
    "document": _run_document,
}


