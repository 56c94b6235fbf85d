"""Input formats through the batch: WARC (written by warcio), Parquet (pyarrow), JSONL record fields, damaged files."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest

from cleaner.batch import clean_folder
from cleaner.cli import main

warcio = pytest.importorskip("warcio", reason="the warc extra is not installed")
pa = pytest.importorskip("pyarrow", reason="the parquet extra is not installed")
import pyarrow.parquet as pq  # noqa: E402
from warcio.statusandheaders import StatusAndHeaders  # noqa: E402
from warcio.warcwriter import WARCWriter  # noqa: E402

STORIES = [
    ("Tram line extended", "The tram now reaches the airport, the city said on Monday.", "The first trams run at five."),
    ("Library reopens", "The old library reopens after two years of repairs to its roof.", "Opening hours stay the same."),
    ("Café wins prize", "A small café in the harbour won the regional prize for its bread.", "The owner thanked her staff."),
]


def page(title: str, *paragraphs: str, charset: str = "utf-8") -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    html = (
        f"<html><head><title>{title}</title></head><body><nav>Home | News | Sport</nav>"
        f"<article><h1>{title}</h1>{body}</article><footer>Contact us</footer></body></html>"
    )
    return html.encode(charset)


def write_warc(path: Path, *, gz: bool = True, charset: str = "utf-8") -> list[str]:
    """A crawl: per story a request, an HTML response and a metadata record; plus an image and a redirect."""
    urls = []
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as f:
        w = WARCWriter(f, gzip=gz)
        w.write_record(w.create_warcinfo_record("crawl.warc", {"software": "test"}))
        for i, (title, *paras) in enumerate(STORIES):
            url = f"https://news.example.org/{i}"
            urls.append(url)
            req = StatusAndHeaders("GET / HTTP/1.1", [("Host", "news.example.org")], is_http_request=True)
            w.write_record(w.create_warc_record(url, "request", http_headers=req))
            headers = StatusAndHeaders("200 OK", [("Content-Type", f"text/html; charset={charset}")], protocol="HTTP/1.1")
            body = page(title, *paras, charset=charset)
            w.write_record(w.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers))
            w.write_record(w.create_warc_record(url, "metadata", payload=io.BytesIO(b"x: 1\r\n"), warc_content_type="application/warc-fields"))
        img = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        w.write_record(w.create_warc_record("https://news.example.org/a.png", "response", payload=io.BytesIO(b"\x89PNG"), http_headers=img))
        moved = StatusAndHeaders("301 Moved", [("Location", "/0"), ("Content-Type", "text/html")], protocol="HTTP/1.1")
        w.write_record(w.create_warc_record("https://news.example.org/old", "response", payload=io.BytesIO(b"<a>moved</a>"), http_headers=moved))
    return urls


def records(path: Path) -> list[dict]:
    raw = path.read_bytes()
    text = (gzip.decompress(raw) if path.name.endswith(".gz") else raw).decode("utf-8")
    return [json.loads(line) for line in text.splitlines()]


def test_a_warc_crawl_is_cleaned_into_jsonl(tmp_path: Path) -> None:
    urls = write_warc(tmp_path / "in" / "crawl.warc.gz", charset="cp1252")
    summary = clean_folder(tmp_path / "in", tmp_path / "out", jobs=1)
    out = records(tmp_path / "out" / "crawl.jsonl.gz")
    assert [r["url"] for r in out] == urls
    assert "café in the harbour" in out[2]["text"] and "Home | News" not in out[0]["text"], "charset from the HTTP header; page furniture gone"
    assert all(r["warc_record_id"].startswith("<urn:uuid:") and r["warc_date"] for r in out)
    assert summary.documents["read"] == 3 and summary.files["processed"] == 1
    assert summary.run["records_skipped"] == {
        "metadata record": 3, "request record": 3, "response of type image/png": 1,
        "response with HTTP status 301": 1, "warcinfo record": 1,
    }  # fmt: skip


def test_wet_conversion_records_are_text(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.wet.gz"
    with open(path, "wb") as f:
        w = WARCWriter(f, gzip=True)
        for i, (title, *paras) in enumerate(STORIES):
            text = "\n".join((title, *paras)).replace(" ", "\u00a0", 1).encode()
            w.write_record(w.create_warc_record(f"https://x.example/{i}", "conversion", payload=io.BytesIO(text), warc_content_type="text/plain"))
    clean_folder(path, tmp_path / "out", jobs=1)
    out = records(tmp_path / "out" / "crawl.jsonl.gz")
    assert all(story[1] in r["text"] and "\u00a0" not in r["text"] for story, r in zip(STORIES, out)), "nbsp repaired, text kept"
    assert [r["url"] for r in out] == [f"https://x.example/{i}" for i in range(3)]


@pytest.mark.parametrize("gz", [True, False])
def test_a_damaged_warc_record_is_reported_and_the_rest_cleaned(tmp_path: Path, gz: bool) -> None:
    good = tmp_path / "good.warc"
    write_warc(good, gz=gz)
    data = good.read_bytes()
    # inside the second story's page (uncompressed: its Content-Length is now wrong), or mid-file (gzip: a broken member)
    second = len(data) // 3 if gz else data.find(b"<p>The old library")
    bad = tmp_path / "in" / ("crawl.warc.gz" if gz else "crawl.warc")
    bad.parent.mkdir()
    bad.write_bytes(data[: second + 40] + b"\x00garbage\x00" * 7 + data[second + 40 :])
    summary = clean_folder(tmp_path / "in", tmp_path / "out", jobs=1)
    out = records(tmp_path / "out" / ("crawl.jsonl.gz" if gz else "crawl.jsonl"))
    assert [r["url"] for r in out][-1] == "https://news.example.org/2", "the records after the damage are cleaned"
    assert "https://news.example.org/0" in [r["url"] for r in out]
    errors = [json.loads(x) for x in (tmp_path / "out" / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert errors and all("damaged WARC record" in e["error"] and "record" in e for e in errors)
    assert summary.documents["failed"] >= 1


def test_a_truncated_warc_keeps_the_records_before(tmp_path: Path) -> None:
    full = tmp_path / "full.warc.gz"
    write_warc(full)
    data = full.read_bytes()
    cut = data.find(b"\x1f\x8b\x08", data.find(b"\x1f\x8b\x08", len(data) // 2) + 1)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "crawl.warc.gz").write_bytes(data[: cut + 60])
    clean_folder(tmp_path / "in", tmp_path / "out", jobs=1)
    assert len(records(tmp_path / "out" / "crawl.jsonl.gz")) >= 1
    assert (tmp_path / "out" / "errors.jsonl").exists()


def write_parquet(path: Path, row_group_size: int = 2) -> None:
    rows = {
        "id": [10, 11, 12, 13],
        "html": [page(t, *p).decode() for t, *p in STORIES] + [None],
        "body": [None, None, None, "Plain\u00a0text of the fourth row."],
        "page": [f"https://p.example/{i}" for i in range(4)],
        "crawl_date": pa.array([1, 2, 3, 4], pa.int64()),
    }
    pq.write_table(pa.table(rows), path, row_group_size=row_group_size)


def test_parquet_in_parquet_out_keeps_the_other_columns(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    write_parquet(tmp_path / "in" / "part-0.parquet")
    args = dict(text_field="body", html_field="html", url_field="page", id_field="id")
    summary = clean_folder(tmp_path / "in", tmp_path / "out", jobs=1, **args)
    table = pq.read_table(tmp_path / "out" / "part-0.parquet")
    assert summary.documents["read"] == 4
    assert table.column_names[:5] == ["id", "html", "body", "page", "crawl_date"] and {"title", "language"} <= set(table.column_names)
    assert table.schema.field("crawl_date").type == pa.int64(), "the input's columns keep their types"
    rows = table.to_pylist()
    assert [r["id"] for r in rows] == [10, 11, 12, 13] and [r["page"] for r in rows] == [f"https://p.example/{i}" for i in range(4)]
    assert rows[0]["body"].startswith("The tram now reaches") and rows[3]["body"] == "Plain text of the fourth row."
    assert rows[1]["title"] == "Library reopens"
    # the same table as JSONL
    clean_folder(tmp_path / "in", tmp_path / "out2", jobs=1, format="jsonl", **args)
    assert [r["id"] for r in records(tmp_path / "out2" / "part-0.jsonl")] == [10, 11, 12, 13]


def test_jsonl_field_options_and_id_in_the_logs(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    lines = [{"key": "a", "raw": page(*STORIES[0]).decode(), "link": "https://l.example/a"}, {"key": "b", "other": 1}]
    (src / "d.jsonl").write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    code = main(["clean", str(src), "-o", str(tmp_path / "out"), "-q", "-j", "1",
                 "--html-field", "raw", "--url-field", "link", "--id-field", "key", "--text-field", "content"])  # fmt: skip
    assert code == 1, "the record without text fails"
    (record,) = records(tmp_path / "out" / "d.jsonl")
    assert record["content"].startswith("The tram now reaches") and record["link"] == "https://l.example/a"
    (error,) = [json.loads(x) for x in (tmp_path / "out" / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert error["id"] == "b" and error["line"] == 2 and "'raw' or 'content'" in error["error"]


def test_a_truncated_jsonl_gz_keeps_the_records_before_the_damage(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    lines = "".join(json.dumps({"id": i, "text": f"Record\u00a0number {i} of the dump."}) + "\n" for i in range(2000))
    data = gzip.compress(lines.encode())
    (src / "dump.jsonl.gz").write_bytes(data[: len(data) * 2 // 3])
    summary = clean_folder(src, tmp_path / "out", jobs=1)
    kept = records(tmp_path / "out" / "dump.jsonl.gz")
    assert 100 < len(kept) < 2000 and [r["id"] for r in kept] == list(range(len(kept)))
    (error,) = [json.loads(x) for x in (tmp_path / "out" / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert "lines before the damage were cleaned" in error["error"] and summary.files["failed"] == 1


def test_a_binary_text_column_becomes_a_string_column(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    texts = pa.array(["Caf\u00e9\u00a0au lait.".encode(), b"Tea  time."], pa.binary())
    pq.write_table(pa.table({"text": texts, "n": [1, 2]}), tmp_path / "in" / "b.parquet")
    summary = clean_folder(tmp_path / "in", tmp_path / "out", jobs=1)
    table = pq.read_table(tmp_path / "out" / "b.parquet")
    assert summary.files["processed"] == 1 and table.schema.field("text").type == pa.string()
    assert table.column("text").to_pylist() == ["Café au lait.", "Tea time."] and table.column("n").to_pylist() == [1, 2]
