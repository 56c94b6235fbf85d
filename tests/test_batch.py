"""Batch cleaning: clean_folder, clean_many, resuming, failures, parallel determinism, the reports."""

from __future__ import annotations

import gzip
import json
import os
import re
import signal
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest

from cleaner import Chain, ConfigError, available_filters, clean_article
from cleaner.batch import clean_folder, clean_many, input_kind, output_name
from cleaner.document import Edit, Result
from cleaner.report import inline_diff, reason_key, render_document

# Dirt of the kinds crawlers save: exotic spaces, zero-width characters, mojibake.
DIRTY = [
    "Markets\u00a0steadied on Tuesday after a week of losses.\n\nAnalysts  expected further\u200b swings.",
    "The council approved the new cycle lanes.\n\nWork starts in the spring and should end by autumn.",
    "CafÃ© owners welcomed the decision, saying trade had been slow.",
    "A short note with nothing to repair.",
]


def page(title: str, body: str) -> str:
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>{title}</h1><p>{body}</p>"
        "<p>Officials said more details would follow later in the week, once the figures were checked.</p></article>"
        "<footer>All rights reserved</footer></body></html>"
    )


def make_corpus(root: Path, records: int = 6) -> Path:
    """A mixed tree: .txt, .txt.gz, .html, .htm.gz, .jsonl and .jsonl.gz, nested, plus a file cleaner ignores."""
    src = root / "crawl"
    (src / "news" / "2024").mkdir(parents=True)
    (src / "a.txt").write_text(DIRTY[0], encoding="utf-8")
    (src / "news" / "b.txt.gz").write_bytes(gzip.compress(DIRTY[1].encode()))
    (src / "news" / "c.html").write_text(page("Bridge repairs finish early", "The bridge reopened\u00a0two weeks ahead of plan."), encoding="utf-8")
    (src / "news" / "2024" / "d.htm.gz").write_bytes(gzip.compress(page("Library extends hours", "The library now opens on Sundays.").encode()))
    lines = [json.dumps({"id": i, "text": DIRTY[i % len(DIRTY)], "url": f"https://example.org/{i}", "source": "feed"}) for i in range(records)]
    (src / "dump.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (src / "news" / "more.jsonl.gz").write_bytes(gzip.compress(("\n".join(lines[:3]) + "\n").encode()))
    (src / "README.md").write_text("not an input", encoding="utf-8")
    return src


def tree(folder: Path) -> dict[str, bytes]:
    """Every output file of a run (the report files left out: they hold timings)."""
    skip = {"report.json", "report.html"}
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file() and p.name not in skip}


def read_jsonl(path: Path) -> list[dict]:
    data = gzip.decompress(path.read_bytes()) if path.name.endswith(".gz") else path.read_bytes()
    return [json.loads(line) for line in data.decode().splitlines()]


# ---------------------------------------------------------------------------
def test_input_kinds_and_output_names() -> None:
    assert input_kind("x.HTML.gz") == ("html", True)
    assert input_kind("x.htm") == ("html", False)
    assert input_kind("x.tar.gz") is None
    assert output_name("page.htm", "txt") == "page.txt"
    assert output_name("page.txt.gz", "jsonl") == "page.jsonl"
    assert output_name("dump.jsonl", "txt") == "dump.jsonl"


