"""The training corpus of injected furniture (``training/furniture/<lang>.toml``) and its injection.

Includes a leakage guard: no training entry may equal an entry of the held-out evaluation
furniture (``benchmarks/data/furniture``), compared without anyone reading the latter.
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "training"))

import inject  # noqa: E402

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

FURNITURE_KINDS = (
    "share_column", "share_row", "related", "read_also", "appeal_donation", "appeal_subscription",
    "login_prompt", "newsletter", "app_prompt", "cookie_consent", "ad_label", "signoff", "author_bio",
    "platform_credit", "legal", "buttons", "menu", "pagination", "back_to_top", "caption_credit",
    "media_widget", "timestamp", "byline", "comment_ui", "tags_topics", "contact_tip", "accessibility",
    "live_blog_ui", "feedback", "tech_notice", "css_leak",
)
MIN_FURNITURE, MIN_NEGATIVE_KINDS, MIN_NEGATIVE = 20, 12, 15
LANGS = sorted(p.stem for p in inject.FURNITURE.glob("*.toml"))


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def _entries(lang: str) -> list[tuple[str, str, str]]:
    return [(table, kind, e) for table, kinds in inject.corpus(lang).items() for kind, entries in kinds.items() for e in entries]


def test_every_language_of_the_injection_has_a_corpus_and_nothing_else_is_left():
    assert LANGS == sorted(inject.LANGS)
    assert not list(inject.FURNITURE.glob("*.txt"))


@pytest.mark.parametrize("lang", LANGS)
def test_every_language_has_every_kind_with_enough_entries(lang):
    tables = inject.corpus(lang)
    for kind in FURNITURE_KINDS:
        assert len(tables["furniture"].get(kind, [])) >= MIN_FURNITURE, (lang, kind)
    assert len(tables["negative"]) >= MIN_NEGATIVE_KINDS
    for kind, entries in tables["negative"].items():
        assert len(entries) >= MIN_NEGATIVE, (lang, kind)
    assert set(tables["negative"]) == set(inject.corpus("en")["negative"]), lang


@pytest.mark.parametrize("lang", LANGS)
def test_entries_are_distinct_non_empty_strings_with_known_placeholders(lang):
    seen: dict[str, tuple[str, str]] = {}
    for table, kind, entry in _entries(lang):
        assert isinstance(entry, str) and entry.strip(), (table, kind)
        assert all(line.strip() for line in entry.split("\n")), (kind, entry)
        assert "\\n" not in entry, (kind, entry)  # a newline, not a literal backslash-n
        for name in re.findall(r"\{([^}]*)\}", entry):
            assert name in inject.FILLERS, (kind, entry)
        assert _key(entry) not in seen, (entry, seen.get(_key(entry)), (table, kind))
        seen[_key(entry)] = (table, kind)


@pytest.mark.parametrize("lang", LANGS)
def test_every_kind_has_a_held_out_quarter(lang):
    for table in ("furniture", "negative"):
        train, held = inject.kinds(lang, table, False), inject.kinds(lang, table, True)
        for kind, entries in inject.corpus(lang)[table].items():
            assert len(held[kind]) == len(entries) // inject.HELD_OUT_EVERY, (table, kind)
            assert sorted(train[kind] + held[kind]) == sorted(entries)


def test_no_training_entry_is_an_entry_of_the_evaluation_furniture():
    files = sorted((ROOT / "benchmarks" / "data" / "furniture").glob("*.toml"))
    if not files:
        pytest.skip("no evaluation furniture")
    evaluation = {_key(s) for f in files for s in _strings(tomllib.loads(f.read_text(encoding="utf-8")))}
    leaked = [(lang, kind, e) for lang in LANGS for _, kind, e in _entries(lang) if _key(e) in evaluation]
    assert not leaked


def test_injection_is_deterministic_and_labels_every_line():
    golds = ["\n".join(f"Paragraph {i} of a real article that has enough words in it." for i in range(6))] * 4
    kw = dict(held_out=False, seed=3, per_lang=4, langs=("en",))
    docs = list(inject.annotated_documents(golds, **kw))
    assert docs == list(inject.annotated_documents(golds, **kw))
    assert len(docs) == 4
    for lang, lines, kinds, n in docs:
        assert len(lines) == len(kinds) and all(lines)
        assert kinds.count(inject.ARTICLE) == 6
        assert any(not inject.is_content(k) for k in kinds)
    labels = [labels for _, _, labels, _ in inject.inject_documents(golds, **kw)]
    assert labels == [[inject.is_content(k) for k in kinds] for _, _, kinds, _ in docs]


def test_placeholders_are_filled():
    rng = random.Random(0)
    assert inject._fill("Page {n} of {n}\nby {name}, {site}", rng)[1].startswith("by ")
    assert not any("{" in line for line in inject._fill("{date} {time}\n\n{site}", rng))
