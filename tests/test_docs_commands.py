"""Every `cleaner ...` command shown in the docs' bash blocks is one the command line accepts."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from cleaner.cli import build_parser

DOCS = Path(__file__).resolve().parents[1] / "docs"


def doc_commands() -> list[tuple[str, str]]:
    found = []
    for page in sorted(DOCS.glob("*.md")):
        for block in re.findall(r"```(?:bash|text)\n(.*?)```", page.read_text(encoding="utf-8"), re.S):
            for line in block.splitlines():
                line = line.strip().removeprefix("$ ")
                for part in re.split(r"\s*(?:&&|\|\|?|;)\s*", line):
                    if part.startswith("cleaner ") and "INPUT..." not in part and "FILE [" not in part:
                        found.append((page.name, part.split("  #")[0].strip()))
    return found


@pytest.mark.parametrize(("page", "command"), doc_commands())
def test_documented_command_parses(page: str, command: str) -> None:
    try:
        build_parser().parse_args(shlex.split(command)[1:])
    except SystemExit as exc:  # --help/--version exit 0; a wrong option exits 2
        assert exc.code == 0, f"{page}: {command}"
