"""``learning audit seal`` and ``learning audit verify``: the audit log's hash chain.

``seal`` seals every event not sealed yet, however far behind (the web service does this
every minute for new events); ``--new-key`` goes on with a chain sealed with another key,
after the secret was changed on purpose. ``verify`` walks the chain from its start and says
whether every event still matches its seal; it prints the chain's head (position and
digest), which the council's security monitoring keeps, and ``--expect POSITION:DIGEST``
(as often as needed) checks that heads kept before are still in the chain, so that a chain
cut back and sealed again is found too. It exits with 1 when it finds a problem, each one
named on its own line. Both refuse to run without the service's real secret (outside demo
mode): a chain sealed with a guessable key would be worth nothing, and could not be undone.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from learning.audit import sealing
from learning.core.commands import command_group
from learning.core.config import InsecureSettings, Settings, is_placeholder
from learning.core.db import Database


def register(commands: Any) -> None:
    sub = command_group(commands, "audit", "The audit log's hash chain", __doc__ or "")
    seal = sub.add_parser("seal", help="Seal every audit event not sealed yet")
    seal.add_argument(
        "--new-key",
        action="store_true",
        help="go on with a chain sealed with another key (the secret changed)",
    )
    seal.set_defaults(handler=_seal)
    verify = sub.add_parser("verify", help="Check every audit event against its seal")
    verify.add_argument(
        "--expect",
        action="append",
        default=[],
        metavar="POSITION:DIGEST",
        type=_kept_head,
        help="a head printed before, that must still be in the chain",
    )
    verify.set_defaults(handler=_verify)


def _kept_head(text: str) -> tuple[int, str]:
    position, _, digest = text.partition(":")
    if not position.isascii() or not position.isdigit() or len(digest) != 64:
        raise argparse.ArgumentTypeError("give a head as POSITION:DIGEST, as verify printed it")
    return int(position), digest.lower()


def _settings() -> Settings:
    """The service's settings, refused without its real secret (outside demo mode)."""
    settings = Settings()
    if not settings.demo and is_placeholder(settings.secret_key):
        raise InsecureSettings(
            "LEARNING_SECRET_KEY is missing or a placeholder: the audit log's chain is sealed "
            "with the service's own secret."
        )
    return settings


def _seal(args: argparse.Namespace) -> int:
    settings = _settings()
    database = Database.from_url(settings.database_url)
    try:
        done = sealing.seal_all(database, settings, every_event=True, new_key=args.new_key)
    except sealing.OtherKey:
        print("The chain was sealed with another key: if the secret was changed on purpose, "
              "run this again with --new-key.", file=sys.stderr)  # fmt: skip
        return 1
    finally:
        database.engine.dispose()
    print(f"{done} event(s) sealed.")
    return 0


def _verify(args: argparse.Namespace) -> int:
    settings = _settings()
    database = Database.from_url(settings.database_url)
    try:
        with database.transaction(write=False) as db:
            found = sealing.verify(db, settings, expected=dict(args.expect))
    finally:
        database.engine.dispose()
    for problem in found.problems:
        print(problem)
    print(f"{found.checked} seal(s) checked; head: position {found.head_position}, "
          f"digest {found.head_digest}")  # fmt: skip
    print("The chain is sound." if found.sound else f"{len(found.problems)} problem(s) found.")
    return 0 if found.sound else 1
