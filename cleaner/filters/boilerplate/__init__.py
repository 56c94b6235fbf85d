"""Boilerplate family: page furniture that crawlers leave in article text.

Steps, in the order the default chain runs them:

* ``remove_boilerplate`` — furniture lines, decided per document in phases
  (see ``docs/architecture.md``):

  1. **features** (:mod:`.features`): one row per line, computed once and
     shared with the title and duplicate steps;
  2. **rules** (:mod:`.rules`, :mod:`.rules_shape`, :mod:`.sweep`): known
     furniture by vocabulary (data files per language) and shape, each with a
     stable rule id; and the **model** (:mod:`.model`): a logistic regression
     giving every line a furniture probability;
  3. **context revision** (:mod:`.context`): uncertain lines take the class of
     the lines around them;
  4. **regions** (:mod:`.regions`): on a whole-page dump, only the article
     region(s) stay;
  5. every removal's ``reason`` names the rule or ``model``/``context``/
     ``region`` and its evidence;
  6. **budget** (:mod:`.budget`): the least certain removals are undone when a
     document would lose too much.

  Families: ``share``, ``navigation``, ``promo``, ``prompt``, ``caption``,
  ``markup``, ``link``, ``timestamp``, ``byline``, ``credit``, ``copyright``
  and ``region`` (outside the article of a whole-page dump).
* ``remove_duplicate_paragraphs`` (:mod:`.duplicates`) — repeated paragraphs.
* ``extract_title`` (:mod:`.title`) — the headline into ``meta["title"]``.
"""

from .duplicates import remove_duplicate_paragraphs
from .features import document_table, line_table
from .step import remove_boilerplate
from .title import extract_title, strip_site_suffix
from .vocabulary import FAMILIES, build_vocabulary, line_key

__all__ = [
    "FAMILIES", "build_vocabulary", "document_table", "extract_title", "line_key", "line_table",
    "remove_boilerplate", "remove_duplicate_paragraphs", "strip_site_suffix",
]
