"""Site templates end to end on a generated multi-site corpus: fingerprints, learning, the file, the step."""

from __future__ import annotations

import json
import random

import pytest

from cleaner import Chain, ConfigError, clean_article
from cleaner.templates import (
    META_KEY,
    SpillingCounts,
    Templates,
    count_lines,
    document_lines,
    fingerprint,
    learn_bag,
    learn_templates,
    merge_all,
    merge_counts,
    site_lines,
    site_of,
    template_share,
    template_shares,
    templates_from_counts,
)


# ---------------------------------------------------------------------------
# The generated corpus: furniture known, article sentences unique
# ---------------------------------------------------------------------------

WORDS = (
    "river council budget harbour village teacher festival orchard engine museum bridge "
    "market climate vaccine library tunnel farmer election court stadium forest railway "
    "island doctor painter novel science student factory garden ocean mountain"
).split()

#: Each site's furniture; {n} and {d} change from page to page.
FURNITURE = {
    "lexpress.example": ["L’Express | Actualité | Monde", "Mis à jour le {d} mars 2024 à {n}h{n}", "Abonnez-vous à L’Express"],
    "daily.example": ["Weather   Live Markets", "Page {n} of {n}", "© {n} Daily Example. All rights reserved."],
    "blog.example": ["Home | Archive | About", "{n} comments", "Posted by the editors on {d} May {n}"],
}
SPELLINGS = ("L’Express", "LExpress", "L'EXPRESS")


def sentence(rng: random.Random) -> str:
    words = rng.sample(WORDS, 9)
    return " ".join(words).capitalize() + f" near the {rng.choice(WORDS)}."


def page(site: str, index: int, rng: random.Random) -> dict[str, str]:
    """One page of ``site``: three to six article sentences and the site's furniture at varied places."""
    lines = [sentence(rng) for _ in range(rng.randint(3, 6))]
    for template in FURNITURE[site]:
        line = template.format(n=rng.randint(1, 99), d=rng.randint(1, 28))
        line = line.replace("L’Express", rng.choice(SPELLINGS))
        lines.insert(rng.randint(0, len(lines)), line)
    return {"url": f"https://www.{site}/article-{index}.html", "text": "\n".join(lines)}


def corpus(pages_per_site: dict[str, int], seed: int = 0) -> list[dict[str, str]]:
    """Pages of every site, sites interleaved."""
    rng = random.Random(seed)
    out = [page(site, i, rng) for site, n in pages_per_site.items() for i in range(n)]
    rng.shuffle(out)
    return out


def furniture_line(line: str, site: str) -> bool:
    """Whether ``line`` is one of ``site``'s furniture lines (in any spelling, with any numbers)."""
    fp = fingerprint(line)
    return any(
        fingerprint(t.format(n=1, d=1).replace("L’Express", s)) == fp for t in FURNITURE[site] for s in SPELLINGS
    )


# ---------------------------------------------------------------------------
# The tests
# ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def pages() -> list[dict[str, str]]:
    return corpus({"lexpress.example": 12, "daily.example": 30, "blog.example": 9})


@pytest.fixture(scope="module")
def templates(pages: list[dict[str, str]]) -> Templates:
    return learn_templates(pages)


@pytest.fixture
def template_file(tmp_path, templates: Templates):
    path = tmp_path / "templates.json"
    templates.write(path)
    return str(path)


def test_normalised_variants_share_a_fingerprint():
    assert fingerprint("L’Express") == fingerprint("LExpress") == fingerprint("L'EXPRESS") == fingerprint("l’express")
    assert fingerprint("Mis à jour le 3 mars 2024") == fingerprint("MIS A JOUR LE 17 MAI 2025")
    assert fingerprint("Page 3 of 10") == fingerprint("page 12 of 40")
    assert fingerprint("Weather   Live Markets") == fingerprint("Weather Live Markets")
    assert fingerprint("The council met.") != fingerprint("The council left.")
    assert fingerprint("12/03/2024") is None and fingerprint("* * *") is None


def test_site_comes_from_site_url_hostname_then_folder():
    assert site_of({"site": "mine", "url": "https://a.com/x"}) == "mine"
    assert site_of({"url": "https://www.A.com/x", "folder": "f"}) == "a.com"
    assert site_of({"hostname": "b.org"}) == "b.org"
    assert site_of({"folder": "crawl/c"}) == "crawl/c"
    assert site_of({"url": "not a url at all"}) is None


def test_learns_every_furniture_line_and_no_article_sentence(templates: Templates):
    assert set(templates.sites) == {"lexpress.example", "daily.example"}
    for site, table in templates.sites.items():
        assert len(table.lines) == len(FURNITURE[site])
        assert all(furniture_line(line.example, site) for line in table.lines.values())
        assert all(line.count == table.documents and line.share == 1.0 for line in table.lines.values())


def test_a_site_with_too_few_documents_learns_nothing(templates: Templates):
    assert "blog.example" not in templates.sites  # 9 pages < min_site_docs 10
    assert templates.sites_seen == 3
    assert "blog.example" in learn_templates(corpus({"blog.example": 9}), min_site_docs=5).sites


def test_lines_on_too_small_a_share_are_not_learned():
    rng = random.Random(3)
    pages = [page("daily.example", i, rng) for i in range(20)]
    for p in pages[:5]:  # on 5 of 20 pages: enough documents, too small a share (25% < 30%)
        p["text"] += "\nA recurring line on a quarter of the pages only"
    learned = learn_templates(pages).sites["daily.example"]
    assert len(learned.lines) == len(FURNITURE["daily.example"])
    assert len(learn_templates(pages, min_share=0.25).sites["daily.example"].lines) == len(FURNITURE["daily.example"]) + 1


