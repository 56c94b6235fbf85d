"""Phase 2b — score: a logistic regression turning a line's features into a furniture probability.

The weights are learned by ``training/train_boilerplate.py`` (scikit-learn, at
training time only) and ship as ``weights.json`` next to this module; inference
is a dot product in plain Python.  Training reads whole vectors (:func:`vectorize`);
the step scores with :meth:`Model.score`, which builds the same values from the same
two functions — :func:`line_values` (the line alone, summed once per line and
remembered on its row) and :class:`Context` (neighbours, position, rules) — so
both see exactly the same features, named in :data:`NAMES`.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from importlib import resources
from itertools import accumulate
from operator import mul
from typing import Callable, Iterable, Iterator, Sequence

from .features import Line

#: Lines each side of a line whose features make its context.
WINDOW = 3
#: A line of prose: at least this many words and terminal punctuation.
PROSE_WORDS = 8

NAMES = (
    "words_log", "one_word", "short3", "short6", "long20", "terminal", "ends_colon", "stop_share", "cap_share",
    "digit_share", "separator", "separators2", "url", "bullet", "table_row", "social", "nav", "calendar",
    "numbers", "phrase", "prefix", "rule", "head_near", "tail_near", "relpos", "prev_words_log", "next_words_log",
    "prev_terminal", "next_terminal", "window_prose", "window_rule", "window_short", "doc_prose", "doc_lines_log",
    "short_lonely", "sentence_len_log", "stop_long", "cap_long", "digit_long", "punct_share", "title_case",
    "you", "our", "action", "site", "reader_share", "opens_action", "window_reader", "headline_neighbors",
    "after_prose", "before_prose", "price", "address_site", "reader_sentence", "price_reader",
    "lex_mean", "lex_strong",
)


def is_prose(line: Line) -> bool:
    """A sentence-like line: at least :data:`PROSE_WORDS` words and terminal punctuation."""
    return line.words >= PROSE_WORDS and line.terminal


def _headline(line: Line | None) -> bool:
    """A title-like line: a few words, no terminal punctuation (a related-article link, a subheading)."""
    return line is not None and 3 <= line.words <= 16 and not line.terminal


#: The features of a line alone (the rest read its neighbours, its position or the rules' verdicts).
LINE_FEATURES = (
    "words_log", "one_word", "short3", "short6", "long20", "terminal", "ends_colon", "stop_share", "cap_share",
    "digit_share", "separator", "separators2", "url", "bullet", "table_row", "social", "nav", "calendar",
    "numbers", "phrase", "prefix", "sentence_len_log", "stop_long", "cap_long", "digit_long", "punct_share",
    "title_case", "you", "our", "action", "site", "reader_share", "opens_action", "price", "address_site",
    "reader_sentence", "price_reader", "lex_mean", "lex_strong",
)
#: The features of a line in its document, in the order of NAMES.
CONTEXT_FEATURES = tuple(name for name in NAMES if name not in LINE_FEATURES)


def line_values(line: Line) -> list[float]:
    """The :data:`LINE_FEATURES` of a line, in that order."""
    words = line.words
    reader_share = line.reader / max(1, words)
    return [
        math.log1p(words), float(words <= 1), float(words <= 3), float(words <= 6), float(words >= 20),
        float(line.terminal), float(line.text.endswith(":")), line.stop_share, line.cap_share,
        line.digit_share, float(line.separators > 0), float(line.separators >= 2), float(line.urls > 0),
        float(line.bullet), float(line.table_row), line.social, line.nav, line.calendar, line.numbers,
        float(line.phrase is not None), float(line.prefix is not None),
        math.log1p(words / (1 + line.sentences)), line.stop_share * (words >= 20), line.cap_share * (words >= 20),
        line.digit_share * (words >= 20), line.punct_share, float(words >= 2 and line.cap_share >= 0.99),
        math.log1p(line.you), math.log1p(line.our), math.log1p(line.action), math.log1p(line.site),
        reader_share, float(line.opens_action), float(line.price),
        float(line.you + line.our > 0 and line.action + line.site > 0),
        reader_share * float(line.terminal and words >= 6), float(line.price and line.reader > 0),
        line.lex_mean, math.log1p(line.lex_strong),
    ]


#: Lines whose context features are built together (a block's columns, not the document's, are held at once).
BLOCK = 4096


class Context:
    """The :data:`CONTEXT_FEATURES` of the lines of ``table``; ``rule_hits`` marks lines a rule judged
    furniture.  Document-wide sums are computed once (running sums make every window mean O(1));
    :meth:`columns` builds a run of lines a column at a time, so each line costs a few list items."""

    def __init__(self, table: Sequence[Line], rule_hits: Sequence[bool]):
        self.table, n = table, len(table)
        self.prose = [1.0 if is_prose(line) else 0.0 for line in table]
        self.short = [1.0 if line.words <= 3 else 0.0 for line in table]
        self.rules = [1.0 if hit else 0.0 for hit in rule_hits]
        self.reader = [1.0 if line.reader else 0.0 for line in table]
        prose_at = [i for i, v in enumerate(self.prose) if v]
        self.first_prose, self.last_prose = (prose_at[0], prose_at[-1]) if prose_at else (n, -1)
        self.sums = [list(accumulate(values, initial=0.0)) for values in (self.prose, self.short, self.rules, self.reader)]
        self.doc_prose = self.sums[0][-1] / n if n else 0.0
        self.doc_lines = math.log1p(n)

    def columns(self, start: int, stop: int) -> list[list[float]]:
        """The features of lines ``start`` to ``stop``, one list per feature, in the order of :data:`CONTEXT_FEATURES`."""
        table, n, at = self.table, len(self.table), range(start, stop)
        lows = [max(0, i - WINDOW) for i in at]
        highs = [min(n, i + WINDOW + 1) for i in at]
        widths = [hi - lo - 1 or 1 for lo, hi in zip(lows, highs)]

        def window(sums: list[float], own: list[float]) -> list[float]:
            """The mean of a 0/1 feature over each line's window, the line itself left out."""
            return [(sums[hi] - sums[lo] - own[i]) / width for i, lo, hi, width in zip(at, lows, highs, widths)]

        near = table[max(0, start - 1) : stop + 1]  # the lines, and the one before and after them
        words = [math.log1p(line.words) for line in near]
        terminal = [float(line.terminal) for line in near]
        headline = [float(_headline(line)) for line in near]
        if start == 0:  # no line before the first: as a line of no words, terminal, no headline
            words, terminal, headline = [0.0, *words], [1.0, *terminal], [0.0, *headline]
        if stop == n:
            words, terminal, headline = [*words, 0.0], [*terminal, 1.0], [*headline, 0.0]
        sp, ss, sr, sa = self.sums
        wprose = window(sp, self.prose)
        lonely = [float(table[i].words <= 6 and not table[i].terminal) * (1.0 - w) for i, w in zip(at, wprose)]
        size = stop - start
        return [
            self.rules[start:stop], [math.exp(-i / 4) for i in at], [math.exp(-(n - 1 - i) / 4) for i in at],
            [i / max(1, n - 1) for i in at], words[: size], words[2:], terminal[: size], terminal[2:],
            wprose, window(sr, self.rules), window(ss, self.short), [self.doc_prose] * size, [self.doc_lines] * size,
            lonely, window(sa, self.reader),
            [h * (p + x) for h, p, x in zip(headline[1:-1], headline, headline[2:])],
            [float(i > self.last_prose) for i in at], [float(i < self.first_prose) for i in at],
        ]

    def rows(self) -> Iterator[tuple[float, ...]]:
        """The features of every line, in order, built :data:`BLOCK` lines at a time."""
        n = len(self.table)
        for start in range(0, n, BLOCK):
            yield from zip(*self.columns(start, min(n, start + BLOCK)))


