"""Fast paths of the chain give exactly what the slow paths gave: one-pass paragraph changes, summaries."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.document import Document
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
