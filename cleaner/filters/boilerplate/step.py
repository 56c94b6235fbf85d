"""``remove_boilerplate``: the phases of the family, run once per document.

1. features (:mod:`.features`), 2a. rules (:mod:`.rules`, :mod:`.sweep`),
2b. model score (:mod:`.model`), 3. context revision (:mod:`.context`),
4. article regions of whole-page dumps (:mod:`.regions`), 6. damage budget
(:mod:`.budget`).  Furniture glued to a paragraph is cut first (:mod:`.seams`).  Every removal's
``reason`` starts with the id of what decided it (a rule id such as
``share.phrase``, or ``model``, ``context``, ``region``, ``pattern``) followed by
``": "`` and the evidence.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Sequence

import regex

from ...document import Document
from ...patterns import TIMEOUT
from ...registry import document_filter
from .budget import SENTENCE_WORDS, within_budget
from .context import (
    LONG_WORDS, MID_CUT, READER_WORDS, SURE_FURNITURE, SURE_FURNITURE_HTML, enumerated, furniture_blocks, revise,
)
from .features import Line, document_table
from .model import is_prose, load_model, row_maker
from .regions import article_regions, is_dump
from .rules_shape import Verdict
from .scripts import code_shaped, script_lines
from .seams import cut
from .sweep import rule_verdicts
from .threads import thread_lines
from .title import headline_lines
from .vocabulary import FAMILIES, vocabulary

#: Documents of this many words are flagged when the budget held removals back.
FLAG_WORDS = 50
#: Rounds of rules + model at most (each round judges the lines the previous rounds left).
MAX_ROUNDS = 12
#: Passes at most over a whole-page dump (each on the lines the previous one kept).
MAX_PASSES = 6
#: Model probability given to lines a rule found furniture, when regions are scored.
RULE_SCORE = 0.95


@lru_cache(maxsize=16)
def _compiled(patterns: tuple[str, ...]) -> tuple[regex.Pattern[str], ...]:
    return tuple(regex.compile(p, regex.IGNORECASE | regex.VERSION1) for p in patterns)


def _full_matches(patterns: Sequence[regex.Pattern[str]], table: Sequence[Line], doc: Document) -> list[int | None]:
    """For each line, the index of the first pattern matching it in full (None); a pattern that times out is dropped for the document."""
    out: list[int | None] = [None] * len(table)
    live = list(enumerate(patterns))
    for i, line in enumerate(table):
        for k, pattern in list(live):
            try:
                if pattern.fullmatch(line.text, timeout=TIMEOUT):
                    out[i] = k
                    break
            except TimeoutError:
                live.remove((k, pattern))
                doc.flag("pattern-timeout", f"the pattern {pattern.pattern!r} timed out; not used for this document")
    return out


def _model_family(line: Line) -> str:
    """The family a model-only removal is counted under, from the line's strongest trait."""
    if line.social:
        return "share"
    if line.urls:
        return "link"
    if line.calendar or line.numbers >= 0.3:
        return "timestamp"
    if _addresses_reader(line):
        return "prompt"
    return "navigation"


def _addresses_reader(line: Line) -> bool:
    """Reader-address evidence: words that talk to the reader about acting on the site, or network names."""
    return line.reader >= READER_WORDS or line.social >= 0.5


def _traits(line: Line) -> str:
    parts = [f"{line.words} word{'s' if line.words != 1 else ''}"]
    if not line.terminal:
        parts.append("no terminal punctuation")
    if line.social:
        parts.append("social-network names")
    if line.separators:
        parts.append("separators")
    if line.calendar:
        parts.append("date words")
    reader = [f"{n} {name}" for name, n in (("you", line.you), ("our", line.our), ("action", line.action), ("site", line.site)) if n]
    if reader:
        parts.append("reader words: " + " ".join(reader))
    return ", ".join(parts)


