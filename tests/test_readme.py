"""The README's promises: its config example builds, and CI runs its two commands."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from cleaner import Chain

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


def test_readme_config_example_builds_a_chain():
    (block,) = re.findall(r"```toml\n(.*?)```", README, re.S)
    chain = Chain.from_config(tomllib.loads(block))
    assert "repair_typography" not in chain.names
    assert chain.names[chain.names.index("detect_language") + 1] == "label_paragraph_languages"
    assert dict(chain.steps[chain.names.index("filter_language")].params) == {"allow": ["en", "fr"]}


def test_ci_runs_the_readme_commands():
    commands = re.findall(r"```bash\n(.*?)\n```", README, re.S)[:2]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert commands and all(command in ci.splitlines() for command in commands)
