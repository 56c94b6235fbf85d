"""Word evidence learned from data: how much likelier a word makes a line furniture.

``lexicon.json`` maps case-folded words to a smoothed log-odds weight: positive
for words that stand in page furniture far more often than in article text
(``newsletter``, ``abonnieren``, ``cookies``), negative for words of prose.  It
is made by ``training/train_boilerplate.py`` from the same lines as the model
(train-extra pages labelled by their gold text, and the project's own injected
furniture corpus, held-out entries excluded; the rate of a word in prose is backed
by general text, so a common word of prose is no furniture word), so it knows words
of widgets no phrase list names.  A line's lexicon features are the mean weight of
its words and how many strong furniture words it has; the model weighs them beside
its other features.  The strongest word alone is no feature: prose uses furniture
words too (``She did not reply.``), and a line's other words must agree.

>>> lex = {"subscribe": 2.0, "newsletter": 2.5, "minister": -1.0}
>>> lexicon_values(("subscribe", "to", "our", "newsletter."), lex)
(1.125, 2)
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Mapping, Sequence

#: A word at or above this weight counts as a strong furniture word.
STRONG = 1.5
#: Weights are clipped to this magnitude when the lexicon is made (one rare word cannot dominate a line).
CLIP = 4.0


def lexicon_key(token: str) -> str | None:
    """The lexicon form of a token (its trailing full stop or plus gone); None for one-letter tokens and
    for tokens with a digit, a full stop or an ``@`` inside (numbers, domains, handles: one site's, not a kind's).

    >>> lexicon_key("share."), lexicon_key("2024"), lexicon_key("a"), lexicon_key("example.com")
    ('share', None, None, None)
    """
    word = token.rstrip(".+")
    if len(word) < 2 or "." in word or "@" in word or any(ch.isdigit() for ch in word):
        return None
    return word


def lexicon_values(toks: Sequence[str], lexicon: Mapping[str, float]) -> tuple[float, int]:
    """(mean weight over the tokens, tokens weighing :data:`STRONG` or more) of a line."""
    if not toks:
        return 0.0, 0
    get = lexicon.get
    total, strong = 0.0, 0
    for token in toks:  # most tokens are no key and end in a letter: one look-up each
        weight = get(token)
        if weight is None:
            if token[-1] not in ".+" or (weight := get(token.rstrip(".+"))) is None:
                continue
        total += weight
        strong += weight >= STRONG
    return total / len(toks), strong


@lru_cache(maxsize=1)
def load_lexicon() -> dict[str, float]:
    """The shipped lexicon (``lexicon.json``): word -> weight."""
    data = json.loads(resources.files(__package__).joinpath("lexicon.json").read_text(encoding="utf-8"))
    return dict(data["weights"])


__all__ = ["CLIP", "STRONG", "lexicon_key", "lexicon_values", "load_lexicon"]
