"""The command line: one document to stdout, batches into a folder, options, exit codes."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

from cleaner import __version__, clean_article
from cleaner.cli import main

DIRTY = "Rain\u00a0is expected  tonight.\n\nRoads\u200b may flood."


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    (src / "one.txt").write_text(DIRTY, encoding="utf-8")
    (src / "sub" / "two.txt.gz").write_bytes(gzip.compress("Second\u00a0file.".encode()))
    (src / "sub" / "recs.jsonl").write_text(
        json.dumps({"content": "Rec\u00a0one.", "url": "https://example.org/a"}) + "\n", encoding="utf-8"
    )
    return src


def test_one_file_prints_the_clean_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "x.txt"
    path.write_text(DIRTY, encoding="utf-8")
    assert main(["clean", str(path)]) == 0
    assert capsys.readouterr().out == clean_article(DIRTY).text + "\n"


def test_gzipped_file_and_jsonl_to_stdout(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gz = tmp_path / "x.txt.gz"
    gz.write_bytes(gzip.compress(DIRTY.encode()))
    assert main(["clean", str(gz)]) == 0
    assert capsys.readouterr().out == clean_article(DIRTY).text + "\n"
    jl = tmp_path / "x.jsonl"
    jl.write_text(json.dumps({"text": DIRTY, "id": 1}) + "\n" + "oops\n", encoding="utf-8")
    assert main(["clean", str(jl)]) == 1, "a bad record makes the exit code non-zero"
    captured = capsys.readouterr()
    (record,) = [json.loads(line) for line in captured.out.splitlines()]
    assert record["text"] == clean_article(DIRTY).text and record["id"] == 1
    assert "x.jsonl:2" in captured.err


def test_stdin_through_a_real_process() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "cleaner", "clean", "-", "--url", "https://example.org/p"],
        input=DIRTY.encode(),
        capture_output=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.decode() == clean_article(DIRTY).text + "\n"


def test_version_and_filters(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"cleaner {__version__}"
    assert main(["filters"]) == 0
    assert "normalize_whitespace" in capsys.readouterr().out


def test_batch_into_a_folder(folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert main(["clean", str(folder), "-o", str(out), "-j", "1", "--text-field", "content"]) == 0
    err = capsys.readouterr().err
    assert "documents" in err and "normalize_whitespace" in err, "the summary table goes to stderr"
    assert (out / "one.txt").read_text(encoding="utf-8") == clean_article(DIRTY).text + "\n"
    assert (out / "sub" / "two.txt").read_text(encoding="utf-8") == "Second file.\n"
    (record,) = [json.loads(x) for x in (out / "sub" / "recs.jsonl").read_text(encoding="utf-8").splitlines()]
    assert record["content"] == "Rec one." and record["url"] == "https://example.org/a"
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["documents"]["read"] == 3 and report["run"]["jobs"] == 1
    # a rerun does nothing, quietly
    assert main(["clean", str(folder), "-o", str(out), "-q", "-j", "1", "--text-field", "content"]) == 0
    assert capsys.readouterr().err == ""
    assert json.loads((out / "report.json").read_text(encoding="utf-8"))["files"]["skipped"] == 3


def test_format_jsonl_edits_and_html_report(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    code = main(["clean", str(folder / "one.txt"), "-o", str(out), "-q", "-j", "1", "--format", "jsonl", "--edits", "--report-html"])
    assert code == 0
    record = json.loads((out / "one.jsonl").read_text(encoding="utf-8"))
    assert record["text"] == clean_article(DIRTY).text
    assert {e["filter"] for e in record["edits"]} >= {"normalize_whitespace"}
    assert "<del>" in (out / "report.html").read_text(encoding="utf-8")


def test_failures_give_a_non_zero_exit_code(folder: Path, tmp_path: Path) -> None:
    (folder / "bad.txt.gz").write_bytes(b"\x1f\x8b garbage")
    out = tmp_path / "out"
    assert main(["clean", str(folder), "-o", str(out), "-q", "-j", "1", "--text-field", "content"]) == 1
    (error,) = [json.loads(x) for x in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert error["path"].endswith("bad.txt.gz") and "gzip" in error["error"]
    assert (out / "one.txt").exists()


def test_usage_and_config_errors(folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["clean", str(folder)])
    assert exit_info.value.code == 2
    assert "need -o" in capsys.readouterr().err
    assert main(["clean", str(folder), "-o", str(tmp_path / "o"), "-j", "0"]) == 2
    assert "at least 1" in capsys.readouterr().err
    bad = tmp_path / "bad.toml"
    bad.write_text('without = ["no_such_step"]\n', encoding="utf-8")
    assert main(["clean", str(folder), "-o", str(tmp_path / "o"), "--config", str(bad)]) == 2
    assert "no_such_step" in capsys.readouterr().err
    empty = tmp_path / "empty.toml"
    empty.write_text('steps = ["normalize_whitespace"]\n', encoding="utf-8")
    assert main(["clean", str(folder), "-o", str(tmp_path / "o"), "--config", str(empty), "--lang", "en,fr"]) == 2
    assert "filter_language" in capsys.readouterr().err


def test_scheduler_without_the_dask_extra_names_the_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # what an install without cleaner[dask] looks like
    (tmp_path / "a.txt").write_text("Hi.", encoding="utf-8")
    assert main(["clean", str(tmp_path / "a.txt"), "-o", str(tmp_path / "o"), "--scheduler", "tcp://127.0.0.1:8786"]) == 2
    assert "pip install 'cleaner[dask]'" in capsys.readouterr().err


def test_stdin_into_a_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(DIRTY.encode())))
    assert main(["clean", "-", "-o", str(tmp_path / "out"), "-q", "-j", "1", "--format", "jsonl"]) == 0
    record = json.loads((tmp_path / "out" / "stdin.jsonl").read_text(encoding="utf-8"))
    assert record["text"] == clean_article(DIRTY).text


def test_one_file_honours_format_and_edits(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "x.txt"
    path.write_text(DIRTY, encoding="utf-8")
    assert main(["clean", str(path), "--format", "jsonl", "--edits"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["text"] == clean_article(DIRTY).text and any(e["filter"] == "normalize_whitespace" for e in record["edits"])
    assert main(["clean", str(path), "--edits"]) == 0
    captured = capsys.readouterr()
    assert captured.out == clean_article(DIRTY).text + "\n" and "edit: normalize_whitespace" in captured.err


def test_max_bytes_and_the_drop_message_names_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "big.txt"
    path.write_text("A sentence of the article. " * 100, encoding="utf-8")
    assert main(["clean", str(path), "--max-bytes", "1K"]) == 1
    assert "--max-bytes" in capsys.readouterr().err
    assert main(["clean", str(path), "--max-bytes", "4K"]) == 0
    with pytest.raises(SystemExit):
        main(["clean", str(path), "--max-bytes", "lots"])


def test_explain_marks_every_removed_and_rewritten_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "a.txt"
    path.write_text(
        "Home | News | Sport | Weather\n\nThe council approved the new bridge on Monday after a long debate.\n\n"
        "Share on Facebook\n\nIt will open in 2027 and cost\u00a0forty million.",
        encoding="utf-8",
    )
    assert main(["explain", str(path), "--color", "never"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(f"== {path}: 1 kept, 2 removed, 1 rewritten")
    assert "- Home | News | Sport | Weather" in lines and "  The council approved the new bridge on Monday after a long debate." in lines
    removed = lines.index("- Share on Facebook")
    assert lines[removed + 1].startswith("    ↳ remove_boilerplate [share]: ")
    assert "~ It will open in 2027 and cost⟨U+00A0⟩forty million." in lines
    assert "  → It will open in 2027 and cost forty million." in lines
    jl = tmp_path / "r.jsonl"
    jl.write_text(json.dumps({"text": "One."}) + "\n" + json.dumps({"text": "Two\u00a0words."}) + "\n", encoding="utf-8")
    assert main(["explain", str(jl), "--record", "2", "--color", "always"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"\033[1m== {jl}:2") and "\033[31m~ Two⟨U+00A0⟩words.\033[0m" in out
    assert main(["explain", str(jl), "--record", "3"]) == 1
    assert "no document at line 3 (documents at: 1, 2)" in capsys.readouterr().err


def test_an_output_that_cannot_be_written_is_one_line_and_exit_2(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    afile = tmp_path / "afile"
    afile.write_text("x", encoding="utf-8")
    assert main(["clean", str(folder), "-o", str(afile), "-q", "-j", "1", "--text-field", "content"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "is a file, not a folder" in err
    assert main(["clean", str(folder), "-o", str(afile / "sub"), "-q", "-j", "1", "--text-field", "content"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Not a directory" in err and "Traceback" not in err

    import errno

    import cleaner.batch.folder

    def full(path: Path, data: str) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(cleaner.batch.folder, "write_atomic", full)
    out = tmp_path / "out"
    assert main(["clean", str(folder), "-o", str(out), "-q", "-j", "1", "--text-field", "content"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "No space left on device" in err
    assert json.loads((out / "report.json").read_text(encoding="utf-8"))["run"]["interrupted"] is True


def test_stdout_on_a_full_disk_is_one_line_and_exit_2(tmp_path: Path) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full on this system")
    path = tmp_path / "x.txt"
    path.write_text(DIRTY * 2000, encoding="utf-8")
    with open("/dev/full", "w") as full:
        proc = subprocess.run([sys.executable, "-m", "cleaner", "clean", str(path)], stdout=full, stderr=subprocess.PIPE, timeout=120)
    assert proc.returncode == 2
    assert proc.stderr.decode().count("\n") == 1 and b"No space left" in proc.stderr


@pytest.mark.slow
def test_a_run_stopped_by_sigterm_still_writes_its_report(tmp_path: Path) -> None:
    import signal
    import time

    src = tmp_path / "in"
    src.mkdir()
    for i in range(400):
        (src / f"d{i:03}.txt").write_text(f"Document\u00a0{i} of the run.\n\n" + "A sentence. " * 200, encoding="utf-8")
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "cleaner", "clean", str(src), "-o", str(out), "-q", "-j", "1"], stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while not (out / "d005.txt").exists() and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=120)
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    if proc.returncode == 0:
        pytest.skip("the run finished before the signal arrived")
    assert proc.returncode == 143 and b"Traceback" not in err
    assert report["run"]["interrupted"] is True and 5 <= report["files"]["processed"] < 400
    written = len(list(out.glob("d*.txt")))  # the signal may land between an output's rename and its count
    assert written - 1 <= report["files"]["processed"] <= written
