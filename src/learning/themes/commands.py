"""Command-line commands for the themes package.

``register(subparsers)`` adds them to the ``learning`` command's argparse subparsers; each sets
``handler`` to a function taking the parsed arguments and returning the exit code.

- ``learning redact``: one text per line on standard input, the same text with personal data
  replaced by placeholders on standard output, one line per input line, in order.
- ``learning themes cluster --input FILE.csv --text-column COL [--question-column COL]
  [--k N] --output OUT.csv``: themes a column of free text (each answer read with its question,
  when a column holds them); writes ``row,theme_id,theme_label``, one row per input row, in
  order (empty or "no comment" answers get an empty theme_id; answers that fit no theme well
  enough get ``not_yet_themed``). Without ``--k`` the number of themes is chosen
  automatically.
- ``learning themes recluster [--council SLUG]``: works out a council's themes again now from
  everything its sources share (what the nightly job does), keeping theme ids and the
  analysts' codebook.
"""

from __future__ import annotations

import argparse
import sys
from typing import IO, Any, BinaryIO

from learning.core.commands import command_group
from learning.core.line_filter import TextLines, run
from learning.themes.redact import redact

# Characters that some readers treat as line breaks. Inside one output line they are replaced by
# a space, so that every reader sees exactly one output line per input line.
_LINE_BREAKS = str.maketrans(dict.fromkeys("\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029", " "))


def register(subparsers: Any) -> None:
    """Add the ``redact`` command to an argparse subparsers object."""
    parser = subparsers.add_parser(
        "redact",
        help=(
            "Redact personal data: one text per line on standard input, one redacted line per "
            "input line on standard output"
        ),
        description=(
            "Redact personal data: one text per line on standard input, one redacted line per "
            "input line on standard output. Names, NHS and National Insurance numbers, "
            "postcodes, phone numbers, email addresses, dates of birth, street addresses and "
            "case references become placeholders such as [name] or [nhs number]. Input that is "
            "not valid UTF-8 is read with the bad bytes replaced (with a warning); output is "
            "UTF-8."
        ),
    )
    parser.set_defaults(handler=_redact_command)
    _register_themes(subparsers)


def _register_themes(subparsers: Any) -> None:
    themes_commands = command_group(
        subparsers, "themes", "Find themes in free-text feedback", "Find themes in free text."
    )
    cluster = themes_commands.add_parser(
        "cluster",
        help="Theme a column of a CSV file: one output row per input row, in order",
        description=(
            "Theme a column of free text in a CSV file. Writes a CSV with the columns row, "
            "theme_id and theme_label: one row per input row, in order; empty or 'no comment' "
            "answers get an empty theme_id, answers that fit no theme well enough get "
            "'not_yet_themed'. Without --k the number of themes is chosen automatically."
        ),
    )
    cluster.add_argument("--input", required=True, metavar="FILE.csv", help="CSV with a header row")
    cluster.add_argument("--text-column", required=True, metavar="COL", help="column to theme")
    cluster.add_argument("--output", required=True, metavar="OUT.csv", help="where to write")
    cluster.add_argument("--k", type=int, default=None, metavar="N", help="number of themes")
    cluster.add_argument(
        "--question-column", default=None, metavar="COL",
        help="optional column holding the question each answer was given to",
    )  # fmt: skip
    cluster.set_defaults(handler=_cluster_command)
    recluster = themes_commands.add_parser(
        "recluster",
        help="Work out a council's themes again now (what the nightly job does)",
        description=(
            "Work out a council's themes again now from everything its sources share, as the "
            "nightly job does: theme ids and the analysts' codebook are kept."
        ),
    )
    recluster.add_argument(
        "--council", default=None, metavar="SLUG",
        help="the council's slug (default: the LEARNING_COUNCIL_SLUG setting)",
    )  # fmt: skip
    recluster.set_defaults(handler=_recluster_command)


def _cluster_command(args: argparse.Namespace) -> int:
    from learning.themes.batch import BatchError, cluster_csv

    def warn(message: str) -> None:
        print(f"learning themes cluster: {message}", file=sys.stderr)

    try:
        summary = cluster_csv(
            args.input,
            args.text_column,
            args.output,
            k=args.k,
            question_column=args.question_column,
            warn=warn,
        )
    except BatchError as problem:
        print(f"learning themes cluster: error: {problem}", file=sys.stderr)
        return 2
    except OSError as problem:
        print(f"learning themes cluster: error: {problem}", file=sys.stderr)
        return 2
    chosen = "chosen automatically" if summary.k_chosen_automatically else "as asked"
    print(
        f"learning themes cluster: {summary.rows} rows, {summary.themes} themes ({chosen}), "
        f"{summary.set_aside} set aside (empty or no comment), "
        f"{summary.not_yet_themed} not yet themed; written to {args.output}",
        file=sys.stderr,
    )
    return 0


def _recluster_command(args: argparse.Namespace) -> int:
    from learning.themes.run_command import run_for_council

    return run_for_council(args.council)


def _redact_command(args: argparse.Namespace) -> int:
    return run(_redact_stream)


def _redact_stream(instream: BinaryIO, outstream: BinaryIO, errstream: IO[str]) -> int:
    """Redact ``instream`` line by line into ``outstream``; warnings go to ``errstream``.

    Each output line ends with ``\\n``, one per input line (see :class:`TextLines`); an empty
    line gives an empty line. Returns the exit code (0).
    """
    lines = TextLines(instream)
    for text in lines:
        redacted = redact(text).translate(_LINE_BREAKS)
        outstream.write(redacted.encode("utf-8", errors="replace"))
        outstream.write(b"\n")
    outstream.flush()
    lines.warn("learning redact", errstream)
    return 0
