"""The phases of remove_boilerplate one by one, and end to end on whole-page dumps and short briefs."""

from __future__ import annotations

import pytest

from cleaner import Document, clean_article
from cleaner.filters.boilerplate.budget import within_budget
from cleaner.filters.boilerplate.context import revise
from cleaner.filters.boilerplate.features import document_table, line_table
from cleaner.filters.boilerplate.model import NAMES, load_model, vectorize
from cleaner.filters.boilerplate.regions import article_regions, is_dump
from cleaner.filters.boilerplate.rules import Place, judge
from cleaner.filters.boilerplate.scripts import code_shaped, script_lines
from cleaner.filters.boilerplate.sweep import rule_verdicts
from cleaner.filters.boilerplate.threads import thread_lines
from cleaner.filters.boilerplate.vocabulary import FAMILIES, vocabulary
from cleaner.testing import run_filter

PROSE = [
    "Heavy rain closed schools across the northern province on Thursday, and officials warned of more flooding.",
    "The regional government said 1,200 people had been moved to shelters and that engineers were reinforcing bridges.",
    "Insurance companies said they expected claims to run into the hundreds of millions of euros this year.",
    "Farmers in the valley said most of the harvest was lost, and several roads were still closed on Sunday.",
    "The weather service said the storm would move east overnight, bringing lighter rain to the coast.",
    "Schools will stay closed until Monday at the earliest, the education department said in a statement.",
]
MENU = ["Home", "World", "Politics", "Business", "Technology", "Science", "Health", "Sports", "Travel", "Video"]
SIDEBAR = ["Most popular", "Ten gadgets we loved", "Why cats sleep so much", "A recipe for autumn", "Quiz of the week"]
FOOTER = ["About us", "Contact", "Careers", "Privacy policy", "Terms of use", "Advertise with us", "Site map",
          "Cookie settings", "Help", "RSS"]
COMMENTS = ["12 comments", "Log in to comment", "jdoe42", "March 3, 2024 at 10:14 am", "great", "Reply",
            "anna_k", "March 3, 2024 at 11:02 am", "Me too!", "Reply"]


def test_features_are_one_row_per_line_and_shared_by_text():
    voc = vocabulary()
    table = line_table(["Share on Facebook", PROSE[0], "| a | b |"], voc)
    assert [row.phrase for row in table] == ["share", None, None]
    assert table[1].terminal and table[1].words == 16 and table[1].stop_share > 0.2
    assert table[2].table_row
    doc = Document("\n".join(["Share on Facebook", *PROSE]))
    first = document_table(doc, voc)
    doc.remove(0, "test")
    assert document_table(doc, voc)[0] is first[1]  # the row of a kept line is not computed again


def test_rules_name_a_stable_id_and_their_evidence():
    voc = vocabulary()
    table = line_table(["Share on Facebook"], voc)
    verdict = judge(table[0], voc, Place(5, 5, table, 0, 4), set(FAMILIES))
    assert verdict.family == "share" and verdict.rule == "share.phrase" and "share on facebook" in verdict.evidence


def test_rule_positions_count_past_furniture():
    voc = vocabulary()
    lines = [*PROSE, *(["Share on Facebook", "Comments (3)", "Tweet"] * 3), "Updated 3 hours ago"]
    verdicts = rule_verdicts(line_table(lines, voc), voc, set(FAMILIES), 4, None)
    assert set(verdicts) == set(range(len(PROSE), len(lines)))
    assert verdicts[len(lines) - 1].rule == "timestamp.edge"


def test_model_scores_every_line_and_explains_itself():
    model, voc = load_model(), vocabulary()
    table = line_table(["Facebook Twitter WhatsApp", *PROSE, "Related stories"], voc)
    hits = rule_verdicts(table, voc, set(FAMILIES), 4, None)
    rows = vectorize(table, [i in hits for i in range(len(table))])
    assert all(len(row) == len(NAMES) for row in rows)
    scores = model.probabilities(rows)
    assert all(0 <= p <= 1 for p in scores)
    assert max(scores[1:-1]) < 0.5 < scores[0]
    assert model.explain(rows[0])


