"""The chain: building from code and config, validation, running each filter kind, stats, budget."""

from __future__ import annotations

import pickle
from typing import Literal

import pytest

from cleaner import (
    Chain,
    ConfigError,
    Document,
    Drop,
    Rewrite,
    Tag,
    clean_article,
    document_filter,
    gate,
    paragraph_filter,
    tagger,
    text_transform,
)
from cleaner.chain import Budget


# Test-only filters, registered once at import (names prefixed to avoid clashes).
@paragraph_filter("t_drop_marked", family="test")
def t_drop_marked(paragraph, ctx, *, marker: str = "XX", keep_edges: bool = False):
    """Remove paragraphs containing the marker."""
    if marker in paragraph and not (keep_edges and ctx.edge_distance == 0):
        return Drop(f"contains {marker}")
    return paragraph


@paragraph_filter("t_upper_neighbour")
def t_upper_neighbour(paragraph, ctx):
    """Upper-case a paragraph whose previous paragraph ends with a colon."""
    if ctx.previous is not None and ctx.previous.endswith(":"):
        return paragraph.upper()
    return paragraph


@paragraph_filter("t_boom")
def t_boom(paragraph, ctx):
    """Fail on paragraphs containing 'boom'."""
    if "boom" in paragraph:
        raise TimeoutError("regex timed out")
    return paragraph


@text_transform("t_join")
def t_join(text, *, sep: str = " "):
    """Join every paragraph into one."""
    return Rewrite(sep.join(text.splitlines()), "joined")


@tagger("t_count")
def t_count(doc, *, key: str = "n"):
    """Tag the paragraph count."""
    return Tag({key: len(doc.paragraphs)}, "counted paragraphs")


@gate("t_min_paragraphs")
def t_min_paragraphs(doc, *, minimum: int = 2, mode: Literal["drop", "label"] = "drop"):
    """Drop documents with fewer paragraphs than ``minimum``."""
    if len(doc.paragraphs) < minimum:
        return Drop(f"only {len(doc.paragraphs)} paragraph(s)") if mode == "drop" else None
    return None


@document_filter("t_dedupe")
def t_dedupe(doc, *, ratio: float = 1.0):
    """Remove exact repeated paragraphs."""
    firsts, removals = set(), []
    for i, p in enumerate(doc.paragraphs):
        if p in firsts:
            removals.append(i)
        firsts.add(p)
    for i in reversed(removals):
        doc.remove(i, "repeated paragraph", "duplicate")


TEXT = "Intro:\nbody one\nXX remove me\nbody two\n"


def test_paragraph_filter_drop_and_rewrite_with_neighbours():
    chain = Chain(["t_drop_marked", "t_upper_neighbour"])
    result = chain.run_text(TEXT)
    assert result.text == "Intro:\nBODY ONE\nbody two"
    removed = [e for e in result.edits if e.action == "removed"]
    assert removed[0].filter == "t_drop_marked" and removed[0].before == "XX remove me"
    assert removed[0].reason == "contains XX" and removed[0].family == "test" and removed[0].paragraph == 2


def test_paragraph_edits_are_in_document_order_with_snapshot_indices():
    result = Chain([("t_drop_marked", {"marker": "o"})]).run_text("a\no1\nb\no2\no3")
    assert [(e.paragraph, e.before) for e in result.edits] == [(1, "o1"), (3, "o2"), (4, "o3")]


def test_paragraph_filter_sees_position():
    assert Chain([("t_drop_marked", {"keep_edges": True})]).run_text("XX a\nb\nXX c\nd\nXX e").text == "XX a\nb\nd\nXX e"


def test_text_transform_tagger_gate_and_document_filter():
    result = Chain(["t_dedupe", "t_count", "t_join"]).run_text("a\nb\na\nc")
    assert result.text == "a b c"
    assert result.meta["n"] == 3
    assert [e.action for e in result.edits] == ["removed", "tagged", "replaced"]
    dropped = Chain(["t_min_paragraphs"]).run_text("only one")
    assert dropped.dropped and dropped.text == ""
    assert dropped.drop_reason == "t_min_paragraphs: only 1 paragraph(s)"
    assert dropped.edits[-1].action == "dropped-document"


def test_a_dropped_document_stops_the_chain():
    result = Chain(["t_min_paragraphs", "t_count"]).run_text("one")
    assert "n" not in result.meta and [s.step for s in result.steps] == ["t_min_paragraphs"]


