"""A session form sent from a page opened before the record last changed.

The session form carries a token (``seen``): a fingerprint of the record as the page showed
it, its answers (those kept as typed too) and where it is in its life (:func:`form_token`).
Every save sends the whole form, with or without JavaScript. A save whose token is no longer
the record's is refused (``ChangedSinceOpened``) when saving it would

- make a record recorded since the page was opened a draft again: its supervisee would
  have nothing to sign off, and nobody asked for it (only a page that showed the record
  recorded, and said what a change does, may change it); or
- put what the page showed back over answers saved since, in another window or by
  someone else (a lost update).

A save to a draft that would change nothing is let through: an autosave and a button
pressed at once on one page cross on the way, and the second carries the token from before
the first. Each
save that works gives its page the record's new token, so one page saving as it is typed
in never refuses itself.

The pages of the record's parts (a case discussion, its removal, an action) change the
record too, so they carry where it was in its life (``stage``, :func:`stage_of`): a change
from one opened before the record was recorded is refused the same way
(``RecordedSinceOpened``, back to the record with what was typed).

A fingerprint rather than a counter in the table, like the sign-off's
(``records.fingerprint``) and the agreement's (``agreements.terms_fingerprint``): it changes
when what the form shows changes, not when a case discussion or an action does, and it
needs no migration. No database and no web framework here: callers pass what the form
shows (``drafts.form_values``).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from datetime import date, datetime

from learning.core.clock import format_date, to_london, today
from learning.core.record_ids import is_id
from learning.supervision import forms, frameworks
from learning.supervision.forms import Fields, Raw, SessionField
from learning.supervision.lifecycle import ChangedSinceOpened, RecordedSinceOpened, is_recorded
from learning.supervision.models import SupervisionSession

#: The name of the form's hidden input that carries the token.
SEEN_FIELD = "seen"
#: The name of the hidden input of a part's page that carries where the record was.
STAGE_FIELD = "stage"

#: What the session form calls each answer (its reflections are named by their model).
LABELS = {
    "planned_for": "Planned date",
    "outcome": "What happened",
    "status_reason": "Reason it was cancelled or rescheduled",
    "held_on": "Date held",
    "duration_minutes": "How long it lasted",
    "session_type": "Type of supervision",
    "attendees": "Who else attended",
    "functions": "Functions of supervision covered",
    "reflective_model": "Reflective model",
    "wellbeing": "Wellbeing",
    "support_needs": "Support needs",
    "learning_and_cpd": "Learning and CPD",
    "career_goals": "Career goals",
}
_CHOICES: dict[str, dict[str, str]] = {
    "outcome": {str(key): label for key, label in forms.OUTCOME_LABELS.items()},
    "session_type": {str(key): label for key, label in forms.TYPE_LABELS.items()},
    "functions": {str(key): label for key, label in forms.FUNCTION_LABELS.items()},
}


def form_token(session: SupervisionSession, shown: Mapping[str, Raw]) -> str:
    """The token of a page showing ``shown`` (``drafts.form_values``) for ``session``."""
    state = {"status": session.status.value, "version": session.version,
             "locked": session.locked, "answers": dict(shown)}
    text = json.dumps(state, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def require_current(session: SupervisionSession, shown: Mapping[str, Raw], sent: Fields) -> None:
    """Refuse (ChangedSinceOpened) a form whose token is not the record's now, when saving
    it would change the record (see above). A form without a token (a page served before
    forms carried one, or a request made by hand) may still change a draft, but never
    makes a recorded session a draft again."""
    seen = sent.one(SEEN_FIELD)
    if seen == form_token(session, shown):
        return
    recorded = is_recorded(session)
    differing = differing_answers(sent, shown)
    if recorded or (seen and differing):
        raise ChangedSinceOpened(session.updated_at if recorded else None, differing)


def stage_of(session: SupervisionSession) -> str:
    """Where the record is in its life, as the pages of its parts carry it."""
    return f"{session.status.value}.{session.version}"


def require_same_stage(session: SupervisionSession, stage: str | None) -> None:
    """Refuse (RecordedSinceOpened) a change to a part of a recorded record from a page
    opened before it was recorded, or from one that does not say (``stage`` empty); None
    for a change that comes from no page."""
    if stage is None or not is_recorded(session) or stage == stage_of(session):
        return
    raise RecordedSinceOpened(f"This session was recorded at {_at(session.updated_at)} after "
                              "you opened that page, so your changes were not saved")


def not_saved(changed: ChangedSinceOpened, what: str) -> str:
    """Why a form was not saved: "..., so ``what`` (your changes were) not saved"."""
    if changed.recorded_at is not None:
        return (f"This session was recorded at {_at(changed.recorded_at)} after you opened "
                f"this page, so {what} not saved")
    return ("This session was changed in another window or by someone else since you "
            f"opened it, so {what} not saved")


def _at(moment: datetime) -> str:
    """A moment as a time, today; with its day, before."""
    local = to_london(moment)
    return f"{local:%H:%M}" + ("" if local.date() == today() else f" on {format_date(local)}")


def differing_answers(sent: Fields, shown: Mapping[str, Raw]) -> list[str]:
    """The answers ``sent`` that say something other than ``shown``, by name: each compared
    as it reads ("03" and "3" are the same day), or as typed if it does not pass. An answer
    not sent is not compared: saving leaves it as it is."""
    now = Fields(shown)
    return [spec.name for spec in forms.SESSION_FIELDS
            if any(name in sent for name in spec.inputs)
            and _reading(spec, sent) != _reading(spec, now)]


def _reading(spec: SessionField, fields: Fields) -> object:
    value, problem = spec.parse(fields)
    return value if problem is None else [fields.raw(name, spec.many) for name in spec.inputs]


def latest_answers(
    names: Sequence[str], shown: Mapping[str, Raw], people: Mapping[int, str]
) -> list[tuple[str, str]]:
    """The answers ``names`` as the record says them now, each with its label, as words a
    person reads (dates, choices and people by name; empty if not given): shown beside a
    refused form's own."""
    model = frameworks.reflective_model(str(shown.get("reflective_model") or ""))
    stages = {f"reflection-{stage.key}": stage.label  # the record's own model's last
              for each in (*frameworks.reflective_models(), model) for stage in each.stages}
    return [(LABELS.get(name) or stages.get(name) or forms.field_label(name),
             _saved_text(name, shown, people)) for name in names]


def _saved_text(name: str, shown: Mapping[str, Raw], people: Mapping[int, str]) -> str:
    if name in ("planned_for", "held_on"):
        return _date_text(name, shown)
    raw = shown.get(name, "")
    chosen = [value for value in (raw if isinstance(raw, list) else [raw]) if value]
    if name == "attendees":
        chosen = [people.get(int(value), value) if is_id(value) else value
                  for value in chosen]
    elif name == "reflective_model":
        chosen = [frameworks.reflective_model(value).name for value in chosen]
    elif name == "duration_minutes":
        chosen = [f"{value} minutes" for value in chosen]
    elif name in _CHOICES:
        chosen = [_CHOICES[name].get(value, value) for value in chosen]
    return ", ".join(chosen)


def _date_text(name: str, shown: Mapping[str, Raw]) -> str:
    day, month, year = (str(shown.get(part) or "") for part in forms.date_inputs(name))
    try:
        return format_date(date(int(year), int(month), int(day)))
    except ValueError:
        return " ".join(part for part in (day, month, year) if part)
