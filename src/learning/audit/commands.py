"""``learning audit seal`` and ``learning audit verify``: the audit log's hash chain.

``seal`` seals every event not sealed yet (the web service does this every minute).
``verify`` walks the chain from its start and says whether every event still matches its
seal; it prints the chain's head (position and digest), which the council's security
monitoring keeps, so that removing the newest events and seals is found too. It exits with
1 when it finds a problem, each one named on its own line.
"""

from __future__ import annotations

import argparse
from typing import Any

from learning.audit import sealing
from learning.core.commands import command_group
from learning.core.config import Settings
from learning.core.db import Database


def register(commands: Any) -> None:
    sub = command_group(commands, "audit", "The audit log's hash chain", __doc__ or "")
    seal = sub.add_parser("seal", help="Seal every audit event not sealed yet")
    seal.set_defaults(handler=_seal)
    verify = sub.add_parser("verify", help="Check every audit event against its seal")
    verify.set_defaults(handler=_verify)


def _seal(_args: argparse.Namespace) -> int:
    settings = Settings()
    database = Database.from_url(settings.database_url)
    try:
        print(f"{sealing.seal_all(database, settings)} event(s) sealed.")
        return 0
    finally:
        database.engine.dispose()


def _verify(_args: argparse.Namespace) -> int:
    settings = Settings()
    database = Database.from_url(settings.database_url)
    try:
        with database.transaction(write=False) as db:
            found = sealing.verify(db, settings)
    finally:
        database.engine.dispose()
    for problem in found.problems:
        print(problem)
    print(f"{found.checked} seal(s) checked; head: position {found.head_position}, "
          f"digest {found.head_digest}")  # fmt: skip
    print("The chain is sound." if found.sound else f"{len(found.problems)} problem(s) found.")
    return 0 if found.sound else 1
