"""How a stored submission reads to staff: each question in the words the person saw (in
English), their answer (a face's words rather than its code), who the form was for, the
link it came through, whether anyone has replied, and why an item was held for checking.

The staff pages are in English; what the person wrote in their own words (a box written in,
the name they gave) is marked with their language (``own_language``), so that a screen reader
reads it with that language's voice (WCAG 3.1.2). A choice is shown in English, so is not."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from sqlmodel import Session, col, select

from learning.feedback import safeguarding
from learning.feedback.alert_words import CATEGORY_LABELS
from learning.feedback.form_definitions import definition_for
from learning.feedback.models import (
    FeedbackLink,
    FeedbackReply,
    FeedbackSubmission,
    FeedbackTag,
    SafeguardingAlert,
)
from learning.feedback.terms import (
    FormKind,
    Language,
    LinkSubject,
    QuarantineReason,
    ScreenCategory,
    SubmissionStatus,
)
from learning.feedback.triage import moved_in_at
from learning.feedback.working_days import is_overdue, read_by

__all__ = ["read_by"]  # triage_item_page reads it from here, with the rest of the display
from learning.org.models import Person, Team

HELD_BECAUSE = {
    QuarantineReason.CLIENT_RATE: "Many forms came from the same place in a few minutes",
    QuarantineReason.LINK_RATE: "This link took more forms in an hour than expected",
    QuarantineReason.HONEYPOT: "A box that people cannot see was filled in (usually a robot)",
    QuarantineReason.TOO_FAST: "The form was sent back within seconds of opening",
    QuarantineReason.BAD_NONCE: "The form was old, changed or not one we gave out",
    QuarantineReason.DUPLICATE: "The same words arrived earlier, or the form was sent twice",
    QuarantineReason.TOO_LONG: "It was far longer than the form allows, so it was cut to fit",
    QuarantineReason.LINK_USED: "The link had already been used, or was switched off or out "
    "of date, when the form was sent",
}


@dataclass(frozen=True)
class Piece:
    """A stretch of an answer, as lines, and whether the safeguarding screen flagged it."""

    lines: tuple[str, ...]
    flagged: bool


@dataclass(frozen=True)
class Why:
    """One reason the screen flagged an answer: the category in words, and the words as
    they were written."""

    label: str
    words: tuple[str, ...]


@dataclass(frozen=True)
class Answer:
    question: str
    answer: str
    is_text: bool  # written in their own words; else a choice, shown in English
    pieces: tuple[Piece, ...] = ()  # the answer with what was flagged marked (see explained)
    why: tuple[Why, ...] = ()
    lang: str = ""  # the language to mark the answer in: empty for a choice, or English


def form_label(kind: FormKind) -> str:
    return str(definition_for(kind).who)


#: An item's heading, by its form: who gave it, in a sentence (the forms' labels are for
#: lists, and lower-cased after "Feedback from" would read "the three houses").
HEADINGS = {
    FormKind.CHILD_UNDER_8: "Feedback from a child under 8",
    FormKind.CHILD_8_12: "Feedback from a child aged 8 to 12",
    FormKind.YOUNG_PERSON: "Feedback from a young person aged 13 or over",
    FormKind.THREE_HOUSES: "Feedback on the Three Houses form: worries, good things and dreams",
    FormKind.PARENT_CARER: "Feedback from a parent or carer",
    FormKind.FOSTER_CARER: "Feedback from a foster carer",
    FormKind.PARTNER: "Feedback from a professional in another agency",
    FormKind.NOT_CHOSEN: (
        "Feedback from someone who pressed the safety button before choosing a form"
    ),
}


def heading(kind: FormKind) -> str:
    return HEADINGS[kind]


@dataclass(frozen=True)
class LinkShown:
    """The link the feedback came through: its title, its kind in words, and the worker or
    event it was made for, if it records one ("" when it is about a team or service)."""

    title: str
    kind: str
    about: str


def link_of(db: Session, submission: FeedbackSubmission) -> LinkShown | None:
    link = db.get(FeedbackLink, submission.link_id)
    if link is None:
        return None
    about = ""
    if link.subject is LinkSubject.WORKER and link.worker_id is not None:
        worker = db.get(Person, link.worker_id)
        about = f"{link.subject.label}: {worker.name}" if worker else link.subject.label
    elif link.subject is LinkSubject.EVENT:
        about = link.subject.label
    return LinkShown(link.title, link.kind.label, about)


def contact_state(replies: list[FeedbackReply]) -> str:
    """Whether anyone has answered a person who asked for contact: "Replied" by email,
    "Contacted" by a phone call noted (the latest of them says which), or "" not yet."""
    if not replies:
        return ""
    latest = max(replies, key=lambda r: (r.created_at, r.id or 0))
    return "Replied" if latest.outbox_id is not None else "Contacted"


def own_language(submission: FeedbackSubmission) -> str:
    """The language to mark the person's own words in on an English page ("ar"), or empty
    when they wrote in English, as the page is."""
    return "" if submission.language is Language.ENGLISH else submission.language.value


#: How the box for a person's name is shown when what it holds reads as a worry.
NAME_BOX = "Written in the box for their name"


def answers_of(submission: FeedbackSubmission) -> list[Answer]:
    """The answers in the form's order, then anything the form no longer asks."""
    stored: dict[str, str] = json.loads(submission.answers or "{}")
    definition = definition_for(submission.form_kind, submission.easy_read)
    lang = own_language(submission)
    shown: list[Answer] = []
    for question in definition.questions:
        raw = stored.pop(question.key, "")
        if not raw:
            continue
        prompt = question.easy_prompt if submission.easy_read and question.easy_prompt else ""
        words = raw if question.scale is None else _choice_label(question.scale.choices, raw)
        text = question.is_text
        shown.append(Answer(str(prompt or question.prompt), words, text, lang=lang if text else ""))
    shown.extend(
        Answer(key.replace("_", " ").capitalize(), str(v), True, lang=lang)
        for key, v in stored.items()
        if v
    )
    name = submission.contact_name.strip()
    if safeguarding.screened_name(name) and safeguarding.screen(name).flagged:
        # A worry written where their name goes is read with the answers, marked like them.
        shown.append(Answer(NAME_BOX, name, True, lang=lang))
    return shown