#: Where each of NAMES comes from: (0, k) the k-th line feature, (1, k) the k-th context feature.
_SOURCES = tuple((0, LINE_FEATURES.index(n)) if n in LINE_FEATURES else (1, CONTEXT_FEATURES.index(n)) for n in NAMES)


def row_maker(table: Sequence[Line], rule_hits: Sequence[bool]) -> Callable[[int], list[float]]:
    """A function giving the whole feature vector of line ``i``, in the order of :data:`NAMES`."""
    context = Context(table, rule_hits)

    def row(i: int) -> list[float]:
        parts = (line_values(table[i]), [column[0] for column in context.columns(i, i + 1)])
        return [parts[source][k] for source, k in _SOURCES]

    return row


def vectorize(table: Sequence[Line], rule_hits: Sequence[bool]) -> list[list[float]]:
    """The feature vector of every line (see :func:`row_maker`), as training reads them."""
    return list(map(row_maker(table, rule_hits), range(len(table))))


class Model:
    """Weights and intercept of the logistic regression, with the note of how they were made."""

    def __init__(self, weights: Sequence[float], intercept: float, note: str = ""):
        if len(weights) != len(NAMES):
            raise ValueError(f"the model has {len(weights)} weights for {len(NAMES)} features")
        self.weights, self.intercept, self.note = list(weights), float(intercept), note
        by_name = dict(zip(NAMES, self.weights))
        self._line_weights = [by_name[n] for n in LINE_FEATURES]
        self._context_weights = [by_name[n] for n in CONTEXT_FEATURES]

    def probabilities(self, rows: Iterable[Sequence[float]]) -> list[float]:
        """The furniture probability of each feature vector (``rows`` may be a generator)."""
        w, b, exp = self.weights, self.intercept, math.exp
        return [1.0 / (1.0 + exp(-max(-40.0, min(40.0, b + sum(map(mul, row, w)))))) for row in rows]

    def score(self, table: Sequence[Line], rule_hits: Sequence[bool]) -> list[float]:
        """The furniture probability of every line: as :meth:`probabilities` of their vectors, with each
        line's own part of the sum computed once per line and model and remembered on its row (a line
        scored again in a later round, or repeated in the document, costs only its context part)."""
        wc, b, exp = self._context_weights, self.intercept, math.exp
        out = []
        for line, context in zip(table, Context(table, rule_hits).rows()):
            memo = line.line_score
            if memo is None or memo[0] is not self:
                memo = line.line_score = (self, sum(map(mul, line_values(line), self._line_weights)))
            z = b + memo[1] + sum(map(mul, context, wc))
            out.append(1.0 / (1.0 + exp(-max(-40.0, min(40.0, z)))))
        return out

    def explain(self, row: Sequence[float], top: int = 3) -> str:
        """The features that pushed this line's score up most, e.g. ``'rule, short3, tail_near'``."""
        parts = sorted(((x * k, name) for x, k, name in zip(row, self.weights, NAMES) if x * k > 0), reverse=True)
        return ", ".join(name for _, name in parts[:top])


@lru_cache(maxsize=1)
def load_model() -> Model:
    """The shipped model (``weights.json``)."""
    data = json.loads(resources.files(__package__).joinpath("weights.json").read_text(encoding="utf-8"))
    if list(data["features"]) != list(NAMES):
        raise ValueError("weights.json was trained on other features than model.NAMES; retrain it")
    return Model(data["weights"], data["intercept"], data.get("note", ""))
