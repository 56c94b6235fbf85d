"""Translation and typography family: repair what machine translation and careless copy-paste broke.

Two steps (the modules of this package: ``hyphenation``, ``repair`` with its ``prefilter``;
the repairs in ``punctuation``, ``words``, ``fragments``; ``sentences`` and the word lists of
``lexicon`` are shared):

* ``join_hyphenated_lines`` (text transform, run right after the encoding steps) — a word
  hyphenated across a line break is joined: ``"contin-\\nued"`` → ``"continued"``,
  ``"well-\\nknown"`` → ``"well-known"``, ``"co-\\ndirector"`` → ``"co-director"`` (the rule,
  with the word lists deciding, is in :func:`join_hyphenated_lines`).
* ``repair_typography`` (document filter) — every other kind of damage, each a
  *kind* that can be switched off with the ``kinds`` parameter:

  ========================  =====================================================
  kind                      repair
  ========================  =====================================================
  ``bracket``               ``"(G7). ) summit."`` → ``"(G7) summit."``; ``““`` → ``“``
  ``spacing``               ``"War , Soviet"`` → ``"War, Soviet"``; ``"( G7 )"`` → ``"(G7)"``
  ``run-together``          ``"ended.The next"`` → ``"ended. The next"``
  ``doubled-punctuation``   ``"ended.. The"`` → ``"ended. The"``; ``",,"``, ``"?."``
  ``doubled-word``          ``"the council council voted"`` → ``"the council voted"``
  ``orphan-fragment``       ``"… in Ukraine. have been."`` → ``"… in Ukraine."``;
                            ``"…final.” have been."`` → ``"…final.”"``
  ``apostrophe``            ``"LExpress"`` → ``"L’Express"`` when ``L’Express`` is in the document
  ``dangling-sentence``     ``"…atrocities.” It should be given."`` → ``"…atrocities.”"``
  ``broken-quote``          ``"rank of partner. special strategic”, i.e."`` →
                            ``"rank of partner special strategic, i.e."``
  ========================  =====================================================

  Quote and dash styles can be normalised too (``quotes``, ``dashes``; off by default).

Every repair is one edit per paragraph and kind: the edit's ``family`` is the kind, its
reason says what was changed (``"spacing: removed the space before ','"``).  The kinds run
in a loop until the paragraph no longer changes, so running these steps twice changes
nothing the second time.

What is never touched: ellipses, decimals and version numbers, URLs and e-mail addresses,
abbreviations (``U.S.``, ``Mr.``, ``a.m.``), words that legitimately repeat (``had had``,
``bye bye``, ``Bora Bora``: per language in ``data/translation/doubled_words/``), French
spacing before ``; : ! ?`` and inside « guillemets » in French text, and the punctuation of
other scripts (CJK full-width marks, the Arabic comma ``،``, Spanish ``¿¡``, German „quotes“).
"""

from __future__ import annotations

from .hyphenation import join_hyphenated_lines
from .repair import DEFAULT_KINDS, Kind, repair_typography

__all__ = ["DEFAULT_KINDS", "Kind", "join_hyphenated_lines", "repair_typography"]
