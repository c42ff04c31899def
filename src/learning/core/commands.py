"""What the ``learning`` command's parts share: a group of subcommands."""

from __future__ import annotations

import argparse
import sys
from typing import Any


def command_group(commands: Any, name: str, summary: str, description: str) -> Any:
    """Add ``learning NAME COMMAND`` and return the group's subparsers to add commands to.

    Without a command, the group shows its own help on standard error and exits with 2."""
    group = commands.add_parser(name, help=summary, description=description)
    subcommands = group.add_subparsers(title=f"{name} commands", metavar="COMMAND")
    group.set_defaults(handler=lambda _args: _show_help(group))
    return subcommands


def _show_help(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return 2
