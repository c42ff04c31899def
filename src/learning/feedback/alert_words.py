"""Plain words for safeguarding alerts: what the screen found, what happened to an alert, and
how long is left to respond."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime

from learning.core.clock import format_datetime, to_london
from learning.feedback.terms import AlertOutcome, ScreenCategory

CATEGORY_LABELS: dict[ScreenCategory, str] = {
    ScreenCategory.IMMEDIATE_DANGER: "Immediate danger",
    ScreenCategory.SELF_HARM: "Self-harm",
    ScreenCategory.SUICIDE: "Suicide",
    ScreenCategory.PHYSICAL_ABUSE: "Physical abuse",
    ScreenCategory.SEXUAL_ABUSE: "Sexual abuse",
    ScreenCategory.EMOTIONAL_ABUSE: "Emotional abuse",
    ScreenCategory.NEGLECT: "Neglect",
    ScreenCategory.DOMESTIC_ABUSE: "Domestic abuse",
    ScreenCategory.EXPLOITATION: "Exploitation",
    ScreenCategory.FEAR: "Fear (scared of someone or of going home)",
    ScreenCategory.RUNNING_AWAY: "Running away",
    ScreenCategory.SUBSTANCES: "Drugs or alcohol",
    ScreenCategory.BULLYING: "Bullying",
    ScreenCategory.CONCERN: "A worry about a child's safety (in other words)",
    ScreenCategory.ASKED_FOR_HELP: "Asked for help: 'I am worried about my safety'",
    ScreenCategory.RAISED_BY_STAFF: "Nothing: a person who read it raised the alert",
}

EVENT_LABELS = {
    "raised": "Alert raised",
    "email_sent": "Email sent",
    "email_failed": "Email not sent yet (will retry)",
    "not_emailed": "Not emailed: one of many from the same link",
    "escalated": "Escalated: not acknowledged in time",
    "acknowledged": "Acknowledged",
    "outcome": "Outcome recorded",
    "reopened": "Reopened",
}


def encode_categories(categories: Iterable[ScreenCategory]) -> str:
    return json.dumps(sorted({ScreenCategory(c).value for c in categories}))


def decode_categories(stored: str) -> tuple[ScreenCategory, ...]:
    known = {c.value for c in ScreenCategory}
    return tuple(ScreenCategory(v) for v in json.loads(stored or "[]") if v in known)


def category_labels(categories: Iterable[ScreenCategory]) -> list[str]:
    return [CATEGORY_LABELS[c] for c in categories]


def event_label(kind: str) -> str:
    return EVENT_LABELS.get(kind, kind.replace("_", " ").capitalize())


def already_done(name: str, did: str, when: datetime | None) -> str:
    """For someone who tried to do what another person did first: "Helen Pascoe has already
    acknowledged this alert at 10:42", so they know whom to speak to."""
    at = f" at {to_london(when).strftime('%H:%M')}" if when is not None else ""
    return f"{name or 'Someone'} has already {did} this alert{at}"


def already_raised(name: str, raised_at: datetime, now: datetime) -> str:
    """For someone raising an alert about feedback that has one: who raised it and when
    ("Helen Pascoe raised an alert about this at 10:42"), or that it was raised when the
    feedback arrived (by the screen, or because the person asked for help)."""
    local = to_london(raised_at)
    same_day = local.date() == to_london(now).date()
    at = f"at {local.strftime('%H:%M')}" if same_day else f"on {format_datetime(raised_at)}"
    if name:
        return f"{name} raised an alert about this {at}"
    return f"An alert was raised about this when it arrived, {at}"


#: How the "raised" event's note says the alert was raised out of office hours.
OUT_OF_HOURS = "Raised out of office hours: {address} is emailed too."


def raised_note(why: str, out_of_hours: str) -> str:
    """The "raised" event's note: why the person who raised it was worried (nothing when
    the screen raised it), then who else is emailed out of office hours."""
    said = [why, OUT_OF_HOURS.format(address=out_of_hours) if out_of_hours else ""]
    return "\n".join(line for line in said if line)


def why_raised(note: str) -> str:
    """What the person who raised the alert wrote, from the "raised" event's note."""
    lines = note.split("\n")
    if lines and lines[-1].startswith(OUT_OF_HOURS.split("{", 1)[0]):
        lines.pop()
    return "\n".join(lines)


def reopened_note(
    outcome: AlertOutcome | None,
    outcome_note: str,
    closed_by: str,
    closed_at: datetime | None,
    reason: str,
) -> str:
    """The "reopened" event's note: why, and the outcome it undid (which the alert no longer
    holds), so that the trail keeps what was recorded, by whom and when."""
    label = outcome.label if outcome is not None else "None recorded"
    return "\n".join(
        [
            f"Why: {reason}",
            f"Outcome undone: {label}, recorded by {closed_by or 'someone'} on "
            f"{format_datetime(closed_at)}.",
            f"What was done and why, as recorded then: {outcome_note or 'Nothing written'}",
        ]
    )


def time_left(respond_by: datetime, now: datetime) -> str:
    """'3 hours 10 minutes left', or 'Overdue by 25 minutes'."""
    seconds = int((respond_by - now).total_seconds())
    if seconds > 0:
        return f"{span(seconds)} left"
    return f"Overdue by {span(-seconds)}"


def span(seconds: int) -> str:
    minutes = seconds // 60
    if minutes < 1:
        return "less than a minute"
    days, hours, minutes = minutes // 1440, minutes // 60 % 24, minutes % 60
    parts = [(days, "day"), (hours, "hour"), (minutes, "minute")]
    words = [f"{n} {unit}{'' if n == 1 else 's'}" for n, unit in parts if n]
    return " ".join(words[:2])
