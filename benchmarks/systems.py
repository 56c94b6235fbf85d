"""The systems ``quality.py`` compares: trafilatura settings, line-filter baselines, ``cleaner``.

Each system takes a :class:`pages.Page` and returns its text and, for
``cleaner``, the :class:`cleaner.Result` (else ``None``).

Line-filter baselines for whole-page text dumps (what a scraper pipeline without
an HTML extractor would do):

* :func:`c4_lines` — the C4 line rules (Raffel et al. 2020): keep a line only
  when it has at least 3 words and ends in terminal punctuation, and drop lines
  that mention javascript. C4's page-level rules (fewer than 5 sentences,
  ``lorem ipsum``, curly brackets) are left out: they drop whole pages, and a
  benchmark page always has an article;
* :func:`datatrove_lines` — the same plus the extra line rules of datatrove's
  ``C4QualityFilter``: policy and cookie lines and Wikipedia-style citation
  marks (``[1]``, ``[edit]``).

>>> c4_lines("Home\\nNews\\nThe mayor opened the bridge.\\nShare this story\\nIt works well!")
'The mayor opened the bridge.\\nIt works well!'
>>> datatrove_lines("This site uses cookies to work.\\nThe bridge opened[1] on Monday.")
'The bridge opened on Monday.'
"""

from __future__ import annotations

import re
from typing import Any, Callable

from pages import Page, page_text, page_text_nodes

#: C4: a kept line has at least this many words.
C4_MIN_WORDS = 3
#: C4: a kept line ends in one of these (closing quotes and brackets after them are allowed).
C4_END = re.compile(r"""[.!?…]["'”’»)\]]*$""")
#: datatrove's C4QualityFilter also drops lines holding one of these.
POLICY = ("terms of use", "privacy policy", "cookie policy", "uses cookies", "use of cookies", "use cookies")
CITATION = re.compile(r"\[\d+\]|\[edit\]|\[citation needed\]", re.IGNORECASE)

System = Callable[[Page], "tuple[str | None, Any]"]


def _c4_keeps(line: str) -> bool:
    line = line.strip()
    return len(line.split()) >= C4_MIN_WORDS and bool(C4_END.search(line)) and "javascript" not in line.lower()


def c4_lines(text: str) -> str:
    """The lines of ``text`` that C4's line rules keep."""
    return "\n".join(line.strip() for line in text.splitlines() if _c4_keeps(line))


def datatrove_lines(text: str) -> str:
    """C4's line rules plus datatrove's policy-line and citation rules."""
    kept = []
    for line in text.splitlines():
        line = CITATION.sub("", line)
        if _c4_keeps(line) and not any(p in line.lower() for p in POLICY):
            kept.append(line.strip())
    return "\n".join(kept)


#: trafilatura settings measured by ``quality.py --view settings`` (keyword arguments of ``extract``).
TRAFILATURA_SETTINGS: dict[str, dict[str, Any]] = {
    "defaults (comments on)": {},
    "default, no comments": {"include_comments": False},
    "default, no comments, no tables": {"include_comments": False, "include_tables": False},
    "favor_precision": {"include_comments": False, "favor_precision": True},
    "favor_precision, no tables": {"include_comments": False, "favor_precision": True, "include_tables": False},
    "favor_recall": {"include_comments": False, "favor_recall": True},
    "favor_recall, no tables": {"include_comments": False, "favor_recall": True, "include_tables": False},
    "fast (no fallback extractors)": {"include_comments": False, "fast": True},
    "favor_precision, fast": {"include_comments": False, "favor_precision": True, "fast": True},
}
#: Also scored: a setting, then the recall setting of the same tables choice when it finds nothing
#: (what ``cleaner.inputs.extract_html`` does).
FALLBACKS = {
    "favor_precision + recall fallback": ("favor_precision", "favor_recall"),
    "favor_precision, no tables + recall fallback": ("favor_precision, no tables", "favor_recall, no tables"),
    "default, no comments + recall fallback": ("default, no comments", "favor_recall"),
}


def trafilatura_text(page: Page, **settings: Any) -> str | None:
    import trafilatura

    return trafilatura.extract(page.html, url=page.url, **settings)


def _cleaner(text: str, page: Page, html: bool) -> tuple[str | None, Any]:
    from cleaner import clean_article

    result = clean_article(text, url=page.url, html=html)
    return result.text, result


#: Every system by name; ``quality.py`` runs each once per page and scores it in every view it is in.
SYSTEMS: dict[str, System] = {
    "trafilatura": lambda page: (trafilatura_text(page), None),
    "trafilatura-precision": lambda page: (
        trafilatura_text(page, favor_precision=True, include_comments=False),
        None,
    ),
    "cleaner": lambda page: _cleaner(page.html, page, html=True),
    "dump": lambda page: (page_text(page.html), None),
    "C4 line filter": lambda page: (c4_lines(page_text(page.html)), None),
    "datatrove-like C4 lines": lambda page: (datatrove_lines(page_text(page.html)), None),
    "cleaner on the dump": lambda page: _cleaner(page_text(page.html), page, html=False),
    "text nodes": lambda page: (page_text_nodes(page.html), None),
    "C4 line filter on text nodes": lambda page: (c4_lines(page_text_nodes(page.html)), None),
    "cleaner on the text nodes": lambda page: _cleaner(page_text_nodes(page.html), page, html=False),
}
#: The systems of each view, in table order (trafilatura on the HTML is the dump view's reference).
VIEWS = {
    "html": ("trafilatura", "trafilatura-precision", "cleaner"),
    "dump": ("dump", "C4 line filter", "datatrove-like C4 lines", "trafilatura", "cleaner on the dump"),
    # get_text() of the whole body, script and style source included (pages.page_text_nodes)
    "nodes": ("text nodes", "C4 line filter on text nodes", "trafilatura", "cleaner on the text nodes"),
}