def test_the_step_scores_lines_as_their_vectors_score_and_remembers_each_lines_part():
    model, voc = load_model(), vocabulary()
    table = line_table(["Share this", *PROSE, "Share this", "Related stories"], voc)
    hits = [i == len(table) - 2 for i in range(len(table))]
    expected = model.probabilities(vectorize(table, hits))
    first = model.score(table, hits)
    assert first == pytest.approx(expected, abs=1e-12)
    assert table[0].line_score is not None and table[0].line_score[0] is model
    assert model.score(table, hits) == first  # again, from what each line remembered


def test_context_revision_needs_evidence_against_the_surroundings():
    # A model-only furniture line between prose stays; an uncertain line inside a menu goes.
    assert revise([0.05, 0.9, 0.05], [False] * 3, [20, 3, 20]) == [False, False, False]
    assert revise([0.95, 0.5, 0.95], [False] * 3, [1, 2, 1]) == [True, True, True]
    assert revise([0.05, 0.5, 0.05], [False] * 3, [20, 2, 20]) == [False, False, False]
    assert revise([0.1, 0.2, 0.1], [True, False, True], [1, 30, 1]) == [True, False, True]  # prose decides itself


def test_regions_find_the_article_block():
    scores = [0.9] * 10 + [0.05, 0.1, 0.4, 0.05] + [0.9] * 10
    words = [1] * 10 + [20, 18, 3, 25] + [2] * 10
    assert article_regions(scores, words) == [(10, 14)]
    assert is_dump(line_table(MENU + PROSE[:3] + FOOTER + COMMENTS))
    assert not is_dump(line_table(PROSE * 6))


def test_regions_are_not_trusted_when_prose_is_spread_or_nothing_is_sure_furniture():
    # Ten paragraphs far apart, the regions holding a fifth of the prose: no one article among furniture.
    scores = ([0.9] * 10 + [0.05]) * 10
    words, prose = ([1] * 10 + [20]) * 10, ([False] * 10 + [True]) * 10
    assert article_regions(scores, words, prose) is None
    # Middling scores only (text an extractor already cut): nothing is sure furniture, no region is cut.
    assert article_regions([0.6] * 10 + [0.05] * 3 + [0.6] * 10, [2] * 10 + [20] * 3 + [2] * 10) is None


def test_a_list_page_with_an_abstract_under_each_entry_loses_no_abstract():
    # A bibliography as an extractor gives it: many short lines, prose under every entry. It looks like
    # a whole-page dump, but no one region holds the article.
    entries = []
    for k, abstract in enumerate(PROSE):
        entries += [f"Title: Report number {k + 1} on the floods", f"Author(s): Smith, J. {k}", "Publication Date: 2003",
                    "Language: English", f"Pages: {k + 12}", abstract]
    result = clean_article("\n\n".join(entries))
    assert all(p in result.text for p in PROSE)
    assert not [e for e in result.edits if e.reason and e.reason.startswith("region")]


def test_budget_undoes_the_least_certain_first_and_never_empties():
    words, sentences = [20, 20, 20, 20], [True] * 4
    kept = within_budget({0: 0.99, 1: 0.7, 2: 0.9}, {}, words, sentences)
    assert sorted(kept) == [0, 2]  # 40 of 80 words: within the budget once the least certain is undone
    assert within_budget({0: 0.9, 1: 0.95}, {}, [3, 3], [False, False]) == {1: 0.95}
    assert within_budget({0: 0.9}, {0: "caption.photo-paren"}, [39], [True]) == {}  # one rule never empties


