"""``learning safeguarding screen``: the safeguarding screen as a command.

Reads one text per line on standard input and writes one JSON object per line on standard
output, in order: ``{"flagged": true|false, "categories": [...]}``. A blank line gives
``{"flagged": false, "categories": []}``. Bytes that are not valid UTF-8 are replaced (with
a warning on standard error), never a crash. Each line is flushed as it is written, so the
command can sit at the other end of a pipe and answer line by line.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import IO, Any, BinaryIO

from learning.feedback.safeguarding import screen


def register(commands: Any) -> None:
    safeguarding = commands.add_parser(
        "safeguarding",
        help="Safeguarding tools",
        description="Safeguarding tools for feedback.",
    )
    sub = safeguarding.add_subparsers(title="safeguarding commands", metavar="COMMAND")
    screen_parser = sub.add_parser(
        "screen",
        help="Screen text for possible disclosures: one text per line in, one JSON line out",
        description=__doc__.split("\n\n", 1)[1] if __doc__ else None,
    )
    screen_parser.set_defaults(handler=_screen_command)
    safeguarding.set_defaults(handler=lambda _args: _help(safeguarding))


def _help(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return 2


def _screen_command(_args: argparse.Namespace) -> int:
    try:
        return screen_stream(sys.stdin.buffer, sys.stdout.buffer, sys.stderr)
    except BrokenPipeError:
        # The reader went away: stop quietly, and keep Python from complaining at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1


def screen_stream(instream: BinaryIO, outstream: BinaryIO, errstream: IO[str]) -> int:
    """Screen ``instream`` line by line into ``outstream``. Returns the exit code (0).

    Lines are split on ``\\n`` only (a trailing ``\\r`` is dropped), so one input line is
    always one output line; a UTF-8 byte order mark at the very start is dropped.
    """
    bad_lines = first_bad = 0
    for number, raw in enumerate(instream, start=1):
        line = raw[:-1] if raw.endswith(b"\n") else raw
        line = line[:-1] if line.endswith(b"\r") else line
        if number == 1 and line.startswith(b"\xef\xbb\xbf"):
            line = line[3:]
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            text = line.decode("utf-8", errors="replace")
            bad_lines += 1
            first_bad = first_bad or number
        result = screen(text)
        answer = {"flagged": result.flagged, "categories": [c.value for c in result.categories]}
        outstream.write(json.dumps(answer).encode("ascii") + b"\n")
        outstream.flush()
    if bad_lines:
        errstream.write(
            f"learning safeguarding screen: warning: {bad_lines} input line(s) were not valid "
            f"UTF-8 (first: line {first_bad}); the invalid bytes were replaced with U+FFFD\n"
        )
        errstream.flush()
    return 0
