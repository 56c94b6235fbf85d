"""The benchmark page tools: whole-page text dumps, line labels, the shared metric."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import metric  # noqa: E402
import pages  # noqa: E402

PAGE = """<!doctype html><html><head><title>T</title><style>p {color: red}</style></head>
<body><!-- a comment --><nav><ul><li><a href="/">Home</a></li><li>World</li></ul></nav>
<script>var x = "hidden";</script><noscript>Enable JavaScript</noscript><template><p>tpl</p></template>
<article><h1>Bridge opens</h1><p>The mayor opened the   new bridge
on Monday.</p><p>It took <b>three</b> years to build.</p>
<table><tr><td>Cost</td><td>12 million</td></tr><tr><td>Length</td><td>300 m</td></tr></table>
<div>   </div><div></div><div>   </div><p>Traffic starts today.   </p></article>
<footer>Copyright 2024 Example News</footer></body></html>"""


@pytest.fixture
def dump() -> str:
    pytest.importorskip("inscriptis")
    return pages.page_text(PAGE, cache=False)


def test_page_text_drops_hidden_elements(dump: str) -> None:
    for hidden in ("color: red", "hidden", "Enable JavaScript", "tpl", "a comment", "T\n"):
        assert hidden not in dump


def test_page_text_one_line_per_block(dump: str) -> None:
    lines = [line for line in dump.splitlines() if line]
    assert "The mayor opened the new bridge on Monday." in lines
    assert "It took three years to build." in lines
    assert "Bridge opens" in lines and "* Home" in lines and "Copyright 2024 Example News" in lines


def test_page_text_tables_are_blocks_not_grids(dump: str) -> None:
    lines = [line for line in dump.splitlines() if line]
    assert lines.index("Cost") + 1 == lines.index("12 million")
    assert "Length" in lines and "300 m" in lines


def test_page_text_collapses_blank_runs_and_trailing_spaces(dump: str) -> None:
    assert "\n\n\n" not in dump
    assert all(line == line.strip() for line in dump.splitlines())


def test_page_text_is_deterministic_and_cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dump: str) -> None:
    monkeypatch.setattr(pages, "CACHE", tmp_path)
    assert pages.page_text(PAGE) == dump
    assert len(list(tmp_path.rglob("*.txt"))) == 1
    assert pages.page_text(PAGE) == dump


def test_page_text_survives_bad_input() -> None:
    pytest.importorskip("inscriptis")
    assert pages.page_text("", cache=False) == ""
    assert pages.page_text('<?xml version="1.0" encoding="utf-8"?><p>a\x00b</p>', cache=False) == "ab"


GOLD = """Bridge opens
The mayor opened the new bridge on Monday. It took three years to build.
Home owners nearby welcomed it."""


def test_label_lines_finds_content_and_leaves_furniture() -> None:
    lines = ["Home", "World", "Bridge opens", "Share", "The mayor opened the new bridge on Monday.",
             "It took three years to build.", "Advertisement", "Home owners nearby welcomed it.", "Home", "Contact"]
    assert pages.label_lines(lines, GOLD) == [False, False, True, False, True, True, False, True, False, False]


def test_label_lines_paragraph_joined_or_split() -> None:
    joined = ["Bridge opens The mayor opened the new bridge on Monday. It took three years", "to build.", "Menu"]
    assert pages.label_lines(joined, GOLD) == [True, True, False]


def test_label_lines_partial_line_goes_by_majority() -> None:
    lines = ["The mayor opened the new bridge on Monday. Read more", "Subscribe now for only 1 dollar a week today"]
    assert pages.label_lines(lines, GOLD) == [True, False]


def test_label_lines_tokenless_lines_are_not_content() -> None:
    assert pages.label_lines(["*", "|", "", "It took three years to build."], GOLD) == [False, False, False, True]


def test_metric_is_the_benchmark_metric() -> None:
    assert metric.page_scores("a b c d e", "a b c d") == (1.0, 0.5)
    assert metric.page_scores("a b c d", "") == (0.0, 0.0)
    assert metric.prf([]) == (0.0, 0.0, 0.0)
    assert pages.page_scores is metric.page_scores


def test_load_set_reports_missing_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pages, "BENCH", tmp_path)
    with pytest.raises(pages.DataMissing, match="not found"):
        pages.load_set("scrapinghub-aeb")
    with pytest.raises(ValueError):
        pages.load_set("no-such-set")


@pytest.mark.bench
def test_load_set_reads_real_pages_in_order(shared_dir: Path) -> None:
    try:
        first = pages.load_set("scrapinghub-aeb", limit=3)
    except pages.DataMissing as missing:
        pytest.skip(str(missing))
    assert [p.id for p in first] == sorted(p.id for p in first) and len(first) == 3
    assert all(p.html and p.gold for p in first)


@pytest.mark.parametrize("module", ["metric", "pages", "systems"])
def test_docstring_examples(module: str) -> None:
    import doctest
    import importlib

    if module != "metric":
        pytest.importorskip("inscriptis")
    failures, _ = doctest.testmod(importlib.import_module(module))
    assert failures == 0


def test_page_site_from_url_canonical_or_source() -> None:
    assert pages.page_site(pages.Page("a", "", "", "http://www.Example.com/x", "cleaneval")) == "example.com"
    html = "<head><meta property='og:url' content='https://news.example.net/story'></head>"
    assert pages.page_site(pages.Page("b", html, "", None, "dragnet")) == "news.example.net"
    assert pages.page_site(pages.Page("c", "<p>no link</p>", "", None, "dragnet")) == "unknown:dragnet"
