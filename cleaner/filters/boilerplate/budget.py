"""Phase 6 — nothing real lost: a per-line damage budget inside the step.

Damage is counted in the words of sentence-like lines (terminal punctuation,
:data:`SENTENCE_WORDS` words or more): losing short link lines costs nothing,
losing prose does.  When the removals planned for a document would take more
than :data:`MAX_SHARE` of those words (and it is not a whole-page dump, where most
words are furniture), the least certain removals by the model or the context
are undone first until the document is back within the budget; a rule's
verdict (specific evidence) is not undone here.  A document is never emptied
by the model (the line it is least sure of stays), and never by one rule alone
when it has :data:`SHORT_WORDS` words or more.

>>> plan = {0: 0.99, 1: 0.6, 2: 0.7}
>>> sorted(within_budget(plan, rules={0: "caption.bracket-credit"}, words=[5, 40, 10, 45], sentences=[True] * 4))
[0, 2]
"""

from __future__ import annotations

from typing import Mapping, Sequence

#: The most of a (non-dump) document's words the step may remove.
MAX_SHARE = 0.5
#: Documents shorter than this are not held to the share (a short brief plus its furniture).
MIN_WORDS = 50
#: A line of this many words ending in terminal punctuation counts as a sentence.
SENTENCE_WORDS = 6
#: A document of this many words is never emptied by a single rule.
SHORT_WORDS = 20


def within_budget(
    plan: Mapping[int, float], rules: Mapping[int, str], words: Sequence[int], sentences: Sequence[bool], *, dump: bool = False
) -> dict[int, float]:
    """The planned removals (index -> probability) that stay.

    ``rules`` maps rule-decided lines to their rule id; ``sentences`` marks the sentence-like lines.
    """
    total = sum(words)
    kept = dict(plan)
    if not plan or not total:
        return kept
    if len(plan) == len(words):  # the document would be emptied
        by_model = [i for i in plan if i not in rules]
        if by_model:  # the most content-like line the model judged stays
            del kept[min(by_model, key=lambda i: (plan[i], i))]
            return kept
        if len({rules[i] for i in plan}) == 1 and total >= SHORT_WORDS:
            return {}
    prose = sum(w for w, s in zip(words, sentences) if s)
    if dump or prose < MIN_WORDS:
        return kept
    removed = sum(words[i] for i in kept if sentences[i])
    for i in sorted((i for i in kept if i not in rules and sentences[i]), key=lambda i: (kept[i], -i)):
        if removed <= MAX_SHARE * prose:
            break
        removed -= words[i]
        del kept[i]
    return kept
