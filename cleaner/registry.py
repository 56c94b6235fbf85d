"""Filters: the decorators that register them, and the registry that finds them.

A filter is a plain function registered under a name with one of five
decorators, one per kind:

* :func:`paragraph_filter` — sees one paragraph (and its neighbours through a
  :class:`ParagraphContext`) and keeps, drops or rewrites it;
* :func:`text_transform` — rewrites the whole text (paragraphs are re-split);
* :func:`tagger` — adds metadata (such as the language);
* :func:`gate` — keeps or drops the whole document;
* :func:`document_filter` — sees the whole :class:`~cleaner.document.Document`
  and changes it through its recording methods (for decisions that need
  every paragraph at once, such as removing duplicates).

Parameters are keyword-only arguments with defaults; the chain validates a
config against them (names and types) before any document is cleaned.  A
decorator's ``validate=`` callable receives the full parameters (defaults
filled in) when a step is built and raises :class:`ConfigError` for values no
type hint can rule out (a range, a language code, a backend not installed).

Third-party packages add filters through the entry-point group
``cleaner.filters``: each entry point names a decorated function (or a module
whose import registers some); they are loaded the first time a name is not
found among the built-in filters.
"""

from __future__ import annotations

import inspect
import types
import typing
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Callable, Literal, Mapping, Sequence

ENTRY_POINT_GROUP = "cleaner.filters"
KINDS = ("paragraph", "text", "tagger", "gate", "document")


class ConfigError(ValueError):
    """A chain or filter configuration that cannot work; raised before any document is cleaned."""


# ---------------------------------------------------------------------------
# What filters return
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Drop:
    """Decision: remove this paragraph (paragraph filters) or this document (gates)."""

    reason: str
    family: str | None = None


@dataclass(frozen=True)
class Rewrite:
    """Decision: replace the paragraph (or whole text) by ``text``."""

    text: str
    reason: str
    family: str | None = None


@dataclass(frozen=True)
class Tag:
    """Decision of a tagger: metadata to set, with the reason for the log."""

    values: Mapping[str, Any]
    reason: str = ""


@dataclass(frozen=True, init=False)
class ParagraphContext:
    """What a paragraph filter may know about where its paragraph sits.

    ``paragraphs`` is the document as it stood when the step started, so a
    step's decisions do not depend on the order it visits paragraphs in.
    """

    index: int
    paragraphs: Sequence[str]
    meta: Mapping[str, Any]

    def __init__(self, index: int, paragraphs: Sequence[str], meta: Mapping[str, Any]) -> None:
        # One is made per paragraph and step: filling __dict__ directly is about twice as fast as
        # the generated __init__ of a frozen dataclass (object.__setattr__ per field).
        self.__dict__.update(index=index, paragraphs=paragraphs, meta=meta)

    @property
    def count(self) -> int:
        return len(self.paragraphs)

    @property
    def previous(self) -> str | None:
        return self.paragraphs[self.index - 1] if self.index > 0 else None

    @property
    def next(self) -> str | None:
        return self.paragraphs[self.index + 1] if self.index + 1 < len(self.paragraphs) else None

    @property
    def from_end(self) -> int:
        """0 for the last paragraph, 1 for the one before it, and so on."""
        return len(self.paragraphs) - 1 - self.index

    @property
    def edge_distance(self) -> int:
        """How far the paragraph is from the nearer end of the document (0 = first or last)."""
        return min(self.index, self.from_end)


# ---------------------------------------------------------------------------
# Filter specs and parameter checking
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Param:
    name: str
    default: Any
    annotation: Any

    def describe(self) -> str:
        return f"{self.name}: {_type_name(self.annotation)} = {self.default!r}"


