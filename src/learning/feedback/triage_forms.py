"""Form input for the review queue: a tag, a reply, an action, a move to another team.
Pure: raw fields in, typed values or errors keyed by field id out; ``data`` is None
whenever there are errors."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from learning.feedback.terms import ActionStatus
from learning.org.forms import (
    Errors,
    FormLike,
    date_fields,
    date_values,
    parse_date,
    text,
    whole_number,
)

MAX_TAG = 60
MAX_REPLY = 4000
MAX_ACTION_TITLE = 200
MAX_PUBLIC_SUMMARY = 2000
MAX_MOVE_REASON = 1000

ACTION_STATUS_LABELS = {
    ActionStatus.PLANNED: "Planned",
    ActionStatus.IN_PROGRESS: "In progress",
    ActionStatus.DONE: "Done",
}


def parse_tag(form: FormLike) -> tuple[str | None, Errors]:
    name = " ".join(text(form, "tag").split())
    if not name:
        return None, {"tag": "Enter a tag, like 'waiting times'"}
    if len(name) > MAX_TAG:
        return None, {"tag": f"A tag must be {MAX_TAG} characters or fewer"}
    return name, {}


def parse_reply(form: FormLike, by_phone: bool) -> tuple[str | None, Errors]:
    body = text(form, "body")
    if not body:
        missing = "Say what you talked about" if by_phone else "Enter your reply"
        return None, {"body": missing}
    if len(body) > MAX_REPLY:
        return None, {"body": f"Keep it to {MAX_REPLY} characters or fewer"}
    return body, {}


@dataclass(frozen=True)
class MoveInput:
    to_team_id: int
    reason: str


def parse_move(form: FormLike, team_ids: Collection[int]) -> tuple[MoveInput | None, Errors]:
    """The team to move an item to (one of ``team_ids``, the council's other active teams)
    and why, in plain words; both are needed."""
    wanted = whole_number(text(form, "to_team"))
    reason = text(form, "move_reason")
    errors: Errors = {}
    if wanted is None or wanted not in team_ids:
        errors["to_team"] = "Choose the team to move it to"
    if not reason:
        errors["move_reason"] = "Say why it belongs to that team"
    elif len(reason) > MAX_MOVE_REASON:
        errors["move_reason"] = f"Keep it to {MAX_MOVE_REASON} characters or fewer"
    if errors or wanted is None:
        return None, errors
    return MoveInput(wanted, reason), {}


@dataclass(frozen=True)
class ActionInput:
    title: str
    public_summary: str
    status: ActionStatus
    due_on: date | None


def action_values(form: FormLike) -> dict[str, str]:
    """What was typed, to show again beside any errors."""
    return {
        "title": text(form, "title"),
        "public_summary": text(form, "public_summary"),
        "status": text(form, "status"),
        **date_values(form, "due_on"),
    }


def values_of_action(
    title: str, public_summary: str, status: ActionStatus, due_on: date | None
) -> dict[str, str]:
    return {
        "title": title,
        "public_summary": public_summary,
        "status": status.value,
        **date_fields("due_on", due_on),
    }


def parse_action(form: FormLike) -> tuple[ActionInput | None, Errors]:
    values = action_values(form)
    errors: Errors = {}
    if not values["title"]:
        errors["title"] = "Enter what the team will do"
    elif len(values["title"]) > MAX_ACTION_TITLE:
        errors["title"] = f"The title must be {MAX_ACTION_TITLE} characters or fewer"
    if len(values["public_summary"]) > MAX_PUBLIC_SUMMARY:
        errors["public_summary"] = f"Keep it to {MAX_PUBLIC_SUMMARY} characters or fewer"
    status = _status(values["status"])
    if status is None:
        errors["status"] = "Choose whether it is planned, in progress or done"
    due_on, problem = parse_date(form, "due_on", "Due date", required=False)
    if problem:
        errors["due_on"] = problem
    if (
        status is ActionStatus.DONE
        and not values["public_summary"]
        and "public_summary" not in errors
    ):
        errors["public_summary"] = "Say what changed, in plain words, before marking it done"
    if errors or status is None:
        return None, errors
    return ActionInput(values["title"], values["public_summary"], status, due_on), {}


def _status(raw: str) -> ActionStatus | None:
    try:
        return ActionStatus(raw)
    except ValueError:
        return None
