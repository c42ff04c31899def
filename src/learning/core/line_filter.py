"""Commands that read one text per line on standard input and answer one line per line.

:class:`TextLines` reads the input as text that never fails to decode, and :func:`run` joins
such a command to the standard streams.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from typing import IO, BinaryIO

#: A command's work: input, output and error streams in, the exit code out.
Filter = Callable[[BinaryIO, BinaryIO, IO[str]], int]

BYTE_ORDER_MARK = b"\xef\xbb\xbf"


def run(work: Filter) -> int:
    """``work`` on standard input, output and error. A reader that goes away ends it quietly."""
    try:
        return work(sys.stdin.buffer, sys.stdout.buffer, sys.stderr)
    except BrokenPipeError:
        # The reader went away (e.g. `... < in.txt | head`): stop quietly, and keep Python
        # from complaining again when it flushes standard output at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1


class TextLines:
    """The lines of ``instream`` as text, in order, one per input line.

    Lines are split on ``\\n`` only and a trailing ``\\r`` (Windows line ends) is dropped, so
    one input line is always one text; a UTF-8 byte order mark at the very start is dropped.
    Bytes that are not valid UTF-8 are replaced with U+FFFD and counted for :meth:`warn`.
    """

    def __init__(self, instream: BinaryIO) -> None:
        self.instream = instream
        self.bad_lines = 0
        self.first_bad = 0

    def __iter__(self) -> Iterator[str]:
        for number, raw in enumerate(self.instream, start=1):
            line = raw[:-1] if raw.endswith(b"\n") else raw
            line = line[:-1] if line.endswith(b"\r") else line
            if number == 1 and line.startswith(BYTE_ORDER_MARK):
                line = line[len(BYTE_ORDER_MARK) :]
            yield self._decode(line, number)

    def _decode(self, line: bytes, number: int) -> str:
        try:
            return line.decode("utf-8")
        except UnicodeDecodeError:
            self.bad_lines += 1
            self.first_bad = self.first_bad or number
            return line.decode("utf-8", errors="replace")

    def warn(self, command: str, errstream: IO[str]) -> None:
        """Say once on ``errstream`` how many lines were not valid UTF-8, if any were."""
        if not self.bad_lines:
            return
        errstream.write(
            f"{command}: warning: {self.bad_lines} input line(s) were not valid UTF-8 "
            f"(first: line {self.first_bad}); the invalid bytes were replaced with U+FFFD\n"
        )
        errstream.flush()
