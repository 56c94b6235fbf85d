"""Language family: detect_language, filter_language, label_paragraph_languages and the backends."""

from __future__ import annotations

import json
import pickle
import re
import subprocess
import sys
from pathlib import Path

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import clean_article
from cleaner.chain import Chain
from cleaner.langid_backends import (
    BACKENDS,
    _CACHE,
    get_backend,
    identify,
    normalize_code,
    normalize_codes,
)
from cleaner.filters import language as language_module
from cleaner.filters.language import language_sample, letter_count, main_script
from cleaner.registry import ConfigError
from cleaner.testing import assert_unchanged, run_filter

GERMAN = (
    "Der Zug nach Hamburg fährt heute eine Stunde später ab, weil ein Signal gestört ist.\n"
    "Die Bahn bittet die Reisenden um Geduld und verspricht Gutscheine für die Verspätung."
)
FRENCH = (
    "La mairie a annoncé mardi la fermeture de la piscine municipale pour travaux pendant tout l'été.\n"
    "Les habitants du quartier regrettent cette décision prise sans concertation, selon l'association locale."
)
ENGLISH = (
    "The council voted on Tuesday to close the public swimming pool for repairs over the summer.\n"
    "Residents said they had not been consulted and asked for the decision to be reviewed."
)
SPANISH = "El ayuntamiento cerró ayer la calle mayor para arreglar las tuberías que se rompieron durante la tormenta."
JAPANESE = "今日は朝から雨が降っていたので、私たちは駅まで歩いて行くのをやめて、バスに乗ることにしました。"
RUSSIAN = "Вчера вечером в центре города открылась новая библиотека, и туда сразу пришли сотни читателей."


def _installed(backend: str) -> bool:
    try:
        get_backend(backend)
    except ConfigError:
        return False
    return True


def _tagged(result, key):
    return [e for e in result.edits if e.action == "tagged" and e.before == key]


# --- codes ------------------------------------------------------------------------
@pytest.mark.parametrize(
    "code, expected",
    [("en", "en"), ("EN", "en"), ("pt-BR", "pt"), ("pt_br", "pt"), ("zh-cn", "zh"), ("zh-TW", "zh"),
     ("nb", "no"), ("nn", "no"), ("no", "no"), ("iw", "he"), ("in", "id"), ("fil", "tl"), ("arz", "ar")],
)
def test_normalize_code(code: str, expected: str) -> None:
    assert normalize_code(code) == expected


def test_normalize_codes_deduplicates_and_rejects_names() -> None:
    assert normalize_codes(["nb", "nn", "fr", "en-GB", "en"]) == ("en", "fr", "no")
    with pytest.raises(ConfigError, match="'english' is not a language code"):
        normalize_codes(["english"])


def test_backend_answers_are_normalised() -> None:
    assert identify("Han kjøpte en ny bil i går, og nå kjører han til jobben hver dag.").language == "no"
    assert identify("我们明天早上八点在学校门口集合，然后一起坐车去博物馆参观。").language == "zh"


# --- detect_language alone ------------------------------------------------------------
@pytest.mark.parametrize(
    "text, code", [(GERMAN, "de"), (FRENCH, "fr"), (ENGLISH, "en"), (SPANISH, "es"), (JAPANESE, "ja"), (RUSSIAN, "ru")]
)
def test_detect_language_tags_language_and_confidence(text: str, code: str) -> None:
    result = run_filter("detect_language", text)
    assert result.language == code
    assert 0.5 <= result.meta["language_confidence"] <= 1.0
    assert f"py3langid: {code}" in _tagged(result, "language")[0].reason
    assert result.text == text  # a tagger never changes the text


@pytest.mark.parametrize(
    "text, reason",
    [
        ("", "too few letters: 0 < 40"),
        ("   \n  ", "too few letters: 0 < 40"),
        ("12:45 — 3-1\n2024-05-06 17 °C 1013 hPa", "too few letters: 4 < 40"),
        ("Hello there", "too few letters: 10 < 40"),
        ("https://example.com/a/very/long/path/with/many/words/in/it user@example.org", "too few letters: 0 < 40"),
    ],
)
def test_empty_numeric_and_short_texts_are_unknown(text: str, reason: str) -> None:
    result = run_filter("detect_language", text)
    assert result.language is None
    assert result.meta["language_confidence"] is None
    assert _tagged(result, "language")[0].reason == f"language unknown: {reason}"


