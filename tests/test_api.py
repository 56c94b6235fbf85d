"""clean_article(): input handling (str, bytes, HTML, bad input) and the result."""

from __future__ import annotations

import codecs
import json

import pytest

from cleaner import Chain, clean_article
from cleaner.inputs import decode, looks_like_html

ARTICLE_HTML = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Dam opens after decade of delays | Riverside Gazette</title></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Dam opens after decade of delays</h1>
<p>The new dam on the Kell river opened on Monday after ten years of delays and cost overruns.</p>
<p>Engineers said the reservoir would take two winters to fill, and that the turbines would start in spring.</p>
<p>Farmers downstream, who had opposed the project, said they would watch the water levels closely.</p>
</article><footer>Copyright Riverside Gazette</footer></body></html>"""


def test_text_in_text_out():
    result = clean_article("A plain\u00a0sentence.")
    assert result.text == "A plain sentence."
    assert result.meta["format"] == "text" and not result.dropped


def test_html_is_extracted_with_its_metadata():
    result = clean_article(ARTICLE_HTML, url="https://example.org/dam")
    assert "turbines would start in spring" in result.text
    assert "Home" not in result.text and "Copyright" not in result.text
    assert result.meta["format"] == "html" and result.url == "https://example.org/dam"
    assert result.title and result.title.startswith("Dam opens after decade of delays")
    assert result.edits[0].filter == "extract_html"


@pytest.mark.parametrize(
    "raw, charset, expected_how",
    [
        (codecs.BOM_UTF8 + "Zürich".encode(), None, "byte-order mark"),
        ("Zürich".encode("utf-16"), None, "byte-order mark"),
        ("Zürich".encode("latin-1"), "latin-1", "declared"),
        ("Zürich".encode(), None, "valid multi-byte UTF-8"),
    ],
)
def test_bytes_are_decoded(raw, charset, expected_how):
    text, how = decode(raw, charset)
    assert text.lstrip("\ufeff") == "Zürich" and expected_how in how


def test_meta_charset_and_detection():
    page = '<html><head><meta charset="windows-1251"></head><body><p>Привет мир</p></body></html>'
    text, how = decode(page.encode("cp1251"))
    assert "Привет мир" in text and "meta charset" in how
    cp1252 = ("Les élèves étaient très heureux de leur été à la mer. " * 5).encode("cp1252")
    text, how = decode(cp1252)
    assert "élèves" in text and "single-byte Western" in how


def test_wrong_declared_charset_falls_back():
    text, how = decode("naïve".encode(), "ascii")
    assert text == "naïve" and "UTF-8" in how


@pytest.mark.parametrize(
    "raw, reason",
    [
        (bytes(range(256)) * 40, "binary"),
        (b"\x00\x01\x02\x03" * 1000, "binary"),
        ("<html><body><script>var x = 1;</script></body></html>", "no main text"),
    ],
)
def test_bad_inputs_are_dropped_with_a_reason_not_raised(raw, reason):
    result = clean_article(raw)
    assert result.dropped and reason in result.drop_reason and result.text == ""
    assert result.edits[-1].action == "dropped-document"


def test_empty_and_malformed_inputs_pass_safely():
    assert clean_article("").text == "" and "empty input" in clean_article("").drop_reason
    assert clean_article(b"   \n\n ").text == "" and "only whitespace" in clean_article(b"   \n\n ").drop_reason
    broken = "<html><body><p>Unclosed <b>bold <div>paragraph with real words that go on and on for a while</p></span>"
    result = clean_article(broken)
    assert not result.dropped or result.drop_reason


def test_oversized_input_is_dropped_with_a_reason():
    result = clean_article("word " * 1000, max_bytes=100)
    assert result.dropped and "too large" in result.drop_reason


def test_a_wrong_type_is_a_clear_error():
    with pytest.raises(TypeError, match="str or bytes"):
        clean_article(42)  # type: ignore[arg-type]


def test_html_sniffing():
    assert looks_like_html("<html><body>x</body></html>")
    assert looks_like_html("  <div><p>a</p><p>b</p><br></div>")
    assert not looks_like_html("5 < 6 and 7 > 3, said <b> once.")
    plain = {"base": "empty", "steps": ["normalize_whitespace"]}
    assert clean_article("<p>a</p>", html=False, config=plain).text == "<p>a</p>"
    assert clean_article("<p>a</p>", html=True, config=plain).text == "a"  # a fragment, extracted


def test_to_dict_is_json_serialisable_and_complete():
    result = clean_article(ARTICLE_HTML.encode(), url="https://example.org/dam")
    data = json.loads(json.dumps(result.to_dict()))
    assert set(data) >= {"text", "title", "language", "url", "meta", "dropped", "drop_reason", "flags", "edits"}
    assert data["edits"][0]["filter"] == "extract_html"
    assert "edits" not in result.to_dict(edits=False)


def test_config_forms_are_equivalent(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text('without = ["normalize_whitespace"]\n', encoding="utf-8")
    text = "a\u00a0b"
    by_path = clean_article(text, config=path).text
    by_dict = clean_article(text, config={"without": ["normalize_whitespace"]}).text
    by_chain = clean_article(text, config=Chain.default().without("normalize_whitespace")).text
    assert by_path == by_dict == by_chain == "a\u00a0b"


def test_deterministic_and_idempotent_on_seeds(seeds):
    for name, text in seeds.items():
        first = clean_article(text)
        assert clean_article(text).to_dict() == first.to_dict(), name
        again = clean_article(first.text)
        assert again.text == first.text, name


FRAGMENT_SENTENCES = (
    "The council voted on Tuesday to rebuild the old footbridge over the canal before next winter.",
    "Residents had asked for the repair since a storm damaged two of its supports three years ago.",
    "Work will start in March and the bridge will be closed to walkers for about six weeks.",
)


def test_a_page_fragment_keeps_its_article():
    # A part of a page saved without <html>/<body> (a layout table): trafilatura alone finds no text in it.
    cells = "\n".join(f"<p>{s}</p>" for s in FRAGMENT_SENTENCES)
    fragment = f'<table class=master><tr><td><p><a href="/">Home</a></p></td><td><h2>Footbridge</h2>{cells}</td></tr></table>'
    result = clean_article(fragment)
    assert not result.dropped and result.meta["format"] == "html"
    assert all(sentence in result.text for sentence in FRAGMENT_SENTENCES)


def test_an_xml_feed_is_not_wrapped_into_a_page():
    items = "".join(f"<item><description><p>{s}</p></description></item>" for s in FRAGMENT_SENTENCES)
    feed = f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>{items}</channel></rss>'
    result = clean_article(feed, html=True)
    assert result.dropped and "no main text" in result.drop_reason
