"""The command line of site templates: ``cleaner learn`` and ``cleaner clean --learn-templates``.

``cleaner/cli.py`` registers ``learn`` (:data:`HELP`, :func:`add_learn_args`, :func:`run_learn`),
adds :func:`add_clean_option` to ``clean`` and calls :func:`learn_for_clean` before a batch;
the work is in :mod:`cleaner.templates.corpus`.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

from ..chain import Chain
from ..inputs import MAX_INPUT_BYTES
from ..registry import ConfigError
from .learn import MIN_DOCS, MIN_SHARE, MIN_SITE_DOCS, Thresholds
from .store import Templates

#: The file ``--learn-templates`` writes in OUTDIR.
TEMPLATES_FILE = "templates.json"


#: ``cleaner learn``'s one-line help and description (``cleaner/cli.py`` registers the command).
HELP = "learn each site's template lines (lines recurring on many of its pages) into a JSON file"
DESCRIPTION = (
    "Read INPUT (files, folders, globs; every format `cleaner clean` reads) and record, per site (the host of a "
    "document's url, else its folder), the lines recurring on many of its documents. Use the file with the "
    "site_templates step, or run `cleaner clean --learn-templates` (docs/templates.md)."
)


def add_learn_args(learn: argparse.ArgumentParser) -> None:
    """The arguments of ``cleaner learn``."""
    learn.add_argument("inputs", nargs="+", metavar="INPUT", help="files, folders or globs")
    learn.add_argument("-o", "--output", type=Path, required=True, metavar="FILE", help="the template file to write (JSON)")
    learn.add_argument("--text-field", default="text", metavar="NAME", help="record field (JSONL, Parquet) holding the text (default: text)")
    learn.add_argument("--html-field", metavar="NAME", help="record field holding HTML, used when present (default: none)")
    learn.add_argument("--url-field", default="url", metavar="NAME", help="record field holding the page's address (default: url)")
    learn.add_argument("--min-docs", type=int, default=MIN_DOCS, metavar="N", help=f"a template line is on at least N documents of its site (default {MIN_DOCS})")
    learn.add_argument("--min-share", type=float, default=MIN_SHARE, metavar="P", help=f"... and on at least this share of them (default {MIN_SHARE})")
    learn.add_argument("--min-site-docs", type=int, default=MIN_SITE_DOCS, metavar="N", help=f"sites with fewer documents learn nothing (default {MIN_SITE_DOCS})")
    learn.add_argument("-j", "--jobs", type=int, metavar="N", help="worker processes (default: every core); the file is the same for any N")
    learn.add_argument("--scheduler", metavar="ADDRESS", help="count on the Dask cluster at ADDRESS (needs cleaner[dask])")
    learn.add_argument("-q", "--quiet", action="store_true", help="no summary")


def add_clean_option(clean: argparse.ArgumentParser) -> None:
    """``cleaner clean --learn-templates``."""
    clean.add_argument(
        "--learn-templates",
        action="store_true",
        help=f"first learn the inputs' site templates into OUTDIR/{TEMPLATES_FILE}, then clean with the site_templates step",
    )


def _learn(args: argparse.Namespace, thresholds: Thresholds, skip: Path | None) -> tuple[Templates, dict[str, Any]]:
    if "-" in [str(i) for i in args.inputs]:
        raise ConfigError("learning reads its inputs twice or in parallel: standard input ('-') cannot be learned from")
    if args.jobs is not None and args.jobs < 1:
        raise ConfigError(f"--jobs must be at least 1, got {args.jobs}")
    from ..batch.work import Options  # the batch machinery loads when learning runs, not with `cleaner --help`
    from .corpus import learn_inputs

    options = Options(text_field=args.text_field, html_field=args.html_field, url_field=args.url_field,
                      max_bytes=getattr(args, "max_bytes", MAX_INPUT_BYTES))  # fmt: skip
    return learn_inputs(args.inputs, jobs=args.jobs, scheduler=args.scheduler, options=options, thresholds=thresholds, skip=skip)


def _summary(templates: Templates, read: dict[str, Any], path: Path, seconds: float) -> str:
    lines = [
        f"learned {templates.line_count} template line(s) on {len(templates.sites)} of {templates.sites_seen} site(s) "
        f"from {read['documents']:,} document(s) in {seconds:.1f} s -> {path}"
    ]
    if read["skipped"]:
        lines.append(f"{read['skipped']} document(s) could not be read and were left out")
    lines += [f"cannot use {source}: {problem}" for source, problem in read["problems"]]
    return "\n".join(lines)


def run_learn(args: argparse.Namespace, parser: argparse.ArgumentParser | None = None) -> int:
    """``cleaner learn``: exit 0, or 1 when some input could not be read (the file is written anyway)."""
    start = time.perf_counter()
    templates, read = _learn(args, Thresholds(args.min_docs, args.min_share, args.min_site_docs), None)
    templates.write(args.output)
    if not args.quiet:
        print(_summary(templates, read, args.output, time.perf_counter() - start), file=sys.stderr)
    return 1 if read["problems"] or read["skipped"] else 0


def learn_for_clean(args: argparse.Namespace, chain: Chain) -> Chain:
    """The first pass of ``cleaner clean --learn-templates``: learn into OUTDIR, return ``chain`` with the step."""
    from .corpus import with_templates

    start = time.perf_counter()
    path = Path(args.output) / TEMPLATES_FILE
    templates, read = _learn(args, Thresholds(), Path(args.output))
    templates.write(path)
    if not args.quiet:
        print(_summary(templates, read, path, time.perf_counter() - start), file=sys.stderr)
    return with_templates(chain, path)
