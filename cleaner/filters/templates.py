"""Site templates: remove the lines a site repeats on many of its pages.

The lines are learned beforehand from a corpus (``cleaner learn INPUT... -o templates.json``,
or ``cleaner clean --learn-templates``); see ``docs/templates.md`` and :mod:`cleaner.templates`.
"""

from __future__ import annotations

from typing import Any, Mapping

from ..document import Document
from ..registry import ConfigError, document_filter
from ..templates.apply import META_KEY, evidence, find_hits, site_table
from ..templates.fingerprints import site_of
from ..templates.store import load_templates

FAMILY = "site-template"

#: Flag set on a document whose every line is a template line of its site (it is then left as it was).
ONLY_TEMPLATE_FLAG = "site-template-only"


def _validate(params: Mapping[str, Any]) -> None:
    if not params["path"]:
        raise ConfigError(
            "step 'site_templates' needs the template file learned by `cleaner learn`: "
            'set [params.site_templates] path = "templates.json"'
        )
    load_templates(params["path"])


@document_filter(family=FAMILY, validate=_validate)
def site_templates(
    doc: Document,
    *,
    path: str = "",
    keep: list[str] = [],  # noqa: B006 - never mutated
    mark_only: bool = False,
) -> None:
    """Remove the lines the document's site repeats on many pages (its learned template, from ``path``).

    The site is the document's ``site`` field, the host of its ``url``, or its input folder.
    On a page of ``example.com`` whose template holds ``Weather   Live Markets`` (on 118 of
    120 pages), the line ``Weather Live Markets`` is removed with the reason
    ``"site template 3f2a9c1e0b7d4a55 of example.com: on 118 of 120 pages (98%)"``;
    numbers, dates, case, accents and punctuation may differ.  ``keep`` lists lines (or
    template ids) never removed, such as a standard correction notice.  A page made only of
    template lines is left as it was and flagged ``site-template-only``.  With ``mark_only``
    nothing is removed: the hits go to ``meta["site_templates"]`` for a later step.
    """
    site = site_of(doc.meta)
    table = site_table(load_templates(path), site)
    if table is None or site is None:
        return
    hits = find_hits(doc.paragraphs, table, tuple(keep))
    if not hits:
        return
    if mark_only:
        doc.tag(META_KEY, evidence(site, table, hits), f"{len(hits)} template line(s) of {site}", FAMILY)
        return
    if len(hits) == len(doc.paragraphs):
        doc.flag(ONLY_TEMPLATE_FLAG, f"every line is a template line of {site}; the page is left as it was")
        return
    for hit in reversed(hits):  # from the end, so each edit keeps the index the line had
        line = hit.line
        reason = f"site template {line.id} of {site}: on {line.count} of {table.documents} pages ({line.share:.0%})"
        doc.remove(hit.index, reason, FAMILY)
    doc.edits[-len(hits) :] = doc.edits[-len(hits) :][::-1]
