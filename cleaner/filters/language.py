"""Language family: which language a document is in, keeping only some, and foreign paragraphs.

Steps:

* ``detect_language`` (default chain) — tags ``meta["language"]`` (a normalised
  ISO 639-1 code, or ``None``) and ``meta["language_confidence"]``, from a
  bounded, deterministic sample of the body: the first ``sample_chars``
  characters of its real paragraphs (lines with at least 20 letters, in the
  page's main script; links and e-mail addresses left out), or only the first
  500 of them when those give a confident answer.  Too few
  letters (``min_letters``, default 40; a CJK character counts as 3), a backend finding no
  language or a low confidence give ``None``, with the reason in the log.
* ``filter_language`` (default chain, right after) — keeps the languages of
  ``allow`` (empty: every language), drops the others with the reason, or
  only labels them (``mode = "label"``).
* ``label_paragraph_languages`` (optional) — labels paragraphs that are
  confidently in another language than the document, in
  ``meta["paragraph_languages"]``; with ``remove_foreign`` it removes those
  that look like furniture (short, no sentence punctuation at the end).

The detectors and the code normalisation are in :mod:`cleaner.langid_backends`.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any, Literal, Mapping

import regex

from ..document import Document
from ..langid_backends import BackendName, Guess, check_installed, get_backend, normalize_code, normalize_codes
from ..patterns import TIMEOUT
from ..registry import ConfigError, Drop, Tag, document_filter, gate, tagger

FAMILY = "language"

#: The least confidence a document's language needs, per backend, when ``min_confidence`` is not set.
#: Chosen on the sentences of ``../shared/bench/langid`` (see docs/benchmarks.md): with each, every
#: 10-sentence document keeps its language while unsure one-sentence guesses become None.
DOCUMENT_MIN_CONFIDENCE: dict[str, float] = {"py3langid": 0.5, "langdetect": 0.8, "fasttext": 0.4, "lingua": 0.5}
#: The same for one paragraph, stricter: a wrong paragraph label costs more than a missing one.
PARAGRAPH_MIN_CONFIDENCE: dict[str, float] = {"py3langid": 0.9, "langdetect": 0.99, "fasttext": 0.9, "lingua": 0.9}

#: Languages detectors confuse with each other on a sentence or two (seen on the langid benchmark).
#: A paragraph is not labelled as a close relative of the document's language: on a Danish page a
#: Norwegian-looking line is far more often Danish misread than Norwegian.
CLOSE_RELATIVES: tuple[frozenset[str], ...] = tuple(
    frozenset(group)
    for group in (
        ("cs", "sk"), ("da", "no", "sv"), ("id", "ms"), ("hr", "sr", "bs", "sl"), ("es", "gl", "ca", "pt"),
        ("ru", "uk", "be"), ("bg", "mk"), ("el", "grc"), ("tr", "tk", "az", "crh"), ("hi", "mr", "ne"),
        ("nl", "af", "fy"), ("zh", "wuu", "yue"), ("fa", "tg"), ("it", "vec", "lij"),
    )
)
_RELATIVES: dict[str, frozenset[str]] = {
    code: frozenset().union(*(g for g in CLOSE_RELATIVES if code in g)) for group in CLOSE_RELATIVES for code in group
}

#: The language is first read from this many characters of the sample; only when that answer is
#: less sure than QUICK_CONFIDENCE is the whole sample (``sample_chars``) read.  On 8,218 texts
#: (the extraction benchmarks' article bodies, the 29-language sentences and 10-sentence
#: documents, the samples) this gives the same language as reading the whole sample every time,
#: at about two thirds of the cost (see docs/benchmarks.md, speed).
QUICK_SAMPLE = 500
QUICK_CONFIDENCE = 0.9
#: Characters of a paragraph read beyond ``sample_chars``, so that links cut at the end are still recognised.
LINK_MARGIN = 200
#: A paragraph with fewer letters than this is a leftover (a label, a byline) and is left out of the sample.
REAL_PARAGRAPH_LETTERS = 20

# Links, e-mail addresses, @handles and #hashtags: no language to read in them.  Every branch
# starts with a literal or a word start, so the scan stays linear on long paragraphs.
_NOT_LANGUAGE = regex.compile(
    r"(?:https?://|www\.)\S+|(?<!\S)[^\s@]*@\S+|(?<!\S)#\w+", regex.IGNORECASE | regex.VERSION1
)
_LETTERS = regex.compile(r"[\p{L}\p{M}]+", regex.VERSION1)
_SENTENCE_END = regex.compile(r"[.!?…。！？؟।)\"'”»:;]\s*$", regex.VERSION1)

#: Script groups a paragraph's letters are sorted into (runs of each; the last is every other script).
SCRIPT_GROUPS = ("Latin", "Cyrillic", "Greek", "Arabic", "Hebrew", "Devanagari", "Thai", "CJK", "other")
_SCRIPT_RUNS = regex.compile(
    r"(\p{Latin}+)|(\p{Cyrillic}+)|(\p{Greek}+)|(\p{Arabic}+)|(\p{Hebrew}+)|(\p{Devanagari}+)|(\p{Thai}+)"
    r"|([\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}\p{Bopomofo}ー]+)|([\p{L}\p{M}]+)",
    regex.VERSION1,
)
# Any character outside the blocks whose letters are all Latin (ASCII, Latin-1 but the micro
# sign, Latin Extended A, B and Additional; punctuation and currency signs have no letters):
# only then can paragraphs be in different scripts.  One character class, linear: ``re``
# scans it several times faster than ``regex``.
_BEYOND_LATIN = re.compile("[^\x00-\xb4\xb6-\u024f\u1e00-\u1eff\u2000-\u206f\u20a0-\u20cf]")  # linear: one character class
# Letters of the Latin blocks, the Latin-1 signs and the punctuation and currency blocks, as
# ``unicodedata`` sorts them: most text has no other characters, and ``re`` counts these letters
# several times faster than ``regex`` reads Unicode properties.
_SIMPLE_BLOCKS = ((0x0000, 0x0250), (0x1E00, 0x1F00), (0x2000, 0x2070), (0x20A0, 0x20D0))
_BEYOND_SIMPLE = re.compile("[^" + "".join(f"\\U{a:08x}-\\U{b - 1:08x}" for a, b in _SIMPLE_BLOCKS) + "]")  # linear: one character class
_SIMPLE_LETTERS = re.compile(  # linear: a run of one class
    "["
    + "".join(re.escape(chr(c)) for a, b in _SIMPLE_BLOCKS for c in range(a, b) if unicodedata.category(chr(c))[0] in "LM")
    + "]+"
)
#: One Chinese, Japanese or Korean character says about as much as three alphabetic letters.
CJK_WEIGHT = 3
_CJK = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}\p{Bopomofo}ー]+", regex.VERSION1)


def letter_count(text: str) -> int:
    """Letters (and the marks written with them) in ``text``: what a language can be read from.

    >>> letter_count("Call 555-0100 now!")
    7
    """
    if not _BEYOND_SIMPLE.search(text):
        return sum(map(len, _SIMPLE_LETTERS.findall(text)))
    return sum(map(len, _LETTERS.findall(text, timeout=TIMEOUT)))


def weighted_letters(text: str) -> int:
    """:func:`letter_count` with every CJK character counted :data:`CJK_WEIGHT` times: how much text there is to read.

    >>> weighted_letters("東京は雨"), weighted_letters("Tokyo rain")
    (12, 9)
    """
    letters = letter_count(text)
    if letters and _BEYOND_SIMPLE.search(text):  # CJK characters are beyond the simple blocks
        letters += (CJK_WEIGHT - 1) * sum(map(len, _CJK.findall(text, timeout=TIMEOUT)))
    return letters


def without_links(text: str) -> str:
    """``text`` without links, e-mail addresses, @handles and #hashtags, spaces collapsed.

    >>> without_links("Write to ana@example.org or see https://example.org/x today")
    'Write to or see today'
    """
    if "@" in text or "#" in text or "://" in text or "www." in text or "WWW." in text:
        text = _NOT_LANGUAGE.sub(" ", text, timeout=TIMEOUT)
    return " ".join(text.split())


def main_script(text: str) -> str | None:
    """The script group (see :data:`SCRIPT_GROUPS`) most of the letters of ``text`` are written in.

    >>> main_script("Он сказал: OK, до завтра.")
    'Cyrillic'
    """
    totals = [0] * len(SCRIPT_GROUPS)
    for match in _SCRIPT_RUNS.finditer(text, timeout=TIMEOUT):
        totals[match.lastindex - 1] += len(match.group())
    best = max(range(len(totals)), key=totals.__getitem__)
    return SCRIPT_GROUPS[best] if totals[best] else None


def language_sample(paragraphs: list[str], sample_chars: int = 1000, min_letters: int = 0) -> str:
    """The text a document's language is read from: its first ``sample_chars`` characters of real paragraphs.

    Links, e-mail addresses, handles and hashtags are left out; paragraphs
    with fewer than :data:`REAL_PARAGRAPH_LETTERS` letters are skipped unless
    the real ones hold fewer than ``min_letters`` letters in all (letters as
    :func:`weighted_letters` counts them).  When the paragraphs are in
    different scripts, only those in the script most letters are in are kept: a Thai
    quotation must not outvote the Spanish article around it.  Paragraphs are
    read only until the sample is full, so a long article costs no more than
    a short one.

    >>> language_sample(["Home", "Der Zug fährt um acht Uhr ab, sagt der Schaffner.", "see https://x.example"])
    'Der Zug fährt um acht Uhr ab, sagt der Schaffner.'
    """
    real: list[tuple[str, int]] = []
    every: list[tuple[str, int]] = []
    real_size = every_size = 0
    for paragraph in paragraphs:
        if every_size >= sample_chars and len(paragraph) < REAL_PARAGRAPH_LETTERS and paragraph.isascii():
            continue  # fewer letters than characters: neither real nor wanted (a million short lines)
        # Only the first sample_chars characters of a paragraph can reach the sample: reading no
        # further keeps the cost bounded however long the paragraph is.
        text = without_links(paragraph[: sample_chars + LINK_MARGIN])[:sample_chars]
        letters = weighted_letters(text)
        if letters and every_size < sample_chars:
            every.append((text, letters))
            every_size += len(text) + 1
        if letters >= REAL_PARAGRAPH_LETTERS:
            real.append((text, letters))
            real_size += len(text) + 1
            if real_size >= sample_chars:
                break
    chosen = real if sum(n for _, n in real) >= min_letters else every
    mixed = len(chosen) > 1 and any(_BEYOND_LATIN.search(text) for text, _ in chosen)
    scripts = [main_script(text) for text, _ in chosen] if mixed else []
    if len(set(scripts)) > 1:
        weight: dict[str | None, int] = {}
        for script, (_, letters) in zip(scripts, chosen):
            weight[script] = weight.get(script, 0) + letters
        dominant = max(weight, key=weight.__getitem__)
        chosen = [item for item, script in zip(chosen, scripts) if script == dominant]
    return "\n".join(text for text, _ in chosen)[:sample_chars]


def _min_confidence(value: float | None, table: dict[str, float], backend: str) -> float:
    return table[backend] if value is None else float(value)


def _validate_detection(params: Mapping[str, Any]) -> None:
    """Checked when the step is built: the backend is installed, codes are codes, numbers are in range."""
    check_installed(params["backend"])
    normalize_codes(params["languages"])
    if params["min_letters"] < 0 or params.get("sample_chars", 1) < 1:
        raise ConfigError(f"min_letters must be >= 0 and sample_chars >= 1, got {params['min_letters']!r} and {params.get('sample_chars')!r}")
    if params["min_confidence"] is not None and not 0.0 <= params["min_confidence"] <= 1.0:
        raise ConfigError(f"min_confidence must be between 0 and 1, got {params['min_confidence']!r}")


def _validate_allow(params: Mapping[str, Any]) -> None:
    normalize_codes(params["allow"])


def judge(text: str, backend: str, languages: tuple[str, ...], min_letters: int, min_confidence: float) -> tuple[Guess | None, str]:
    """The language of ``text`` if it can be told, else ``None``; with the reason either way."""
    letters = weighted_letters(text)
    if letters < min_letters:
        cjk = f" (CJK characters count {CJK_WEIGHT})" if letters != letter_count(text) else ""
        return None, f"too few letters: {letters} < {min_letters}{cjk}"
    guess = get_backend(backend, languages).identify(text)
    if guess.language is None:
        return None, f"{backend} found no language ({guess.label or 'no features'})"
    if guess.confidence < min_confidence:
        return None, f"low confidence {guess.confidence:.2f} < {min_confidence:.2f} ({backend} guessed {guess.language})"
    return guess, f"{backend}: {guess.language} (confidence {guess.confidence:.2f})"


def _judged(memo: dict[str, tuple[Guess | None, str]], text: str, *args: Any) -> tuple[Guess | None, str]:
    """:func:`judge` of ``text`` (``args``: its other arguments), remembered in ``memo``."""
    found = memo.get(text)
    if found is None:
        found = memo[text] = judge(text, *args)
    return found


@tagger(family=FAMILY, validate=_validate_detection)
def detect_language(
    doc: Document,
    *,
    backend: BackendName = "py3langid",
    languages: list[str] = [],  # noqa: B006 - never mutated; the chain validates against this default
    min_letters: int = 40,
    min_confidence: float | None = None,
    sample_chars: int = 1000,
) -> Tag:
    """Tag the document's language (ISO 639-1 code, or None) and the detector's confidence.

    ``languages`` narrows detection to the expected languages (the answer is
    always one of them); ``min_confidence`` defaults to the backend's entry in
    :data:`DOCUMENT_MIN_CONFIDENCE`.  A page whose real paragraphs read
    ``"Der Zug fährt heute später ab, weil ein Signal gestört ist."`` gets
    ``language = "de"``; ``"12:45 — 3-1"`` gets ``None`` ("too few letters: 0 < 40").
    """
    threshold = _min_confidence(min_confidence, DOCUMENT_MIN_CONFIDENCE, backend)
    expected = normalize_codes(languages)
    guess = None
    # A settle round (cleaner.settle) mostly reads the same sample again: judged once per document.
    judged = doc.cache.setdefault(("language.judge", backend, expected, min_letters, threshold), {})
    if sample_chars > QUICK_SAMPLE:  # a confident answer on the first part settles it
        sample = language_sample(doc.paragraphs, QUICK_SAMPLE, min_letters)
        guess, reason = _judged(judged, sample, backend, expected, min_letters, threshold)
        if guess is not None and guess.confidence < QUICK_CONFIDENCE:
            guess = None
    if guess is None:
        sample = language_sample(doc.paragraphs, sample_chars, min_letters)
        guess, reason = _judged(judged, sample, backend, expected, min_letters, threshold)
    if guess is None:
        return Tag({"language": None, "language_confidence": None}, f"language unknown: {reason}")
    return Tag({"language": guess.language, "language_confidence": round(guess.confidence, 4)}, f"{reason} on {len(sample):,} characters")


@gate(family=FAMILY, validate=_validate_allow)
def filter_language(
    doc: Document,
    *,
    allow: list[str] = [],  # noqa: B006 - never mutated
    mode: Literal["drop", "label"] = "drop",
    keep_unknown: bool = True,
) -> Drop | None:
    """Keep documents in the ``allow``-ed languages (empty: all); drop or, in ``label`` mode, flag the others.

    With ``allow = ["en", "fr"]`` a German page is dropped with the reason
    ``"language de not in allowed en, fr"``; in ``label`` mode it is kept,
    tagged ``language_allowed = False`` and flagged ``language-not-allowed``.
    A document whose language is unknown (``None``, or never detected) is
    kept when ``keep_unknown`` is true.  Codes are normalised (``nb`` = ``no``).
    """
    if not allow:
        return None
    allowed = normalize_codes(allow)
    language = doc.meta.get("language")
    if isinstance(language, str):  # a caller's own label may be spelt "en-US"
        language = normalize_code(language)
    if language is None:
        ok = keep_unknown
        reason = f"language unknown and keep_unknown is {'true' if keep_unknown else 'false'}"
    else:
        ok = language in allowed
        reason = f"language {language} {'in' if ok else 'not in'} allowed {', '.join(allowed)}"
    if mode == "label":
        doc.tag("language_allowed", ok, reason, FAMILY)
        if not ok:
            doc.flag("language-not-allowed", reason)
        return None
    return None if ok else Drop(reason)


@document_filter(family=FAMILY, validate=_validate_detection)
def label_paragraph_languages(
    doc: Document,
    *,
    backend: BackendName = "py3langid",
    languages: list[str] = [],  # noqa: B006 - never mutated
    min_letters: int = 40,
    min_confidence: float | None = None,
    remove_foreign: bool = False,
    max_furniture_words: int = 12,
) -> None:
    """Label paragraphs confidently in another language than the document; optionally remove foreign furniture.

    Sets ``meta["paragraph_languages"] = {index: code}`` (indices in the
    cleaned text).  Paragraphs under ``min_letters`` letters (:func:`weighted_letters`) stay unlabelled,
    and so do paragraphs that look like a close relative of the document's language
    (:data:`CLOSE_RELATIVES`: Slovak on a Czech page, Norwegian on a Danish one);
    ``min_confidence`` defaults to the backend's entry in
    :data:`PARAGRAPH_MIN_CONFIDENCE`.  With ``remove_foreign``, a labelled
    paragraph of at most ``max_furniture_words`` words without sentence
    punctuation at its end is removed: on a French page,
    ``"Subscribe to our newsletter for the latest updates"`` goes, an English
    quotation ending in a full stop stays (labelled ``en``).  ``backend`` and
    ``languages`` are this step's own: set them as for ``detect_language``.
    """
    threshold = _min_confidence(min_confidence, PARAGRAPH_MIN_CONFIDENCE, backend)
    expected = normalize_codes(languages)
    language = doc.meta.get("language")
    if language is None:
        doc.tag("paragraph_languages", {}, "document language unknown: paragraphs not labelled", FAMILY)
        return
    labels: dict[int, Guess] = {}
    for i, paragraph in enumerate(doc.paragraphs):
        guess, _ = judge(without_links(paragraph), backend, expected, min_letters, threshold)
        if guess is not None and guess.language not in _RELATIVES.get(language, {language}):
            labels[i] = guess
    removed = []
    if remove_foreign:
        for i in sorted(labels, reverse=True):
            paragraph = doc.paragraphs[i]
            if len(paragraph.split()) <= max_furniture_words and not _SENTENCE_END.search(paragraph, timeout=TIMEOUT):
                guess = labels.pop(i)
                reason = (
                    f"{guess.language} line (confidence {guess.confidence:.2f}) on a {language} page, "
                    f"short and without sentence punctuation: foreign furniture"
                )
                doc.remove(i, reason, FAMILY)
                removed.append(i)
    final = {i - sum(r < i for r in removed): g for i, g in sorted(labels.items())}
    described = ", ".join(f"p{i} {g.language} ({g.confidence:.2f})" for i, g in final.items())
    reason = f"paragraphs not in {language}: {described}" if final else f"no paragraph confidently in another language than {language}"
    doc.tag("paragraph_languages", {i: g.language for i, g in final.items()}, reason, FAMILY)
