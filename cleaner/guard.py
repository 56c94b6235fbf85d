"""Running one step of the chain so that nothing it does can hurt the document or the run.

:func:`run_step` is what :class:`~cleaner.chain.Chain` calls for each step:

* the step runs under the document's deadline (:mod:`cleaner.deadline`); when the
  deadline passes, the step is stopped and its changes undone, and the chain skips the
  steps after it (:func:`skip_rest` flags the document ``time-budget``);
* whatever the step raises — ``SystemExit`` or another ``BaseException`` from a plugin
  included, ``KeyboardInterrupt`` excepted — undoes its changes and is recorded against
  it (:meth:`~cleaner.document.Document.record_error` names the code's distribution);
* a step handed the document itself that leaves it unusable (paragraphs that are not a
  list of strings, metadata that is not a dict) has its changes undone, recorded.
"""

from __future__ import annotations

from dataclasses import replace
from functools import wraps
from itertools import repeat
from typing import Any, Callable, Sequence

from . import deadline
from .deadline import OutOfTime
from .document import Document, Edit

#: Step kinds handed the Document itself (the others return decisions the chain applies).
_GIVEN_THE_DOCUMENT = ("tagger", "gate", "document")


def run_step(step: Any, doc: Document, runner: Callable[[Any, Document], None]) -> bool:
    """Run ``step`` on ``doc`` with ``runner`` (the chain's runner for its kind); False when the
    time budget ran out (the step's changes are then undone)."""
    n_edits = len(doc.edits)
    saved = (list(doc.paragraphs), dict(doc.meta), list(doc.flags), doc.drop_reason)
    try:
        with deadline.interruptible():
            runner(_with_paragraph_deadline(step), doc)
        if deadline.expired():  # finished, but late: an OutOfTime was swallowed somewhere inside
            raise OutOfTime("the document's time budget is spent")
    except OutOfTime:
        _restore(doc, saved, n_edits)
        return False
    except KeyboardInterrupt:
        raise
    except BaseException as exc:  # noqa: BLE001 - a plugin's SystemExit must not end a batch
        _restore(doc, saved, n_edits)
        doc.record_error(exc)
        return True
    problem = _model_problem(doc, n_edits) if step.spec.kind in _GIVEN_THE_DOCUMENT else None
    if problem is not None:
        _restore(doc, saved, n_edits)
        doc.record_error(TypeError(f"the step left the document unusable ({problem}); its changes were undone"))
    return True


def skip_rest(doc: Document, step: Any, rest: Sequence[Any]) -> None:
    """Flag ``doc`` ``time-budget``: ``step`` was stopped and the steps of ``rest`` will not run."""
    skipped = f"; skipped: {', '.join(s.name for s in rest)}" if rest else ""
    doc.flag("time-budget", f"{step.name} stopped and undone: the document's {deadline.describe()}{skipped}")


#: Each paragraph step's checked copy, made once (and its summary read once), not per document:
#: ``id(step)`` -> (step, checked copy); emptied when full.
_CHECKED: dict[int, tuple[Any, Any]] = {}
_CHECKED_MAX = 256


def _with_paragraph_deadline(step: Any) -> Any:
    """``step`` with its paragraph filter checking the document's deadline before each paragraph."""
    if step.spec.kind != "paragraph" or deadline.remaining() is None:
        return step
    made = _CHECKED.get(id(step))
    if made is not None and made[0] is step:
        return made[1]
    func = step.spec.func

    @wraps(func)
    def checked(*args: Any, **kwargs: Any) -> Any:
        deadline.check()
        return func(*args, **kwargs)

    if len(_CHECKED) >= _CHECKED_MAX:
        _CHECKED.clear()
    made = _CHECKED[id(step)] = (step, replace(step, spec=replace(step.spec, func=checked)))
    return made[1]


def _restore(doc: Document, saved: tuple, n_edits: int) -> None:
    doc.paragraphs, doc.meta, doc.flags, doc.drop_reason = saved
    del doc.edits[n_edits:]


def _model_problem(doc: Document, n_edits: int) -> str | None:
    """What is wrong with a document a step handed back, or ``None``."""
    if not isinstance(doc.paragraphs, list) or not all(map(isinstance, doc.paragraphs, repeat(str))):
        return "paragraphs must be a list of str"
    if not isinstance(doc.meta, dict):
        return f"meta must be a dict, got {type(doc.meta).__name__}"
    if not isinstance(doc.edits, list) or len(doc.edits) < n_edits or not all(isinstance(e, Edit) for e in doc.edits[n_edits:]):
        return "edits must be a list of Edit, added to"
    return None