def explained(answers: list[Answer]) -> list[Answer]:
    """The answers with the words that made the safeguarding screen flag each one marked, and
    why in words, for the people who read an alert: a false alarm ("my mum will kill me if I
    am late") is seen as one at a glance, and the words that matter in a long answer are
    found at once."""
    return [_explained(answer) for answer in answers]


def _explained(answer: Answer) -> Answer:
    reasons = safeguarding.explain(answer.answer) if answer.is_text else ()
    if not reasons:
        return answer
    text = answer.answer
    in_order = sorted(reasons, key=lambda r: r.spans[:1])  # in the order they were written
    why = tuple(
        Why(CATEGORY_LABELS[r.category], tuple(text[start:end] for start, end in r.spans))
        for r in in_order
    )
    return replace(answer, pieces=pieces(text, safeguarding.flagged_spans(reasons)), why=why)


def pieces(text: str, spans: tuple[tuple[int, int], ...]) -> tuple[Piece, ...]:
    """The text cut at the spans' ends, each piece as its lines."""
    out: list[Piece] = []
    at = 0
    for start, end in spans:
        if start > at:
            out.append(_piece(text[at:start], False))
        out.append(_piece(text[start:end], True))
        at = end
    if at < len(text):
        out.append(_piece(text[at:], False))
    return tuple(out)


def _piece(text: str, flagged: bool) -> Piece:
    return Piece(tuple(text.replace("\r\n", "\n").replace("\r", "\n").split("\n")), flagged)


def _choice_label(choices: tuple[Any, ...], raw: str) -> str:
    return next((str(choice.label) for choice in choices if choice.value == raw), raw)


def screen_words(submission: FeedbackSubmission) -> list[str]:
    """What the safeguarding screen found, in words."""
    found = json.loads(submission.screen_categories or "[]")
    return [ScreenCategory(value).value.replace("_", " ") for value in found]


@dataclass(frozen=True)
class Row:
    submission: FeedbackSubmission
    team: str
    form: str
    read_by: date
    overdue: bool
    alert_id: int | None
    tags: tuple[str, ...]
    contacted: str = ""  # "Replied" or "Contacted" once someone did (see contact_state)
    moved_in: datetime | None = None  # when it was last moved to its team (never moved: None)

    @property
    def unread(self) -> bool:
        return self.submission.status is SubmissionStatus.NEW


def rows_for(db: Session, submissions: list[FeedbackSubmission], today: date) -> list[Row]:
    """The queue's lines: each item with its team, deadline (from when it came to its team:
    an item moved to it counts from the move), alert and tags."""
    ids = [s.id for s in submissions if s.id is not None]
    moved = moved_in_at(db, ids)
    teams = {
        t.id: t.name
        for t in db.exec(
            select(Team).where(col(Team.id).in_({s.team_id for s in submissions}))
        ).all()
    }
    alerts = dict(
        db.exec(
            select(SafeguardingAlert.submission_id, SafeguardingAlert.id).where(
                col(SafeguardingAlert.submission_id).in_(ids)
            )
        ).all()
    )
    tags: dict[int, list[str]] = {}
    for submission_id, name in db.exec(
        select(FeedbackTag.submission_id, FeedbackTag.name)
        .where(col(FeedbackTag.submission_id).in_(ids))
        .order_by(col(FeedbackTag.name))
    ).all():
        tags.setdefault(submission_id, []).append(name)
    replies: dict[int, list[FeedbackReply]] = {}
    for reply in db.exec(
        select(FeedbackReply).where(col(FeedbackReply.submission_id).in_(ids))
    ).all():
        replies.setdefault(reply.submission_id, []).append(reply)
    return [
        Row(
            submission=s,
            team=teams.get(s.team_id, ""),
            form=form_label(s.form_kind),
            read_by=read_by(moved.get(s.id or 0, s.submitted_at)),
            overdue=s.status is SubmissionStatus.NEW
            and is_overdue(moved.get(s.id or 0, s.submitted_at), today),
            alert_id=alerts.get(s.id or 0),
            tags=tuple(tags.get(s.id or 0, ())),
            contacted=contact_state(replies.get(s.id or 0, [])),
            moved_in=moved.get(s.id or 0),
        )
        for s in submissions
    ]


def alert_of(db: Session, submission_id: int) -> SafeguardingAlert | None:
    query = select(SafeguardingAlert).where(SafeguardingAlert.submission_id == submission_id)
    return db.exec(query).first()
