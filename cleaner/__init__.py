"""cleaner: turn the messy text web scrapers produce into clean article text.

>>> from cleaner import clean_article
>>> result = clean_article("Hello\\u00a0world.")
>>> result.text
'Hello world.'
"""

from __future__ import annotations

from typing import Any

from .api import clean_article
from .chain import Budget, Chain, ChainStats, Step
from .document import Document, Edit, Result
from .registry import (
    ConfigError,
    Drop,
    ParagraphContext,
    Rewrite,
    Tag,
    available_filters,
    document_filter,
    gate,
    paragraph_filter,
    tagger,
    text_transform,
)

# Loaded on first use, so that ``import cleaner`` stays fast: the batch engine (process pools,
# reports) and the package metadata are needed by few callers.
_LAZY = {"clean_folder": "batch", "clean_many": "batch"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from importlib import import_module

        value = getattr(import_module(f".{_LAZY[name]}", __name__), name)
    elif name == "__version__":
        from importlib import metadata

        try:
            value = metadata.version("cleaner")
        except metadata.PackageNotFoundError:  # running from a source tree that is not installed
            value = "0+unknown"
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value

__all__ = [
    "Budget",
    "Chain",
    "ChainStats",
    "ConfigError",
    "Document",
    "Drop",
    "Edit",
    "ParagraphContext",
    "Result",
    "Rewrite",
    "Step",
    "Tag",
    "__version__",
    "available_filters",
    "clean_article",
    "clean_folder",
    "clean_many",
    "document_filter",
    "gate",
    "paragraph_filter",
    "tagger",
    "text_transform",
]