@pytest.mark.parametrize("backend", BACKENDS)
def test_digits_and_symbols_are_unknown_for_every_backend_even_without_a_letter_minimum(backend: str) -> None:
    if not _installed(backend):
        pytest.skip(f"{backend} not installed")
    result = run_filter("detect_language", "1234 5678 — 90 %", backend=backend, min_letters=0)
    assert result.language is None


def test_cjk_characters_count_three_letters() -> None:
    flash = "東京で大雨、電車が止まる"  # an 11-character news flash: 33 letters' worth
    assert run_filter("detect_language", flash).language is None
    assert _tagged(run_filter("detect_language", flash), "language")[0].reason == (
        "language unknown: too few letters: 33 < 40 (CJK characters count 3)"
    )
    assert run_filter("detect_language", "東京で大雨、電車が止まる。午後も続く見込み").language == "ja"


def test_low_confidence_is_unknown_with_the_guess_in_the_reason() -> None:
    text = "Hotel Restaurant Taxi Bar Menu Pizza Radio Video Piano Camera"
    result = run_filter("detect_language", text, min_confidence=0.999)
    assert result.language is None
    assert "low confidence" in _tagged(result, "language")[0].reason


def test_sample_skips_leftover_lines_and_links_and_is_bounded() -> None:
    paragraphs = ["Menu", "Share", "Read the story at https://news.example.com/x", *ENGLISH.splitlines()] * 50
    sample = language_sample(paragraphs, 300)
    assert len(sample) <= 300
    assert "Menu" not in sample and "https" not in sample
    assert sample.startswith("The council voted")  # "Read the story at" is a 14-letter leftover once the link is out
    assert language_sample(["Menu", "Home", "News"], 300, min_letters=5) == "Menu\nHome\nNews"
    assert letter_count("नमस्ते दुनिया") == 12  # Devanagari vowel signs count with their letters


def test_a_long_article_is_read_from_its_start_only() -> None:
    long_text = "\n".join([FRENCH] * 400 + [GERMAN] * 400)
    result = run_filter("detect_language", long_text)
    assert result.language == "fr"
    assert _tagged(result, "language")[0].reason.endswith(("on 500 characters", "on 1,000 characters"))


def test_a_paragraph_in_another_script_does_not_outvote_the_body() -> None:
    thai_quote = "ฉันชอบไปเที่ยวทะเลกับครอบครัวในช่วงวันหยุดยาวทุกปีเพราะอากาศดีมาก"
    spanish_page = "\n".join([SPANISH, thai_quote, SPANISH.replace("ayer", "el lunes")])
    assert run_filter("detect_language", spanish_page).language == "es"
    chinese = "我们明天早上八点在学校门口集合，然后一起坐车去博物馆参观，下午四点回来。"
    # 33 Chinese characters (weight 3) outweigh the 75 letters of an English caption.
    assert run_filter("detect_language", "\n".join([chinese, ENGLISH.splitlines()[0]]), min_letters=20).language == "zh"
    assert main_script("Он сказал: OK, до завтра.") == "Cyrillic" and main_script("12 345") is None


def test_expected_languages_narrow_the_answer() -> None:
    text = "Harga beras naik lagi minggu ini dan harga gula juga naik."
    assert run_filter("detect_language", text).language == "ms"  # unnarrowed, py3langid confuses Indonesian with Malay
    assert run_filter("detect_language", text, languages=["id", "en"]).language == "id"
    assert run_filter("detect_language", GERMAN, languages=["fr", "en"]).language in ("fr", "en")


def test_expected_languages_the_backend_cannot_detect_are_an_error() -> None:
    with pytest.raises(ConfigError, match="cannot detect"):
        get_backend("langdetect", ["gl"])
    with pytest.raises(ConfigError, match="'english' is not a language code"):
        run_filter("detect_language", GERMAN, languages=["english"])  # refused when the chain is built


