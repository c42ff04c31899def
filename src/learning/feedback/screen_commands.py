"""``learning safeguarding screen``: the safeguarding screen as a command.

Reads one text per line on standard input and writes one JSON object per line on standard
output, in order: ``{"flagged": true|false, "categories": [...]}``. A blank line gives
``{"flagged": false, "categories": []}``. With ``--why``, each object also has ``"why"``:
for each category, the words of the line, as written, that made it (a flagged line takes
about four times as long). Bytes that are not valid UTF-8 are replaced (with a warning on
standard error), never a crash. Each line is flushed as it is written, so the command can
sit at the other end of a pipe and answer line by line.
"""

from __future__ import annotations

import argparse
import json
from functools import partial
from typing import IO, Any, BinaryIO

from learning.core.commands import command_group
from learning.core.line_filter import TextLines, run
from learning.feedback.safeguarding import explain, screen


def register(commands: Any) -> None:
    sub = command_group(
        commands, "safeguarding", "Safeguarding tools", "Safeguarding tools for feedback."
    )
    screen_parser = sub.add_parser(
        "screen",
        help="Screen text for possible disclosures: one text per line in, one JSON line out",
        description=__doc__.split("\n\n", 1)[1] if __doc__ else None,
    )
    screen_parser.add_argument(
        "--why",
        action="store_true",
        help="also give, for each category, the words of the line that made it",
    )
    screen_parser.set_defaults(handler=_screen_command)


def _screen_command(args: argparse.Namespace) -> int:
    return run(partial(screen_stream, why=args.why))


def screen_stream(
    instream: BinaryIO, outstream: BinaryIO, errstream: IO[str], *, why: bool = False
) -> int:
    """Screen ``instream`` line by line into ``outstream``. Returns the exit code (0).

    One input line is always one output line (see :class:`TextLines`).
    """
    lines = TextLines(instream)
    for text in lines:
        result = screen(text)
        answer: dict[str, Any] = {
            "flagged": result.flagged,
            "categories": [c.value for c in result.categories],
        }
        if why:
            answer["why"] = {
                reason.category.value: [text[start:end] for start, end in reason.spans]
                for reason in explain(text)
            }
        outstream.write(json.dumps(answer).encode("ascii") + b"\n")
        outstream.flush()
    lines.warn("learning safeguarding screen", errstream)
    return 0
