"""Benchmark pages, their whole-page text dumps, and line labels aligned with the ground truth.

Shared by ``benchmarks/quality.py`` and the training scripts (which put the
``benchmarks`` folder on ``sys.path`` and ``import pages``):

* :func:`load_set` reads one set of ``$CLEANER_SHARED/bench/extraction/``
  (``scrapinghub-aeb``, ``cleaneval-dragnet``, ``train-extra``) in a fixed order;
* :func:`page_text` renders a page's HTML as the whole-page text a text-dump
  scraper saves (one line per block element), cached on disk;
* :func:`label_lines` marks which lines of such a dump are article content by
  aligning their tokens with the gold text;
* :func:`page_site` gives a page's host, to group cross-validation folds by site;
* the scoring metric lives in :mod:`metric` and is re-exported here.

Run ``python benchmarks/pages.py [--bench NAME] [--limit N]`` to measure the
labels against the gold text (see :func:`label_quality`).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import re
import sys
from bisect import bisect_left
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

from metric import page_scores, prf, shingles, tokens

__all__ = [
    "SETS", "DataMissing", "Page", "load_set", "page_site", "page_text", "page_text_nodes", "label_lines", "matched_tokens", "label_quality",
    "page_scores", "prf", "shingles", "tokens",
]

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CLEANER_SHARED", ROOT.parent / "shared"))
BENCH = SHARED / "bench" / "extraction"
SETS = ("scrapinghub-aeb", "cleaneval-dragnet", "train-extra")
#: Rendered dumps are cached here, one file per page, keyed by HTML + renderer version
#: (``$CLEANER_BENCH_CACHE`` lets several checkouts share one; default: the gitignored ``benchmarks/.cache``).
CACHE = Path(os.environ.get("CLEANER_BENCH_CACHE", ROOT / "benchmarks" / ".cache")) / "dump"
#: Bump when :func:`page_text` changes its output, so stale cached dumps are not reused.
RENDERER_VERSION = "1"


class DataMissing(FileNotFoundError):
    """A benchmark set is not on this machine (scripts exit 0 with the message, tests skip)."""


@dataclass(frozen=True)
class Page:
    id: str
    html: str
    gold: str
    url: str | None
    source: str


def set_folder(name: str) -> Path:
    """The folder of one set, or :class:`DataMissing` naming where it was looked for."""
    if name not in SETS:
        raise ValueError(f"unknown set {name!r}; expected one of {', '.join(SETS)}")
    folder = BENCH / name
    if not (folder / "ground-truth.json").is_file():
        raise DataMissing(f"benchmark set {name!r} not found in {folder} (set CLEANER_SHARED)")
    return folder


def load_set(name: str, limit: int | None = None) -> list[Page]:
    """The pages of one set sorted by id (the first ``limit`` of them), skipping ids without HTML."""
    folder = set_folder(name)
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for page_id in sorted(truth):
        path = folder / "html" / f"{page_id}.html.gz"
        if not path.exists():
            continue
        html = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
        entry = truth[page_id]
        pages.append(Page(page_id, html, entry.get("articleBody") or "", entry.get("url"), entry.get("source") or name))
        if limit and len(pages) >= limit:
            break
    return pages


_CANONICAL = re.compile(
    r"""<(?:link[^>]+rel=["']?canonical["']?[^>]*href|meta[^>]+property=["']og:url["'][^>]*content)=["']?([^"'\s>]+)""",
    re.IGNORECASE,
)


def page_site(page: Page) -> str:
    """The host a page comes from, for grouping cross-validation folds by site.

    From its URL, else its ``<link rel=canonical>`` or ``og:url`` (how most Dragnet
    pages, which have no URL, get a host), else ``unknown:<source>``.

    >>> page_site(Page("x", '<link rel="canonical" href="https://www.example.org/a/b">', "", None, "dragnet"))
    'example.org'
    """
    from urllib.parse import urlsplit

    found = page.url or (m.group(1) if (m := _CANONICAL.search(page.html[:200_000])) else "")
    host = urlsplit(found if "//" in found else f"//{found}").hostname or ""
    return host.removeprefix("www.") or f"unknown:{page.source}"


# --- whole-page text ------------------------------------------------------------------------

#: Elements whose content no text dump shows.
_HIDDEN = ("script", "style", "noscript", "template", "head", "iframe", "object", "svg")
#: Table elements rendered as plain blocks: one cell (or row without cells) per line, never a grid.
_TABLE = ("table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption")
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
#: Characters lxml refuses in text (a browser shows nothing for them).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")
_BLANKS = re.compile(r"\n{3,}")


def _parse(html: str):
    """The page's lxml tree without comments and processing instructions (``None`` when there is none)."""
    import lxml.html

    html = _CONTROL.sub("", _XML_DECL.sub("", html)).strip()
    if not html:
        return None
    try:
        return lxml.html.document_fromstring(html, parser=lxml.html.HTMLParser(remove_comments=True, remove_pis=True))
    except Exception:  # lxml refuses some broken documents: render nothing rather than crash a batch
        return None


