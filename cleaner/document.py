"""The document model: paragraphs, metadata and the edit log.

A :class:`Document` is what flows through a :class:`~cleaner.chain.Chain`.
Its text is held as a list of paragraphs (non-blank lines); every change a
filter makes goes through the methods here, so every change is recorded as an
:class:`Edit` naming the filter that made it.  :class:`Result` is the
read-only view handed back to users by :func:`cleaner.clean_article`.
"""

from __future__ import annotations

import re
import sys
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from itertools import chain
from typing import Any, Mapping, Sequence

#: The actions an :class:`Edit` can record.
ACTIONS = ("removed", "replaced", "tagged", "dropped-document", "flagged", "error")


@dataclass(frozen=True, init=False)
class Edit:
    """One change made to a document.

    ``paragraph`` is the index of the paragraph the change was made to, counted
    in the document as it stood when the step ran (``None`` for whole-document
    changes).  ``family`` groups related edits of one filter (for example the
    boilerplate families ``share``, ``navigation`` or ``caption``).
    """

    filter: str
    action: str
    before: str = ""
    after: str = ""
    reason: str = ""
    paragraph: int | None = None
    family: str | None = None

    def __init__(
        self, filter: str, action: str, before: str = "", after: str = "", reason: str = "",
        paragraph: int | None = None, family: str | None = None,
    ) -> None:
        # The generated __init__ of a frozen dataclass calls object.__setattr__ once per field;
        # filling __dict__ directly is twice as fast (a million removed lines make a million edits).
        fields = self.__dict__
        fields["filter"], fields["action"], fields["before"], fields["after"] = filter, action, before, after
        fields["reason"], fields["paragraph"], fields["family"] = reason, paragraph, family

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class _Joined:
    """Paragraphs standing for their joined text (see :class:`_TextEdit`)."""

    __slots__ = ("parts", "separator")

    def __init__(self, parts: tuple[str, ...], separator: str) -> None:
        self.parts, self.separator = parts, separator


class _TextEdit(Edit):
    """The edit of a whole-text change: ``before`` and ``after`` are kept as the paragraphs they are joined
    from until first read.  A big document's text is a copy of up to 4 bytes a character; its paragraphs
    are shared with the document.  Read, compared, hashed and exported as the :class:`Edit` it stands for."""

    @property  # type: ignore[override]
    def before(self) -> str:
        return self._text("before")

    @property  # type: ignore[override]
    def after(self) -> str:
        return self._text("after")

    def _text(self, name: str) -> str:
        value = self.__dict__[name]
        if isinstance(value, _Joined):
            value = self.__dict__[name] = value.separator.join(value.parts)
        return value

    def __repr__(self) -> str:
        return repr(Edit(*self._values()))

    def _values(self) -> tuple:
        return (self.filter, self.action, self.before, self.after, self.reason, self.paragraph, self.family)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Edit):
            return NotImplemented
        return self._values() == (other.filter, other.action, other.before, other.after, other.reason, other.paragraph, other.family)

    def __hash__(self) -> int:
        return hash(self._values())


def split_paragraphs(text: str) -> list[str]:
    """Split ``text`` into paragraphs: its non-blank lines, unchanged.

    Every line-break convention counts (``\\r\\n``, ``\\r``, U+2028, …).

    >>> split_paragraphs("Title\\r\\n\\n  \\nBody text.")
    ['Title', 'Body text.']
    """
    return [line for line in text.splitlines() if line.strip()]


#: The characters ``str.splitlines`` breaks a line at (``\r\n`` is ``\r`` then ``\n``).
_LINE_BREAK = re.compile("[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")  # linear: one class


def whole_lines(paragraphs: Sequence[str]) -> bool:
    """Whether every paragraph is one non-blank line: what :func:`split_paragraphs` makes, which
    the paragraphs joined by line breaks would split back into.

    >>> whole_lines(["Title", "Body text."]), whole_lines(["Two\\nlines"]), whole_lines(["  "])
    (True, False, False)
    """
    return all(paragraphs) and not any(map(str.isspace, paragraphs)) and not any(map(_LINE_BREAK.search, paragraphs))


def joined_length(paragraphs: Sequence[str], separator: str) -> int:
    """``len(separator.join(paragraphs))``, without joining them."""
    return sum(map(len, paragraphs)) + len(separator) * max(0, len(paragraphs) - 1)


def joined_has_text(paragraphs: Sequence[str], separator: str) -> bool:
    """Whether ``separator.join(paragraphs)`` holds a character that is not white space."""
    return any(p and not p.isspace() for p in paragraphs) or (len(paragraphs) > 1 and separator != "" and not separator.isspace())


