"""The ``cleaner`` command line.

* ``cleaner clean FILE`` (or ``-`` for standard input) prints the clean text;
* ``cleaner clean INPUT... -o OUTDIR`` cleans files, folders and globs into OUTDIR
  (see :func:`cleaner.batch.clean_folder` and ``docs/cli.md``);
* ``cleaner learn INPUT... -o templates.json`` learns each site's template lines
  (see :mod:`cleaner.templates` and ``docs/templates.md``);
* ``cleaner filters`` lists the filter steps.

Exit codes: 0 success, 1 something failed (or the single document was dropped),
2 bad usage or config, 130 interrupted.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Sequence

from . import __version__
from .api import clean_article
from .batch import build_chain, clean_folder, input_kind, stdout_records
from .registry import ConfigError
from .templates.command import add_clean_option, add_learn_parser, learn_for_clean, run_learn


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cleaner", description="Turn messy scraped text into clean article text.")
    parser.add_argument("--version", action="version", version=f"cleaner {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    clean = sub.add_parser(
        "clean",
        help="clean files, folders, globs or '-' (standard input); prints the text of one input without -o",
        description="Clean INPUT (files, folders searched recursively, globs, or '-' for standard input). "
        "Reads .txt, .html/.htm, .jsonl and their .gz variants. Without -o, one input is cleaned to standard output.",
        epilog="With -o, outputs mirror the input tree; OUTDIR also gets report.json, errors.jsonl (failures) and "
        "dropped.jsonl (dropped documents); a rerun skips finished outputs. Exit codes: 0 done, 1 something failed, "
        "2 usage or config error, 130 interrupted.",
    )
    clean.add_argument("inputs", nargs="+", metavar="INPUT", help="files, folders, globs, or '-' for standard input")
    clean.add_argument("-o", "--output", type=Path, metavar="OUTDIR", help="folder to write the clean tree to")
    clean.add_argument("--format", choices=("txt", "jsonl"), default="txt", help="output of .txt/.html inputs (JSONL inputs stay JSONL)")
    clean.add_argument("--text-field", default="text", metavar="NAME", help="field holding the text in JSONL records (default: text)")
    clean.add_argument("--edits", action="store_true", help="put the edit log in JSONL outputs")
    clean.add_argument("--config", type=Path, help="a TOML chain config (default: the built-in chain)")
    clean.add_argument("--lang", metavar="CODES", help="keep only documents in these languages, e.g. en,fr")
    clean.add_argument("-j", "--jobs", type=int, metavar="N", help="worker processes (default: every core)")
    clean.add_argument("--scheduler", metavar="ADDRESS", help="run on the Dask cluster at ADDRESS (needs cleaner[dask])")
    clean.add_argument("--force", action="store_true", help="clean again inputs whose output exists (default: skip them)")
    clean.add_argument("--report-html", action="store_true", help="also write OUTDIR/report.html with sample documents")
    clean.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no summary")
    clean.add_argument("--url", help="the page's address, kept as metadata (one input without -o)")
    add_clean_option(clean)
    add_learn_parser(sub)
    sub.add_parser("filters", help="list every filter step available (built-in and plugins)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "filters":
            return _list_filters()
        if args.command == "learn":
            return run_learn(args)
        if args.output is None:
            if len(args.inputs) != 1 or Path(args.inputs[0]).is_dir():
                parser.error("several inputs or a folder need -o OUTDIR")
            if args.learn_templates:
                parser.error("--learn-templates needs -o OUTDIR (it writes OUTDIR/templates.json)")
            return _clean_one(args)
        if args.url:
            parser.error("--url applies to one input cleaned to standard output; JSONL records carry their own url")
        return _clean_batch(args)
    except ConfigError as exc:
        print(f"cleaner: config error: {exc}", file=sys.stderr)
        return 2
    except (ImportError, ConnectionError) as exc:  # --scheduler without the extra, or an unreachable cluster
        print(f"cleaner: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("cleaner: interrupted; outputs written so far are complete, a rerun resumes", file=sys.stderr)
        return 130


def _languages(args: argparse.Namespace) -> list[str] | None:
    return [c.strip() for c in args.lang.split(",") if c.strip()] if args.lang else None


def _clean_one(args: argparse.Namespace) -> int:
    chain = build_chain(args.config, _languages(args))
    name = args.inputs[0]
    kind = input_kind(name) if name != "-" else None
    try:
        if kind is not None and kind[0] == "jsonl":
            return 1 if stdout_records(Path(name), kind[1], chain, args.text_field, args.edits, sys.stdout) else 0
        if name == "-":
            raw = sys.stdin.buffer.read()
        elif kind is not None and kind[1]:
            import gzip

            raw = gzip.decompress(Path(name).read_bytes())
        else:
            raw = Path(name).read_bytes()
    except (OSError, EOFError) as exc:
        print(f"cleaner: cannot read {name}: {getattr(exc, 'strerror', None) or exc}", file=sys.stderr)
        return 1
    result = clean_article(raw, config=chain, url=args.url)
    if result.dropped:
        print(f"cleaner: {name}: dropped: {result.drop_reason}", file=sys.stderr)
        return 1
    sys.stdout.write(result.text + "\n")
    return 0


def _clean_batch(args: argparse.Namespace) -> int:
    if args.jobs is not None and args.jobs < 1:
        raise ConfigError(f"--jobs must be at least 1, got {args.jobs}")
    summary = clean_folder(
        args.inputs,
        args.output,
        config=learn_for_clean(args, build_chain(args.config)) if args.learn_templates else args.config,
        jobs=args.jobs,
        format=args.format,
        text_field=args.text_field,
        edits=args.edits,
        force=args.force,
        languages=_languages(args),
        report_html=args.report_html,
        progress=not args.quiet and sys.stderr.isatty(),
        scheduler=args.scheduler,
    )
    if not args.quiet:
        print(summary.table(), file=sys.stderr)
        where = os.path.join(str(args.output), "report.json")
        print(f"\nreport: {where}" + (f"; failures listed in {os.path.join(str(args.output), 'errors.jsonl')}" if summary.failed else ""), file=sys.stderr)
    return 1 if summary.failed else 0


def _list_filters() -> int:
    from .registry import available_filters

    for name, spec in available_filters().items():
        params = ", ".join(p.describe() for p in spec.params.values())
        print(f"{name:32} {spec.kind:9} {spec.summary}" + (f"\n{'':42} params: {params}" if params else ""))
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