@dataclass(frozen=True)
class FilterSpec:
    """A registered filter: its name, kind, function, parameters and one-line summary."""

    name: str
    kind: str
    func: Callable[..., Any]
    params: dict[str, Param] = field(default_factory=dict)
    family: str | None = None
    #: Optional ``validate(params)`` raising :class:`ConfigError` for values no type hint can rule out.
    validate: Callable[[Mapping[str, Any]], None] | None = None
    #: Paragraph filters only: optional ``prefilter(text)``, a cheap test on the document's
    #: paragraphs joined by line breaks; false means no paragraph can change and the step is skipped.
    prefilter: Callable[[str], bool] | None = None

    @cached_property
    def summary(self) -> str:
        """The first line of the filter's docstring (read once per filter)."""
        doc = inspect.getdoc(self.func) or ""
        return doc.strip().splitlines()[0] if doc.strip() else self.name

    def check_params(self, given: Mapping[str, Any]) -> dict[str, Any]:
        """Return ``given`` checked against the signature, or raise :class:`ConfigError`."""
        checked = {}
        for key, value in given.items():
            if key not in self.params:
                valid = ", ".join(p.describe() for p in self.params.values()) or "none"
                raise ConfigError(f"step {self.name!r} has no parameter {key!r}; valid parameters: {valid}")
            param = self.params[key]
            if not _matches(value, param.annotation):
                raise ConfigError(
                    f"step {self.name!r}: parameter {key!r} must be {_type_name(param.annotation)}, "
                    f"got {value!r} ({type(value).__name__})"
                )
            checked[key] = value
        if self.validate is not None:
            self.validate({**{p.name: p.default for p in self.params.values()}, **checked})
        return checked


def _signature_params(func: Callable[..., Any], positional: int) -> dict[str, Param]:
    sig = inspect.signature(func)
    hints = typing.get_type_hints(func)
    params = list(sig.parameters.values())
    if len(params) < positional or any(p.kind is p.KEYWORD_ONLY for p in params[:positional]):
        raise TypeError(f"{func.__qualname__} must take {positional} positional argument(s)")
    out = {}
    for p in params[positional:]:
        if p.kind is not p.KEYWORD_ONLY or p.default is p.empty:
            raise TypeError(
                f"{func.__qualname__}: parameter {p.name!r} must be keyword-only with a default "
                f"(write it after a bare '*')"
            )
        out[p.name] = Param(p.name, p.default, hints.get(p.name, Any))
    return out


def _matches(value: Any, annotation: Any) -> bool:
    if annotation is Any:
        return True
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin in (typing.Union, types.UnionType):
        return any(_matches(value, a) for a in args)
    if origin is Literal:
        return value in args
    if annotation is type(None):
        return value is None
    if annotation is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if annotation is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if origin in (list, tuple, typing.Sequence, Sequence) or annotation in (list, tuple):
        if not isinstance(value, (list, tuple)):
            return False
        item = args[0] if args else Any
        return all(_matches(v, item) for v in value)
    if origin in (dict, typing.Mapping, Mapping) or annotation is dict:
        if not isinstance(value, Mapping):
            return False
        kt, vt = args if len(args) == 2 else (Any, Any)
        return all(_matches(k, kt) and _matches(v, vt) for k, v in value.items())
    if isinstance(annotation, type):
        return isinstance(value, annotation)
    return True


def _type_name(annotation: Any) -> str:
    if annotation is Any:
        return "any value"
    if typing.get_origin(annotation) is Literal:
        return "one of " + ", ".join(repr(a) for a in typing.get_args(annotation))
    if isinstance(annotation, type) and not typing.get_args(annotation):
        return annotation.__name__
    return str(annotation).replace("typing.", "")


# ---------------------------------------------------------------------------
# The registry
# ---------------------------------------------------------------------------
_REGISTRY: dict[str, FilterSpec] = {}
_POSITIONAL = {"paragraph": 2, "text": 1, "tagger": 1, "gate": 1, "document": 1}


Validator = Callable[[Mapping[str, Any]], None]
Prefilter = Callable[[str], bool]
Decorator = Callable[[Callable[..., Any]], Callable[..., Any]]