@document_filter(family="boilerplate")
def remove_boilerplate(
    doc: Document,
    *,
    families: list[str] = list(FAMILIES),
    edge_lines: int = 4,
    extra_phrases: dict[str, list[str]] = {},
    extra_patterns: dict[str, list[str]] = {},
    keep_patterns: list[str] = [],
    cut_seams: bool = True,
    use_model: bool = True,
    whole_page: bool = True,
) -> None:
    """Remove page furniture lines: share, navigation, promo, prompt, caption, markup, link, timestamp, byline, credit, copyright, comments.

    ``"Share on Facebook"``, ``"READ ALSO: A deserter testifies"``,
    ``"Updated 3 hours ago"``, ``"td-post-content"`` → removed;
    ``"…a paper in March.scroll to top"`` → ``"…a paper in March."``.

    * ``families``: the families to apply (leave one out to switch it off).
    * ``edge_lines``: lines within this distance of either end count as head
      or tail, where weaker evidence suffices (a date, a prompt sentence).
    * ``extra_phrases``: family -> more phrases, used like the built-in ones
      (also the vocabularies ``social``, ``nav``, ``time``, ``agency`` …).
    * ``extra_patterns``: family -> regular expressions; a line they match
      in full is removed with that family.
    * ``keep_patterns``: regular expressions; a line one matches in full is
      never removed.
    * ``cut_seams``: cut furniture glued to the start or end of a paragraph.
    * ``use_model``: let the learned line score remove furniture no rule knows.
    * ``whole_page``: on a whole-page dump, keep only the article region(s).
    """
    if not doc.paragraphs:
        return
    voc = vocabulary(tuple((k, tuple(v)) for k, v in sorted(extra_phrases.items())))
    enabled = set(families)
    if cut_seams:  # first, so that every line is judged as a second cleaning would see it
        _cut_seams(doc, voc, enabled)
    table = document_table(doc, voc)
    keep = _full_matches(_compiled(tuple(keep_patterns)), table, doc)
    user = [(f, p) for f, ps in sorted(extra_patterns.items()) if f in enabled for p in _compiled(tuple(ps))]
    forced = _full_matches([p for _, p in user], table, doc)
    title = doc.meta.get("title") if isinstance(doc.meta.get("title"), str) else None
    model = load_model() if use_model else None
    words = [line.words for line in table]
    plan: dict[int, str] = {}
    families_of: dict[int, str] = {}
    scores = [0.0] * len(table)
    rule_ids: dict[int, str] = {}
    alive = list(range(len(table)))
    sentence_like = [is_prose(line) for line in table]
    was_dump = False
    headlines = doc.cache.setdefault("boilerplate.headlines", {})  # a settle round asks about the same first lines
    html = doc.meta.get("format") == "html"
    for _ in range(MAX_PASSES):  # each pass judges what a second cleaning would see
        # HTML input was already reduced to its main text by the extractor: no whole-page regions.
        dump = bool(model) and whole_page and not html and is_dump([table[i] for i in alive])
        was_dump = was_dump or dump
        kept = list(alive)
        for _ in range(MAX_ROUNDS):  # until nothing changes
            found = _one_round(table, kept, voc, enabled, edge_lines, title, model, keep, forced, user, scores, dump, html, headlines)
            if not found:
                break
            for i, (reason, family, rule) in found.items():
                plan[i], families_of[i] = reason, family
                if rule:
                    rule_ids[i] = rule
            kept = [i for i in kept if i not in found]
        outside = _outside_regions(table, alive, scores, rule_ids, sentence_like) if dump and "region" in enabled else {}
        for i, reason in outside.items():
            if i not in plan and keep[i] is None:
                plan[i], families_of[i] = reason, "region"
        following = [i for i in alive if i not in plan]
        if not outside or following == alive:
            break
        alive = following
    plan = {i: r for i, r in plan.items() if families_of[i] in enabled}
    certainty = {i: scores[i] for i in plan}
    sentences = [line.terminal and line.words >= SENTENCE_WORDS for line in table]
    kept_plan = within_budget(certainty, rule_ids, words, sentences, dump=was_dump)
    doc.apply({i: ("", plan[i], families_of[i]) for i in kept_plan})  # one pass, edits in document order
    if len(kept_plan) < len(plan) and sum(words) >= FLAG_WORDS:
        doc.flag("boilerplate-budget", f"{len(plan) - len(kept_plan)} planned removals undone to keep the document's words")


