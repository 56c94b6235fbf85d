"""``cleaner learn`` and ``cleaner clean --learn-templates`` end to end on a generated corpus (folders and JSONL)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_templates import FURNITURE, corpus, furniture_line

from cleaner.cli import main


def write_corpus(root: Path, reverse: bool = False) -> Path:
    """Pages with a url in one JSONL dump; blog pages without url as files of one folder."""
    pages = corpus({"lexpress.example": 12, "daily.example": 30, "blog.example": 14})
    if reverse:
        pages.reverse()
    (root / "in" / "blog").mkdir(parents=True)
    with open(root / "in" / "dump.jsonl", "w", encoding="utf-8") as f:
        for i, page in enumerate(pages):
            if "blog" in page["url"]:
                name = f"{(len(pages) - i) if reverse else i:03d}.txt"
                (root / "in" / "blog" / name).write_text(page["text"], encoding="utf-8")
            else:
                f.write(json.dumps(page, ensure_ascii=False) + "\n")
    return root / "in"


@pytest.mark.slow
def test_learn_gives_the_same_file_for_any_jobs_and_input_order(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    monkeypatch.chdir(tmp_path / "a")
    write_corpus(tmp_path / "a")
    assert main(["learn", "in", "-o", "one.json", "--jobs", "1", "-q"]) == 0
    assert main(["learn", "in", "-o", "two.json", "--jobs", "2", "-q"]) == 0
    monkeypatch.chdir(tmp_path / "b")
    write_corpus(tmp_path / "b", reverse=True)
    assert main(["learn", "in", "-o", "reversed.json", "--jobs", "1", "-q"]) == 0
    one = (tmp_path / "a" / "one.json").read_bytes()
    assert one == (tmp_path / "a" / "two.json").read_bytes() == (tmp_path / "b" / "reversed.json").read_bytes()
    sites = json.loads(one)["sites"]
    assert set(sites) == {"lexpress.example", "daily.example", "in/blog"}  # the blog's site is its folder
    assert all(len(s["lines"]) == 3 for s in sites.values())


def test_clean_learn_templates_learns_then_cleans(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    write_corpus(tmp_path)
    assert main(["clean", "in", "-o", "out", "--learn-templates", "--jobs", "1", "--format", "jsonl", "--edits"]) == 0
    assert "learned 9 template line(s) on 3 of 3 site(s) from 56 document(s)" in capsys.readouterr().err
    assert json.loads((tmp_path / "out" / "templates.json").read_text(encoding="utf-8"))["version"] == 1
    records = [json.loads(line) for line in (tmp_path / "out" / "dump.jsonl").read_text(encoding="utf-8").splitlines()]
    blog = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((tmp_path / "out" / "blog").glob("*.jsonl"))]
    assert len(records) == 42 and len(blog) == 14
    for record, site in [(r, r["url"].split("/")[2][4:]) for r in records] + [(b, "blog.example") for b in blog]:
        assert not any(furniture_line(line, site) for line in record["text"].splitlines())
        removed = [e for e in record["edits"] if e["filter"] == "site_templates"]
        assert len(removed) == len(FURNITURE[site])


def test_learn_reports_unusable_inputs_and_refuses_standard_input(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    write_corpus(tmp_path)
    assert main(["learn", "in", "missing-folder", "-o", "t.json", "--jobs", "1"]) == 1
    assert "cannot use missing-folder: no such file or folder" in capsys.readouterr().err
    assert json.loads((tmp_path / "t.json").read_text(encoding="utf-8"))["sites_seen"] == 3
    assert main(["learn", "-", "-o", "t.json"]) == 2
    assert "standard input" in capsys.readouterr().err
    assert main(["learn", "in", "-o", "t.json", "--min-share", "1.5"]) == 2
    with pytest.raises(SystemExit):
        main(["clean", "in/dump.jsonl", "--learn-templates"])


def test_learns_the_same_from_jsonl_wet_and_parquet(tmp_path, monkeypatch):
    warcio = pytest.importorskip("warcio", reason="the warc extra is not installed")
    pq = pytest.importorskip("pyarrow.parquet", reason="the parquet extra is not installed")
    import io

    import pyarrow as pa
    from warcio.warcwriter import WARCWriter

    assert warcio
    monkeypatch.chdir(tmp_path)
    pages = corpus({"lexpress.example": 12, "daily.example": 30})
    for name in ("jsonl", "wet", "parquet"):
        (tmp_path / name).mkdir()
    with open(tmp_path / "jsonl" / "dump.jsonl", "w", encoding="utf-8") as f:
        f.writelines(json.dumps(p, ensure_ascii=False) + "\n" for p in pages)
    with open(tmp_path / "wet" / "crawl.warc.wet.gz", "wb") as f:
        w = WARCWriter(f, gzip=True)
        for p in pages:
            payload = io.BytesIO(p["text"].encode("utf-8"))
            w.write_record(w.create_warc_record(p["url"], "conversion", payload=payload, warc_content_type="text/plain"))
    pq.write_table(pa.table({"text": [p["text"] for p in pages], "url": [p["url"] for p in pages]}), tmp_path / "parquet" / "dump.parquet")
    files = []
    for name in ("jsonl", "wet", "parquet"):
        assert main(["learn", name, "-o", f"{name}.json", "--jobs", "1", "-q"]) == 0
        files.append((tmp_path / f"{name}.json").read_text(encoding="utf-8"))
    assert files[0] == files[1] == files[2]
    assert json.loads(files[0])["documents"] == 42
