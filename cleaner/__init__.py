"""cleaner: turn the messy text web scrapers produce into clean article text.

>>> from cleaner import clean_article
>>> result = clean_article("Hello\\u00a0world.")
>>> result.text
'Hello world.'
"""

from __future__ import annotations

from importlib import metadata

from .api import clean_article
from .batch import clean_folder, clean_many
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

try:
    __version__ = metadata.version("cleaner")
except metadata.PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0+unknown"

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
