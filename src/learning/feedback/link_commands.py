"""``learning feedback create-link`` and ``sweep``: feedback links and housekeeping from the
command line.

    learning feedback create-link --team TEAM --kind poster|personal|timed
        [--title T] [--expires YYYY-MM-DD] [--form FORMKIND] [--retention DAYS]
    learning feedback sweep

TEAM is the team's name (any case) or id in the council this deployment serves
(``LEARNING_COUNCIL_SLUG``). Prints the link's full address, then its short address on a
second line: the full address is shown only this once, and so is a personal link's short
code (only a keyed hash of it is kept). A mistake exits with code 2 and says what was
wrong. The link is written to the audit log as made by the command.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date, timedelta
from typing import Any

from sqlmodel import Session, col, select

from learning.audit.service import Actor
from learning.core.clock import today
from learning.core.config import Settings
from learning.core.db import Database
from learning.core.record_ids import is_id
from learning.feedback import housekeeping, links
from learning.feedback.link_forms import (
    DEFAULT_RETENTION,
    MAX_TITLE,
    RETENTION_CHOICES,
    LinkRequest,
)
from learning.feedback.link_service import issue_link
from learning.feedback.terms import FORMS, FormKind, LinkKind, LinkSubject
from learning.org.models import Council, Team

COMMAND_ACTOR = "learning command"
LONGEST_EXPIRY = timedelta(days=366)


class CommandError(Exception):
    """A mistake in what was asked: said on standard error, exit code 2."""


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    create = feedback_commands(commands).add_parser(
        "create-link",
        help="Make a feedback link for a team and print its address",
        description="Make a feedback link for a team. Prints the link's address, then its "
        "short address. The full address is shown only this once.",
    )
    create.add_argument("--team", required=True, help="the team's name or id")
    create.add_argument("--kind", required=True, choices=[kind.value for kind in LinkKind])
    create.add_argument("--title", default="", help="what the feedback is for")
    create.add_argument(
        "--expires", type=_iso_date, metavar="YYYY-MM-DD", help="the last day the link works"
    )
    create.add_argument(
        "--form",
        choices=[kind.value for kind in FORMS],
        help="the form (default: the person chooses)",
    )
    create.add_argument(
        "--retention",
        type=int,
        choices=[days for days, _ in RETENTION_CHOICES],
        default=DEFAULT_RETENTION,
        metavar="DAYS",
        help="how long its feedback is kept, in days: "
        + ", ".join(str(days) for days, _ in RETENTION_CHOICES)
        + f" (default {DEFAULT_RETENTION})",
    )
    create.set_defaults(handler=create_link_command)

    sweep = feedback_commands(commands).add_parser(
        "sweep",
        help="Delete feedback past its retention, and old counters, keys, nonces and saved forms",
        description="What the web service does every hour (learning.feedback.housekeeping): "
        "deletes feedback past its link's retention with everything about it (but feedback "
        "whose safeguarding alert is still open), rate-limit counters and the day keys they "
        "were hashed under older than 48 hours, spent form nonces and expired saved forms. "
        "Prints how many of each.",
    )
    sweep.set_defaults(handler=sweep_command)


def feedback_commands(commands: Any) -> Any:
    """The ``learning feedback`` group's subcommands, made once for every module that adds one."""
    group = commands.choices.get("feedback") or commands.add_parser(
        "feedback",
        help="Feedback from children and families",
        description="Feedback links and housekeeping.",
    )
    for action in group._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action
    return group.add_subparsers(title="feedback commands", metavar="COMMAND")


def _iso_date(raw: str) -> date:
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{raw!r} is not a date like 2026-06-30") from None


def create_link_command(args: argparse.Namespace) -> int:
    settings = Settings()
    database = Database.from_url(settings.database_url)
    try:
        with database.transaction() as db:
            url, short = _create(db, settings, args)
    except CommandError as error:
        print(f"learning: {error}", file=sys.stderr)
        return 2
    finally:
        database.engine.dispose()
    print(url)
    print(short)
    return 0


def sweep_command(_args: argparse.Namespace) -> int:
    database = Database.from_url(Settings().database_url)
    try:
        swept = housekeeping.run_once(database)
    finally:
        database.engine.dispose()
    print(
        f"Deleted {swept.submissions} submission(s) past their retention, {swept.counters} "
        f"rate counter(s), {swept.keys} day key(s), {swept.nonces} spent nonce(s) and "
        f"{swept.drafts} expired saved form(s)."
    )
    return 0


def _create(db: Session, settings: Settings, args: argparse.Namespace) -> tuple[str, str]:
    council = db.exec(select(Council).where(Council.slug == settings.council_slug)).first()
    if council is None or council.id is None:
        raise CommandError(f"there is no council {settings.council_slug!r} in the database")
    team = find_team(db, council.id, args.team)
    title = " ".join(((args.title or "").strip() or f"Feedback for {team.name}").split())
    if len(title) > MAX_TITLE:
        raise CommandError(f"the title must be {MAX_TITLE} characters or fewer")
    if args.expires is not None and not today() <= args.expires <= today() + LONGEST_EXPIRY:
        raise CommandError("--expires must be from today to a year from today")
    assert team.id is not None
    request = LinkRequest(
        team_id=team.id,
        kind=LinkKind(args.kind),
        subject=LinkSubject.TEAM,
        worker_id=None,
        title=title,
        form_kind=FormKind(args.form) if args.form else None,
        expires_on=args.expires,
        retention_days=args.retention,
    )
    new = issue_link(db, settings, Actor(None, COMMAND_ACTOR, council.id), council.id, request)
    return (
        links.link_url(settings.base_url, new.token),
        links.short_url(settings.base_url, new.short_code),
    )


def find_team(db: Session, council_id: int, name_or_id: str) -> Team:
    """The active team with this id or name (any case, any spacing) in the council."""
    wanted = name_or_id.strip()
    query = select(Team).where(Team.council_id == council_id, col(Team.active))
    teams = list(db.exec(query).all())
    if is_id(wanted):
        matches = [team for team in teams if team.id == int(wanted)]
    else:
        key = " ".join(wanted.casefold().split())
        matches = [team for team in teams if " ".join(team.name.casefold().split()) == key]
    if not matches:
        raise CommandError(f"there is no active team {wanted!r} in this council")
    if len(matches) > 1:
        raise CommandError(f"more than one team is called {wanted!r}: give its id instead")
    return matches[0]
