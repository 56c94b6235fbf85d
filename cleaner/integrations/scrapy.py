"""A Scrapy item pipeline that cleans the HTML (or text) of every scraped item (``pip install 'cleaner[scrapy]'``).

In the project's ``settings.py``::

    ITEM_PIPELINES = {"cleaner.integrations.scrapy.CleanerPipeline": 300}
    CLEANER_HTML_FIELD = "html"            # the item field holding the page's HTML (default "html")
    CLEANER_TEXT_FIELD = "text"            # used when the item has no HTML (default "text")
    CLEANER_URL_FIELD = "url"              # the page's address (default "url")
    CLEANER_CONFIG = "cleaner.toml"        # a chain config (default: the built-in chain)
    CLEANER_LANGUAGES = ["en"]             # keep only these languages (the filter_language step)
    CLEANER_OUTPUT_FIELDS = {"text": "text", "title": "title", "language": "language", "edits": None}
    CLEANER_DROP = True                    # a document a gate drops raises DropItem(reason)
    CLEANER_DROP_FIELD = "cleaner_dropped" # ... or, with CLEANER_DROP = False, the reason goes here
    CLEANER_KEEP_HTML = True               # False: remove the HTML field once cleaned (smaller items)

``CLEANER_OUTPUT_FIELDS`` maps what the cleaner produces (``text``, ``title``, ``language``,
``edits``, ``flags``) to the item field that receives it; ``None`` leaves it out (the
edit log is left out by default).  Items may be dicts or ``scrapy.Item`` classes that
declare those fields.  Counts go to Scrapy's stats: ``cleaner/cleaned``,
``cleaner/dropped``, ``cleaner/dropped/<reason>`` (numbers in reasons replaced by ``N``)
and ``cleaner/failed`` (an item without HTML or text: passed on unchanged).
"""

from __future__ import annotations

from typing import Any, Mapping

from ..api import clean_article
from ..batch import build_chain
from ..batch.report import reason_key
from ..chain import Chain
from ..document import Result
from ..inputs import MAX_INPUT_BYTES

try:
    from itemadapter import ItemAdapter
    from scrapy.exceptions import DropItem, NotConfigured
except ImportError as exc:  # pragma: no cover - the extra is missing
    raise ImportError(f"cleaner's Scrapy pipeline needs Scrapy: pip install 'cleaner[scrapy]' ({exc})") from exc

#: Where each product of the cleaner goes by default (``None``: not written).
OUTPUT_FIELDS: dict[str, str | None] = {"text": "text", "title": "title", "language": "language", "edits": None, "flags": None}


class CleanerPipeline:
    """Cleans ``item[CLEANER_HTML_FIELD]`` (or the text field) with a cleaner chain; see the module for the settings."""

    def __init__(
        self,
        chain: Chain,
        *,
        html_field: str = "html",
        text_field: str = "text",
        url_field: str = "url",
        output_fields: Mapping[str, str | None] | None = None,
        drop: bool = True,
        drop_field: str = "cleaner_dropped",
        max_bytes: int = MAX_INPUT_BYTES,
        keep_html: bool = True,
        stats: Any = None,
    ):
        unknown = set(output_fields or {}) - set(OUTPUT_FIELDS)
        if unknown:
            raise NotConfigured(f"CLEANER_OUTPUT_FIELDS: unknown key(s) {sorted(unknown)}; known: {sorted(OUTPUT_FIELDS)}")
        self.chain, self.stats = chain, stats
        self.html_field, self.text_field, self.url_field = html_field, text_field, url_field
        self.output_fields = {**OUTPUT_FIELDS, **(output_fields or {})}
        self.drop, self.drop_field, self.max_bytes, self.keep_html = drop, drop_field, max_bytes, keep_html

    @classmethod
    def from_crawler(cls, crawler: Any) -> CleanerPipeline:
        s = crawler.settings
        chain = build_chain(s.get("CLEANER_CONFIG"), s.getlist("CLEANER_LANGUAGES") or None)
        return cls(
            chain,
            html_field=s.get("CLEANER_HTML_FIELD", "html"),
            text_field=s.get("CLEANER_TEXT_FIELD", "text"),
            url_field=s.get("CLEANER_URL_FIELD", "url"),
            output_fields=s.getdict("CLEANER_OUTPUT_FIELDS"),
            drop=s.getbool("CLEANER_DROP", True),
            drop_field=s.get("CLEANER_DROP_FIELD", "cleaner_dropped"),
            max_bytes=s.getint("CLEANER_MAX_BYTES", MAX_INPUT_BYTES),
            keep_html=s.getbool("CLEANER_KEEP_HTML", True),
            stats=crawler.stats,
        )

    def process_item(self, item: Any, spider: Any = None) -> Any:
        adapter = ItemAdapter(item)
        html, text = adapter.get(self.html_field), adapter.get(self.text_field)
        raw, is_html = (html, True) if isinstance(html, (str, bytes)) and html else (text, None)
        if not isinstance(raw, (str, bytes)):
            self._count("cleaner/failed")
            return item
        url = adapter.get(self.url_field)
        result = clean_article(raw, config=self.chain, url=url if isinstance(url, str) else None, html=is_html, max_bytes=self.max_bytes)
        if result.dropped:
            reason = result.drop_reason or "dropped"
            self._count("cleaner/dropped")
            self._count(f"cleaner/dropped/{reason_key(reason)}")
            if self.drop:
                raise DropItem(f"cleaner: {reason}")
            adapter[self.drop_field] = reason
            return item
        self._count("cleaner/cleaned")
        for key, value in _products(result).items():
            field = self.output_fields.get(key)
            if field:
                adapter[field] = value
        if not self.keep_html and self.html_field in adapter:
            del adapter[self.html_field]
        return item

    def _count(self, key: str) -> None:
        if self.stats is not None:
            self.stats.inc_value(key)


def _products(result: Result) -> dict[str, Any]:
    return {
        "text": result.text,
        "title": result.title,
        "language": result.language,
        "edits": [e.to_dict() for e in result.edits],
        "flags": list(result.flags),
    }
