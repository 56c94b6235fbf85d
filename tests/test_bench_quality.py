"""benchmarks/quality.py: its baselines and views run (on one real page when ../shared is present)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import quality  # noqa: E402
import systems  # noqa: E402


def test_c4_line_filter_keeps_sentences_only() -> None:
    dump = "Home\n* News\nThe council met on Monday to vote.\nEnable JavaScript to see this page.\n“It works,” she said.”"
    assert systems.c4_lines(dump) == "The council met on Monday to vote.\n“It works,” she said.”"


def test_datatrove_rules_drop_policy_lines_and_citations() -> None:
    dump = "Read our privacy policy for details.\nThe vote passed by 12 to 3.[2]"
    assert systems.datatrove_lines(dump) == "The vote passed by 12 to 3."


def test_fallback_settings_name_real_settings() -> None:
    for first, second in systems.FALLBACKS.values():
        assert first in systems.TRAFILATURA_SETTINGS and second in systems.TRAFILATURA_SETTINGS


def test_missing_data_exits_cleanly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.setattr(quality, "BENCH", tmp_path / "absent")
    assert quality.main([]) == 0
    assert "not found" in capsys.readouterr().out


@pytest.mark.bench
def test_dump_view_on_one_page(shared_dir: Path, capsys) -> None:
    pytest.importorskip("inscriptis")
    try:
        pages = quality.load_set("scrapinghub-aeb", limit=1)
    except quality.DataMissing as missing:
        pytest.skip(str(missing))
    quality.run_views("scrapinghub-aeb", pages, ["dump"], show_removed=0)
    out = capsys.readouterr().out
    for row in ("| dump |", "| C4 line filter |", "| trafilatura |", "| cleaner on the dump |"):
        assert row in out