def test_mixed_folder(tmp_path: Path) -> None:
    src = make_corpus(tmp_path)
    before = tree(src)
    summary = clean_folder(src, tmp_path / "out", jobs=1)
    out = tmp_path / "out"
    assert tree(src) == before, "inputs must never be modified"
    assert sorted(tree(out)) == [
        "a.txt",
        "dump.jsonl",
        "news/2024/d.txt",
        "news/b.txt",
        "news/c.txt",
        "news/more.jsonl.gz",
    ]
    assert (out / "a.txt").read_text(encoding="utf-8") == clean_article(DIRTY[0]).text + "\n"
    assert (out / "news" / "b.txt").read_text(encoding="utf-8") == clean_article(DIRTY[1]).text + "\n"
    html_text = (out / "news" / "c.txt").read_text(encoding="utf-8")
    assert "The bridge reopened two weeks ahead of plan." in html_text
    assert "All rights reserved" not in html_text and "<p>" not in html_text
    records = read_jsonl(out / "dump.jsonl")
    assert [r["id"] for r in records] == list(range(6))
    assert records[0]["text"] == clean_article(DIRTY[0]).text
    assert records[1]["url"] == "https://example.org/1" and records[1]["source"] == "feed"
    assert list(records[1])[:2] == ["id", "text"], "fields keep their order"
    assert "edits" not in records[0]
    assert len(read_jsonl(out / "news" / "more.jsonl.gz")) == 3
    assert summary.documents == {"read": 13, "cleaned": 13, "dropped": 0, "failed": 0}
    assert summary.files == {"processed": 6, "skipped": 0, "failed": 0}
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["documents"]["read"] == 13
    assert report["steps"]["normalize_whitespace"]["documents_touched"] >= 3
    assert not (out / "errors.jsonl").exists() and not (out / "dropped.jsonl").exists()


def test_cleaning_the_output_again_changes_nothing(tmp_path: Path) -> None:
    src = make_corpus(tmp_path)
    clean_folder(src, tmp_path / "once", jobs=1)
    clean_folder(tmp_path / "once", tmp_path / "twice", jobs=1)
    once, twice = tree(tmp_path / "once"), tree(tmp_path / "twice")
    for name, data in twice.items():
        if name.endswith(".txt"):
            assert data == once[name], name
    assert [r["text"] for r in read_jsonl(tmp_path / "twice" / "dump.jsonl")] == [
        r["text"] for r in read_jsonl(tmp_path / "once" / "dump.jsonl")
    ]


def test_jsonl_output_format_and_edit_log(tmp_path: Path) -> None:
    src = make_corpus(tmp_path)
    clean_folder(src, tmp_path / "out", jobs=1, format="jsonl", edits=True)
    (record,) = read_jsonl(tmp_path / "out" / "a.jsonl")
    assert record["text"] == clean_article(DIRTY[0]).text
    assert {"title", "language", "url"} <= set(record)
    assert any(e["filter"] == "normalize_whitespace" for e in record["edits"])
    (page_record,) = read_jsonl(tmp_path / "out" / "news" / "c.jsonl")
    assert page_record["title"] == "Bridge repairs finish early"
    assert "edits" in read_jsonl(tmp_path / "out" / "dump.jsonl")[0]


def test_custom_text_field(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "x.jsonl").write_text(json.dumps({"body": "One\u00a0two.", "text": "untouched"}) + "\n", encoding="utf-8")
    clean_folder(src, tmp_path / "out", jobs=1, text_field="body")
    (record,) = read_jsonl(tmp_path / "out" / "x.jsonl")
    assert record == {"body": "One two.", "text": "untouched", "title": None, "language": clean_article("One two.").language, "url": None}


def test_jsonl_with_a_byte_order_mark(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "bom.jsonl").write_bytes(b"\xef\xbb\xbf" + json.dumps({"text": "First\u00a0line."}).encode() + b"\n")
    summary = clean_folder(src, tmp_path / "out", jobs=1)
    assert summary.failed == 0
    assert read_jsonl(tmp_path / "out" / "bom.jsonl")[0]["text"] == "First line."