def detect_separator(text: str) -> str:
    """Return the paragraph separator the text uses: a blank line or a line break."""
    lines = text.splitlines()
    for prev, cur in zip(lines, lines[1:]):
        if not cur.strip() and prev.strip():
            return "\n\n"
    return "\n"


class Document:
    """A document on its way through the chain.

    Filters never touch ``paragraphs`` directly; they return decisions that
    the chain applies through :meth:`remove`, :meth:`replace`, :meth:`tag`
    and :meth:`drop`, which record an :class:`Edit` each.
    """

    def __init__(self, text: str, meta: dict[str, Any] | None = None, separator: str | None = None):
        self.paragraphs: list[str] = split_paragraphs(text)
        self.separator: str = separator or detect_separator(text)
        self.meta: dict[str, Any] = dict(meta or {})
        self.edits: list[Edit] = []
        self.drop_reason: str | None = None
        self.flags: list[str] = []
        #: Name of the step currently running; set by the chain, used to sign edits.
        self.step: str = "input"
        #: Per-document memo of steps that share work (feature rows keyed by paragraph text): never
        #: part of the result; a settle round (:mod:`cleaner.settle`) starts with it.
        self.cache: dict[Any, Any] = {}

    @classmethod
    def from_paragraphs(cls, paragraphs: Sequence[str], meta: dict[str, Any] | None, separator: str) -> "Document":
        """``Document(separator.join(paragraphs), meta, separator)``, without building the joined text
        (a big document's text is a copy of up to 4 bytes a character) when splitting it would give
        ``paragraphs`` back."""
        if separator not in ("\n", "\n\n") or not whole_lines(paragraphs):
            return cls(separator.join(paragraphs), meta, separator)
        doc = cls("", meta, separator)
        doc.paragraphs = list(paragraphs)
        return doc

    def same_text(self, other: "Document") -> bool:
        """``self.text == other.text``, without joining the paragraphs when they settle it."""
        if self.separator == other.separator:
            if self.paragraphs == other.paragraphs:
                return True
            if self.separator in ("\n", "\n\n") and self.paragraphs and other.paragraphs and not any(
                "\n" in p for p in chain(self.paragraphs, other.paragraphs)
            ):  # lines without a line break, joined by line breaks: other lines make another text
                return False
        return self.text == other.text

    # -- reading ---------------------------------------------------------
    @property
    def text(self) -> str:
        return self.separator.join(self.paragraphs)

    @property
    def dropped(self) -> bool:
        return self.drop_reason is not None

    def word_count(self) -> int:
        return sum(map(len, map(str.split, self.paragraphs)))

    # -- changing (each records an edit) ---------------------------------
    def remove(self, index: int, reason: str, family: str | None = None) -> None:
        """Remove paragraph ``index``."""
        before = self.paragraphs.pop(index)
        self.edits.append(Edit(self.step, "removed", before, "", reason, index, family))

    def replace(self, index: int, new: str, reason: str, family: str | None = None) -> None:
        """Replace paragraph ``index`` by ``new`` (several paragraphs if it has line breaks)."""
        before = self.paragraphs[index]
        if new == before:
            return
        parts = split_paragraphs(new)
        self.paragraphs[index : index + 1] = parts
        action = "replaced" if parts else "removed"
        self.edits.append(Edit(self.step, action, before, new.strip() if parts else "", reason, index, family))

    def apply(self, changes: Mapping[int, tuple[str, str, str | None]]) -> None:
        """Replace many paragraphs at once: ``{index: (new text, reason, family)}``; blank text removes.

        Indices (and those of the edits, recorded in document order) are counted before the
        call.  One pass over the document, however many paragraphs change.
        """
        if not changes:
            return
        kept: list[str] = []
        for index, before in enumerate(self.paragraphs):
            change = changes.get(index)
            if change is None or change[0] == before:
                kept.append(before)
                continue
            new, reason, family = change
            parts = split_paragraphs(new) if new else []  # most changes of a long document remove
            kept.extend(parts)
            action, after = ("replaced", new.strip()) if parts else ("removed", "")
            self.edits.append(Edit(self.step, action, before, after, reason, index, family))
        self.paragraphs = kept

    def set_text(self, new: str, reason: str, family: str | None = None, *, changed: bool = False) -> None:
        """Replace the whole text (a text transform); paragraphs are re-split.

        ``changed``: the caller found ``new`` to differ from :attr:`text` (a big text is not joined again).
        """
        if not changed and new == self.text:
            return
        old = _Joined(tuple(self.paragraphs), self.separator)
        self.paragraphs = split_paragraphs(new)
        self.edits.append(_TextEdit(self.step, "replaced", old, _Joined(tuple(self.paragraphs), self.separator), reason, None, family))

    def tag(self, key: str, value: Any, reason: str = "", family: str | None = None) -> None:
        """Set metadata ``key``; the edit log keeps the value as text."""
        self.meta[key] = value
        self.edits.append(Edit(self.step, "tagged", key, "" if value is None else str(value), reason, None, family))

    def drop(self, reason: str, family: str | None = None) -> None:
        """Drop the whole document; it stays in the result, marked dropped with ``reason``."""
        self.drop_reason = f"{self.step}: {reason}"
        self.edits.append(Edit(self.step, "dropped-document", "", "", reason, None, family))

    def flag(self, flag: str, reason: str) -> None:
        """Mark the document for a person's attention without changing it."""
        if flag not in self.flags:
            self.flags.append(flag)
        self.edits.append(Edit(self.step, "flagged", "", flag, reason))

    def record_error(self, error: BaseException, index: int | None = None) -> None:
        """Record that a step failed here and its change was skipped (the text is left as it was).

        The reason names the error and where the step's code comes from (its module
        and distribution), so a failing plugin can be told from a failing built-in.
        """
        self.flag("step-error", f"{self.step} failed")
        message = f"{type(error).__name__}: {error}"
        where = error_origin(error)
        self.edits.append(Edit(self.step, "error", "", "", f"{message} ({where})" if where else message, index))


