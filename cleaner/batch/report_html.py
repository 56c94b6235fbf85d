"""The HTML report: the run's summary, and sample documents with every change marked and explained."""

from __future__ import annotations

import difflib
import html
import re
import unicodedata
from collections import Counter
from typing import TYPE_CHECKING, Any, Iterable, Iterator

from ..document import Edit, Result, split_paragraphs

if TYPE_CHECKING:
    from .report import Sample, Summary

_CSS = """
body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
table{border-collapse:collapse;margin:1rem 0}th,td{padding:.2rem .6rem;border-bottom:1px solid #ddd;text-align:right}
th:first-child,td:first-child{text-align:left}
del{background:#fdd;color:#900;text-decoration:line-through}
ins{background:#dfd;color:#060;text-decoration:none}
mark{background:#ffe58a}
.doc{border:1px solid #ccc;border-radius:6px;padding:.5rem 1rem;margin:1.5rem 0}
.doc p{margin:.4rem 0;white-space:pre-wrap}
.why{color:#777;font-size:80%;margin-left:.5rem}
.dropped{background:#fee;padding:.3rem .6rem}
.meta{color:#555;font-size:90%}
details{margin:.5rem 0}code{font-size:90%}
"""

#: Edits a reader can see in the text; documents with only tags or flags are not sampled.
VISIBLE = ("removed", "replaced", "dropped-document")
#: Unchanged paragraphs shown around changes; longer unchanged runs fold away.
_CONTEXT = 1

_TOKEN = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)  # linear: a run of one class, or one character
_WORD = re.compile(r"\w+")  # linear: a run of one class
#: Token-pairs product beyond which inline_diff lets difflib skip very frequent tokens.
_DIFF_LIMIT = 250_000
INVISIBLE = re.compile(r"[^\S ]|[\u00ad\u200b-\u200f\u2028-\u202f\u2060-\u2064\ufeff\u00a0]")  # linear: one character class


def _e(text: Any) -> str:
    return html.escape(str(text), quote=True)


def _visible(text: str) -> str:
    """Escape ``text``, showing invisible and unusual space characters by their code point."""
    if not INVISIBLE.search(text):
        return _e(text)
    out = []
    for ch in text:
        if INVISIBLE.fullmatch(ch):
            name = unicodedata.name(ch, "")
            out.append(f'<code title="{_e(name)}">[U+{ord(ch):04X}]</code>')
        else:
            out.append(_e(ch))
    return "".join(out)


def inline_diff(before: str, after: str) -> str:
    """HTML of a repaired paragraph: removed pieces in ``<del>``, added ones in ``<ins>``.

    >>> inline_diff("The cafe is open", "The café is open")
    'The <del>cafe</del><ins>café</ins> is open'
    """
    a, b = _TOKEN.findall(before), _TOKEN.findall(after)
    # Compare only what lies between the common start and end (cheap); on long paragraphs let
    # difflib ignore very frequent tokens (spaces, commas), which keeps it from going quadratic.
    head = 0
    while head < min(len(a), len(b)) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < min(len(a), len(b)) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    mid_a, mid_b = a[head : len(a) - tail], b[head : len(b) - tail]
    out = [_e("".join(a[:head]))]
    matcher = difflib.SequenceMatcher(None, mid_a, mid_b, autojunk=len(mid_a) * len(mid_b) > _DIFF_LIMIT)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.append(_e("".join(mid_a[i1:i2])))
            continue
        if i2 > i1:
            out.append(f"<del>{_visible(''.join(mid_a[i1:i2]))}</del>")
        if j2 > j1:
            out.append(f"<ins>{_visible(''.join(mid_b[j1:j2]))}</ins>")
    out.append(_e("".join(a[len(a) - tail :])))
    return "".join(out)


def reasons_by_paragraph(edits: Iterable[Edit]) -> dict[str, list[Edit]]:
    """Original paragraph text -> every edit that rewrote or removed it, in order.

    A paragraph repaired by one step and removed by a later one gets both edits: each
    rewritten text remembers the original paragraph it came from.
    """
    out: dict[str, list[Edit]] = {}
    origin: dict[str, str] = {}
    for e in edits:
        if e.paragraph is None or e.action not in ("removed", "replaced"):
            continue
        source = origin.get(e.before, e.before)
        out.setdefault(source, []).append(e)
        for part in split_paragraphs(e.after):
            origin.setdefault(part, source)
    return out


