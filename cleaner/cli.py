"""The ``cleaner`` command line.

* ``cleaner clean FILE`` (or ``-`` for standard input) prints the clean text (or a JSONL
  record with ``--format jsonl``);
* ``cleaner clean INPUT... -o OUTDIR`` cleans files, folders and globs into OUTDIR
  (see :func:`cleaner.batch.clean_folder` and ``docs/cli.md``);
* ``cleaner explain FILE`` prints the document with every removed or rewritten line marked, and why;
* ``cleaner learn INPUT... -o templates.json`` learns each site's template lines (``docs/templates.md``);
* ``cleaner filters`` lists the filter steps.

Subcommands are registered in :data:`COMMANDS`: a name, its help, a function adding its
arguments and a function running it.

Exit codes: 0 success, 1 something failed (or the single document was dropped),
2 bad usage or config, an output that cannot be written, a full disk; 130 interrupted
(143 stopped by SIGTERM).
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Sequence

import regex

from . import patterns
from .inputs import MAX_INPUT_BYTES
from .registry import ConfigError
from .templates import command as templates_command

if TYPE_CHECKING:  # the batch machinery is imported when a command runs, so `cleaner --help` starts fast
    from .batch.work import Options, Outcome

_SIZE = patterns.compile(r"(\d+)\s*([kmg]?)i?b?", regex.IGNORECASE)


def parse_size(text: str) -> int:
    """A size in bytes: ``"1000"``, ``"512K"``, ``"128M"``, ``"2G"`` (powers of 1024).

    >>> parse_size("64M"), parse_size("1000")
    (67108864, 1000)
    """
    match = _SIZE.fullmatch(text.strip())
    if not match:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (examples: 1000, 512K, 128M, 2G)")
    return int(match.group(1)) * 1024 ** " kmg".index(match.group(2).lower() or " ")


def _add_record_args(p: argparse.ArgumentParser) -> None:
    """Options every command reading documents shares."""
    p.add_argument("--config", type=Path, help="a TOML chain config (default: the built-in chain)")
    p.add_argument("--lang", metavar="CODES", help="keep only documents in these languages, e.g. en,fr")
    p.add_argument("--text-field", default="text", metavar="NAME", help="record field (JSONL, Parquet) holding the text (default: text)")
    p.add_argument("--html-field", metavar="NAME", help="record field holding HTML, used when present (default: none)")
    p.add_argument("--url-field", default="url", metavar="NAME", help="record field holding the page's address (default: url)")
    p.add_argument("--id-field", metavar="NAME", help="record field naming a record in errors.jsonl and dropped.jsonl")
    p.add_argument("--max-bytes", type=parse_size, default=MAX_INPUT_BYTES, metavar="SIZE",
                   help="drop documents larger than this, e.g. 128M (default: 64M)")  # fmt: skip
    p.add_argument("--url", help="the page's address, kept as metadata (one document)")


def _add_clean_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="files, folders, globs, or '-' for standard input")
    p.add_argument("-o", "--output", type=Path, metavar="OUTDIR", help="folder to write the clean tree to")
    p.add_argument("--format", choices=("txt", "jsonl"), default="txt",
                   help="output of documents (.txt/.html; and Parquet tables with jsonl); JSONL inputs stay JSONL")  # fmt: skip
    p.add_argument("--edits", action="store_true", help="put the edit log in JSONL outputs (stderr for one text output)")
    _add_record_args(p)
    p.add_argument("-j", "--jobs", type=int, metavar="N", help="worker processes (default: every core)")
    p.add_argument("--scheduler", metavar="ADDRESS", help="run on the Dask cluster at ADDRESS (needs cleaner[dask])")
    p.add_argument("--force", action="store_true", help="clean again inputs whose output exists (default: skip them)")
    p.add_argument("--report-html", action="store_true", help="also write OUTDIR/report.html with sample documents")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no summary")
    templates_command.add_clean_option(p)


def _add_explain_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("input", metavar="FILE", help="a text, HTML, JSONL, WARC or Parquet file, or '-' for standard input")
    p.add_argument("--record", type=int, metavar="N",
                   help="which document of a JSONL/WARC/Parquet file: its line, record or row number as in errors.jsonl (default: the first)")  # fmt: skip
    p.add_argument("--color", choices=("auto", "always", "never"), default="auto", help="colour the marks (default: on a terminal)")
    _add_record_args(p)


@dataclass(frozen=True)
class Command:
    """A subcommand: its one-line help, a longer description, how to add its arguments, how to run it."""

    help: str
    description: str
    add_arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace, argparse.ArgumentParser], int]
    epilog: str | None = None


def _run_clean(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    if args.output is None:
        if len(args.inputs) != 1 or Path(args.inputs[0]).is_dir():
            parser.error("several inputs or a folder need -o OUTDIR")
        if args.learn_templates:
            parser.error("--learn-templates needs -o OUTDIR (it writes OUTDIR/templates.json)")
        return _clean_one(args)
    if args.url:
        parser.error("--url applies to one input cleaned to standard output; records carry their own url")
    return _clean_batch(args)


def _run_explain(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from .explain import explain_text

    color = args.color == "always" or (args.color == "auto" and sys.stdout.isatty() and "NO_COLOR" not in os.environ)
    found = _document(args, args.record, keep=True)
    if found is None:
        return 1
    name, outcome = found
    assert outcome.result is not None and outcome.original is not None
    sys.stdout.write(explain_text(outcome.original, outcome.result, color=color, name=name) + "\n")
    return 0


def _run_filters(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from .registry import available_filters

    for name, spec in available_filters().items():
        params = ", ".join(p.describe() for p in spec.params.values())
        print(f"{name:32} {spec.kind:9} {spec.summary}" + (f"\n{'':42} params: {params}" if params else ""))
    return 0


#: The subcommands, in the order ``cleaner --help`` lists them.
COMMANDS: dict[str, Command] = {
    "clean": Command(
        help="clean files, folders, globs or '-' (standard input); prints one input's text without -o",
        description="Clean INPUT (files, folders searched recursively, globs, or '-' for standard input). Reads .txt, "
        ".html/.htm, .jsonl, .warc (and .warc.wet) and their .gz variants, and .parquet. Without -o, one input is "
        "cleaned to standard output.",
        epilog="With -o, outputs mirror the input tree; OUTDIR also gets report.json, errors.jsonl (failures) and "
        "dropped.jsonl (dropped documents); a rerun skips finished outputs. Exit codes: 0 done, 1 something failed, "
        "2 usage or config error or an output that cannot be written, 130 interrupted.",
        add_arguments=_add_clean_args,
        run=_run_clean,
    ),
    "explain": Command(
        help="print a document with every removed or rewritten line marked: the step, the rule and the reason",
        description="Clean FILE (one document; --record N picks one of a JSONL, WARC or Parquet file) and print the "
        "text the chain started from, each line marked: '-' removed, '~' rewritten (the new text on the next line), "
        "'+' added, with '↳ step [rule]: reason' under it.",
        add_arguments=_add_explain_args,
        run=_run_explain,
    ),
    "learn": Command(
        help=templates_command.HELP,
        description=templates_command.DESCRIPTION,
        add_arguments=templates_command.add_learn_args,
        run=templates_command.run_learn,
    ),
    "filters": Command(
        help="list every filter step available (built-in and plugins)",
        description="List every filter step available (built-in and plugins), with its kind and parameters.",
        add_arguments=lambda p: None,
        run=_run_filters,
    ),
}


class _Version(argparse.Action):
    """``--version``: the installed version, looked up only when asked for (the look-up reads package metadata)."""

    def __call__(self, parser: argparse.ArgumentParser, *args: object, **kwargs: object) -> None:
        from . import __version__

        print(f"cleaner {__version__}")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cleaner", description="Turn messy scraped text into clean article text.")
    parser.add_argument("--version", action=_Version, nargs=0, help="show the version and exit")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, command in COMMANDS.items():
        command.add_arguments(sub.add_parser(name, help=command.help, description=command.description, epilog=command.epilog))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code = COMMANDS[args.command].run(args, parser)
        sys.stdout.flush()  # a full disk or a closed pipe shows here, not as a traceback at exit
        return code
    except ConfigError as exc:
        print(f"cleaner: config error: {exc}", file=sys.stderr)
        return 2
    except (ImportError, ConnectionError) as exc:  # --scheduler without the extra, or an unreachable cluster
        print(f"cleaner: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:  # an output that cannot be written, a full disk
        print(f"cleaner: {_os_error(exc)}", file=sys.stderr)
        _quiet_stdout()
        return 2
    except KeyboardInterrupt as exc:
        print("cleaner: interrupted; outputs written so far are complete, report.json counts them, a rerun resumes", file=sys.stderr)
        return 143 if "signal 15" in str(exc) else 130


def _os_error(exc: OSError) -> str:
    what = exc.strerror or str(exc)
    return f"{what}: {exc.filename}" if exc.filename else what


def _quiet_stdout() -> None:
    """Standard output could not be written: send what is left of it nowhere, so Python does not fail again at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # stdout is not a real file (a test's capture)
        pass