#: Modules of the chain's own machinery, skipped when looking for the code that raised.
_MACHINERY = ("cleaner.chain", "cleaner.runners", "cleaner.guard", "cleaner.deadline", "cleaner.document", "contextlib")


def error_origin(error: BaseException) -> str | None:
    """``"in module m, distribution d v"``: the first code outside the chain that ``error`` went through.

    That is the filter function itself (the traceback starts where the chain caught
    the error); its distribution tells a third-party plugin from a built-in filter.
    """
    tb = error.__traceback__
    while tb is not None:
        module = tb.tb_frame.f_globals.get("__name__", "?")
        if module not in _MACHINERY:
            dist = _distribution(module.split(".")[0])
            return f"in {module}" + (f", distribution {dist}" if dist else "")
        tb = tb.tb_next
    return None


@lru_cache(maxsize=256)
def _distribution(top_level: str) -> str | None:
    """``"name version"`` of the installed distribution providing the top-level package, if any."""
    if top_level == "__main__" or top_level in sys.stdlib_module_names:
        return None
    from importlib import metadata  # only when a step failed: keeps `import cleaner` fast

    names = metadata.packages_distributions().get(top_level) or []
    if not names:
        return None
    try:
        return f"{names[0]} {metadata.version(names[0])}"
    except metadata.PackageNotFoundError:
        return names[0]


@dataclass(frozen=True)
class StepTiming:
    """What one step did to one document."""

    step: str
    seconds: float
    edits: int
    paragraphs_removed: int
    chars_removed: int


@dataclass
class Result:
    """What :func:`cleaner.clean_article` returns.

    ``text`` is the clean article text ("" when the document was dropped:
    ``dropped`` is then true and ``drop_reason`` says which step dropped it
    and why).  ``meta`` holds everything found on the way (url, title,
    language, language_confidence, author, date, …).
    """

    text: str
    meta: dict[str, Any]
    edits: list[Edit]
    drop_reason: str | None = None
    flags: list[str] = field(default_factory=list)
    steps: list[StepTiming] = field(default_factory=list)

    @property
    def title(self) -> str | None:
        return self.meta.get("title")

    @property
    def language(self) -> str | None:
        return self.meta.get("language")

    @property
    def url(self) -> str | None:
        return self.meta.get("url")

    @property
    def dropped(self) -> bool:
        return self.drop_reason is not None

    @classmethod
    def from_document(cls, doc: Document, steps: list[StepTiming]) -> "Result":
        return cls(
            text="" if doc.dropped else doc.text,
            meta=dict(doc.meta),
            edits=list(doc.edits),
            drop_reason=doc.drop_reason,
            flags=list(doc.flags),
            steps=steps,
        )

    def to_dict(self, edits: bool = True) -> dict[str, Any]:
        """A JSON-serialisable dict: text, title, language, meta, dropped, flags and (optionally) edits."""
        out: dict[str, Any] = {
            "text": self.text,
            "title": self.title,
            "language": self.language,
            "url": self.url,
            "meta": _jsonable(self.meta),
            "dropped": self.dropped,
            "drop_reason": self.drop_reason,
            "flags": list(self.flags),
        }
        if edits:
            out["edits"] = [e.to_dict() for e in self.edits]
        return out


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)
