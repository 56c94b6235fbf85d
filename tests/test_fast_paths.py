"""Fast paths of the chain give exactly what the slow paths gave: one-pass paragraph changes, summaries."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.document import Document, Edit
from cleaner.registry import get_filter

_paragraph = st.sampled_from(["One.", "Two two.", "  Three ", "Four\u00a0four", "Five."])
_change = st.tuples(st.sampled_from(["", "  ", "New.", "Split\nin two", "One.", "Five."]), st.sampled_from(["r1", "r2"]), st.none())


def _one_by_one(doc: Document, changes: dict[int, tuple[str, str, None]]) -> None:
    """The former way: each change through remove/replace, last paragraph first, edits put back in order."""
    n = len(doc.edits)
    for i in sorted(changes, reverse=True):
        new, reason, family = changes[i]
        if new.strip():
            doc.replace(i, new, reason, family)
        else:
            doc.remove(i, reason, family)
    doc.edits[n:] = doc.edits[n:][::-1]


@settings(max_examples=200, deadline=None)
@given(st.lists(_paragraph, min_size=1, max_size=8), st.data())
def test_apply_equals_removing_and_replacing_one_by_one(paragraphs, data):
    indices = st.integers(min_value=0, max_value=len(paragraphs) - 1)
    changes = data.draw(st.dictionaries(indices, _change, max_size=len(paragraphs)))
    fast, slow = Document("\n".join(paragraphs)), Document("\n".join(paragraphs))
    fast.step = slow.step = "test"
    fast.apply(changes)
    _one_by_one(slow, changes)
    assert fast.paragraphs == slow.paragraphs
    assert fast.edits == slow.edits


def test_summary_is_read_once_per_filter():
    spec = get_filter("normalize_whitespace")
    assert spec.summary is spec.summary
    assert spec.summary.startswith("Turn non-breaking")


# -- repair_typography: the lowercase-start count stops once the answer is known ------------------
_SENTENCE = st.sampled_from(
    ["The council met.", "then it rained.", "It was late. and so on.", "U.S. officials said.", "“Stop.” he said.",
     "iPhone sales rose.", "info. on it.", "Ukraine. have been.", "Mr. Smith left!", "he left? yes.", "(see it). Then"]
)


def _lowercase_share(paragraphs: list[str], max_words: int, min_sentence_words: int) -> float:
    """The former count: every sentence start of the document read."""
    from cleaner.filters.translation.fragments import _PLAIN_LOWER, boundaries, orphan_fragment

    lower = total = 0
    for para in paragraphs:
        m = orphan_fragment(para, max_words=max_words, min_sentence_words=min_sentence_words)
        for _, word in boundaries(para[: m.end("close")] if m else para):
            if _PLAIN_LOWER.fullmatch(word):
                lower, total = lower + 1, total + 1
            elif word[0].isupper():
                total += 1
    return lower / total if lower > 1 else 0.0


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(_SENTENCE, min_size=1, max_size=6).map(" ".join), min_size=1, max_size=12),
       st.sampled_from([0.0, 0.1, 0.25, 0.5, 1.0]))
def test_few_lowercase_starts_equals_counting_every_start(paragraphs, max_share):
    from cleaner.filters.translation.fragments import few_lowercase_starts

    assert few_lowercase_starts(paragraphs, max_share, 3, 4) == (_lowercase_share(paragraphs, 3, 4) <= max_share)


# -- the damage budget: removed words counted in C for whole-paragraph removals -------------------
_TEXT = st.sampled_from(["", "one", "two words", " spaced  out ", "a\u00a0b c"])
_EDIT = st.builds(Edit, st.just("step"), st.sampled_from(["removed", "replaced", "tagged", "flagged"]), _TEXT, _TEXT,
                  st.just(""), st.sampled_from([None, 0, 3]))


@settings(max_examples=200, deadline=None)
@given(st.lists(_EDIT, max_size=12))
def test_total_words_removed_equals_summing_each_edit(edits):
    from cleaner.chain import _total_words_removed, _words_removed

    assert _total_words_removed(edits) == sum(_words_removed(e) for e in edits)


# -- join_hyphenated_lines: the pattern runs only around line-end hyphens -------------------------
_PIECES = st.sampled_from(["contin", "ued", "Well", "known", "co", "ab", "x", "-", "- ", "-\t", "\n", "\n\n", " \n",
                           "\u00a0", "\x1c", " ", "\t" * 3, "’s", "mil", "lion", "state-of-the", ".", "1", "É"])


@settings(max_examples=500, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_join_breaks_equals_the_pattern_on_the_whole_text(text):
    from cleaner.filters.translation.hyphenation import _HYPHEN_BREAK, _NEXT_PIECE, join_breaks

    def repl(calls):
        def record(m):
            third = _NEXT_PIECE.match(m.string, m.end())
            calls.append((m.group(0), third and third.group(0)))
            return f"<{m.group('chain')}|{m.group('first')}|{m.group('second')}|{third and third.group(1)}>"
        return record

    fast, slow = [], []
    assert join_breaks(text, repl(fast)) == _HYPHEN_BREAK.sub(repl(slow), text)
    assert fast == slow


# -- encoding steps: a stdlib scan decides which paragraphs the regex work can change -------------
_SPACY = st.lists(st.sampled_from(["word", " ", "  ", "\t", "\u00a0", "\u2009", "\x1c", "\u3000", "\u200b", "\x07", "\u00ad", "é"]),
                  max_size=12).map("".join)


@settings(max_examples=400, deadline=None)
@given(st.lists(_SPACY, min_size=1, max_size=5))
def test_encoding_fast_paths_equal_the_regex_work(lines):
    from cleaner.filters.encoding import (
        _EXOTIC_SPACE, _INVISIBLE, _SPACE_RUN, _has_untidy_spaces, normalize_whitespace, remove_invisible_characters,
    )

    text = "\n".join(lines)
    former = bool(_EXOTIC_SPACE.search(text)) or "  " in text or any(line[:1].isspace() or line[-1:].isspace() for line in lines)
    assert _has_untidy_spaces(text) >= former  # never skips a document the former test sent on
    for line in lines:
        out = normalize_whitespace(line, None)
        slow = _SPACE_RUN.sub(" ", _EXOTIC_SPACE.sub(" ", line)).strip()
        assert (out if isinstance(out, str) else out.text) == slow
        out = remove_invisible_characters(line, None)
        assert (out if isinstance(out, str) else out.text) == _INVISIBLE.sub("", line)


class _NotAscii(str):
    """A paragraph the language sample cannot skip as short and ASCII."""

    def isascii(self) -> bool:
        return False


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["Home", "word17", "a b", "https://x.example/a", "Der Zug fährt um acht Uhr ab.",
                                 "The council voted on the new budget today.", "東京", "#tag", "x" * 25]), max_size=40),
       st.sampled_from([10, 60, 1000]))
def test_language_sample_skips_only_lines_that_add_nothing(paragraphs, sample_chars):
    from cleaner.filters.language import language_sample

    assert language_sample(paragraphs, sample_chars, 40) == language_sample(list(map(_NotAscii, paragraphs)), sample_chars, 40)


def test_document_scan_finds_doubled_words_across_blocks_of_lines():
    from cleaner.filters.translation.prefilter import _BLOCK, paragraph_kinds
    from cleaner.filters.translation.words import has_doubled_word

    paragraphs = [f"word{i % 997}" for i in range(2 * _BLOCK + 50)]
    for i in (0, _BLOCK - 1, _BLOCK, _BLOCK + 1, 2 * _BLOCK + 49):
        paragraphs[i] = "The the council voted."
    paragraphs[7] = paragraphs[8] = "..."  # blank once punctuation is read as space
    paragraphs[_BLOCK - 2] = "word1 ” Word1"
    paragraphs[20], paragraphs[21] = "It ends in word5", "word5 starts this one"  # a word repeated across lines only
    expected = {i for i, p in enumerate(paragraphs) if has_doubled_word(p)}
    assert len(expected) == 6
    assert set(paragraph_kinds(paragraphs, ["doubled-word"])) == expected


def test_a_paragraph_step_is_wrapped_for_the_deadline_once():
    from cleaner import Chain, deadline
    from cleaner.guard import _with_paragraph_deadline

    step = Chain.default().steps[0]
    with deadline.limit(60):
        checked = _with_paragraph_deadline(step)
        assert _with_paragraph_deadline(step) is checked
    assert checked.spec.func is not step.spec.func and checked.spec.summary == step.spec.summary


# -- apostrophe: the names written bare are found in one scan, not one scan per name -------------
_NAME_PIECES = st.sampled_from(["O", "D", "L", "Brien", "B", "rien", "Angelo", "Express", "s", " ", "’", "é", "É", "x", "OB"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_NAME_PIECES, max_size=30).map("".join), st.sampled_from([3, 7, 100_000]))
def test_bare_names_found_in_one_scan_equal_searching_each(text, slice_size):
    from cleaner.filters.translation import words

    names = ["OBrien", "OBriens", "DAngelo", "LExpress", "LÉxpress", "DBrien", "OBr"]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(words, "SLICE", slice_size)  # slices far shorter than the text: runs cut at their ends
        assert words._written_bare(names, text) == {n for n in names if n in text}


# -- boilerplate features: ASCII lines are tokenised and keyed without the Unicode patterns -------
_ASCII_PIECE = st.sampled_from(["Share", "on", "U.S.", "don't", "e-mail", "C++", "c+", "@han_s", "a..b", "'quoted'", "end.",
                                "(12)", "(s)", "12", " - ", " | ", ": ", "»", "`", "_", "\t", "\x1c", "\n", "  ", "x", "-"])


@settings(max_examples=400, deadline=None)
@given(st.lists(_ASCII_PIECE, max_size=14).map("".join) | st.text(st.characters(max_codepoint=127), max_size=30))
def test_ascii_tokens_keys_and_capitals_equal_the_unicode_patterns(line):
    from cleaner.filters.boilerplate.features import _ASCII_CAPITALISED, _CAPITALISED
    from cleaner.filters.boilerplate.vocabulary import (
        _KEY_COUNT, _KEY_SEPARATOR, _KEY_STRIP, _SPACES, _TOKEN, fold, line_key, tokens,
    )

    assert tokens(line) == _TOKEN.findall(fold(line))
    key = _KEY_SEPARATOR.sub(" ", _KEY_STRIP.sub("", _KEY_COUNT.sub(" ", fold(line).replace("(s)", "s"))))
    assert line_key(line) == _SPACES.sub(" ", key).strip()
    assert _ASCII_CAPITALISED.findall(line) == _CAPITALISED.findall(line)


# -- language: identify() merges only the labels that can win; a document's samples judged once ---
_SCORES = st.lists(st.tuples(st.sampled_from(["en", "fr", "no", "nn", "nb", "ar", "arz", "ary", "und", "zxx", "de"]),
                             st.sampled_from([0.0, 0.05, 0.1, 0.2, 0.25, 0.3, 0.5, 0.7, 1.0])), max_size=8)


def _merged_by_every_label(ranked):
    """The former merge: every label's probability added to its language's, the likeliest language kept."""
    from cleaner.langid_backends import NO_LANGUAGE, Guess, normalize_code

    merged, first = {}, {}
    for label, probability in ranked:
        code = None if label in NO_LANGUAGE else normalize_code(label)
        merged[code] = merged.get(code, 0.0) + float(probability)
        first.setdefault(code, label)
    if not merged:
        return Guess(None, 0.0, "und")
    code = max(merged, key=merged.__getitem__)
    return Guess(code, min(1.0, max(0.0, merged[code])), first[code])


@settings(max_examples=500, deadline=None)
@given(_SCORES.map(lambda pairs: sorted(pairs, key=lambda p: -p[1])) | _SCORES, st.booleans())
def test_identify_merging_only_the_labels_that_can_win_equals_merging_all(ranked, negative):
    from cleaner.langid_backends import Backend

    if negative and ranked:  # a backend answering scores, not probabilities: every label merged
        ranked = [(label, p - 0.5) for label, p in ranked]

    class Fixed(Backend):
        labels = frozenset(["en", "fr", "no", "nn", "nb", "ar", "arz", "ary", "und", "zxx", "de"])

        def _scores(self, text):
            return list(ranked)

    assert Fixed().identify("text") == _merged_by_every_label(ranked)


def test_a_settle_round_reads_the_language_of_a_sample_once(monkeypatch):
    from cleaner import Chain
    from cleaner.filters import language

    calls = []
    judge = language.judge
    monkeypatch.setattr(language, "judge", lambda text, *args: calls.append(text) or judge(text, *args))
    text = "Breaking news\n" + "The council voted on the new budget today, and the mayor said it would pass. " * 8
    remembered = Chain.default().run_text(text)
    assert len(calls) == len(set(calls))  # the settle round found its sample judged
    monkeypatch.setattr(language, "_judged", lambda memo, text, *args: language.judge(text, *args))
    again = Chain.default().run_text(text)
    assert (remembered.text, remembered.meta, remembered.edits) == (again.text, again.meta, again.edits)
    assert len(calls) > len(set(calls))  # without the memo the round judged the sample again


# -- repair_encoding: three scans find what the one alternation of the three found -----------------
_ENCODING_PIECES = st.sampled_from(["caf", "Ã©", "Ã ", "Â ", "Â", "œ", "œ1", "’", "“”", "—", "&amp;", "&#39;", "&x", "&", ";",
                                    "\r", "\x1b", "\x85", "\u2028", "\ufeff", "e\u0301", "é", "ö", " ", "\n", "a"])


@settings(max_examples=500, deadline=None)
@given(st.lists(_ENCODING_PIECES, max_size=12).map("".join))
def test_ftfy_prefilter_scans_equal_the_one_alternation(text):
    import re
    import unicodedata

    from cleaner.filters.encoding import _CONTROL, _ENTITY, _MOJIBAKE_PAIR, _needs_ftfy

    alternation = re.compile("|".join(p.pattern for p in (_CONTROL, _ENTITY, _MOJIBAKE_PAIR)))
    former = bool(alternation.search(text)) or (not text.isascii() and not unicodedata.is_normalized("NFC", text))
    assert _needs_ftfy(text) == former


# -- repair_typography: a settle round handed the same paragraphs replays the replacements ---------
_DAMAGED = st.sampled_from(["The the council , voted.It was co-director.", "of previous ( G7 ). ) work..", "LExpress said",
                            "L’Express wrote", "Quiet line.", "« Bonjour ! »", "He left. have been.", "“Stop.” he said."])


@settings(max_examples=150, deadline=None)
@given(st.lists(_DAMAGED, min_size=1, max_size=6), st.lists(_DAMAGED, min_size=1, max_size=6), st.sampled_from([None, "en", "fr"]))
def test_typography_replayed_from_the_memo_equals_repairing_again(paragraphs, others, language):
    from cleaner.filters.translation import repair

    def run(cache, paragraphs=paragraphs):
        doc = Document("\n".join(paragraphs), {"language": language})
        doc.step, doc.cache = "repair_typography", cache
        repair.repair_typography(doc)
        return doc.paragraphs, doc.edits

    earlier: dict = {}
    run(earlier, others)  # the repairs of other paragraphs remembered, as a settle round finds them
    assert run(earlier) == run({})

    def never(*args):
        raise AssertionError("repaired again: the memo was not used")

    cache: dict = {}
    first = run(cache)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(repair, "_repair", never)
        assert run(cache) == first
