"""Translation and typography family: each kind alone (positive and negative), the seeds, the chain, idempotence."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import Chain, clean_article
from cleaner.chain import Budget, Step
from cleaner.registry import ConfigError
from cleaner.testing import assert_cleans, assert_unchanged

STEP = "repair_typography"


def only(kind: str) -> dict:
    return {"kinds": [kind]}


def family_chain() -> Chain:
    return Chain([Step.make("join_hyphenated_lines"), Step.make(STEP)], Budget(max_removed_share=1.0, policy="keep"))


# ---------------------------------------------------------------------------
# orphan-fragment
# ---------------------------------------------------------------------------
ORPHANS = [
    (
        "The minister ended a long tour of the region on Friday as the talks stalled. have been.",
        "The minister ended a long tour of the region on Friday as the talks stalled.",
    ),
    (
        "“We will keep building bridges with every partner we have,” the envoy told reporters. aggregate.",
        "“We will keep building bridges with every partner we have,” the envoy told reporters.",
    ),
    (
        "Exports fell sharply after the sanctions were imposed last spring. was made by.",
        "Exports fell sharply after the sanctions were imposed last spring.",
    ),
    (
        "3. Sign the form before the end of the month. the whole.",
        "3. Sign the form before the end of the month.",
    ),
]


@pytest.mark.parametrize("dirty, clean", ORPHANS)
def test_orphan_fragments_are_removed(dirty: str, clean: str) -> None:
    result = assert_cleans(STEP, dirty, clean, **only("orphan-fragment"))
    (edit,) = [e for e in result.edits if e.action == "replaced"]
    assert edit.family == "orphan-fragment" and edit.reason.startswith("orphan-fragment: removed the fragment")
    assert edit.before == dirty and edit.after == clean


ORPHAN_LOOKALIKES = [
    "The talks were moved to a new venue in the U.S. have been.",  # dotted abbreviation: not a sentence end
    '"We will rebuild the bridge within two years." she said.',  # dialogue: attribution after a quotation
    "“Stop the car right now!” he shouted.",
    "Fruit prices rose sharply in the markets, e.g. pears.",
    "Prices rose by 3 percent, according to Mr. smith.",
    "Waves struck the coast on Dec. 26. advertisement",  # a number before the full stop
    "Das Treffen findet am 17. mai statt und dauert zwei Tage.",
    "Miasto liczy około 100 tys. mieszkańców.",
    "Too short. have been.",  # the sentence before is too short to be sure
    "It was a fun place to hang out at the weekend. that's all.",  # contraction: conversational
    "The company launched the product in all markets last year. iPhone sales rose.",
    "The committee approved the budget after a long debate. it will now go to the senate for a final vote.",
    "See the documentation for the full list of supported options. npm install the package first.",
    "北京是中国的首都。它有很多历史名胜。",
    "Ends with a question to the readers of this paper? yes.",
    "The bill passed the lower house after a long debate. read more",  # no full stop: furniture, not a fragment
    "Thank you for the lovely dinner at your place. xo!",
]


@pytest.mark.parametrize("text", ORPHAN_LOOKALIKES)
def test_orphan_lookalikes_are_kept(text: str) -> None:
    assert_unchanged(STEP, text, **only("orphan-fragment"))


def test_orphans_kept_in_informal_documents() -> None:
    informal = (
        "went to the market with my sister this morning and it was packed. so many people.\n"
        "we bought apples and pears from the usual stall by the river. then we left.\n"
        "the bus home was late again and we waited for ages in the rain. never again."
    )
    assert_unchanged(STEP, informal, **only("orphan-fragment"))


# ---------------------------------------------------------------------------
# bracket
# ---------------------------------------------------------------------------
def test_stray_bracket_after_closed_group() -> None:
    assert_cleans(
        STEP,
        "They met at a summit of the Group of Seven (G7). ) summit in June.",
        "They met at a summit of the Group of Seven (G7) summit in June.",
        **only("bracket"),
    )
    assert_cleans(STEP, "The court (ICC)) issued a warrant.", "The court (ICC) issued a warrant.", **only("bracket"))
    assert_cleans(STEP, "See the list [page 4]] for details.", "See the list [page 4] for details.", **only("bracket"))
    # A capital after the stray bracket: the full stop was a real sentence end and stays.
    assert_cleans(STEP, "They met the G7 leaders (in Italy). ) The talks ended.", "They met the G7 leaders (in Italy). The talks ended.", **only("bracket"))


def test_doubled_curly_quotes() -> None:
    assert_cleans(STEP, "He called it ““a disaster”” on air.", "He called it “a disaster” on air.", **only("bracket"))


@pytest.mark.parametrize(
    "text",
    [
        "Choose one: a) red, b) blue or c) green.",  # list markers are unmatched on purpose
        "1) Preheat the oven. 2) Mix the flour.",
        "(f (g x))",  # balanced nesting
        "Great to see you (at last :)) and thanks.",  # a smiley inside brackets
        'He typed "" to clear the field.',
        "Finnish uses ”the same mark” on both sides.",
    ],
)
def test_bracket_lookalikes_are_kept(text: str) -> None:
    assert_unchanged(STEP, text, **only("bracket"))


# ---------------------------------------------------------------------------
# spacing
# ---------------------------------------------------------------------------
SPACING = [
    ("During the war , Soviet power grew.", "During the war, Soviet power grew."),
    ("Why did it happen ? Nobody knows .", "Why did it happen? Nobody knows."),
    ("There is one reason : money ; and time !", "There is one reason: money; and time!"),
    ("The summit ( G7 ) ended early.", "The summit (G7) ended early."),
    ("She called it “ a disaster ” on air.", "She called it “a disaster” on air."),
    ("Hanoi ,Moscow and Beijing", "Hanoi, Moscow and Beijing"),
]


@pytest.mark.parametrize("dirty, clean", SPACING)
def test_spacing_repaired(dirty: str, clean: str) -> None:
    result = assert_cleans(STEP, dirty, clean, meta={"language": "en"}, **only("spacing"))
    assert all(e.family == "spacing" for e in result.edits)


def test_french_spacing_kept_in_french() -> None:
    text = "Pourquoi ? Parce que la réponse est simple : il pleut ; nous restons !"
    assert_unchanged(STEP, text, meta={"language": "fr"}, **only("spacing"))
    assert_unchanged(STEP, "Il a dit « bonjour » puis : au revoir !", **only("spacing"))  # guillemets: French
    # A space before a comma or a full stop is wrong in French too.
    assert_cleans(STEP, "Oui , bien sûr .", "Oui, bien sûr.", meta={"language": "fr"}, **only("spacing"))
    # Another language is not French; an unknown one may be (a short French heading is too
    # short to identify), so the space before ; : ! ? is kept; the parameter forces either way.
    assert_cleans(STEP, "Pourquoi ?", "Pourquoi?", meta={"language": "en"}, **only("spacing"))
    assert_unchanged(STEP, "Pourquoi maintenant ?", **only("spacing"))
    assert_cleans(STEP, "Vraiment , maintenant ?", "Vraiment, maintenant ?", **only("spacing"))
    assert_unchanged(STEP, "Pourquoi ?", french_spacing="always", **only("spacing"))
    assert_cleans(STEP, "Pourquoi ?", "Pourquoi?", meta={"language": "fr"}, french_spacing="never", **only("spacing"))


@pytest.mark.parametrize(
    "text",
    [
        "Good read though ; )",
        "Nice one :) .",
        "The score was 2 : 1 at half time.",
        "And so on . . .",
        "Run ls -la . to list it.",
        "The .NET runtime and .com domains.",
        "مرحبا ، كيف حالك ؟",  # Arabic comma and question mark
        "שלום ( עולם ) .",  # Hebrew: other spacing conventions
        "你好，世界！这是一个测试。",
        "¿Qué hora es? ¡Vamos!",
        "Er sagte: „Komm her“ und ging.",
        "Er sagte „ komm “ und ging.",
        "A checkbox [ ] stays.",
        "He said ‘ yes ’ ” — she said nothing.",
    ],
)
def test_spacing_lookalikes_are_kept(text: str) -> None:
    assert_unchanged(STEP, text, **only("spacing"))


# ---------------------------------------------------------------------------
# doubled-punctuation
# ---------------------------------------------------------------------------
DOUBLED_PUNCT = [
    ("The talks ended.. The next round is in May.", "The talks ended. The next round is in May."),
    ("Apples,, pears and plums", "Apples, pears and plums"),
    ("Why?. Nobody knows.", "Why? Nobody knows."),
    ("It was over,. Then it began again.", "It was over. Then it began again."),
    ("He moved to the U.S.. Then he left.", "He moved to the U.S. Then he left."),
    ("He moved to the U.S..", "He moved to the U.S."),
    ("One;; two", "One; two"),
]


@pytest.mark.parametrize("dirty, clean", DOUBLED_PUNCT)
def test_doubled_punctuation_repaired(dirty: str, clean: str) -> None:
    assert_cleans(STEP, dirty, clean, **only("doubled-punctuation"))


@pytest.mark.parametrize(
    "text",
    [
        "Wait... What happened?",
        "Wait… what happened?",
        "Well.. maybe not.",  # a two-dot ellipsis before lowercase text
        "And that was the end..",  # a two-dot ellipsis at the end
        "Really?! No way!!",
        "Pi is 3.14 and the version is 1.2.10.",
        "Ranges like 1..10 and paths like ../data stay.",
        "Mail j.doe@example.com or see https://example.com/a..b today.",
        "Meet at 10 a.m. on Monday.",
        "The cost was $1,000,000 in total.",
        "Das Zitat ,,Hallo'' stammt aus dem Text.",
    ],
)
def test_doubled_punctuation_lookalikes_are_kept(text: str) -> None:
    assert_unchanged(STEP, text, **only("doubled-punctuation"))


# ---------------------------------------------------------------------------
# doubled-word
# ---------------------------------------------------------------------------
def test_doubled_words_removed() -> None:
    assert_cleans(STEP, "He said the the war was over.", "He said the war was over.", **only("doubled-word"))
    assert_cleans(STEP, "The the war was over.", "The war was over.", **only("doubled-word"))
    assert_cleans(STEP, "the the the the the war", "the war", **only("doubled-word"))
    assert_cleans(STEP, "Most of of the money.", "Most of the money.", meta={"language": "en"}, **only("doubled-word"))
    assert_cleans(STEP, "Ils ont vu les les enfants.", "Ils ont vu les enfants.", meta={"language": "fr"}, **only("doubled-word"))
    assert_cleans(STEP, "Vimos a los los niños.", "Vimos a los niños.", meta={"language": "es"}, **only("doubled-word"))


@pytest.mark.parametrize(
    "text, language",
    [
        ("He had had enough of it.", "en"),
        ("She said that that was fine.", "en"),
        ("What it is is a mistake.", "en"),
        ("It was very very cold.", "en"),
        ("“No, no, no,” she said. “Bye bye.”", "en"),
        ("They played The The album.", "en"),
        ("Le nom de de Gaulle est connu.", "fr"),
        ("Nous nous levons tôt.", "fr"),
        ("Tra la la, chantait-il.", "fr"),
        ("Ik weet dat dat waar is.", "nl"),
        ("Die die Kinder gesehen haben.", "de"),
        ("Orang-orang itu datang, orang orang lain juga.", "id"),
        ("To to samo, co wczoraj.", "pl"),
        ("To to samo, co wczoraj.", None),
        ("De a a z.", None),
    ],
)
def test_doubled_word_lookalikes_are_kept(text: str, language: str | None) -> None:
    assert_unchanged(STEP, text, meta={"language": language}, **only("doubled-word"))


# ---------------------------------------------------------------------------
# run-together
# ---------------------------------------------------------------------------
RUN_TOGETHER = [
    ("The war ended.The next year was calm.", "The war ended. The next year was calm."),
    ("Is it over?Nobody knows.", "Is it over? Nobody knows."),
    ("“We will win,” she said.”Whereas they lost.", "“We will win,” she said.” Whereas they lost."),
    ("It ended in 2019.The next one began.", "It ended in 2019. The next one began."),
    ("The war ended.“Never again,” he said.", "The war ended. “Never again,” he said."),
    ("Конец войны.Начало мира.", "Конец войны. Начало мира."),
]


@pytest.mark.parametrize("dirty, clean", RUN_TOGETHER)
def test_run_together_sentences_split(dirty: str, clean: str) -> None:
    assert_cleans(STEP, dirty, clean, **only("run-together"))


@pytest.mark.parametrize(
    "text",
    [
        "He lives in the U.S.A and works for J.R.R.Tolkien fans.",
        "Fruit, e.g.Apples, is healthy.",
        "Install Node.js and visit example.com today.",
        "Call System.Console.WriteLine() to print.",
        "Use obj.Method(x) here.",
        "Shop at Amazon.Com for books.",
        "The value 3.5 and version 2.0.1 are fine.",
        "Write to john.Smith@example.com now.",
        "Go to www.Example.org now.",
        'He said."Yes" and left.',  # an opening straight quote: ambiguous
        "Senator Jay Rockefeller (D-W.Va.) spoke.",
        "ASP.NET and iOS.App are names.",
    ],
)
def test_run_together_lookalikes_are_kept(text: str) -> None:
    assert_unchanged(STEP, text, **only("run-together"))


# ---------------------------------------------------------------------------
# apostrophe
# ---------------------------------------------------------------------------
def test_lost_apostrophe_restored_with_evidence() -> None:
    text = "Hanoi, an ally – L’Express\nHanoi an ally – LExpress\nLExpress takes stock."
    result = assert_cleans(STEP, text, "Hanoi, an ally – L’Express\nHanoi an ally – L’Express\nL’Express takes stock.", **only("apostrophe"))
    assert {e.family for e in result.edits} == {"apostrophe"}
    # No evidence in the document: nothing is invented.
    assert_unchanged(STEP, "LExpress takes stock. DArtagnan rides.", **only("apostrophe"))
    assert_unchanged(STEP, "L’Oréal and LOL are different words.", **only("apostrophe"))


# ---------------------------------------------------------------------------
# dangling-sentence
# ---------------------------------------------------------------------------
def test_dangling_sentence_removed_by_default() -> None:
    dirty = "Officials said that “no country should give him a platform for his war.” It should be given."
    result = assert_cleans(STEP, dirty, "Officials said that “no country should give him a platform for his war.”")
    assert [e.family for e in result.edits] == ["dangling-sentence"]
    for text in [
        "He said “we will see.” It should be given a chance by everyone.",
        "The bill passed. It should be given.",  # no quotation before it
        "“We won,” he said. It should be noted that the vote was close.",
    ]:
        assert_unchanged(STEP, text)


# ---------------------------------------------------------------------------
# quote and dash styles (off by default)
# ---------------------------------------------------------------------------
def test_quote_and_dash_styles() -> None:
    text = "He said “yes” – and ‘no’ - then left."
    assert_unchanged(STEP, text)
    assert_cleans(STEP, text, "He said \"yes\" – and 'no' – then left.", quotes="straight", dashes="en")
    assert_cleans(STEP, 'He said "yes" - then \'no\'.', "He said “yes”—then ‘no’.", quotes="curly", dashes="em")
    assert_unchanged(STEP, "Er sagte: „Komm“ – und ging.", quotes="straight")
    assert_unchanged(STEP, "Il a dit « oui ».", quotes="straight")
    assert_unchanged(STEP, "Pages 10-20 and well-known.", dashes="em")


# ---------------------------------------------------------------------------
# hyphenation
# ---------------------------------------------------------------------------
HYPHENATION = [
    ("The talks contin-\nued until late.", "The talks continued until late."),
    ("The govern-\nment fell.", "The government fell."),
    ("A well-\nknown author.", "A well-known author."),
    ("A state-\nowned company.", "A state-owned company."),
    ("A state-of-the-\nart design.", "A state-of-the-art design."),
    ("Both pre-\nand post-war years.", "Both pre- and post-war years."),
    ("The cross-\ning was rough.", "The crossing was rough."),
    ("A long-term plan and a long-\nterm view.", "A long-term plan and a long-term view."),
    ("The workplace is far. The work-\nplace was closed.", "The workplace is far. The workplace was closed."),
]


@pytest.mark.parametrize("dirty, clean", HYPHENATION)
def test_hyphenation_joined(dirty: str, clean: str) -> None:
    result = assert_cleans("join_hyphenated_lines", dirty, clean)
    assert result.edits[0].family == "hyphenation" and result.edits[0].reason.startswith("hyphenation: joined")


@pytest.mark.parametrize(
    "text",
    [
        "Items:\n- first\n- second",
        "The Vietnam-\nRussia ties.",  # capital after the break: a name, left alone
        "Score 10-\n20 at the end.",
        "Christmas Tree I-V-\ninternal watering system",
        "A line that ends with a dash -\nand goes on.",
    ],
)
def test_hyphenation_lookalikes_are_kept(text: str) -> None:
    assert_unchanged("join_hyphenated_lines", text)


def test_a_break_over_a_blank_line_is_joined_wherever_a_long_text_is_sliced() -> None:
    from cleaner.filters.translation.hyphenation import join_hyphenated_lines
    from cleaner.filters.translation.sentences import SLICE

    filler = "A plain line of filler text here.\n" * (SLICE // 34)
    for pad in range(0, 40):  # the break lands on every side of the first line end past SLICE
        text = filler + "x" * pad + "\nIt was contin-\n\nued on the next page.\n"
        out = join_hyphenated_lines(text)
        assert "It was continued on the next page." in getattr(out, "text", out), pad


# ---------------------------------------------------------------------------
# Configuration, chain, seeds, idempotence
# ---------------------------------------------------------------------------
def test_kinds_are_validated_and_switchable() -> None:
    with pytest.raises(ConfigError):
        Chain.from_config({"params": {STEP: {"kinds": ["spelling"]}}})
    chain = Chain.from_config({"params": {STEP: {"kinds": ["bracket"]}}})
    assert chain.run_text("The war , again (G7)) ended.").text == "The war , again (G7) ended."
    assert "repair_typography" in Chain.default().names and "join_hyphenated_lines" in Chain.default().names


def test_repairs_through_clean_article() -> None:
    text = (
        "Putin ended his long visit to the region on Thursday , hoping to boost key partnerships there. have been.\n\n"
        "The visit came after a meeting of the Group of Seven (G7). ) summit held in Italy last week.\n\n"
        "Officials said the the talks would continue.The next round is planned for the autumn."
    )
    result = clean_article(text)
    assert result.text == (
        "Putin ended his long visit to the region on Thursday, hoping to boost key partnerships there.\n\n"
        "The visit came after a meeting of the Group of Seven (G7) summit held in Italy last week.\n\n"
        "Officials said the talks would continue. The next round is planned for the autumn."
    )
    kinds = {e.family for e in result.edits if e.filter == STEP}
    assert {"spacing", "orphan-fragment", "bracket", "doubled-word", "run-together"} <= kinds
    assert clean_article(result.text).text == result.text


def test_seed_artefacts_repaired(seeds: dict[str, str]) -> None:
    chain = family_chain()
    out = {name: chain.run_text(text).text for name, text in seeds.items()}
    joined = "\n".join(out.values())
    for damage in ["Ukraine. have been.", "Le Thu said. aggregate.", "(G7). ) summit", "Vietnam War ,", "– LExpress"]:
        assert damage not in joined
    for repair in ["long war in Ukraine.\n", "Le Thu said.\n", "Group of Seven (G7) summit.", "Vietnam War, Soviet", "– L’Express\n"]:
        assert repair in joined
    for name, text in out.items():
        assert chain.run_text(text).text == text, name


def test_seed_artefacts_repaired_by_the_default_chain(seeds: dict[str, str]) -> None:
    """Each seed artefact is repaired by the default chain, and its sentence loses nothing else."""
    chain = Chain.default()
    fixed = {
        "have been.": "long war in Ukraine.",
        "aggregate.": "Le Thu said.",
        "(G7). ) summit.": "Group of Seven (G7) summit.",
        "War ,": "Vietnam War, Soviet",
        "It should be given.": "normalize his atrocities.”",
        "partner. special strategic”,": "to the rank of partner special strategic, i.e. the highest degree",
    }
    edits = []
    for text in seeds.values():
        result = chain.run_text(text)
        edits += [e for e in result.edits if e.filter in ("repair_typography", "join_hyphenated_lines")]
        for damage, repair in fixed.items():
            if damage in text:
                assert damage not in result.text and repair in result.text, damage
    # every repair edit touches only its damage: the text outside the damaged span is unchanged
    for e in edits:
        assert any(d in e.before for d in fixed), e.before


pieces = st.sampled_from(
    ["the", "the the", "war", "ended", ".", "..", ",", " ,", "?", "?.", "(G7)", ")", "(", "“", "”", "U.S.", "e.g.",
     "have been", "Mr.", "The", "-\n", "\n", " ", " ", "It", "said", "«", "»", ":", ";", "3.5", "…", "L’Express", "LExpress"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(pieces, max_size=40).map("".join), st.sampled_from([None, "en", "fr"]))
def test_idempotent_on_random_text(text: str, language: str | None) -> None:
    chain = family_chain()
    once = chain.run_text(text, {"language": language}).text
    assert chain.run_text(once, {"language": language}).text == once


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_idempotent_on_any_text(text: str) -> None:
    chain = family_chain()
    once = chain.run_text(text).text
    assert chain.run_text(once).text == once


def test_a_word_broken_over_three_lines_is_joined_in_one_cleaning() -> None:
    result = assert_cleans("join_hyphenated_lines", "It was a multi-\nmil-\nlion deal.", "It was a multimillion deal.")
    assert_unchanged("join_hyphenated_lines", result.text)