def align(original: str, result: Result) -> Iterator[tuple[str, str, str, list[Edit]]]:
    """``(kind, before, after, edits)`` for every paragraph of ``original`` and of the clean text, in order.

    ``kind`` is ``"kept"``, ``"removed"``, ``"rewritten"`` (``before`` became ``after``) or
    ``"added"``; ``edits`` are the edits that removed or rewrote ``before``.
    """
    before, after = split_paragraphs(original), split_paragraphs(result.text)
    if result.dropped:
        after = []
    reasons = reasons_by_paragraph(result.edits)
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        if op == "equal":
            yield from (("kept", p, p, []) for p in before[i1:i2])
            continue
        old, new = before[i1:i2], after[j1:j2]
        k = 0  # next unmatched paragraph of ``new``
        for para in old:
            match = _similar(para, new, k)
            if match is None:
                yield "removed", para, "", reasons.get(para, [])
                continue
            yield from (("added", "", p, []) for p in new[k:match])
            yield "rewritten", para, new[match], reasons.get(para, [])
            k = match + 1
        yield from (("added", "", p, []) for p in new[k:])


def _why(edits: list[Edit]) -> str:
    text = "; ".join(dict.fromkeys(f"{e.filter}: {e.reason}" for e in edits))
    return f'<span class="why">{_e(text)}</span>' if text else ""


def render_document(original: str, result: Result) -> str:
    """The original text with removed paragraphs struck through and repairs shown inline."""
    if result.dropped:
        return f'<p class="dropped">Dropped: {_e(result.drop_reason)}</p>' + "".join(
            f"<p><del>{_e(p)}</del></p>" for p in split_paragraphs(original)[:50]
        )
    out: list[str] = []
    kept: list[str] = []
    for kind, before, after, edits in align(original, result):
        if kind == "kept":
            kept.append(before)
            continue
        if kept:
            out.append(_unchanged(kept, first=len(out) == 0, last=False))
            kept = []
        if kind == "removed":
            out.append(f"<p><del>{_visible(before)}</del>{_why(edits)}</p>")
        elif kind == "added":
            out.append(f"<p><ins>{_visible(after)}</ins></p>")
        else:
            out.append(f"<p><mark>{inline_diff(before, after)}</mark>{_why(edits)}</p>")
    if kept:
        out.append(_unchanged(kept, first=len(out) == 0, last=True))
    return "".join(out)


def _similar(paragraph: str, candidates: list[str], start: int) -> int | None:
    """Index of the first candidate from ``start`` that is a repaired version of ``paragraph`` (mostly the same words)."""
    words = Counter(_WORD.findall(paragraph))
    size = sum(words.values())
    for i in range(start, len(candidates)):
        other = Counter(_WORD.findall(candidates[i]))
        shared = sum((words & other).values())
        if size and 2 * shared >= 0.6 * (size + sum(other.values())):
            return i
    return None


def _unchanged(paragraphs: list[str], *, first: bool, last: bool) -> str:
    """Unchanged paragraphs: a little context next to changes, the rest folded in a ``<details>``."""
    head = 0 if first else _CONTEXT
    tail = 0 if last else _CONTEXT
    if len(paragraphs) <= head + tail + 1:
        return "".join(f"<p>{_e(p)}</p>" for p in paragraphs)
    middle = paragraphs[head : len(paragraphs) - tail]
    folded = "".join(f"<p>{_e(p)}</p>" for p in middle)
    return (
        "".join(f"<p>{_e(p)}</p>" for p in paragraphs[:head])
        + f"<details><summary>{len(middle)} unchanged paragraph{'s' if len(middle) > 1 else ''}</summary>{folded}</details>"
        + "".join(f"<p>{_e(p)}</p>" for p in paragraphs[len(paragraphs) - tail :])
    )


def _place(entry: dict[str, Any]) -> str:
    """``path`` or ``path:line`` (record, row) of an errors.jsonl entry."""
    return ":".join(str(entry[k]) for k in ("path", "line", "record", "row") if k in entry)


def _which(places: list[str], total: int) -> str:
    """The places a reason dropped documents from, folded when there are many."""
    if not places:
        return ""
    shown = "<br>".join(_e(p) for p in places)
    more = f"<br>… and {total - len(places):,} more" if total > len(places) else ""
    return f"<details><summary>{_e(places[0])}{' …' if len(places) > 1 else ''}</summary>{shown}{more}</details>"


