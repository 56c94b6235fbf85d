"""Phase 2a, document level — a reader-comment thread under the article.

A thread is told by its stamps: lines the timestamp rules call a post's stamp
(``'Posted by: jdoe42 at March 3, 2011 7:04 PM'``, ``'05-18-2005, 02:17 PM'``),
at least :data:`THREAD_STAMPS` of them standing together (no two more than
:data:`MAX_SPAN` lines apart, and :data:`MAX_GAP` on average: comments, not
chapters), after an article of at least :data:`ARTICLE_WORDS` words of prose
and :data:`ARTICLE_RATIO` times as long as a typical comment.  Only the last
such group counts: a thread is under the article, and stamps scattered through
a long text (articles joined one after the other, each with its dateline) are
no thread.  The thread runs from its first stamp to its last one and the
comment under it (as many lines as the stamps are apart): every line of it is
furniture, the comments' own sentences included.  A page that opens with a
stamp (a forum, a mailing-list archive) has no article above its posts, and a
forum's first post is no longer than its replies: there the posts are the
content and stay.

>>> stamps = {3: "timestamp.author-stamp", 5: "timestamp.author-stamp", 7: "timestamp.author-stamp"}
>>> thread_lines(stamps, [30, 40, 30, 3, 12, 3, 15, 3, 9, 4], [True, True, True, False, True, False, True, False, True, False])
[3, 4, 5, 6, 7, 8]
"""

from __future__ import annotations

from statistics import median
from typing import Mapping, Sequence

#: The rules whose verdicts are a post's stamp.
STAMP_RULES = frozenset({"timestamp.post-stamp", "timestamp.author-stamp"})
#: A thread has at least this many stamps ...
THREAD_STAMPS = 3
#: ... at most this many lines apart on average (the median gap) ...
MAX_GAP = 12
#: ... and never further apart than this: stamps further apart belong to different parts of the text ...
MAX_SPAN = 3 * MAX_GAP
#: ... under an article of at least this many words of prose lines ...
ARTICLE_WORDS = 80
#: ... and at least this many times the words of a typical comment (the median between two stamps).
ARTICLE_RATIO = 3


def thread_lines(rules: Mapping[int, str], words: Sequence[int], prose: Sequence[bool]) -> list[int]:
    """The indices of the lines of a comment thread (empty when there is none).

    ``rules`` maps the lines a rule judged furniture to the rule's id, ``words`` and
    ``prose`` give each line's word count and whether it is a sentence-like line.
    """
    stamps = sorted(i for i, rule in rules.items() if rule in STAMP_RULES)
    # The last group of stamps standing together: a thread is under the article, at the end.
    start = len(stamps) - 1
    while start > 0 and stamps[start] - stamps[start - 1] <= MAX_SPAN:
        start -= 1
    stamps = stamps[max(0, start) :]
    if len(stamps) < THREAD_STAMPS:
        return []
    first, last = stamps[0], stamps[-1]
    article = sum(w for w, p in zip(words[:first], prose[:first]) if p)
    gap = median(b - a for a, b in zip(stamps, stamps[1:]))
    comment = median(sum(words[a + 1 : b]) for a, b in zip(stamps, stamps[1:]))
    if article < max(ARTICLE_WORDS, ARTICLE_RATIO * comment) or gap > MAX_GAP:
        return []
    end = min(len(words), last + int(gap))  # the last stamp and the comment under it
    return list(range(first, end))
