"""Robustness of the batch engine: misbehaving plugins, dying and hanging workers, broken JSONL, parent death.

The plugin of ``tests/hostile/cleaner_hostile.py`` is installed for real (a ``.dist-info``
with its entry points in a temporary site folder), so worker processes find it by name.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cleaner import ConfigError, clean_folder
from cleaner.batch import pool

from hostile.corpus import REAL, article

HERE = Path(__file__).resolve().parent
HANG = 120.0  # generous: a hang is anything slower (the machine may be shared)

pytestmark = pytest.mark.slow


@pytest.fixture
def hostile_plugin(tmp_path, monkeypatch):
    site = tmp_path / "site"
    site.mkdir()
    shutil.copy(HERE / "hostile" / "cleaner_hostile.py", site)
    info = site / "cleaner_hostile-0.1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: cleaner-hostile\nVersion: 0.1.0\n", encoding="utf-8")
    (info / "top_level.txt").write_text("cleaner_hostile\n", encoding="utf-8")
    steps = ["exit_on_trigger", "die_on_trigger", "loop_on_trigger", "hang_on_trigger", "corrupt_on_trigger"]
    (info / "entry_points.txt").write_text(
        "[cleaner.filters]\n" + "".join(f"{s} = cleaner_hostile:{s}\n" for s in steps), encoding="utf-8"
    )
    monkeypatch.syspath_prepend(str(site))
    return {"insert": [{"step": s, "after": "normalize_whitespace"} for s in reversed(steps)], "budget": {"max_seconds": 2}}


def corpus(folder: Path, triggers: list[str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i, trigger in enumerate(triggers):
        (folder / f"doc{i}.txt").write_text(article(f"Paragraph {i} says {trigger}."), encoding="utf-8")
    return folder


def logged(out: Path, name: str) -> list[dict]:
    path = out / name
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []


def test_one_bad_document_fails_alone_whatever_its_plugin_does(hostile_plugin, tmp_path, monkeypatch):
    monkeypatch.setattr(pool, "HARD_GRACE", 2.0)  # the hard limit: the backstop (3 x 2 s) + 2 s
    triggers = ["fine", "EXIT-NOW", "DIE-NOW", "fine", "LOOP-NOW", "HANG-NOW", "CORRUPT-NOW", "fine"]
    src, out = corpus(tmp_path / "src", triggers), tmp_path / "out"
    start = time.perf_counter()
    summary = clean_folder(src, out, config=hostile_plugin, jobs=1)
    assert time.perf_counter() - start < HANG
    errors = {Path(e["path"]).name: e for e in logged(out, "errors.jsonl")}
    # A process that died or hung: only its document failed, with the reason.
    assert "died (exit code 9)" in errors["doc2.txt"]["error"]
    assert "hard time limit" in errors["doc5.txt"]["error"]
    assert summary.documents["failed"] == 2 and summary.documents["cleaned"] == 6
    # SystemExit and a broken document model: the step is left out, the document cleaned, the plugin named.
    assert errors["doc1.txt"]["step"] == "exit_on_trigger" and "distribution cleaner-hostile 0.1.0" in errors["doc1.txt"]["error"]
    assert errors["doc6.txt"]["step"] == "corrupt_on_trigger"
    assert any("exit_on_trigger: SystemExit" in k and "cleaner-hostile" in k for k in summary.step_errors)
    # A step looping in Python is stopped by the document's own timer: a result, flagged.
    assert summary.flagged.get("time-budget") == 1
    for i in (0, 1, 3, 4, 6, 7):
        assert REAL[0] in (out / f"doc{i}.txt").read_text(encoding="utf-8")
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["step_errors"] == summary.step_errors


def test_jobs_1_and_jobs_2_agree_on_a_hostile_folder(hostile_plugin, tmp_path):
    triggers = ["fine", "EXIT-NOW", "DIE-NOW", "CORRUPT-NOW", "fine"]
    src = corpus(tmp_path / "src", triggers)
    clean_folder(src, tmp_path / "one", config=hostile_plugin, jobs=1)
    clean_folder(src, tmp_path / "two", config=hostile_plugin, jobs=2)
    for i in (0, 1, 3, 4):
        assert (tmp_path / "one" / f"doc{i}.txt").read_bytes() == (tmp_path / "two" / f"doc{i}.txt").read_bytes()


def test_broken_jsonl_lines_and_non_string_fields_fail_alone(tmp_path):
    lines = [
        json.dumps({"id": 1, "text": article("first")}),
        '{"id": 2, "text": "unterminated',
        "[1, 2, 3]",
        json.dumps({"id": 4, "text": 42}),
        json.dumps({"id": 5, "text": None}),
        json.dumps({"id": 6, "text": ["a", "b"]}),
        json.dumps({"id": 7, "text": article("seventh"), "url": 5, "meta": {"nested": [1, None]}}),
        "",
        json.dumps({"id": 9, "text": article("ninth \ud800 lone")}),
        json.dumps({"id": 10, "text": ""}),
        json.dumps({"id": 11, "text": article("eleventh")}),
    ]
    src = tmp_path / "dump.jsonl"
    src.write_bytes(("\n".join(lines) + "\n").encode("utf-8") + b"\xff\xfe not utf-8 \x00\n")
    out = tmp_path / "out"
    summary = clean_folder(src, out, jobs=1, format="jsonl")
    records = [json.loads(line) for line in (out / "dump.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == [1, 7, 9, 11]
    assert "\ufffd" in records[2]["text"]
    failed_lines = sorted(e["line"] for e in logged(out, "errors.jsonl"))
    assert failed_lines == [2, 3, 4, 5, 6, 12]
    assert [e["line"] for e in logged(out, "dropped.jsonl")] == [10]
    assert summary.documents["failed"] == 6


def test_lang_without_a_language_detector_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="detect_language"):
        clean_folder(corpus(tmp_path / "src", ["fine"]), tmp_path / "out", config={"without": ["detect_language"]}, languages=["de"])


def test_an_empty_input_writes_no_empty_output(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "empty.txt").write_text("", encoding="utf-8")
    (src / "blank.txt").write_text(" \n\n ", encoding="utf-8")
    (src / "furniture.txt").write_text("Share on Facebook\n", encoding="utf-8")
    summary = clean_folder(src, tmp_path / "out", jobs=1)
    assert summary.documents["dropped"] == 3
    assert not list((tmp_path / "out").glob("*.txt"))


def _children(pid: int) -> list[int]:
    """Processes whose parent is ``pid`` (Linux /proc)."""
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.append(int(stat.parent.name))
    return out


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("how", ["SIGKILL", "SIGINT"])
def test_workers_end_with_their_parent(hostile_plugin, tmp_path, how):
    src = corpus(tmp_path / "src", ["HANG-NOW", "fine"])
    config = tmp_path / "hostile.toml"
    config.write_text(
        "".join(f'[[insert]]\nstep = "{i["step"]}"\nafter = "{i["after"]}"\n\n' for i in hostile_plugin["insert"]),
        encoding="utf-8",
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    cmd = [sys.executable, "-m", "cleaner", "clean", str(src), "-o", str(tmp_path / "out"), "-j", "1", "-q", "--config", str(config)]
    parent = subprocess.Popen(cmd, env=env, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + HANG
        workers: list[int] = []
        while not workers and time.monotonic() < deadline:
            time.sleep(0.5)
            workers = [p for p in _children(parent.pid) if "cleaner.batch.pool" in Path(f"/proc/{p}/cmdline").read_text()]
        assert workers, "no worker started"
        time.sleep(2)  # the worker is now stuck on HANG-NOW
        parent.send_signal(getattr(signal, how))
        parent.wait(HANG)
        deadline = time.monotonic() + 30
        while any(_alive(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not any(_alive(w) for w in workers)
        if how == "SIGINT":
            assert parent.returncode == 130
    finally:
        if parent.poll() is None:
            parent.kill()