def _edit_rows(edits: Iterable[Edit]) -> str:
    rows = []
    for e in edits:
        if e.action == "tagged":
            change = f"{_e(e.before)} = {_e(e.after)}"
        elif e.paragraph is None and e.action == "replaced":
            change = "whole text" if e.before else ""
        else:
            change = inline_diff(e.before[:400], e.after[:400]) if e.after else (f"<del>{_visible(e.before[:400])}</del>" if e.before else "")
        rows.append(f"<tr><td>{_e(e.filter)}</td><td>{_e(e.action)}</td><td>{_e(e.reason)}</td><td style='text-align:left'>{change}</td></tr>")
    return "".join(rows)


def render_html(
    summary: Summary,
    samples: list[Sample],
    examples: dict[str, list[str]],
    failures: list[dict[str, Any]] | None = None,
    drops: dict[str, list[str]] | None = None,
) -> str:
    """The whole ``report.html`` page: the summary, the failed inputs with their errors, where documents were
    dropped for each reason, links from each step to its examples, and the samples."""
    d, f, r = summary.documents, summary.files, summary.run
    parts = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
        "<title>cleaner report</title>",
        f"<style>{_CSS}</style></head><body>",
        "<h1>cleaner report</h1>",
        f"<p class='meta'>chain: {_e(' → '.join(r.get('chain', [])))}<br>{r['seconds']:.1f} s, "
        f"{r['docs_per_second']:.1f} docs/s</p>",
        "<table><tr><th></th><th>read</th><th>cleaned</th><th>dropped</th><th>failed</th><th>skipped</th></tr>",
        f"<tr><td>documents</td><td>{d['read']:,}</td><td>{d['cleaned']:,}</td><td>{d['dropped']:,}</td><td>{d['failed']:,}</td><td></td></tr>",
        f"<tr><td>files</td><td></td><td>{f['processed']:,}</td><td></td><td>{f['failed']:,}</td><td>{f['skipped']:,}</td></tr></table>",
    ]
    if r.get("interrupted"):
        parts.append("<p class='dropped'>This run was interrupted: the counts cover what it finished.</p>")
    if failures:
        parts.append(f"<h2>Failed ({len(failures):,} listed; all in errors.jsonl)</h2><table><tr><th>input</th><th>error</th></tr>")
        parts += [f"<tr><td>{_e(_place(e))}</td><td>{_e(e.get('error'))}</td></tr>" for e in failures]
        parts.append("</table>")
    if summary.dropped:
        parts.append("<h2>Dropped</h2><table><tr><th>reason</th><th>documents</th><th>which (all in dropped.jsonl)</th></tr>")
        parts += [
            f"<tr><td>{_e(k)}</td><td>{v:,}</td><td>{_which((drops or {}).get(k, []), v)}</td></tr>" for k, v in summary.dropped.items()
        ]
        parts.append("</table>")
    parts.append(
        "<h2>Steps</h2><table><tr><th>step</th><th>docs touched</th><th>lines removed</th>"
        "<th>chars removed</th><th>time (s)</th><th>examples</th></tr>"
    )
    for name, s in summary.steps.items():
        links = " ".join(f"<a href='#{_e(i)}'>{_e(i)}</a>" for i in examples.get(name, []))
        parts.append(
            f"<tr><td>{_e(name)}</td><td>{s['documents_touched']:,}</td><td>{s['lines_removed']:,}</td>"
            f"<td>{s['chars_removed']:,}</td><td>{s['seconds']:.2f}</td><td>{links}</td></tr>"
        )
    parts.append("</table>")
    parts.append(
        f"<h2>Sample documents ({len(samples)})</h2><p class='meta'>Removed text is <del>struck through</del>, "
        "repaired paragraphs are <mark>highlighted</mark> with the old text <del>struck</del> and the new "
        "<ins>underlined in green</ins>; grey notes say which step did it and why.</p>"
    )
    for s in samples:
        title = s.result.title
        parts.append(f"<div class='doc' id='{_e(s.id)}'><h3>{_e(s.id)}: {_e(s.where)}</h3>")
        if title:
            parts.append(f"<p class='meta'>title: {_e(title)}</p>")
        parts.append(f"<p class='meta'>changed by: {_e(', '.join(s.steps) or 'nothing')}</p>")
        parts.append(render_document(s.original, s.result))
        parts.append(
            "<details><summary>edit log</summary><table><tr><th>step</th><th>action</th><th>reason</th>"
            f"<th>change</th></tr>{_edit_rows(s.result.edits)}</table></details></div>"
        )
    parts.append("</body></html>\n")
    return "\n".join(parts)

