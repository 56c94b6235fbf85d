"""The Scrapy item pipeline, in a real crawl (CrawlerProcess in a subprocess) of a site served on 127.0.0.1 here."""

from __future__ import annotations

import functools
import http.server
import json
import subprocess
import sys
import textwrap
import threading
from pathlib import Path
from typing import Iterator

import pytest

pytest.importorskip("scrapy", reason="the scrapy extra is not installed")

PAGES = {
    "index.html": "<html><head><title>Town news</title></head><body><nav><a href='tram.html'>Tram</a> | "
    "<a href='bakery.html'>Bakery</a> | <a href='fr.html'>Français</a> | <a href='empty.html'>Empty</a></nav></body></html>",
    "tram.html": "<html><head><title>Tram line extended</title></head><body><nav>Home | News | Sport</nav><article>"
    "<h1>Tram line extended</h1><p>The tram now reaches the airport, the city council said on Monday.</p>"
    "<p>The first trams leave the centre at five in the morning and run every ten minutes.</p>"
    "<p>Share on Facebook</p></article><footer>Contact us</footer></body></html>",
    "bakery.html": "<html><head><title>Bakery wins prize</title></head><body><article><h1>Bakery wins prize</h1>"
    "<p>A small bakery in the harbour won the regional prize for its rye\u00a0bread this year.</p>"
    "<p>The owner thanked her staff and the farmers who grow the grain near the town.</p></article></body></html>",
    "fr.html": "<html><head><title>Le tramway</title></head><body><article><h1>Le tramway</h1>"
    "<p>Le tramway dessert désormais l'aéroport, a annoncé la mairie lundi matin devant la presse.</p>"
    "<p>Les premières rames partent du centre à cinq heures et circulent toutes les dix minutes.</p></article></body></html>",
    "empty.html": "<html><head><title>Nothing</title></head><body></body></html>",
}

CRAWL = textwrap.dedent(
    """
    import json, sys
    import scrapy
    from scrapy.crawler import CrawlerProcess

    base, out, drop = sys.argv[1], sys.argv[2], sys.argv[3] == "drop"

    class Site(scrapy.Spider):
        name = "site"
        start_urls = [base + "index.html"]

        def parse(self, response):
            for href in response.css("a::attr(href)").getall():
                yield response.follow(href, self.page)

        def page(self, response):
            yield {"url": response.url, "html": response.text}

    process = CrawlerProcess(settings={
        "ITEM_PIPELINES": {"cleaner.integrations.scrapy.CleanerPipeline": 300},
        "CLEANER_LANGUAGES": ["en"],
        "CLEANER_OUTPUT_FIELDS": {"edits": "edits"},
        "CLEANER_DROP": drop,
        "CLEANER_KEEP_HTML": not drop,
        "FEEDS": {out + "/items.jsonl": {"format": "jsonlines", "encoding": "utf8"}},
        "LOG_LEVEL": "WARNING", "ROBOTSTXT_OBEY": False, "TELNETCONSOLE_ENABLED": False,
    })
    crawler = process.create_crawler(Site)
    process.crawl(crawler)
    process.start()
    stats = {k: v for k, v in crawler.stats.get_stats().items() if k.startswith(("cleaner/", "item_"))}
    open(out + "/stats.json", "w").write(json.dumps(stats))
    """
)


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """No access log on the test's stderr."""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("site")
    for name, html in PAGES.items():
        (root / name).write_text(html, encoding="utf-8")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def crawl(site: str, out: Path, mode: str) -> tuple[dict[str, dict], dict[str, int]]:
    out.mkdir()
    script = out / "crawl.py"  # a file, not -c: Scrapy reads its spiders' source
    script.write_text(CRAWL, encoding="utf-8")
    proc = subprocess.run([sys.executable, str(script), site, str(out), mode], capture_output=True, text=True, timeout=240)
    assert proc.returncode == 0, proc.stderr[-3000:]
    items = [json.loads(x) for x in (out / "items.jsonl").read_text(encoding="utf-8").splitlines()]
    return {Path(i["url"]).name: i for i in items}, json.loads((out / "stats.json").read_text(encoding="utf-8"))


@pytest.mark.slow
def test_a_crawl_is_cleaned_and_gate_drops_raise_dropitem(site: str, tmp_path: Path) -> None:
    items, stats = crawl(site, tmp_path / "drop", "drop")
    assert set(items) == {"tram.html", "bakery.html"}, "the French page (language gate) and the empty page are dropped"
    tram = items["tram.html"]
    assert tram["text"].startswith("The tram now reaches the airport") and "Share on Facebook" not in tram["text"]
    assert tram["title"] == "Tram line extended" and tram["language"] == "en" and "html" not in tram, "CLEANER_KEEP_HTML = False"
    assert "rye bread" in items["bakery.html"]["text"] and any(e["filter"] == "extract_html" for e in items["bakery.html"]["edits"])
    assert stats["cleaner/cleaned"] == 2 and stats["cleaner/dropped"] == 2 and stats["item_dropped_count"] == 2
    assert sum(v for k, v in stats.items() if k.startswith("cleaner/dropped/")) == 2
    assert any("language" in k for k in stats if k.startswith("cleaner/dropped/"))


@pytest.mark.slow
def test_tag_only_keeps_dropped_items_with_the_reason(site: str, tmp_path: Path) -> None:
    items, stats = crawl(site, tmp_path / "tag", "tag")
    assert set(items) == {"tram.html", "bakery.html", "fr.html", "empty.html"}
    assert "cleaner_dropped" in items["fr.html"] and "text" not in items["fr.html"]
    assert "cleaner_dropped" not in items["tram.html"] and "html" in items["tram.html"]
    assert stats["cleaner/dropped"] == 2 and "item_dropped_count" not in stats
