"""Finding a site's template lines in a document, and the evidence other steps can read.

The ``site_templates`` step (:mod:`cleaner.filters.templates`) removes what :func:`find_hits`
finds.  With ``mark_only = true`` it removes nothing and records the hits in
``doc.meta["site_templates"]`` instead (see :data:`META_KEY`); a line classifier then reads a
line's recurrence with :func:`template_share` (or :func:`template_shares` for all its lines).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Mapping, Sequence

from .fingerprints import fingerprint, fingerprint_id
from .store import SiteTemplates, TemplateLine, Templates

#: ``doc.meta[META_KEY] = {"site": str, "documents": int, "lines": {template id: share}}``:
#: the template lines found in the document (ids are :func:`fingerprint_id` of the line).
META_KEY = "site_templates"


@dataclass(frozen=True)
class Hit:
    """Paragraph ``index`` is template line ``line`` of its site."""

    index: int
    line: TemplateLine


@lru_cache(maxsize=64)
def allowed_fingerprints(keep: tuple[str, ...]) -> frozenset[int]:
    """Fingerprints of the allow-list: each entry is a line's text or a template id (16 hex digits).

    >>> allowed_fingerprints(("Correction: an earlier version misspelt a name.",)) == {fingerprint("CORRECTION — an earlier version misspelt a name")}
    True
    """
    out = set()
    for entry in keep:
        fp = fingerprint(entry)
        if fp is not None:
            out.add(fp)
        if len(entry) == 16 and all(c in "0123456789abcdef" for c in entry.lower()):
            out.add(int(entry, 16))
    return frozenset(out)


def find_hits(paragraphs: Sequence[str], table: SiteTemplates, keep: tuple[str, ...] = ()) -> list[Hit]:
    """The paragraphs that are template lines of ``table`` and not allow-listed, in order."""
    allowed = allowed_fingerprints(keep)
    hits = []
    for i, paragraph in enumerate(paragraphs):
        fp = fingerprint(paragraph)
        line = table.lines.get(fp) if fp is not None and fp not in allowed else None
        if line is not None:
            hits.append(Hit(i, line))
    return hits


def site_table(templates: Templates, site: str | None) -> SiteTemplates | None:
    """The learned table of ``site`` (``None`` for no site or a site that learned nothing)."""
    return templates.sites.get(site) if site is not None else None


def evidence(site: str, table: SiteTemplates, hits: Sequence[Hit]) -> dict[str, Any]:
    """What ``mark_only`` records under :data:`META_KEY`."""
    return {"site": site, "documents": table.documents, "lines": {h.line.id: h.line.share for h in hits}}


def template_share(paragraph: str, meta: Mapping[str, Any]) -> float:
    """The share of its site's pages ``paragraph`` recurs on, from ``meta[META_KEY]`` (0.0 when it is no template line).

    >>> meta = {META_KEY: {"site": "a.com", "documents": 40, "lines": {fingerprint_id(fingerprint("Weather Live Markets")): 0.95}}}
    >>> template_share("WEATHER  live markets", meta), template_share("A real sentence.", meta)
    (0.95, 0.0)
    """
    return template_shares([paragraph], meta)[0]


def template_shares(paragraphs: Sequence[str], meta: Mapping[str, Any]) -> list[float]:
    """:func:`template_share` of every paragraph; no line is fingerprinted when ``meta`` records no hit."""
    recorded = meta.get(META_KEY)
    lines = recorded.get("lines") if isinstance(recorded, Mapping) else None
    if not lines:
        return [0.0] * len(paragraphs)
    out = []
    for paragraph in paragraphs:
        fp = fingerprint(paragraph)
        out.append(float(lines.get(fingerprint_id(fp), 0.0)) if fp is not None else 0.0)
    return out