def test_same_file_whatever_the_order_the_partitions_or_the_memory_bound(pages, templates: Templates):
    expected = templates.to_json()
    assert learn_templates(list(reversed(pages))).to_json() == expected
    assert learn_templates(pages, max_entries=3).to_json() == expected  # spills runs, merges them past MAX_RUNS
    site_lines = [document_lines(p["text"], {"url": p["url"]}) for p in pages]
    parts = [count_lines(site_lines[i::3]) for i in range(3)]
    merged = merge_counts(parts[2], merge_counts(parts[0], parts[1]))
    assert templates_from_counts(merged).to_json() == expected
    spilling = SpillingCounts(max_entries=7)
    for part in reversed(parts):
        spilling.update(part)
    assert templates_from_counts(spilling).to_json() == expected
    spilling.close()


def test_template_file_is_versioned_readable_json(templates: Templates, template_file: str):
    data = json.loads(open(template_file, encoding="utf-8").read())
    assert data["format"] == "cleaner-site-templates" and data["version"] == 1
    assert data["settings"] == {"min_docs": 5, "min_share": 0.3, "min_site_docs": 10}
    line = data["sites"]["daily.example"]["lines"][0]
    assert set(line) == {"id", "count", "share", "example"} and len(line["id"]) == 16
    assert Templates.from_dict(data).to_json() == templates.to_json()
    data["version"] = 99
    with pytest.raises(ConfigError, match="version 99"):
        Templates.from_dict(data)


def test_step_removes_template_lines_with_an_edit_naming_template_site_and_count(pages, template_file: str):
    chain = Chain([("site_templates", {"path": template_file})])
    for p in pages:
        result = chain.run_text(p["text"], {"url": p["url"]})
        site = site_of({"url": p["url"]})
        kept = result.text.splitlines()
        if site == "blog.example":  # learned nothing: untouched
            assert result.text == p["text"]
            continue
        assert not any(furniture_line(line, site) for line in kept)
        assert len(kept) == sum(1 for line in p["text"].splitlines() if not furniture_line(line, site))
        edits = [e for e in result.edits if e.action == "removed"]
        assert len(edits) == len(FURNITURE[site])
        assert all(e.filter == "site_templates" and e.family == "site-template" for e in edits)
        assert all(f"of {site}: on " in e.reason and e.reason.startswith("site template ") for e in edits)
        assert chain.run_text(result.text, {"url": p["url"]}).text == result.text  # idempotent


def test_allow_list_keeps_a_recurring_line(pages, template_file: str):
    chain = Chain([("site_templates", {"path": template_file, "keep": ["ABONNEZ-VOUS A L'EXPRESS"]})])
    p = next(p for p in pages if "lexpress" in p["url"])
    result = chain.run_text(p["text"], {"url": p["url"]})
    assert [line for line in result.text.splitlines() if "bonnez" in line]
    assert len([e for e in result.edits if e.action == "removed"]) == len(FURNITURE["lexpress.example"]) - 1


def test_never_empties_a_document(template_file: str):
    text = "Weather Live Markets\nPage 2 of 9\n© 2031 Daily Example. All rights reserved."
    result = Chain([("site_templates", {"path": template_file})]).run_text(text, {"url": "https://daily.example/x"})
    assert result.text == text and "site-template-only" in result.flags


def test_mark_only_records_evidence_for_a_line_classifier(template_file: str):
    chain = Chain([("site_templates", {"path": template_file, "mark_only": True})])
    text = "Weather Live Markets\nA real sentence about the harbour council."
    result = chain.run_text(text, {"url": "https://daily.example/y"})
    assert result.text == text
    assert result.meta[META_KEY]["site"] == "daily.example" and result.meta[META_KEY]["documents"] == 30
    assert template_share("Weather Live Markets", result.meta) == 1.0
    assert template_share("A real sentence about the harbour council.", result.meta) == 0.0
    assert template_shares(result.text.splitlines(), result.meta) == [1.0, 0.0]
    assert template_shares(["Weather Live Markets"], {}) == [0.0]


def test_runs_through_clean_article_with_a_config(template_file: str):
    config = {"insert": [{"step": "site_templates", "before": "remove_boilerplate"}], "params": {"site_templates": {"path": template_file}}}
    text = "Weather Live Markets\nThe harbour council approved the new budget for the railway bridge on Monday evening."
    result = clean_article(text, config=config, url="https://daily.example/z")
    assert result.text.startswith("The harbour council")


def test_config_errors_are_clear(tmp_path):
    with pytest.raises(ConfigError, match="needs the template file"):
        Chain([("site_templates", {})])
    with pytest.raises(ConfigError, match="cannot read site templates"):
        Chain([("site_templates", {"path": str(tmp_path / "missing.json")})])
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "something else"}', encoding="utf-8")
    with pytest.raises(ConfigError, match="not a cleaner site-templates file"):
        Chain([("site_templates", {"path": str(bad)})])


def test_counts_on_a_dask_bag_match(pages, templates: Templates):
    db = pytest.importorskip("dask.bag")
    from dask import config as dask_config

    bag = db.from_sequence(pages, npartitions=4)
    counts = bag.map(site_lines).reduction(count_lines, merge_all, split_every=2).compute(scheduler="sync")
    assert templates_from_counts(counts).to_json() == templates.to_json()
    with dask_config.set(scheduler="sync"):
        assert learn_bag(bag).to_json() == templates.to_json()


def test_a_document_whose_lines_time_out_is_skipped_not_fatal(monkeypatch):
    import cleaner.templates.count as count_module

    def slow(line: str) -> int:
        raise TimeoutError("regex timed out")

    monkeypatch.setattr(count_module, "fingerprint", slow)
    counts = count_lines([("a.com", ["Menu", "Text."])])
    assert counts.skipped == 1 and counts.docs == {} and counts.lines == {}
