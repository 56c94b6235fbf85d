"""Shared test fixtures: where the repository, the samples and ../shared/bench are."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests draw the same examples on every run, so the suite is deterministic like the
# library (CI cannot flake).  To search new examples: HYPOTHESIS_PROFILE=explore pytest
settings.register_profile("deterministic", derandomize=True, print_blob=True)
settings.register_profile("explore", derandomize=False, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "deterministic"))

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SHARED = Path(os.environ.get("CLEANER_SHARED", ROOT.parent / "shared"))


@pytest.fixture
def shared_dir() -> Path:
    """``../shared`` beside the repository; the test is skipped when it is absent."""
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} not present")
    return SHARED


@pytest.fixture
def seeds(shared_dir: Path) -> dict[str, str]:
    """The five real scraped articles of ``../shared/seeds``, by file name."""
    folder = shared_dir / "seeds"
    if not folder.is_dir():
        pytest.skip(f"{folder} not present")
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))}