def test_unknown_backend_and_bad_parameters_fail_at_chain_construction() -> None:
    with pytest.raises(ConfigError, match="backend"):
        Chain.default().with_params("detect_language", backend="cld3")
    with pytest.raises(ConfigError, match="min_letters"):
        Chain.default().with_params("detect_language", min_letters="forty")
    with pytest.raises(ConfigError, match="min_letters must be >= 0"):
        Chain.default().with_params("detect_language", min_letters=-1)
    with pytest.raises(ConfigError, match="min_confidence must be between 0 and 1"):
        Chain.from_config({"params": {"label_paragraph_languages": {}}, "insert": [{"step": "label_paragraph_languages", "after": "detect_language", "params": {"min_confidence": 1.5}}]})
    with pytest.raises(ConfigError, match="'english' is not a language code"):
        Chain.default().with_params("filter_language", allow=["english"])


def test_a_backend_that_is_not_installed_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "lingua", None)  # makes `import lingua` fail
    monkeypatch.delitem(_CACHE, ("lingua", ()), raising=False)
    with pytest.raises(ConfigError, match=r"pip install cleaner\[lingua\]"):
        get_backend("lingua")
    with pytest.raises(ConfigError, match=r"pip install cleaner\[lingua\]"):
        Chain.default().with_params("detect_language", backend="lingua")  # refused when the chain is built


@pytest.mark.parametrize("backend", BACKENDS)
def test_every_installed_backend_detects_articles(backend: str) -> None:
    if not _installed(backend):
        pytest.skip(f"{backend} not installed")
    for text, code in [(GERMAN, "de"), (FRENCH, "fr"), (RUSSIAN, "ru")]:
        assert run_filter("detect_language", text, backend=backend).language == code


# --- determinism ---------------------------------------------------------------------
SNIPPETS = [
    "Grazie mille amici", "Dobrý den všem", "Hola, ¿qué tal?", "Tack så mycket", "Merci beaucoup les amis",
    "Bom dia a todos", "Dank je wel", "Kiitos paljon", "Köszönöm szépen", "Mulțumesc frumos",
]


def _answers(backend: str) -> list[list]:
    return [[g.language, g.confidence] for g in (identify(s, backend) for s in SNIPPETS)]


def _same(a: list[list], b: list[list]) -> bool:
    """Same languages; confidences equal up to float32 rounding (py3langid sums in float32)."""
    return [x[0] for x in a] == [x[0] for x in b] and all(abs(x[1] - y[1]) < 1e-5 for x, y in zip(a, b))


@pytest.mark.parametrize("backend", ["py3langid", "langdetect"])
def test_same_input_same_answer_in_one_process(backend: str) -> None:
    first = _answers(backend)
    assert all(_same(_answers(backend), first) for _ in range(5))


@pytest.mark.slow
def test_same_input_same_answer_in_other_processes() -> None:
    script = (
        "import json, sys\n"
        "from cleaner.langid_backends import identify\n"
        "snippets = json.loads(sys.argv[1])\n"
        "print(json.dumps({b: [[g.language, g.confidence] for g in (identify(s, b) for s in snippets)]"
        " for b in ('py3langid', 'langdetect')}))\n"
    )
    here = {b: _answers(b) for b in ("py3langid", "langdetect")}
    for hash_seed in ("1", "2"):
        out = subprocess.run(
            [sys.executable, "-c", script, json.dumps(SNIPPETS)],
            capture_output=True, text=True, check=True, env={"PYTHONHASHSEED": hash_seed, "PATH": ""},
        )
        there = json.loads(out.stdout)
        assert all(_same(there[b], here[b]) for b in here)


def test_cleaning_twice_changes_nothing_and_keeps_the_language() -> None:
    first = clean_article(FRENCH + "\nhttps://example.com\nMenu")
    second = clean_article(first.text)
    assert second.text == first.text
    assert (second.language, second.meta["language_confidence"]) == (first.language, first.meta["language_confidence"])
    assert_unchanged("detect_language", first.text)


def test_a_chain_with_a_backend_chosen_pickles() -> None:
    chain = Chain.default().with_params("detect_language", backend="langdetect", languages=["de", "fr"])
    chain.run_text(GERMAN)
    clone = pickle.loads(pickle.dumps(chain))
    assert clone.run_text(GERMAN).language == "de"