def _register(
    kind: str, name: str | None, family: str | None, validate: Validator | None, prefilter: Prefilter | None = None
) -> Decorator:
    def decorate(func: Callable[..., Any]) -> Callable[..., Any]:
        params = _signature_params(func, _POSITIONAL[kind])
        spec = FilterSpec(name or func.__name__, kind, func, params, family, validate, prefilter)
        existing = _REGISTRY.get(spec.name)
        if existing is not None and existing.func.__qualname__ != func.__qualname__:
            raise ConfigError(f"filter name {spec.name!r} is already taken by {existing.func.__module__}")
        _REGISTRY[spec.name] = spec
        func.__cleaner_filter__ = spec  # type: ignore[attr-defined]
        return func

    return decorate


def paragraph_filter(
    name: str | None = None,
    *,
    family: str | None = None,
    validate: Validator | None = None,
    prefilter: Prefilter | None = None,
) -> Decorator:
    """Register ``f(paragraph: str, ctx: ParagraphContext, *, **params)``.

    ``f`` returns the paragraph unchanged to keep it, ``None`` or
    :class:`Drop` to remove it, or a new string or :class:`Rewrite` to
    replace it.  ``prefilter(text)``, if given, sees the whole document (its
    paragraphs joined by ``"\\n"``) first and returns false when ``f`` would
    keep every paragraph unchanged: the step then costs one cheap scan.
    """
    return _register("paragraph", name, family, validate, prefilter)


def text_transform(name: str | None = None, *, family: str | None = None, validate: Validator | None = None) -> Decorator:
    """Register ``f(text: str, *, **params)`` returning the new text (or a :class:`Rewrite`)."""
    return _register("text", name, family, validate)


def tagger(name: str | None = None, *, family: str | None = None, validate: Validator | None = None) -> Decorator:
    """Register ``f(doc: Document, *, **params)`` returning a dict of metadata or a :class:`Tag`."""
    return _register("tagger", name, family, validate)


def gate(name: str | None = None, *, family: str | None = None, validate: Validator | None = None) -> Decorator:
    """Register ``f(doc: Document, *, **params)`` returning ``None``/``True`` to keep or :class:`Drop`/``False`` to drop."""
    return _register("gate", name, family, validate)


def document_filter(name: str | None = None, *, family: str | None = None, validate: Validator | None = None) -> Decorator:
    """Register ``f(doc: Document, *, **params)`` that changes ``doc`` through its recording methods."""
    return _register("document", name, family, validate)


_loaded_entry_points: set[str] = set()


def _load_entry_points() -> None:
    from importlib import metadata  # only when a name is not built in: keeps ``import cleaner`` fast

    for ep in metadata.entry_points(group=ENTRY_POINT_GROUP):
        key = f"{ep.name}={ep.value}"
        if key in _loaded_entry_points:
            continue
        _loaded_entry_points.add(key)
        try:
            obj = ep.load()
        except Exception as exc:  # a broken plugin must not break the built-in filters
            raise ConfigError(f"plugin entry point {ep.name!r} ({ep.value}) failed to load: {exc}") from exc
        spec = getattr(obj, "__cleaner_filter__", None)
        if spec is not None and ep.name != spec.name:
            _REGISTRY.setdefault(ep.name, spec)


def _load_builtins() -> None:
    import cleaner.filters  # noqa: F401  (importing registers the built-in families)


def get_filter(name: str) -> FilterSpec:
    """Return the filter registered as ``name``, loading plugins if needed."""
    _load_builtins()
    if name not in _REGISTRY:
        _load_entry_points()
    if name not in _REGISTRY:
        raise ConfigError(f"unknown step {name!r}; available steps: {', '.join(sorted(_REGISTRY))}")
    return _REGISTRY[name]


def available_filters() -> dict[str, FilterSpec]:
    """Every filter known: built-in ones and those of installed plugins."""
    _load_builtins()
    _load_entry_points()
    return dict(sorted(_REGISTRY.items()))