def _render(html: str) -> str:
    from inscriptis import Inscriptis
    from inscriptis.css_profiles import CSS_PROFILES
    from inscriptis.model.config import ParserConfig

    tree = _parse(html)
    if tree is None:
        return ""
    for element in list(tree.iter(*_HIDDEN)):
        if element.getparent() is not None:
            element.drop_tree()
    for element in tree.iter(*_TABLE):
        element.tag = "div"
    text = Inscriptis(tree, ParserConfig(css=CSS_PROFILES["strict"])).get_text()
    lines = (line.strip() for line in text.splitlines())
    return _BLANKS.sub("\n\n", "\n".join(lines)).strip("\n")


def page_text_nodes(html: str) -> str:
    """Every text node of a page's body on its own line, *script and style source included*.

    What ``BeautifulSoup(html).body.get_text("\\n", strip=True)`` or lxml's
    ``itertext()`` gives a scraper that does not drop ``<script>``/``<style>``
    first: the page's JavaScript and CSS come out as lines of text among the
    article's. Comments are dropped; not cached (rendering is cheap).

    >>> page_text_nodes("<body><p>One <b>two</b></p><script>var x = 1;</script></body>")
    'One\\ntwo\\nvar x = 1;'
    """
    tree = _parse(html)
    if tree is None:
        return ""
    body = tree.find(".//body")
    return "\n".join(t.strip() for t in (body if body is not None else tree).itertext() if t.strip())


def page_text(html: str, cache: bool = True) -> str:
    """All visible text of a page, as a whole-page text dump (a text browser, ``get_text()``) saves it.

    ``script``/``style``/``noscript``/``template`` (and ``head``, ``iframe``,
    ``object``, ``svg``) and comments are dropped, every
    block element starts a new line, list items keep inscriptis' ``*`` bullet,
    tables come out as blocks (one cell per line) rather than grids, lines are
    stripped and runs of blank lines collapse to one. Rendered with inscriptis
    (strict CSS profile) over an lxml tree; cached in ``benchmarks/.cache/dump``
    (or ``$CLEANER_BENCH_CACHE/dump``).

    >>> page_text("<p>One <b>two</b></p><script>x()</script><ul><li>Home</li></ul>", cache=False)
    'One two\\n\\n* Home'
    """
    key = hashlib.sha1(f"{RENDERER_VERSION}\0{html}".encode("utf-8", "surrogatepass")).hexdigest()
    path = CACHE / key[:2] / f"{key}.txt"
    if cache and path.exists():
        return path.read_text(encoding="utf-8")
    text = _render(html)
    if cache:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)
    return text


# --- line labels --------------------------------------------------------------------------

#: A run of tokens matched in the same order in dump and gold counts as evidence from this length on.
ANCHOR = 4
#: A shorter run counts when an anchor lies within this many tokens of it, in the dump and in the gold.
NEAR = 6
#: A line is content when at least this share of its tokens is matched.
MAJORITY = 0.5


def _blocks(dump: list[str], gold: list[str]) -> list[tuple[int, int, int]]:
    """Matching runs (dump start, gold start, length) of one in-order alignment, in dump order."""
    matcher = SequenceMatcher(None, dump, gold, autojunk=False)
    return [b for b in matcher.get_matching_blocks() if b.size]


def _near(block: tuple[int, int, int], anchor: tuple[int, int, int]) -> bool:
    """Whether a short run lies within ``NEAR`` tokens of an anchor on the same side in dump and gold."""
    (a, b, n), (x, y, m) = block, anchor
    if x >= a + n:  # the anchor follows the block
        return x - (a + n) <= NEAR and 0 <= y - (b + n) <= NEAR
    return a - (x + m) <= NEAR and 0 <= b - (y + m) <= NEAR


def matched_tokens(dump: list[str], gold: list[str]) -> list[bool]:
    """For each dump token, whether the alignment with the gold text takes it."""
    blocks = _blocks(dump, gold)
    anchors = [b for b in blocks if b[2] >= ANCHOR]
    starts = [a[0] for a in anchors]
    taken = [False] * len(dump)
    for block in blocks:
        if block[2] < ANCHOR:
            # blocks come in order: only the anchors just before and just after can be near
            i = bisect_left(starts, block[0])
            if not any(_near(block, a) for a in anchors[max(0, i - 1) : i + 1]):
                continue
        taken[block[0] : block[0] + block[2]] = [True] * block[2]
    return taken


