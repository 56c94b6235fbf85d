"""Steps and fixtures the time-budget tests share (``test_robustness.py``, ``test_robustness_budget.py``)."""

from __future__ import annotations

import pytest

from cleaner import clean_article, paragraph_filter

from .corpus import article


@paragraph_filter()
def _spin_on_marker(paragraph, ctx):
    """Loops (in Python) on a paragraph saying SPIN."""
    while "SPIN" in paragraph:
        pass
    return paragraph


@pytest.fixture(autouse=True, scope="module")
def warm_up():
    """Load the language models first: a first document pays for them inside its time budget."""
    clean_article(article("A calm paragraph of plain English text for the models."))