def test_whole_page_dump_keeps_the_article_only():
    # A sidebar blurb reads like prose, and no rule or score takes it: only the article region leaves it out.
    blurb = "The science desk covers climate, space and health from three cities."
    page = [*MENU, "World", PROSE[0][:40], *PROSE, *SIDEBAR, blurb, *COMMENTS, *FOOTER, "© 2024 Example Media"]
    result = clean_article("\n".join(page))
    kept = result.text.splitlines()
    assert all(p in kept for p in PROSE)
    assert not set(MENU + FOOTER + COMMENTS + [blurb]) & set(kept)
    removed = {e.before: e for e in result.edits if e.filter == "remove_boilerplate" and e.action == "removed"}
    assert removed[blurb].reason.startswith("region:") and removed[blurb].family == "region"


def test_every_removal_reason_starts_with_its_rule_id():
    page = [*MENU, *PROSE, *FOOTER]
    for edit in clean_article("\n".join(page)).edits:
        if edit.filter == "remove_boilerplate" and edit.action == "removed":
            rule = edit.reason.split(":", 1)[0]
            assert rule in ("model", "context", "region", "pattern") or "." in rule, edit.reason
            assert edit.family


def test_a_short_brief_with_a_photo_credit_inside_its_sentence_keeps_it():
    brief = ("Ukrainian President Volodymyr Zelensky (Photo by Jane Doe / POOL / AFP) met European leaders in "
             "Brussels on Thursday to discuss new military aid, officials said, adding that talks would continue "
             "next week in Kyiv.")
    assert 30 <= len(brief.split()) <= 40
    result = clean_article(brief)
    assert result.text == brief
    assert not [e for e in result.edits if e.action == "removed"]


@pytest.mark.parametrize("credit", ["[via Example News]", "(Photo: Jane Doe/Reuters)", "[Jane Doe/AFP]"])
def test_a_long_paragraph_ending_in_its_source_or_a_credit_is_no_caption(credit):
    paragraph = " ".join(PROSE[:4]) + " " + credit
    assert len(paragraph.split()) >= 60
    result = clean_article("\n\n".join([PROSE[4], paragraph, PROSE[5]]))
    assert " ".join(PROSE[:4]) in result.text
    # A caption-sized line with the same credit is still a caption.
    short = clean_article("\n\n".join([PROSE[4], PROSE[0] + " " + credit, PROSE[5]]))
    assert PROSE[0] not in short.text


def test_a_flattened_article_keeps_its_text_and_loses_its_furniture():
    flat = " ".join(PROSE * 5)
    result = clean_article("\n".join(["Share on Facebook", "Tweet", flat, "Related stories", "Comments (4)"]))
    assert result.text == flat
    assert "damage-budget" not in result.flags


def test_many_timestamps_and_many_lines_stay_linear():
    stamps = "\n".join(f"Updated {i} hours ago" for i in range(2000))
    result = run_filter("remove_boilerplate", "\n".join([*PROSE, stamps]))
    assert result.text.splitlines()[: len(PROSE)] == PROSE


def test_a_pattern_that_times_out_is_dropped_for_the_document():
    text = "\n".join(PROSE + ["a" * 40 + "!"] * 3)
    result = run_filter("remove_boilerplate", text, keep_patterns=["(a|aa)+$"])
    timeouts = [e for e in result.edits if e.action == "flagged" and e.after == "pattern-timeout"]
    assert len(timeouts) <= 1


COMMENTS_THREAD = [
    "Posted by: jdoe42 at March 3, 2024 10:14 AM", "Great piece, the bridge near us was closed for two days.",
    "Posted by: anna_k at March 3, 2024 11:02 AM", "Same here, the shelters were well run though.",
    "Posted by: Tom B at March 3, 2024 12:40 PM", "Who pays for the repairs is what I want to know.",
]