def _languages(args: argparse.Namespace) -> list[str] | None:
    return [c.strip() for c in args.lang.split(",") if c.strip()] if args.lang else None


def _options(args: argparse.Namespace, **more: object) -> Options:
    from .batch.work import Options

    return Options(text_field=args.text_field, html_field=args.html_field, url_field=args.url_field,
                   id_field=args.id_field, max_bytes=args.max_bytes, **more)  # type: ignore[arg-type]  # fmt: skip


def _clean_one(args: argparse.Namespace) -> int:
    from .batch import build_chain, input_kind, stdout_records
    from .batch.readers import MANY
    from .batch.sources import Unit

    name = args.inputs[0]
    kind = input_kind(name) if name != "-" else None
    if kind is not None and kind[0] in MANY:
        chain = build_chain(args.config, _languages(args))
        unit = Unit(name, Path(name), kind[0], kind[1], None)
        return 1 if stdout_records(unit, chain, _options(args, edits=args.edits), sys.stdout) else 0
    found = _document(args, None, keep=False, fmt=args.format)
    if found is None:
        return 1
    _, outcome = found
    result = outcome.result
    assert result is not None
    if result.dropped:
        print(f"cleaner: {name}: dropped: {result.drop_reason}", file=sys.stderr)
        return 1
    if args.format == "txt" and args.edits:
        for e in result.edits:
            print(f"edit: {e.filter}{f' [{e.family}]' if e.family else ''} {e.action}: {e.reason}", file=sys.stderr)
    sys.stdout.write(str(outcome.output or ""))
    return 0


