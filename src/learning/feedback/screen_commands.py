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
from typing import IO, Any, BinaryIO

from learning.core.commands import command_group
from learning.core.line_filter import TextLines, run
from learning.feedback.safeguarding import screen


def register(commands: Any) -> None:
    sub = command_group(
        commands, "safeguarding", "Safeguarding tools", "Safeguarding tools for feedback."
    )
    screen_parser = sub.add_parser(
        "screen",
        help="Screen text for possible disclosures: one text per line in, one JSON line out",
        description=__doc__.split("\n\n", 1)[1] if __doc__ else None,
    )
    screen_parser.set_defaults(handler=_screen_command)


def _screen_command(_args: argparse.Namespace) -> int:
    return run(screen_stream)


def screen_stream(instream: BinaryIO, outstream: BinaryIO, errstream: IO[str]) -> int:
    """Screen ``instream`` line by line into ``outstream``. Returns the exit code (0).

    One input line is always one output line (see :class:`TextLines`).
    """
    lines = TextLines(instream)
    for text in lines:
        result = screen(text)
        answer = {"flagged": result.flagged, "categories": [c.value for c in result.categories]}
        outstream.write(json.dumps(answer).encode("ascii") + b"\n")
        outstream.flush()
    lines.warn("learning safeguarding screen", errstream)
    return 0
