"""The ``cleaner`` command line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Sequence

from . import __version__
from .api import clean_article, resolve_chain
from .registry import ConfigError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cleaner", description="Turn messy scraped text into clean article text.")
    parser.add_argument("--version", action="version", version=f"cleaner {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    clean = sub.add_parser("clean", help="clean a file (or '-' for standard input) and print the text")
    clean.add_argument("input", help="a .txt or .html file, or '-' for standard input")
    clean.add_argument("--config", type=Path, help="a TOML chain config (default: the built-in chain)")
    clean.add_argument("--url", help="the page's address, kept as metadata")
    sub.add_parser("filters", help="list every filter step available (built-in and plugins)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "filters":
            return _list_filters()
        return _clean_one(args)
    except ConfigError as exc:
        print(f"cleaner: config error: {exc}", file=sys.stderr)
        return 2


def _clean_one(args: argparse.Namespace) -> int:
    chain = resolve_chain(args.config)
    try:
        raw = sys.stdin.buffer.read() if args.input == "-" else Path(args.input).read_bytes()
    except OSError as exc:
        print(f"cleaner: cannot read {args.input}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    result = clean_article(raw, config=chain, url=args.url)
    if result.dropped:
        print(f"cleaner: {args.input}: dropped: {result.drop_reason}", file=sys.stderr)
        return 1
    sys.stdout.write(result.text + "\n")
    return 0


def _list_filters() -> int:
    from .registry import available_filters

    for name, spec in available_filters().items():
        params = ", ".join(p.describe() for p in spec.params.values())
        print(f"{name:32} {spec.kind:9} {spec.summary}" + (f"\n{'':42} params: {params}" if params else ""))
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
