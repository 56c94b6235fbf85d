"""The held-out furniture benchmark: its data, its dev/held-out split, its generator and its scoring."""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import furniture  # noqa: E402


def _norm(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


@pytest.fixture(scope="module")
def data() -> dict[str, tuple[dict[str, list[str]], list[str]]]:
    return {lang: furniture.load_furniture(lang) for lang in furniture.LANGS}


def test_every_language_has_every_kind(data: dict) -> None:
    kinds = set(data["en"][0])
    assert len(kinds) >= 16
    for lang, (by_kind, negatives) in data.items():
        assert set(by_kind) == kinds, lang
        assert all(len(variants) >= 4 for variants in by_kind.values()), lang
        assert len(negatives) >= 5, lang


def test_split_is_stable_disjoint_and_about_60_40(data: dict) -> None:
    dev = held = 0
    for lang, (by_kind, _) in data.items():
        for kind, variants in by_kind.items():
            split = furniture.split_variants(lang, kind, variants)
            assert split == furniture.split_variants(lang, kind, list(reversed(variants)))
            assert split["dev"] and split["held-out"]
            assert sorted(split["dev"] + split["held-out"]) == sorted(variants)
            dev, held = dev + len(split["dev"]), held + len(split["held-out"])
    assert 0.55 < dev / (dev + held) < 0.65


def test_phrasings_are_not_in_the_library_phrase_lists(data: dict) -> None:
    """Held-out furniture must stay unseen: no line of two words or more is a phrase of cleaner's data files."""
    phrases = set()
    for path in (ROOT / "cleaner").rglob("data/**/*.txt"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                phrases.add(_norm(line.split(": ", 1)[-1]))
    for lang, (by_kind, _) in data.items():
        for kind, variants in by_kind.items():
            for variant in variants:
                for line in variant.split("\n"):
                    norm = _norm(line)
                    assert len(line.split()) < 2 or norm not in phrases, (lang, kind, line)


def test_scoring_counts_removed_furniture_and_kept_paragraphs() -> None:
    doc = furniture.Doc("en", [
        furniture.Block("menu", "Front page\nCity"),
        furniture.Block("article", "The bridge opened on Monday after three years of work."),
        furniture.Block("negative", "What happens next?"),
        furniture.Block("share_row", "Facebook · X"),
        furniture.Block("article", "Traffic will start flowing on Tuesday morning, the city said."),
    ])
    output = "City\nThe bridge opened on Monday after three years of work.\nWhat happens next?"
    tallies: dict[str, furniture.Tally] = {}
    furniture.score_doc(doc, output, [], tallies)
    every = tallies["all"]
    assert (every.furniture, every.removed) == (3, 2)
    assert (every.paragraphs, every.kept) == (2, 1)
    assert (every.negatives, every.negatives_kept) == (1, 1)
    assert tallies["menu"].removed == 1 and tallies["share_row"].removed == 1
    assert any(e.startswith("LOST paragraph") for e in tallies["en"].errors)


def test_repaired_paragraph_still_counts_as_kept() -> None:
    text = "Prices rose again in March, and the bank expects more of the same in April and May."
    doc = furniture.Doc("en", [furniture.Block("article", text)])
    tallies: dict[str, furniture.Tally] = {}
    furniture.score_doc(doc, text.replace("March,", "March ,").replace("May.", "May ."), [], tallies)
    assert tallies["all"].kept == 1


@pytest.mark.bench
def test_corpus_is_deterministic_and_uses_every_variant(shared_dir: Path, data: dict) -> None:
    try:
        first = furniture.build_corpus("fr", "held-out")
    except furniture.DataMissing as missing:
        pytest.skip(str(missing))
    again = furniture.build_corpus("fr", "held-out")
    assert [d.text for d in first] == [d.text for d in again]
    used = Counter(b.text for d in first for b in d.blocks if b.role not in ("article", "negative"))
    by_kind = data["fr"][0]
    for kind, variants in by_kind.items():
        for variant in furniture.split_variants("fr", kind, variants)["held-out"]:
            assert used[variant] == furniture.REPEATS
    assert all(4 <= sum(b.role == "article" for b in d.blocks) <= 10 for d in first)