def _one_round(
    table: Sequence[Line], kept: list[int], voc, enabled: set[str], edge_lines: int, title: str | None, model,
    keep: list[int | None], forced: list[int | None], user: list, scores: list[float], dump: bool, html: bool,
    headlines: dict | None = None,
) -> dict[int, tuple[str, str, str | None]]:
    """Phases 2a-3 on the lines still kept: index -> (reason, family, rule id or None for model/context).

    In an article (not a whole-page dump) the model and the context remove lines only within
    ``edge_lines`` of an end: a list of links or a bare URL in mid-article is more often the
    article's own than furniture, and the rounds peel furniture blocks from the ends inwards.
    """
    sub = [table[i] for i in kept]
    verdicts = {kept[k]: v for k, v in rule_verdicts(sub, voc, enabled, edge_lines, title, headlines).items()}
    for i in kept:
        if forced[i] is not None:
            f, pattern = user[forced[i]]
            verdicts[i] = Verdict(f, "pattern", f"the line matches the configured pattern {pattern.pattern!r}")
    prose = [is_prose(line) for line in sub]
    if "comments" in enabled:
        ids = {k: verdicts[i].rule for k, i in enumerate(kept) if i in verdicts}
        thread = thread_lines(ids, [line.words for line in sub], prose)
        evidence = f"a reader-comment thread under the article (lines {kept[thread[0]] + 1}-{kept[thread[-1]] + 1})" if thread else ""
        for k in thread:
            verdicts.setdefault(kept[k], Verdict("comments", "comments.thread", evidence))
    if "markup" in enabled and not html:
        code = script_lines([line.text for line in sub])
        for k in code:
            verdicts.setdefault(kept[k], Verdict("markup", "markup.script", f"the page's script or style source ({len(code)} code lines)"))
    hits = [i in verdicts for i in kept]
    probabilities = model.score(sub, hits) if model else [1.0 if h else 0.0 for h in hits]
    n = len(sub)
    edges = [min(k, n - 1 - k) < edge_lines for k in range(n)]
    # Text from HTML was already cut to its main content by the extractor: what is left there needs stronger
    # evidence, and runs of short lines or reader-address lines left in it are more often lists and posts.
    standalone = [not html and p >= MID_CUT and _addresses_reader(line) for p, line in zip(probabilities, sub)]
    sure = SURE_FURNITURE_HTML if html else SURE_FURNITURE
    revised = revise(probabilities, hits, [line.words for line in sub], edges, standalone, sure, prose) if model else hits
    blocks = furniture_blocks(probabilities, hits, prose) if model and not html else hits
    # The headline extract_title will take: judged on the lines the rules leave (widgets under it go first).
    unruled = [k for k, i in enumerate(kept) if i not in verdicts][:3]
    protected = {kept[unruled[k]] for k in headline_lines([sub[k].text for k in unruled], title, headlines)}
    protected.update(kept[k] for k in enumerated([line.text for line in sub]))
    if not any(prose):
        revised = blocks = [False] * len(sub)  # without prose to compare with, only the rules decide
    found: dict[int, tuple[str, str, str | None]] = {}
    row = None  # whole vectors are built only to explain a model removal
    for k, i in enumerate(kept):
        scores[i] = probabilities[k]
        line = table[i]
        if keep[i] is not None:
            continue
        if i in verdicts:
            v = verdicts[i]
            found[i] = (f"{v.rule}: {v.evidence}" + (f" (model p={scores[i]:.2f})" if model else ""), v.family, v.rule)
        elif (
            # Inside the article, a line the model alone is sure of goes when the context found furniture beside
            # it (a widget of two or three lines between paragraphs); text from HTML keeps it (see above).
            (blocks[k] or revised[k] and (dump or edges[k] or standalone[k] or not html and scores[i] >= sure))
            and line.words < LONG_WORDS and not line.table_row and i not in protected
            and (line.words or not code_shaped(line.text))  # a bare '}' or '});' closes the code above it
        ):
            rule = "model" if scores[i] >= sure else "block" if blocks[k] else "context"
            family = _model_family(line)
            if family in enabled:
                row = row or row_maker(sub, hits)
                found[i] = (f"{rule}: p={scores[i]:.2f}; {_traits(line)}; {model.explain(row(k))}", family, None)
    return found


def _outside_regions(
    table: Sequence[Line], alive: list[int], scores: list[float], rule_ids: dict[int, str], sentence_like: list[bool]
) -> dict[int, str]:
    """Lines of a whole-page dump outside its article region(s), with the reason."""
    region_scores = [max(scores[i], RULE_SCORE) if i in rule_ids else scores[i] for i in alive]
    spans = article_regions(region_scores, [table[i].words for i in alive], [sentence_like[i] for i in alive])
    if spans is None:  # no region is the article: the lines are judged as in an article
        return {}
    inside = {alive[k] for s, e in spans for k in range(s, e)}
    where = ", ".join(f"lines {alive[s] + 1}-{alive[e - 1] + 1}" for s, e in spans)
    traits: dict[Line, str] = {}  # by row: a repeated line shares its row (a million lines, a thousand rows)
    out = {}
    for i in alive:
        if i not in inside:
            line = table[i]
            trait = traits.get(line) or traits.setdefault(line, _traits(line))
            out[i] = f"region: outside the article region ({where}); p={scores[i]:.2f}; {trait}"
    return out


def _cut_seams(doc: Document, voc, enabled: set[str]) -> None:
    # What was cut from a paragraph is remembered by its text (a settle round sees the same paragraphs).
    memo = doc.cache.setdefault(("boilerplate.seams", voc, frozenset(enabled)), {})
    for i in range(len(doc.paragraphs)):
        paragraph = doc.paragraphs[i]
        if paragraph not in memo:
            found = cut(paragraph, voc, enabled)
            memo[paragraph] = found if found[1] else None
        if memo[paragraph] is None:
            continue
        text, pieces, family = memo[paragraph]
        if pieces:
            doc.replace(i, text, "seam: cut furniture glued to the paragraph: " + ", ".join(repr(p) for p in pieces), family)
