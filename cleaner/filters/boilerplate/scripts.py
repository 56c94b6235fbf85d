"""Phase 2a, document level — the page's own script and style source left in its text.

Text saved with BeautifulSoup's ``get_text()``, lxml's ``itertext()`` or a
crawler's text field keeps what the page's ``<script>`` and ``<style>``
elements held: JavaScript statements and CSS rules, a line each, above, inside
and under the article.  A line is *code-shaped* when it ends as a statement or
a block does (``;`` ``{`` ``}``) and has code syntax in it (an assignment, a
call written ``name(``, a member call, ``function``, a CSS declaration), when
it is a comment (``//`` ``/*``), when it opens with an assignment
(``slides[3] = "beach.jpg"``) or when it is only brackets (``});``).  A run
of consecutive code-shaped lines is the page's script when one of its lines
names the scripting environment of a page (``document.``, ``window.``,
jQuery's ``$(``, an ad or analytics object, a ``var`` declaration, a
CSS declaration): then the whole run goes.  A code sample in an article about
C# or SQL names none of these and stays.  Text from HTML is not looked at: the
extractor has already dropped the page's scripts, and code left there came from
the article's own ``<pre>`` blocks.

>>> script_lines(["var slides = new Array();", "slides[0] = 'home.jpg';", "}", "The mayor spoke on Monday."])
[0, 1, 2]
>>> script_lines(["Call it like this:", "total = add(1, 2);", "print(total);"])
[]
>>> script_lines([".article-body p { margin: 0 0 1em; }", "The mayor spoke on Monday."])
[0]
"""

from __future__ import annotations

from typing import Sequence

import regex

from ...patterns import TIMEOUT

#: Last characters of a statement or a block: a line ending otherwise is not code-shaped (no regex runs on it).
_CODE_ENDS = frozenset(";{}")
_ONLY_BRACKETS = regex.compile(r"[{}()\[\];,\s]+")
#: A CSS declaration: a line of its own (``color: #333;``) or the first one of a block (``.byline a { color: #333; }``).
_CSS_DECLARATION = r"^\s*[-a-z]+\s*:\s*[^;{}]+;\s*$|\{\s*[-a-z]+\s*:\s*[^;{}]+;"
# Code syntax: an assignment, a call with no space before its bracket, a member call, ``function``,
# a CSS declaration or a selector opening a block. Each alternative is anchored or bounded by classes.
_SYNTAX = regex.compile(
    r"[\w\]\)]\s*[-+*/]?=\s*[^=\s]|[\w$\]\)]\(|\.[A-Za-z_$][\w$]*\s*\("
    r"|\bfunction\b|^[^{}]+\{\s*$|" + _CSS_DECLARATION
)
# A line opening with an assignment to a name, a member or an indexed element.
_ASSIGNMENT = regex.compile(r"[\w$.]+(?:\[[^\[\]]{0,40}\])*\s*[-+*/]?=\s*[^=\s]")
# The scripting environment of a web page: browser objects, jQuery, ad and analytics objects,
# a declaration, a CSS declaration (``color: #333;``) or the CDATA wrapper of an inline script.
_PAGE_SCRIPT = regex.compile(
    r"\b(?:document|window|navigator|jQuery|googletag|dataLayer|gtag|_gaq|_paq|fbq|adsbygoogle|console)\s*[.(\[]"
    r"|\$\(|\bfunction\s*[\w$]*\s*\(|\b(?:var|let|const)\s+[\w$]+\s*=|<!\[CDATA\[|\]\]>|" + _CSS_DECLARATION
)


def code_shaped(text: str) -> bool:
    """Whether a stripped line reads as a statement, a block edge or a comment of program source.

    >>> code_shaped("document.getElementById('nav').style.display = 'none';"), code_shaped("He left; she stayed;")
    (True, False)
    """
    if text.startswith(("//", "/*")):
        return True
    if " //" in text:  # a statement with a comment after it is judged without the comment
        text = text.split(" //", 1)[0].rstrip()
    if "=" in text and _ASSIGNMENT.match(text, timeout=TIMEOUT):
        return True  # 'slides[3] = "beach.jpg"': a statement needs no semicolon
    if not text or text[-1] not in _CODE_ENDS:
        return False
    if _ONLY_BRACKETS.fullmatch(text, timeout=TIMEOUT):
        return True
    return _SYNTAX.search(text, timeout=TIMEOUT) is not None


def script_lines(texts: Sequence[str]) -> list[int]:
    """The indices of the lines that are runs of a page's script or style source (see the module docstring)."""
    memo: dict[str, tuple[bool, bool]] = {}  # text -> (code-shaped, names the page's scripting environment)
    out: list[int] = []
    run: list[int] = []
    evidence = False
    for i, text in enumerate([*texts, ""]):
        seen = memo.get(text)
        if seen is None:
            shaped = code_shaped(text)
            seen = memo[text] = (shaped, shaped and _PAGE_SCRIPT.search(text, timeout=TIMEOUT) is not None)
        if seen[0]:
            run.append(i)
            evidence = evidence or seen[1]
            continue
        if run and evidence:
            out.extend(run)
        run, evidence = [], False
    return out
