"""Deciding which recurring lines are a site's template, and :func:`learn_templates`.

A line is part of a site's template when it occurs on at least ``min_docs`` documents of the
site **and** on at least ``min_share`` of them, on a site of at least ``min_site_docs`` documents.

Why these defaults:

* Article sentences almost never repeat word for word across different articles; when they do,
  it is one story republished or updated a few times (a wire story, a live page crawled twice).
  ``min_docs = 5`` asks for more repeats than a story usually gets, which protects small sites.
* On a large site a story updated five times is still rare, so ``min_share = 0.3`` protects
  large sites: a line must be on nearly a third of the site's pages, as navigation, footers,
  sign-offs and promos are, while a line on a single section's pages may be missed (a kept
  furniture line is cheaper than a lost sentence; ``remove_boilerplate`` still judges it).
* Below ``min_site_docs = 10`` pages a shared line is as likely to be one story's as the
  site's, so small sites learn nothing.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Iterable, Mapping, Sequence

from ..inputs import MAX_INPUT_BYTES, load_document
from ..registry import ConfigError
from .count import MAX_ENTRIES, Counts, Entry, SiteLines, SpillingCounts, count_lines, merge_all
from .fingerprints import fingerprint_id, site_of
from .store import SiteTemplates, TemplateLine, Templates

MIN_DOCS = 5
MIN_SHARE = 0.3
MIN_SITE_DOCS = 10


@dataclass(frozen=True)
class Thresholds:
    """When a recurring line counts as a site's template (see the module docs)."""

    min_docs: int = MIN_DOCS
    min_share: float = MIN_SHARE
    min_site_docs: int = MIN_SITE_DOCS

    def __post_init__(self) -> None:
        if not isinstance(self.min_docs, int) or self.min_docs < 2:
            raise ConfigError(f"min_docs must be an integer of at least 2, got {self.min_docs!r}")
        if not 0.0 < self.min_share <= 1.0:
            raise ConfigError(f"min_share must be in (0, 1], got {self.min_share!r}")
        if not isinstance(self.min_site_docs, int) or self.min_site_docs < self.min_docs:
            raise ConfigError(f"min_site_docs must be an integer of at least min_docs ({self.min_docs}), got {self.min_site_docs!r}")

    def needed(self, site_docs: int) -> int | None:
        """Documents a line must occur on in a site of ``site_docs`` documents (``None``: the site learns nothing)."""
        if site_docs < self.min_site_docs:
            return None
        return max(self.min_docs, math.ceil(self.min_share * site_docs - 1e-9))


def select(entries: Iterable[Entry], site_docs: Mapping[str, int], thresholds: Thresholds) -> Templates:
    """The templates among sorted count ``entries`` (streamed: only the lines kept are held)."""
    out = Templates(thresholds.__dict__.copy(), documents=sum(site_docs.values()), sites_seen=len(site_docs))
    for site, fp, count, example in entries:
        docs = site_docs.get(site, 0)
        needed = thresholds.needed(docs)
        if needed is None or count < needed:
            continue
        table = out.sites.setdefault(site, SiteTemplates(docs))
        table.lines[fp] = TemplateLine(fingerprint_id(fp), count, round(count / docs, 3), example)
    return out


def templates_from_counts(counts: Counts | SpillingCounts, thresholds: Thresholds | None = None) -> Templates:
    """The templates of finished counts (the last step of a map-reduce, after :func:`merge_counts`)."""
    docs = counts.site_docs() if isinstance(counts, SpillingCounts) else counts.docs
    return select(counts.entries(), docs, thresholds or Thresholds())


def document_lines(raw: str | bytes, meta: Mapping[str, Any] | None = None, max_bytes: int = MAX_INPUT_BYTES) -> SiteLines:
    """A document's site and lines, as the cleaning chain will first see them (HTML is extracted).

    >>> document_lines("Menu\\n\\nStory.", {"url": "https://a.com/1"})
    ('a.com', ['Menu', 'Story.'])
    """
    meta = dict(meta or {})
    url = meta.get("url") if isinstance(meta.get("url"), str) else None
    doc = load_document(raw, url=url, meta=meta, max_bytes=max_bytes)
    if doc.dropped:
        return None, []
    return site_of(doc.meta), doc.paragraphs


def site_lines(item: Any, text_field: str = "text") -> SiteLines:
    """The site and lines of a record (a dict with ``text_field``) or a ``(site, text_or_lines)`` pair."""
    if isinstance(item, Mapping):
        text = item.get(text_field)
        if not isinstance(text, (str, bytes)):
            return None, []
        return document_lines(text, {k: v for k, v in item.items() if k != text_field})
    if isinstance(item, tuple) and len(item) == 2:
        site, text = item
        lines: Sequence[str] = document_lines(text)[1] if isinstance(text, (str, bytes)) else list(text)
        return site, lines
    raise TypeError(f"learn_templates() takes records (dicts) or (site, text) pairs, got {type(item).__name__}")


def learn_templates(
    documents: Iterable[Mapping[str, Any] | tuple[str | None, str | Sequence[str]]],
    *,
    min_docs: int = MIN_DOCS,
    min_share: float = MIN_SHARE,
    min_site_docs: int = MIN_SITE_DOCS,
    text_field: str = "text",
    max_entries: int = MAX_ENTRIES,
) -> Templates:
    """Learn each site's template lines from ``documents``, streaming, in bounded memory.

    ``documents`` are records (dicts with ``text_field`` and a ``url`` or ``site``; HTML is
    extracted first) or ``(site, text_or_lines)`` pairs.  Returns :class:`Templates`
    (``.write(path)`` saves the file).  The result does not depend on the order of the documents.

    >>> words = "apple bread cider dates eggs figs grapes honey ice jam kale lime".split()
    >>> pages = [("blog.example", f"Home | Archive\\nA post about {w}.") for w in words]
    >>> t = learn_templates(pages)
    >>> [(line.example, line.count) for line in t.sites["blog.example"].lines.values()]
    [('Home | Archive', 12)]
    """
    thresholds = Thresholds(min_docs, min_share, min_site_docs)
    counts = SpillingCounts(max_entries)
    try:
        for item in documents:
            counts.add(*site_lines(item, text_field))
        return templates_from_counts(counts, thresholds)
    finally:
        counts.close()


def learn_bag(bag: Any, *, text_field: str = "text", thresholds: Thresholds | None = None) -> Templates:
    """Learn on a Dask cluster: ``bag`` holds records or ``(site, text)`` pairs (see :func:`learn_templates`).

    Each partition is counted where it lives (:func:`count_lines`), the counts are merged in a
    tree (:func:`merge_all`); only counts travel.  The final merge holds every distinct
    (site, line) of the corpus in memory: for corpora larger than that, learn locally
    (:func:`learn_templates` spills to disk).

    >>> templates = learn_bag(db.read_text("crawl/*.jsonl").map(json.loads))   # doctest: +SKIP
    """
    counts = bag.map(site_lines, text_field).reduction(count_lines, merge_all).compute()
    return templates_from_counts(counts, thresholds)