def test_a_comment_thread_under_an_article_is_found_by_its_stamps():
    stamp = "timestamp.author-stamp"
    words = [40, 35, 30, 5, 10, 5, 12, 5, 9]
    prose = [True, True, True, False, True, False, True, False, True]
    assert thread_lines({3: stamp, 5: stamp, 7: stamp}, words, prose) == [3, 4, 5, 6, 7, 8]
    assert thread_lines({3: stamp, 5: stamp}, words, prose) == []  # two stamps make no thread
    assert thread_lines({0: stamp, 2: stamp, 4: stamp}, words, prose) == []  # no article above: a forum
    # An opening post no longer than three replies is a forum's question, not an article.
    assert thread_lines({3: stamp, 5: stamp, 7: stamp}, [20, 0, 0, 5, 30, 5, 30, 5, 30], prose) == []
    # Stamps far apart belong to different parts: only the last group standing together is a thread.
    far = {3: stamp, **{k: stamp for k in (60, 62, 64)}}
    words_far, prose_far = words[:3] + [30] * 57 + words[3:], prose[:3] + [True] * 57 + prose[3:]
    assert thread_lines(far, words_far, prose_far) == list(range(60, 66))


def test_a_comment_thread_goes_and_the_article_above_it_stays():
    result = clean_article("\n\n".join(PROSE + COMMENTS_THREAD))
    assert all(p in result.text for p in PROSE)
    assert not any(line in result.text for line in COMMENTS_THREAD)
    assert {e.family for e in result.edits if e.action == "removed"} == {"timestamp", "comments"}


def test_a_forum_page_keeps_its_posts():
    posts = []
    for k, sentence in enumerate(PROSE):
        posts += [f"Posted by: user{k} at March {k + 3}, 2024 10:14 AM", sentence]
    result = clean_article("\n\n".join(posts))
    assert all(p in result.text for p in PROSE)


# What get_text() keeps of a page's <script> and <style> elements, written for these tests.
PAGE_SCRIPT = [
    "var gallery = new Array(); // captions of the front-page slideshow",
    'gallery[0] = "Flood waters reach the old town";',
    'gallery[1] = "Volunteers fill sandbags"',
    "function showSlide(n) {",
    "document.getElementById('slide').innerHTML = gallery[n];",
    "}",
]
PAGE_STYLE = [".story-body p {", "font-size: 1.1em;", "line-height: 1.5;", "}"]
CODE_SAMPLE = ["Add the two numbers and print them:", "int total = Add(1, 2);", "Console.WriteLine(total);"]


def test_code_shaped_lines_are_statements_block_edges_and_comments():
    assert all(code_shaped(line) for line in PAGE_SCRIPT + PAGE_STYLE + ["});", "/* ]]> */"])
    assert not any(code_shaped(line) for line in PROSE + MENU + ["He left early; she stayed;", "Reply"])


def test_script_runs_go_only_when_they_name_a_page_s_scripting_environment():
    lines = PAGE_SCRIPT + PROSE[:2] + PAGE_STYLE + PROSE[2:] + CODE_SAMPLE
    found = script_lines(lines)
    assert found == list(range(6)) + list(range(8, 12))  # the C# sample names no page object: it stays


def test_a_get_text_dump_loses_its_scripts_and_keeps_its_article_and_code_sample():
    text = "\n".join(MENU + PAGE_SCRIPT + PROSE[:3] + CODE_SAMPLE + PROSE[3:] + PAGE_STYLE + FOOTER)
    result = clean_article(text)
    assert all(p in result.text for p in PROSE + CODE_SAMPLE[1:])
    assert not any(line in result.text for line in PAGE_SCRIPT + PAGE_STYLE)
    assert any(e.reason.startswith("markup.script:") for e in result.edits)


def test_code_in_text_extracted_from_html_is_the_article_s_own():
    paragraphs = ["".join(f"<p>{p}</p>" for p in part) for part in (PROSE[:3], PROSE[3:])]
    page = f"<html><body><article>{paragraphs[0]}<pre>" + "\n".join(PAGE_SCRIPT) + f"</pre>{paragraphs[1]}</article></body></html>"
    result = clean_article(page)
    assert all(line in result.text for line in PAGE_SCRIPT)
    assert not any(e.reason.startswith("markup.script:") for e in result.edits)