def test_corrupt_files_among_good_ones(tmp_path: Path) -> None:
    src = make_corpus(tmp_path)
    (src / "broken.txt.gz").write_bytes(b"\x1f\x8b\x08\x00 this is not a gzip stream")
    (src / "binary.txt").write_bytes(bytes(range(32)) * 50)
    with open(src / "dump.jsonl", "a", encoding="utf-8") as f:
        f.write("{not json\n")
        f.write(json.dumps({"id": 99, "no_text": True}) + "\n")
        f.write(json.dumps({"id": 100, "text": "Still\u00a0cleaned after the bad lines."}) + "\n")
    unreadable = src / "locked.txt"
    unreadable.write_text("secret", encoding="utf-8")
    unreadable.chmod(0)
    out = tmp_path / "out"
    try:
        summary = clean_folder(src, out, jobs=1)
    finally:
        unreadable.chmod(0o644)
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    by_path = {(Path(e["path"]).name, e.get("line")): e["error"] for e in errors}
    assert by_path[("broken.txt.gz", None)].startswith("corrupt gzip file")
    assert "not a JSON line" in by_path[("dump.jsonl", 7)]
    assert "no string field 'text'" in by_path[("dump.jsonl", 8)]
    if os.geteuid() != 0:  # root reads any file
        assert "Permission" in by_path[("locked.txt", None)]
    dropped = [json.loads(line) for line in (out / "dropped.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [Path(d["path"]).name for d in dropped] == ["binary.txt"]
    assert "binary" in dropped[0]["reason"]
    assert summary.failed >= 3
    assert summary.dropped == {reason_key(dropped[0]["reason"]): 1}
    # the good documents are all there, including the record after the bad lines
    assert [r["id"] for r in read_jsonl(out / "dump.jsonl")] == [0, 1, 2, 3, 4, 5, 100]
    assert (out / "news" / "c.txt").exists() and (out / "a.txt").exists()
    assert not (out / "broken.txt").exists() and not (out / "binary.txt").exists()


def test_rerun_skips_finished_outputs_and_force_redoes_them(tmp_path: Path) -> None:
    src = make_corpus(tmp_path)
    out = tmp_path / "out"
    clean_folder(src, out, jobs=1)
    (out / "a.txt").write_text("stale", encoding="utf-8")
    (out / "news" / "c.txt").unlink()
    again = clean_folder(src, out, jobs=1)
    assert again.files == {"processed": 1, "skipped": 5, "failed": 0}
    assert (out / "news" / "c.txt").exists()
    assert (out / "a.txt").read_text(encoding="utf-8") == "stale"
    forced = clean_folder(src, out, jobs=1, force=True)
    assert forced.files["processed"] == 6
    assert (out / "a.txt").read_text(encoding="utf-8") == clean_article(DIRTY[0]).text + "\n"


def test_outputs_never_overwrite_inputs(tmp_path: Path) -> None:
    (tmp_path / "note.txt").write_text("Keep\u00a0me.", encoding="utf-8")
    summary = clean_folder(tmp_path / "note.txt", tmp_path, jobs=1)
    assert summary.failed == 1
    assert (tmp_path / "note.txt").read_text(encoding="utf-8") == "Keep\u00a0me."
    assert "would overwrite this input" in (tmp_path / "errors.jsonl").read_text(encoding="utf-8")
    with pytest.raises(ConfigError, match="is an input folder"):
        clean_folder(tmp_path, tmp_path, jobs=1)


def test_output_folder_inside_the_input_is_not_read_back(tmp_path: Path) -> None:
    src = make_corpus(tmp_path)
    clean_folder(src, src / "clean", jobs=1)
    again = clean_folder(src, src / "clean", jobs=1)
    assert again.files["processed"] == 0 and again.files["skipped"] == 6
    assert not (src / "clean" / "clean").exists()


def test_globs_files_and_several_inputs(tmp_path: Path) -> None:
    src = make_corpus(tmp_path)
    out = tmp_path / "out"
    summary = clean_folder([str(src / "news" / "*.gz"), src / "a.txt", str(tmp_path / "nothing*.txt")], out, jobs=1)
    assert sorted(tree(out)) == ["a.txt", "b.txt", "errors.jsonl", "more.jsonl.gz"]
    assert summary.files["failed"] == 1, "a glob matching nothing is reported"


def test_language_option_needs_the_language_step() -> None:
    with pytest.raises(ConfigError, match="filter_language"):
        clean_folder("unused", "unused-out", config={"steps": ["normalize_whitespace"]}, languages=["en"])


def test_language_option_keeps_only_those_languages(tmp_path: Path) -> None:
    if "filter_language" not in available_filters():
        pytest.skip("the filter_language step is not available")
    chain = Chain.default()
    if "filter_language" not in chain.names:
        chain = chain.append("filter_language")
    src = tmp_path / "in"
    src.mkdir()
    (src / "en.txt").write_text(
        "The committee met on Thursday to discuss the budget for the coming year, and agreed to spend more on schools.",
        encoding="utf-8",
    )
    (src / "fr.txt").write_text(
        "Le comité s'est réuni jeudi pour discuter du budget de l'année prochaine et a décidé de dépenser davantage pour les écoles.",
        encoding="utf-8",
    )
    summary = clean_folder(src, tmp_path / "out", config=chain, jobs=1, languages=["fr"])
    assert (tmp_path / "out" / "fr.txt").exists() and not (tmp_path / "out" / "en.txt").exists()
    assert summary.documents["dropped"] == 1


@pytest.mark.slow
def test_one_and_two_jobs_give_identical_outputs(tmp_path: Path) -> None:
    src = make_corpus(tmp_path, records=70)  # several batches, so results really arrive from two workers
    for i in range(30):
        (src / "news" / f"n{i:02}.txt").write_text(DIRTY[i % 4] + f"\n\nItem {i}.", encoding="utf-8")
    one = clean_folder(src, tmp_path / "one", jobs=1)
    two = clean_folder(src, tmp_path / "two", jobs=2)
    assert tree(tmp_path / "one") == tree(tmp_path / "two")
    assert one.documents == two.documents
    assert {k: v["documents_touched"] for k, v in one.steps.items()} == {k: v["documents_touched"] for k, v in two.steps.items()}
    texts = [f"Line\u00a0{i}." if i % 2 else {"text": f"Record {i}  here.", "url": f"u{i}"} for i in range(40)]
    in_order = [r.text for r in clean_many(texts, jobs=2)]
    assert in_order == [f"Line {i}." if i % 2 else f"Record {i} here." for i in range(40)]


def test_clean_many_streams_in_order_with_records_and_bad_items() -> None:
    def items():
        yield "Hello\u00a0world."
        yield b"Caf\xc3\xa9\xc2\xa0open."
        yield {"text": "A  record.", "url": "https://example.org/r", "id": 7}
        yield {"id": 8}

    results = list(clean_many(items(), jobs=1))
    assert [r.text for r in results[:3]] == ["Hello world.", "Café open.", "A record."]
    assert results[2].url == "https://example.org/r" and results[2].meta["id"] == 7
    assert any(e.filter == "normalize_whitespace" for e in results[0].edits)
    assert results[3].dropped and "no string field 'text'" in (results[3].drop_reason or "")
    with pytest.raises(TypeError, match="texts or dicts"):
        list(clean_many([42], jobs=1))


class _Checker(HTMLParser):
    """Fails on unbalanced tags; collects ids and in-page links."""

    VOID = {"meta", "br", "hr", "img", "input", "link"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and a.get("href", "").startswith("#"):
            self.links.append(a["href"][1:])
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1] if self.stack else None}>"
        self.stack.pop()


def test_html_report_shows_removals_and_repairs_escaped(tmp_path: Path) -> None:
    src = make_corpus(tmp_path)
    (src / "0-script.txt").write_text("<script>alert('x')</script> costs\u00a05 & more.", encoding="utf-8")
    clean_folder(src, tmp_path / "out", jobs=1, report_html=True)
    report = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    checker = _Checker()
    checker.feed(report)
    checker.close()
    assert checker.stack == ["html"] or checker.stack == [], checker.stack
    assert "<script>" not in report and "&lt;script&gt;" in report
    assert "<del>" in report and "<ins>" in report
    assert checker.links and set(checker.links) <= checker.ids, "every example link leads to a document"
    assert "[U+00A0]" in report, "a replaced invisible character is shown by its code point"


def test_report_gives_every_reason_a_paragraph_went_through() -> None:
    edits = [
        Edit("normalize_whitespace", "replaced", "Menu  |  Sport", "Menu | Sport", "normalised spaces", 0),
        Edit("remove_boilerplate", "removed", "Menu | Sport", "", "a navigation bar", 0),
    ]
    result = Result(text="Body text stays.", meta={}, edits=edits)
    shown = render_document("Menu  |  Sport\nBody text stays.", result)
    assert "<del>Menu  |  Sport</del>" in shown
    assert "normalize_whitespace: normalised spaces; remove_boilerplate: a navigation bar" in shown
    assert "<p>Body text stays.</p>" in shown


def test_inline_diff_marks_only_what_changed() -> None:
    assert inline_diff("Prices rose 5%", "Prices rose 5 %") == "Prices rose 5<ins> </ins>%"
    words = [f"w{i % 50}" for i in range(4000)]  # a long paragraph: the path where difflib skips frequent tokens
    before = " ".join(words)
    after = before.replace("w7 w8", "w7  w8", 1).replace("w30 w31 w32", "w30 X w32", 1)
    diff = inline_diff(before, after)
    assert diff.count("<ins>") == 2 and diff.count("<del>") == 2
    assert "w30 <del>w31</del><ins>X</ins> w32" in diff
    assert re.sub(r"<del>.*?</del>|</?ins>", "", diff) == after
    assert inline_diff("a <b>", "a") == "a<del> &lt;b&gt;</del>"


def _has_data(path: Path) -> bool:
    try:
        return path.stat().st_size > 0
    except FileNotFoundError:
        return False


@pytest.mark.slow
def test_resume_after_the_process_is_killed(tmp_path: Path) -> None:
    """Kill a real run (SIGKILL) while a JSONL output is half written, then rerun: everything done once."""
    src = tmp_path / "in"
    (src / "part").mkdir(parents=True)
    body = "\n\n".join(f"Paragraph {k} of the report:\u00a0figures rose   again,\u200b said the office." for k in range(40))
    names = [f"a{i:02}.txt" for i in range(50)] + [f"c{i:02}.txt" for i in range(50)]  # read before and after b.jsonl
    for i, name in enumerate(names):
        (src / "part" / name).write_text(f"Document {i}.\n\n{body}", encoding="utf-8")
    lines = [json.dumps({"id": i, "text": f"Record {i}.\n\n{body}"}) for i in range(100)]
    (src / "part" / "b.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    partial = out / "part" / ".b.jsonl.cleaner-tmp"
    cmd = [sys.executable, "-m", "cleaner", "clean", str(src), "-o", str(out), "-j", "1", "-q"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not _has_data(partial):
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    done = sorted(p.name for p in (out / "part").iterdir() if not p.name.startswith("."))
    assert done == names[:50], "killed mid-way through the JSONL file: only the files before it are done"
    for p in (out / "part").glob("a*.txt"):  # what exists is complete: never a half-written file
        assert p.read_text(encoding="utf-8").endswith("the office.\n")
    rerun = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert rerun.returncode == 0, rerun.stderr
    files = sorted(p.name for p in (out / "part").iterdir())
    assert files == sorted([*names, "b.jsonl"]), "every output, nothing else (no temp file left)"
    ids = [r["id"] for r in read_jsonl(out / "part" / "b.jsonl")]
    assert ids == list(range(100)), "no record lost or duplicated"
    expected = clean_article(f"Document 7.\n\n{body}").text + "\n"
    assert (out / "part" / "a07.txt").read_text(encoding="utf-8") == expected
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["files"] == {"processed": 51, "skipped": 50, "failed": 0}


def test_missing_inputs_and_unlistable_folders_are_reported(tmp_path: Path) -> None:
    src = make_corpus(tmp_path)
    locked = src / "locked"
    locked.mkdir()
    (locked / "x.txt").write_text("hidden", encoding="utf-8")
    locked.chmod(0)
    try:
        summary = clean_folder([src, tmp_path / "missing"], tmp_path / "out", jobs=1)
    finally:
        locked.chmod(0o755)
    errors = [json.loads(line) for line in (tmp_path / "out" / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {"path": str(tmp_path / "missing"), "error": "no such file or folder"} in errors
    if os.geteuid() != 0:  # root lists any folder
        assert any(e["path"] == str(locked) and "cannot list folder" in e["error"] for e in errors)
    assert summary.files["processed"] == 6 + (os.geteuid() == 0)


def _crash_on_marker(key: str, payloads: list, options: object) -> list:
    """A batch function whose worker process dies (like a segfault) on a document containing CRASH."""
    from cleaner.batch import run_batch

    if any(b"CRASH" in (p[0] if isinstance(p[0], bytes) else p[0].encode()) for p in payloads):
        os._exit(3)
    return run_batch(key, payloads, options)


@pytest.mark.slow
def test_a_document_that_kills_its_worker_fails_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    import cleaner.batch.local

    monkeypatch.setattr(cleaner.batch.local, "run_batch", _crash_on_marker)
    texts = [f"Item\u00a0{i}." for i in range(40)]
    texts[21] = "CRASH here."
    results = list(clean_many(texts, jobs=2))
    assert [r.text for i, r in enumerate(results) if i != 21] == [f"Item {i}." for i in range(40) if i != 21]
    assert results[21].dropped and "died" in (results[21].drop_reason or "")


def test_two_inputs_with_one_output_name_are_refused(tmp_path: Path) -> None:
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    (src / "a.html").write_text(page("Tram line extended", "The tram now reaches the airport."), encoding="utf-8")
    (src / "a.txt").write_text("Plain\u00a0text version.", encoding="utf-8")
    (src / "sub" / "a.txt").write_text("Another folder, no clash.", encoding="utf-8")
    summary = clean_folder(src, tmp_path / "out", jobs=1)
    assert "tram now reaches the airport" in (tmp_path / "out" / "a.txt").read_text(encoding="utf-8")
    assert (tmp_path / "out" / "sub" / "a.txt").exists()
    (error,) = [json.loads(x) for x in (tmp_path / "out" / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert error["path"] == str(src / "a.txt") and "already the output of" in error["error"]
    assert summary.files == {"processed": 2, "skipped": 0, "failed": 1}
    other = tmp_path / "other"
    other.mkdir()
    (other / "a.txt").write_text("Same name, other folder.", encoding="utf-8")
    both = clean_folder([src / "sub", other], tmp_path / "out2", jobs=1)
    assert both.files["failed"] == 1 and (tmp_path / "out2" / "a.txt").read_text(encoding="utf-8") == "Another folder, no clash.\n"


def test_an_output_that_cannot_be_written_fails_alone(tmp_path: Path) -> None:
    src = make_corpus(tmp_path)
    out = tmp_path / "out"
    (out / "a.txt").mkdir(parents=True)  # a folder where the output file must go
    (out / "dump.jsonl").mkdir()
    summary = clean_folder(src, out, jobs=1, force=True)
    errors = {Path(e["path"]).name: e["error"] for e in map(json.loads, (out / "errors.jsonl").read_text(encoding="utf-8").splitlines())}
    assert errors.keys() == {"a.txt", "dump.jsonl"}
    assert all(message.startswith("cannot write") for message in errors.values())
    assert summary.files == {"processed": 4, "skipped": 0, "failed": 2}
    assert (out / "news" / "c.txt").is_file() and not list(out.rglob("*.cleaner-tmp"))


def test_an_input_over_max_bytes_is_dropped_not_truncated(tmp_path):
    from cleaner.batch import clean_folder

    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    (src / "big.txt").write_text("A real sentence of the article. " * 100, encoding="utf-8")
    (src / "small.txt").write_text("A short article of one sentence.", encoding="utf-8")
    clean_folder(src, out, jobs=1, max_bytes=1000, progress=False)
    assert not (out / "big.txt").exists()
    assert (out / "small.txt").read_text(encoding="utf-8").strip() == "A short article of one sentence."
    dropped = (out / "dropped.jsonl").read_text(encoding="utf-8")
    assert "big.txt" in dropped and "too large" in dropped


def test_the_html_report_lists_failures_and_where_each_drop_reason_struck(tmp_path: Path) -> None:
    src = make_corpus(tmp_path)
    (src / "bad.txt.gz").write_bytes(b"\x1f\x8b not gzip")
    (src / "dump.jsonl").write_text((src / "dump.jsonl").read_text(encoding="utf-8") + "not json\n", encoding="utf-8")
    (src / "big.txt").write_text("A real sentence of the article. " * 100, encoding="utf-8")
    clean_folder(src, tmp_path / "out", jobs=1, report_html=True, max_bytes=2000)
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    failed = html[html.index("<h2>Failed"):html.index("<h2>Dropped")]
    assert f"{src / 'bad.txt.gz'}" in failed and "corrupt gzip file" in failed
    assert f"{src / 'dump.jsonl'}:7" in failed and "not a JSON line" in failed
    dropped = html[html.index("<h2>Dropped"):html.index("<h2>Steps")]
    assert "too large" in dropped and str(src / "big.txt") in dropped and "--max-bytes" in dropped
