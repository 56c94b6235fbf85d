"""The template file: small, human-readable, versioned JSON, the same bytes for the same corpus.

::

    {
     "format": "cleaner-site-templates",
     "version": 1,
     "settings": {"min_docs": 5, "min_share": 0.3, "min_site_docs": 10},
     "documents": 1200,          // documents read with a site
     "sites_seen": 14,           // sites read (those with too few documents learn nothing)
     "sites": {
      "example.com": {
       "documents": 120,
       "lines": [
        {"id": "3f2a9c1e0b7d4a55", "count": 118, "share": 0.983, "example": "Weather Live Markets"}
       ]
      }
     }
    }

Sites are sorted by name, lines by count (highest first) then id; ``id`` is the line's
fingerprint (:func:`~cleaner.templates.fingerprints.fingerprint_id`), ``count`` the documents
of the site it occurs on, ``share`` that count over the site's documents, ``example`` the
smallest of the texts it was seen as (cut at 200 characters).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..registry import ConfigError

FORMAT = "cleaner-site-templates"
VERSION = 1


@dataclass(frozen=True)
class TemplateLine:
    """One learned template line of a site."""

    id: str
    count: int
    share: float
    example: str


@dataclass
class SiteTemplates:
    """A site's learned lines, by fingerprint."""

    documents: int
    lines: dict[int, TemplateLine] = field(default_factory=dict)


@dataclass
class Templates:
    """What learning found: per site, the lines recurring on enough of its documents."""

    settings: dict[str, Any]
    sites: dict[str, SiteTemplates] = field(default_factory=dict)
    documents: int = 0
    sites_seen: int = 0

    def lookup(self, site: str | None, fp: int | None) -> tuple[SiteTemplates, TemplateLine] | None:
        """The site's table and the template line ``fp`` of ``site``, or ``None``."""
        if site is None or fp is None:
            return None
        table = self.sites.get(site)
        line = table.lines.get(fp) if table is not None else None
        return (table, line) if table is not None and line is not None else None

    @property
    def line_count(self) -> int:
        return sum(len(s.lines) for s in self.sites.values())

    def to_dict(self) -> dict[str, Any]:
        sites = {}
        for name in sorted(self.sites):
            table = self.sites[name]
            lines = sorted(table.lines.values(), key=lambda t: (-t.count, t.id))
            sites[name] = {"documents": table.documents, "lines": [t.__dict__ for t in lines]}
        return {
            "format": FORMAT,
            "version": VERSION,
            "settings": dict(sorted(self.settings.items())),
            "documents": self.documents,
            "sites_seen": self.sites_seen,
            "sites": sites,
        }

    def to_json(self) -> str:
        """The file's text: one line per template line, so diffs between runs are readable."""
        data = self.to_dict()
        head = {k: v for k, v in data.items() if k != "sites"}
        parts = [json.dumps(head, ensure_ascii=False)[:-1] + ',\n "sites": {']
        site_parts = []
        for name, site in data["sites"].items():
            lines = ",\n".join("    " + json.dumps(line, ensure_ascii=False) for line in site["lines"])
            site_parts.append(f'\n  {json.dumps(name, ensure_ascii=False)}: {{"documents": {site["documents"]}, "lines": [\n{lines}\n  ]}}')
        parts.append(",".join(site_parts))
        parts.append("\n }\n}\n")
        return "".join(parts)

    def write(self, path: str | Path) -> None:
        """Write the file atomically (a temporary file in the same folder, then a rename)."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.cleaner-tmp")
        try:
            tmp.write_text(self.to_json(), encoding="utf-8")
            os.replace(tmp, path)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise

    @classmethod
    def from_dict(cls, data: Any, source: str = "templates") -> "Templates":
        """Read a template file's content; a clear :class:`ConfigError` when it is not one."""
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ConfigError(f"{source} is not a cleaner site-templates file (no \"format\": \"{FORMAT}\")")
        if data.get("version") != VERSION:
            raise ConfigError(f"{source} has template file version {data.get('version')!r}; this cleaner reads version {VERSION}")
        try:
            sites = {}
            for name, site in data["sites"].items():
                lines = {int(line["id"], 16): TemplateLine(line["id"], int(line["count"]), float(line["share"]), str(line["example"]))
                         for line in site["lines"]}
                sites[str(name)] = SiteTemplates(int(site["documents"]), lines)
            return cls(dict(data.get("settings", {})), sites, int(data.get("documents", 0)), int(data.get("sites_seen", len(sites))))
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ConfigError(f"{source} is a damaged site-templates file: {type(exc).__name__}: {exc}") from None


_LOADED: dict[tuple[str, int, int], Templates] = {}


def load_templates(path: str | Path) -> Templates:
    """Read a template file (each file read once per process, again when it changes on disk)."""
    p = Path(path)
    try:
        st = p.stat()
    except OSError as exc:
        raise ConfigError(f"cannot read site templates {p}: {exc.strerror or exc}") from None
    key = (str(p.resolve()), st.st_mtime_ns, st.st_size)
    if key not in _LOADED:
        try:
            data = json.loads(p.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise ConfigError(f"cannot read site templates {p}: {exc}") from None
        _LOADED.clear()  # one file in use at a time is the normal case; keep memory flat
        _LOADED[key] = Templates.from_dict(data, str(p))
    return _LOADED[key]