def label_lines(lines: list[str], gold: str) -> list[bool]:
    """For each line of a dump, whether it is article content, by aligning its tokens with the gold.

    Recipe: the lower-cased ``\\w+`` tokens of all lines, concatenated, are
    aligned in order with those of the gold text (``difflib.SequenceMatcher``,
    no junk heuristic): matching runs that cross line ends are kept whole, so a
    gold paragraph split over several dump lines, or several gold paragraphs
    joined on one line, align the same way. A run of at least ``ANCHOR`` (4)
    tokens is evidence; a shorter run (a heading, ``Home``, a date) only counts
    when an anchor lies within ``NEAR`` (6) tokens of it in the dump *and* in the
    gold, so a menu's ``Home`` is not matched to a ``home`` somewhere in the
    article. A line is content when at least ``MAJORITY`` (half) of its tokens
    are matched; a partial line (furniture glued to a sentence) goes by that
    majority. Lines without any token (blank, ``*``, ``|``) are not content.

    >>> label_lines(["Home", "News", "The mayor opened the new bridge on Monday.", "Share this"],
    ...             "The mayor opened the new bridge on Monday. Home of the year.")
    [False, False, True, False]
    """
    per_line = [[t.lower() for t in tokens(line)] for line in lines]
    dump = [t for toks in per_line for t in toks]
    taken = matched_tokens(dump, [t.lower() for t in tokens(gold)])
    labels, start = [], 0
    for toks in per_line:
        hits = sum(taken[start : start + len(toks)])
        labels.append(bool(toks) and hits >= MAJORITY * len(toks))
        start += len(toks)
    return labels


# --- how good the labels are --------------------------------------------------------------


def label_quality(pages: list[Page]) -> dict[str, float]:
    """How well the labelled lines reproduce the gold text, averaged over pages.

    ``token_recall``: share of gold tokens (bag of lower-cased ``\\w+``) found in
    the lines labelled content; ``token_precision``: share of the tokens of
    those lines that are in the gold; ``oracle_p/r/f1``: the benchmark metric of
    the content lines against the gold (the best a perfect line classifier on
    this dump can score); ``dump_p/r/f1``: the same for the whole dump;
    ``content_lines``: share of non-blank dump lines labelled content.
    """
    from collections import Counter

    tok_p, tok_r, oracle, raw, shares = [], [], [], [], []
    for page in pages:
        dump = page_text(page.html)
        lines = [line for line in dump.splitlines() if line.strip()]
        labels = label_lines(lines, page.gold)
        kept = "\n".join(line for line, keep in zip(lines, labels) if keep)
        gold_bag = Counter(t.lower() for t in tokens(page.gold))
        kept_bag = Counter(t.lower() for t in tokens(kept))
        common = sum((gold_bag & kept_bag).values())
        tok_p.append(common / sum(kept_bag.values()) if kept_bag else 0.0)
        tok_r.append(common / sum(gold_bag.values()) if gold_bag else 0.0)
        oracle.append(page_scores(page.gold, kept))
        raw.append(page_scores(page.gold, dump))
        shares.append(sum(labels) / len(labels) if labels else 0.0)
    n = max(1, len(pages))
    out = {"pages": float(len(pages)), "token_precision": sum(tok_p) / n, "token_recall": sum(tok_r) / n}
    out.update(zip(("oracle_p", "oracle_r", "oracle_f1"), prf(oracle)))
    out.update(zip(("dump_p", "dump_r", "dump_f1"), prf(raw)))
    out["content_lines"] = sum(shares) / n
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Measure the line labels of label_lines() against the gold text.")
    parser.add_argument("--bench", choices=SETS, action="append", help="only this set (repeatable); default: all")
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages of each set")
    args = parser.parse_args(argv)
    print("| set | pages | token P | token R | oracle P | oracle R | oracle F1 | dump F1 | content lines |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name in args.bench or SETS:
        try:
            pages = load_set(name, args.limit)
        except DataMissing as missing:
            print(f"{missing}: skipped")
            continue
        q = label_quality(pages)
        print(
            f"| {name} | {len(pages)} | {q['token_precision']:.4f} | {q['token_recall']:.4f} | {q['oracle_p']:.4f} "
            f"| {q['oracle_r']:.4f} | {q['oracle_f1']:.4f} | {q['dump_f1']:.4f} | {q['content_lines']:.1%} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
