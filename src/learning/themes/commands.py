"""Command-line commands for the themes package.

``register(subparsers)`` adds them to the ``learning`` command's argparse subparsers; each sets
``handler`` to a function taking the parsed arguments and returning the exit code.

- ``learning redact``: one text per line on standard input, the same text with personal data
  replaced by placeholders on standard output, one line per input line, in order.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import IO, Any, BinaryIO

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


def _redact_command(args: argparse.Namespace) -> int:
    try:
        return _redact_stream(sys.stdin.buffer, sys.stdout.buffer, sys.stderr)
    except BrokenPipeError:
        # The reader went away (e.g. `learning redact < in.txt | head`): stop quietly, and keep
        # Python from complaining again when it flushes standard output at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1


def _redact_stream(instream: BinaryIO, outstream: BinaryIO, errstream: IO[str]) -> int:
    """Redact ``instream`` line by line into ``outstream``; warnings go to ``errstream``.

    Lines are split on ``\\n`` only; a trailing ``\\r`` (Windows line ends) is dropped and each
    output line ends with ``\\n``. An empty line gives an empty line. A UTF-8 byte order mark
    at the very start is dropped. Returns the exit code (0).
    """
    bad_lines = 0
    first_bad = 0
    for number, raw in enumerate(instream, start=1):
        line = raw[:-1] if raw.endswith(b"\n") else raw
        if line.endswith(b"\r"):
            line = line[:-1]
        if number == 1 and line.startswith(b"\xef\xbb\xbf"):
            line = line[3:]
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            text = line.decode("utf-8", errors="replace")
            bad_lines += 1
            first_bad = first_bad or number
        redacted = redact(text).translate(_LINE_BREAKS)
        outstream.write(redacted.encode("utf-8", errors="replace"))
        outstream.write(b"\n")
    outstream.flush()
    if bad_lines:
        errstream.write(
            f"learning redact: warning: {bad_lines} input line(s) were not valid UTF-8 "
            f"(first: line {first_bad}); the invalid bytes were replaced with U+FFFD\n"
        )
        errstream.flush()
    return 0