# --- the gate, through config files ----------------------------------------------------------
def _config(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "lang.toml"
    path.write_text(body, encoding="utf-8")
    return path


def test_gate_drops_languages_not_allowed_through_a_config_file(tmp_path: Path) -> None:
    chain = Chain.from_config(_config(tmp_path, '[params.filter_language]\nallow = ["en", "fr"]\n'))
    dropped = clean_article(GERMAN, config=chain)
    assert dropped.dropped and dropped.text == ""
    assert dropped.drop_reason == "filter_language: language de not in allowed en, fr"
    assert dropped.language == "de"  # the reason is reported, the document is not silently lost
    kept = clean_article(FRENCH, config=chain)
    assert not kept.dropped and kept.language == "fr"
    unknown = clean_article("12 345 678", config=chain)
    assert not unknown.dropped and unknown.language is None


def test_gate_can_drop_unknown_languages(tmp_path: Path) -> None:
    chain = Chain.from_config(_config(tmp_path, '[params.filter_language]\nallow = ["en"]\nkeep_unknown = false\n'))
    result = clean_article("12 345 678", config=chain)
    assert result.drop_reason == "filter_language: language unknown and keep_unknown is false"


def test_gate_normalises_allowed_codes(tmp_path: Path) -> None:
    chain = Chain.from_config(_config(tmp_path, '[params.filter_language]\nallow = ["nb"]\n'))
    norwegian = "Regjeringen la fram statsbudsjettet i dag, og opposisjonen kritiserer kuttene i skolen."
    assert not clean_article(norwegian, config=chain).dropped


def test_label_only_mode_tags_and_flags_without_dropping(tmp_path: Path) -> None:
    chain = Chain.from_config(
        _config(tmp_path, '[params.filter_language]\nallow = ["en", "fr"]\nmode = "label"\n')
    )
    german = clean_article(GERMAN, config=chain)
    assert not german.dropped and german.text
    assert german.meta["language_allowed"] is False
    assert "language-not-allowed" in german.flags
    english = clean_article(ENGLISH, config=chain)
    assert english.meta["language_allowed"] is True and "language-not-allowed" not in english.flags


def test_gate_with_no_allow_list_keeps_everything() -> None:
    for text in (GERMAN, RUSSIAN, ""):
        assert not run_filter("filter_language", text, meta={"language": "de"}).dropped


def test_gate_trusts_a_language_given_by_the_caller_when_nothing_detects_one() -> None:
    chain = Chain.from_config({"steps": ["filter_language"], "params": {"filter_language": {"allow": ["en"]}}})
    assert not clean_article(GERMAN, config=chain, meta={"language": "en-US"}).dropped
    assert clean_article(ENGLISH, config=chain, meta={"language": "de"}).dropped


def test_cli_style_with_params_sets_allow() -> None:
    chain = Chain.default().with_params("filter_language", allow=["ru"])
    assert clean_article(RUSSIAN, config=chain).language == "ru"
    assert clean_article(FRENCH, config=chain).dropped


# --- paragraph labels ---------------------------------------------------------------------------
MIXED_PAGE = "\n".join(
    [
        "Accueil",
        "Le festival de jazz de la ville accueillera cette année plus de quarante concerts en plein air.",
        "Subscribe to our newsletter for the latest updates from the team",
        "Les organisateurs attendent près de trente mille spectateurs pendant les quatre jours du festival.",
        "« C'est notre plus belle édition », a déclaré la directrice.",
        "The music of this town has always belonged to everyone who walks its streets at night.",
        "Les billets sont en vente à l'office de tourisme et sur le site du festival dès lundi.",
        "Share on Facebook",
    ]
)


def _mixed_chain(**params) -> Chain:
    # Only the language steps, so what other families remove does not change the indices.
    return Chain.from_config(
        {"steps": ["detect_language", "label_paragraph_languages"], "params": {"label_paragraph_languages": params}}
    )


def test_paragraph_labelling_can_be_inserted_into_the_default_chain() -> None:
    chain = Chain.from_config({"insert": [{"step": "label_paragraph_languages", "after": "filter_language"}]})
    result = clean_article(MIXED_PAGE, config=chain)
    assert result.language == "fr"
    assert "en" in result.meta["paragraph_languages"].values()


def test_paragraph_labels_on_a_mixed_page() -> None:
    result = clean_article(MIXED_PAGE, config=_mixed_chain())
    assert result.language == "fr"
    assert result.meta["paragraph_languages"] == {2: "en", 5: "en"}  # short lines stay unlabelled
    assert result.text == MIXED_PAGE


def test_remove_foreign_removes_foreign_furniture_only() -> None:
    result = clean_article(MIXED_PAGE, config=_mixed_chain(remove_foreign=True))
    removed = [e for e in result.edits if e.action == "removed"]
    assert [e.before for e in removed] == ["Subscribe to our newsletter for the latest updates from the team"]
    assert "foreign furniture" in removed[0].reason
    assert "The music of this town" in result.text  # a foreign sentence is content: kept, labelled
    kept = result.text.splitlines()
    assert result.meta["paragraph_languages"] == {kept.index(next(p for p in kept if p.startswith("The music"))): "en"}


def test_a_close_relative_of_the_page_language_is_not_labelled() -> None:
    danish_page = "\n".join(
        [
            "Kommunen har besluttet at lukke svømmehallen hele sommeren på grund af reparationer.",
            "Han kjøpte en ny bil i går, og nå kjører han til jobben hver eneste dag.",  # Norwegian
        ]
    )
    result = run_filter("label_paragraph_languages", danish_page, meta={"language": "da"}, remove_foreign=True)
    assert result.meta["paragraph_languages"] == {} and result.text == danish_page


def test_paragraph_labels_need_a_document_language() -> None:
    result = run_filter("label_paragraph_languages", ENGLISH, meta={"language": None})
    assert result.meta["paragraph_languages"] == {}
    assert "document language unknown" in _tagged(result, "paragraph_languages")[0].reason


def test_a_monolingual_page_gets_no_paragraph_labels() -> None:
    result = run_filter("label_paragraph_languages", FRENCH, meta={"language": "fr"}, remove_foreign=True)
    assert result.meta["paragraph_languages"] == {} and result.text == FRENCH


# --- the benchmark's done-when, through clean_article -------------------------------------------
@pytest.mark.bench
def test_ten_sentence_documents_of_29_languages(shared_dir: Path) -> None:
    folder = shared_dir / "bench" / "langid" / "sentences"
    if not folder.is_dir():
        pytest.skip(f"{folder} not present")
    total = right = 0
    for path in sorted(folder.glob("*.txt")):
        lines = path.read_text(encoding="utf-8").splitlines()
        for start in range(0, len(lines) - 9, 10):
            total += 1
            right += clean_article(" ".join(lines[start : start + 10])).language == normalize_code(path.stem)
    assert total == 580
    assert right / total >= 0.99


_script_mix = st.lists(
    st.lists(st.sampled_from(list("abcdé ñłẞ µ’—.,x\u0301Жжλπ東京ไทยمرحباשלוםनम") + ["https://x.example "]), min_size=1, max_size=60).map(
        "".join
    ),
    min_size=1,
    max_size=8,
)


@settings(max_examples=300, deadline=None)
@given(_script_mix, st.sampled_from([30, 100, 1000]))
def test_latin_only_fast_path_gives_the_same_sample(paragraphs, sample_chars) -> None:
    fast = language_sample(paragraphs, sample_chars, 40)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(language_module, "_BEYOND_LATIN", re.compile("(?s)."))  # every sample read script by script
        slow = language_sample(paragraphs, sample_chars, 40)
    assert fast == slow


def test_fast_letter_count_agrees_with_unicode_properties_on_every_simple_character() -> None:
    """letter_count's fast path (``unicodedata`` categories, ``re``) counts what ``\\p{L}\\p{M}`` counts."""
    slow = regex.compile(r"[\p{L}\p{M}]", regex.VERSION1)
    simple = [chr(c) for a, b in language_module._SIMPLE_BLOCKS for c in range(a, b)]
    assert not language_module._BEYOND_SIMPLE.search("".join(simple))
    assert [letter_count(c) for c in simple] == [int(bool(slow.match(c))) for c in simple]
