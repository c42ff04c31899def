"""``learning mail send [--once]``: the background sender from the command line.

Escalates overdue safeguarding alerts and delivers the outbox over SMTP, every
``mail_poll_seconds`` until stopped (Ctrl-C), or one round with ``--once``. It is safe to run
alongside the web service's own sender.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import signal
import sys
from typing import Any

from learning.core.commands import command_group
from learning.core.config import Settings
from learning.core.db import Database
from learning.mail import worker


def register(commands: Any) -> None:
    sub = command_group(commands, "mail", "Outgoing email", "Outgoing email.")
    send = sub.add_parser(
        "send",
        help="Escalate overdue safeguarding alerts and send the outbox",
        description=__doc__.split("\n\n", 1)[1] if __doc__ else None,
    )
    send.add_argument("--once", action="store_true", help="one round, then stop")
    send.set_defaults(handler=_send)


def _send(args: argparse.Namespace) -> int:
    settings = Settings()
    database = Database.from_url(settings.database_url)
    try:
        if args.once:
            done = worker.run_once(database, settings)
            print(f"{done.escalated} alert(s) escalated, {done.sent} email(s) sent.")
            return 0
        asyncio.run(_forever(database, settings))
        return 0
    finally:
        database.engine.dispose()


async def _forever(database: Database, settings: Settings) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(signum, stop.set)
    print("Sending email; Ctrl-C stops.", file=sys.stderr)
    await worker.run_until(stop, database, settings)