def test_filter_errors_keep_the_text_and_are_logged():
    result = Chain(["t_boom", "t_drop_marked"]).run_text("fine\nboom here\nXX")
    assert result.text == "fine\nboom here"
    err = [e for e in result.edits if e.action == "error"]
    assert err and err[0].filter == "t_boom" and "TimeoutError" in err[0].reason and err[0].paragraph == 1
    assert "step-error" in result.flags


def test_without_insert_and_params():
    chain = Chain(["t_drop_marked", "t_count"])
    assert chain.without("t_count").names == ["t_drop_marked"]
    assert chain.insert_before("t_count", "t_dedupe").names == ["t_drop_marked", "t_dedupe", "t_count"]
    assert chain.insert_after("t_count", "t_join", sep="|").steps[-1].params == {"sep": "|"}
    assert chain.with_params("t_drop_marked", marker="ZZ").run_text("ZZ\nXX").text == "XX"
    assert chain.names == ["t_drop_marked", "t_count"]  # chains are immutable


@pytest.mark.parametrize(
    "config, message",
    [
        ({"base": "empty", "steps": ["nope"]}, "unknown step 'nope'; available steps:"),
        ({"steps": ["t_drop_marked"], "params": {"t_drop_marked": {"markr": "x"}}}, "has no parameter 'markr'; valid parameters: marker: str"),
        ({"steps": ["t_drop_marked"], "params": {"t_drop_marked": {"marker": 3}}}, "parameter 'marker' must be str, got 3"),
        ({"steps": ["t_min_paragraphs"], "params": {"t_min_paragraphs": {"mode": "kick"}}}, "must be one of 'drop', 'label'"),
        ({"steps": ["t_min_paragraphs"], "params": {"t_min_paragraphs": {"minimum": True}}}, "must be int"),
        ({"steps": ["t_count"], "params": {"t_join": {}}}, "params given for 't_join', which is not in the chain"),
        ({"stepz": []}, "unknown config key(s) stepz"),
        ({"steps": ["t_count"], "without": ["t_join"]}, "without: t_join not in the chain"),
        ({"steps": ["t_count"], "insert": [{"step": "t_join", "after": "x"}]}, "no step 'x' in the chain"),
        ({"steps": ["t_count"], "insert": [{"step": "t_join"}]}, "exactly one of 'before' or 'after'"),
        ({"steps": ["t_count", "t_count"]}, "more than once"),
        ({"steps": ["t_count"], "budget": {"policy": "maybe"}}, "budget.policy must be one of"),
        ({"steps": ["t_count"], "budget": {"max_share": 0.1}}, "unknown budget key(s) max_share"),
    ],
)
def test_bad_configs_fail_at_construction_with_a_clear_message(config, message):
    with pytest.raises(ConfigError) as err:
        Chain.from_config(config)
    assert message in str(err.value)


def test_config_from_toml_file(tmp_path):
    path = tmp_path / "cleaner.toml"
    path.write_text(
        'base = "empty"\nsteps = ["t_drop_marked", "t_count"]\n'
        '[[insert]]\nstep = "t_join"\nafter = "t_count"\nparams = { sep = " / " }\n'
        '[params.t_drop_marked]\nmarker = "ZZ"\n'
        '[budget]\npolicy = "keep"\n',
        encoding="utf-8",
    )
    chain = Chain.from_config(path)
    assert chain.names == ["t_drop_marked", "t_count", "t_join"]
    assert chain.budget.policy == "keep"
    assert chain.run_text("a\nZZ\nb").text == "a / b"
    assert Chain.from_config(chain.to_config()).to_config() == chain.to_config()


