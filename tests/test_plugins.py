"""Third-party filters: found through the ``cleaner.filters`` entry point and usable by name.

The example distribution in ``examples/cleaner-redact`` is installed for real into a
temporary site directory (its ``.dist-info`` with ``entry_points.txt``, exactly what pip
writes), then used by name from a config, in-process and through the CLI.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from cleaner import Chain, available_filters, clean_article
from cleaner.testing import check_golden_folder

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "cleaner-redact"


@pytest.fixture
def installed_plugin(tmp_path, monkeypatch):
    site = tmp_path / "site"
    site.mkdir()
    shutil.copy(EXAMPLE / "cleaner_redact.py", site)
    info = site / "cleaner_redact-0.1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: cleaner-redact\nVersion: 0.1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(
        "[cleaner.filters]\nredact_contacts = cleaner_redact:redact_contacts\n", encoding="utf-8"
    )
    monkeypatch.syspath_prepend(str(site))
    return site


CONFIG = textwrap.dedent(
    """
    [[insert]]
    step = "redact_contacts"
    after = "normalize_whitespace"

    [params.redact_contacts]
    placeholder = "[contact]"
    """
)


def test_plugin_runs_by_name_from_a_config(installed_plugin, tmp_path):
    config = tmp_path / "cleaner.toml"
    config.write_text(CONFIG, encoding="utf-8")
    chain = Chain.from_config(config)
    assert "redact_contacts" in chain.names
    result = clean_article("Tips:\u00a0write to desk@paper.example or call 555 0100 2000.", config=chain)
    assert result.text == "Tips: write to [contact] or call [contact]."
    assert any(e.filter == "redact_contacts" and e.family == "privacy" for e in result.edits)
    assert "redact_contacts" in available_filters()


def test_plugin_runs_from_the_command_line(installed_plugin, tmp_path):
    config = tmp_path / "cleaner.toml"
    config.write_text(CONFIG, encoding="utf-8")
    src = tmp_path / "in.txt"
    src.write_text("Reach us at news@paper.example today.\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(installed_plugin), os.environ.get("PYTHONPATH", "")])}
    out = subprocess.run(
        [sys.executable, "-m", "cleaner", "clean", str(src), "--config", str(config)],
        capture_output=True, text=True, env=env, check=True,
    )
    assert out.stdout.strip() == "Reach us at [contact] today."


def test_plugin_authors_tests_pass(installed_plugin):
    sys.path.insert(0, str(EXAMPLE / "tests"))
    try:
        import test_redact

        for name in dir(test_redact):
            if name.startswith("test_"):
                getattr(test_redact, name)()
    finally:
        sys.path.remove(str(EXAMPLE / "tests"))


def test_pytest_fixture_is_available(cleaner_check):
    cleaner_check.cleans("normalize_whitespace", "a\u00a0\u00a0b", "a b")
    cleaner_check.unchanged("normalize_whitespace", "a b")


def test_golden_helper_reports_every_failing_case(tmp_path):
    (tmp_path / "input").mkdir()
    (tmp_path / "expected").mkdir()
    (tmp_path / "input" / "good.txt").write_text("Fine\u00a0text.", encoding="utf-8")
    (tmp_path / "expected" / "good.txt").write_text("Fine text.\n", encoding="utf-8")
    (tmp_path / "input" / "bad.txt").write_text("Other text.", encoding="utf-8")
    (tmp_path / "expected" / "bad.txt").write_text("Something else.\n", encoding="utf-8")
    config = {"base": "empty", "steps": ["normalize_whitespace"]}
    with pytest.raises(AssertionError) as err:
        check_golden_folder(tmp_path, config)
    assert "'bad' differs" in str(err.value) and "'good'" not in str(err.value)
    (tmp_path / "expected" / "bad.txt").write_text("Other text.\n", encoding="utf-8")
    assert len(check_golden_folder(tmp_path, config)) == 2