def _document(args: argparse.Namespace, number: int | None, *, keep: bool, fmt: str = "txt") -> tuple[str, Outcome] | None:
    """The outcome of cleaning the document at position ``number`` (a line, record or row number; ``None``: the first)
    of the one input (for ``clean`` without ``-o`` and ``explain``), with its name; ``None`` (after saying why) when
    it cannot be read."""
    from .batch import build_chain
    from .batch.readers import MANY, Reader
    from .batch.sources import discover
    from .batch.work import chain_key, run_batch

    chain = build_chain(args.config, _languages(args))
    name = args.input if hasattr(args, "input") else args.inputs[0]
    units = list(discover([name]))
    unit, problem = units[0] if units else (None, (name, "not an input cleaner reads"))
    if unit is None:
        print(f"cleaner: {problem[0]}: {problem[1]}", file=sys.stderr)  # type: ignore[index]
        return None
    options = _options(args, fmt=fmt, edits=True, keep_edits=True, keep_original=keep)
    positions = []
    for kind, tag, payload in Reader().items([unit], args.max_bytes):
        if kind == "end":
            if tag[1] is not None:
                print(f"cleaner: {name}: {tag[1]}", file=sys.stderr)
                return None
            continue
        position = tag[1] if unit.many else 1
        positions.append(position)
        if number is None or position == number:
            if args.url and not unit.many:
                payload = payload._replace(url=args.url)
            (outcome,) = run_batch(chain_key(chain), [payload], options)
            if outcome.error is not None:
                print(f"cleaner: {name}: {outcome.error}", file=sys.stderr)
                return None
            return (f"{name}:{position}" if unit.many else name), outcome
    where = MANY.get(unit.kind, "document")
    shown = ", ".join(map(str, positions[:10])) + (", …" if len(positions) > 10 else "")
    print(f"cleaner: {name}: no document at {where} {number} (documents at: {shown or 'none'})", file=sys.stderr)
    return None


def _clean_batch(args: argparse.Namespace) -> int:
    from .batch import build_chain, clean_folder

    if args.jobs is not None and args.jobs < 1:
        raise ConfigError(f"--jobs must be at least 1, got {args.jobs}")
    if args.output.exists() and not args.output.is_dir():
        raise OSError(f"the output {args.output} is a file, not a folder")
    summary = clean_folder(
        args.inputs,
        args.output,
        config=templates_command.learn_for_clean(args, build_chain(args.config)) if args.learn_templates else args.config,
        jobs=args.jobs,
        format=args.format,
        text_field=args.text_field,
        html_field=args.html_field,
        url_field=args.url_field,
        id_field=args.id_field,
        edits=args.edits,
        force=args.force,
        languages=_languages(args),
        report_html=args.report_html,
        progress=not args.quiet and sys.stderr.isatty(),
        scheduler=args.scheduler,
        max_bytes=args.max_bytes,
    )
    if not args.quiet:
        print(summary.table(), file=sys.stderr)
        where = os.path.join(str(args.output), "report.json")
        print(f"\nreport: {where}" + (f"; failures listed in {os.path.join(str(args.output), 'errors.jsonl')}" if summary.failed else ""), file=sys.stderr)
    return 1 if summary.failed else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