def test_invalid_toml_names_the_file(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("steps = [", encoding="utf-8")
    with pytest.raises(ConfigError, match="bad.toml is not valid TOML"):
        Chain.from_config(bad)
    with pytest.raises(ConfigError, match="cannot read config"):
        Chain.from_config(tmp_path / "missing.toml")


def test_default_chain_extends_from_config():
    default = Chain.default()
    chain = Chain.from_config({"without": ["normalize_whitespace"]})
    assert "normalize_whitespace" not in chain.names
    assert len(chain.names) == len(default.names) - 1


def test_chain_pickles_by_config():
    chain = Chain([("t_drop_marked", {"marker": "Q"}), "t_count"], Budget(0.3, "drop", 10))
    clone = pickle.loads(pickle.dumps(chain))
    assert clone.to_config() == chain.to_config()
    assert clone.run_text("a\nQ").text == "a"


def test_per_step_statistics():
    chain = Chain(["t_drop_marked", "t_count"])
    chain.run_text("a\nXX 12345\nb")
    chain.run_text("clean")
    stats = chain.stats.to_dict()
    assert stats["documents"] == 2
    drop = stats["steps"]["t_drop_marked"]
    assert drop["documents"] == 2 and drop["documents_touched"] == 1
    assert drop["paragraphs_removed"] == 1 and drop["chars_removed"] == len("XX 12345") and drop["edits"] == 1
    assert stats["steps"]["t_count"]["edits"] == 2 and drop["seconds"] >= 0


LONG = "\n".join(f"XX line {i} of boilerplate" for i in range(20)) + "\nThe one real sentence of this text."


@pytest.mark.parametrize("policy", ["keep", "undo", "drop"])
def test_damage_budget_policies(policy):
    chain = Chain(["t_drop_marked", "t_count"], Budget(max_removed_share=0.5, policy=policy, min_words=10))
    result = chain.run_text(LONG)
    assert "damage-budget" in result.flags
    flag = next(e for e in result.edits if e.action == "flagged")
    assert flag.filter == "damage_budget" and "policy: " + policy in flag.reason
    if policy == "keep":
        assert result.text == "The one real sentence of this text."
    elif policy == "undo":
        assert result.text == LONG and result.meta["n"] == 21
        assert "cleaned again without t_drop_marked" in flag.reason
        assert [s.step for s in result.steps] == ["t_count"]
    else:
        assert result.dropped and "more than the budget" in result.drop_reason


def test_damage_budget_ignores_small_documents_and_small_removals():
    chain = Chain(["t_drop_marked"], Budget(max_removed_share=0.5, policy="drop", min_words=1000))
    assert not chain.run_text(LONG).flags
    chain = Chain(["t_drop_marked"], Budget(max_removed_share=0.99, policy="drop", min_words=1))
    assert not chain.run_text(LONG).dropped


def test_registering_bad_signatures_is_refused():
    with pytest.raises(TypeError, match="keyword-only with a default"):
        paragraph_filter("t_bad")(lambda paragraph, ctx, x: paragraph)
    with pytest.raises(TypeError, match="keyword-only"):

        @gate("t_bad2")
        def t_bad2(doc, limit=3):
            return None


def test_document_model_records_everything():
    doc = Document("Title\n\n\nBody one.\n\nBody two.")
    assert doc.paragraphs == ["Title", "Body one.", "Body two."] and doc.separator == "\n\n"
    doc.step = "me"
    doc.replace(1, "Body 1.", "shorter")
    doc.remove(0, "a title", "title")
    doc.tag("title", "Title")
    assert doc.text == "Body 1.\n\nBody two."
    assert [(e.filter, e.action) for e in doc.edits] == [("me", "replaced"), ("me", "removed"), ("me", "tagged")]
    assert clean_article("a\r\nb\rc").text == "a\nb\nc"


def _positive_limit(params):
    if params["limit"] <= 0:
        raise ConfigError(f"limit must be positive, got {params['limit']}")


@gate("t_validated", validate=_positive_limit)
def t_validated(doc, *, limit: int = 3):
    """Keep documents of at most ``limit`` paragraphs."""
    return len(doc.paragraphs) <= limit


def test_validate_hook_runs_when_the_step_is_built():
    with pytest.raises(ConfigError, match="limit must be positive, got 0"):
        Chain([("t_validated", {"limit": 0})])
    assert Chain(["t_validated"]).run_text("a\nb\nc\nd").dropped


def test_damage_budget_undo_repeats_until_no_step_removes_words():
    # t_drop_marked removes every line; without it, t_dedupe would remove the repeat instead.
    text = "\n".join(["XX the same line here", "XX the same line here"] + [f"XX other line {i} of text" for i in range(10)])
    chain = Chain(["t_drop_marked", "t_dedupe"], Budget(max_removed_share=0.5, policy="undo", min_words=10))
    result = chain.run_text(text)
    assert result.text == text
    assert "without t_dedupe, t_drop_marked" in [e for e in result.edits if e.action == "flagged"][-1].reason
    assert chain.run_text(result.text).text == result.text  # idempotent
