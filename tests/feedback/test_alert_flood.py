"""One client flooding a link with worries: every worry is an alert in the inbox, but the
alerts on held feedback from one link are emailed at most a few an hour (the last saying
more are in the inbox), and escalate as one email a sweep; alerts on feedback not held keep
one email each. Before, 300 held worries from one address were 300 emails at once, then
300 more at each escalation."""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta

import pytest
from sqlmodel import Session, col, select

from learning.audit.service import Actor
from learning.core.config import Settings
from learning.core.permissions import Role
from learning.feedback import alert_ceiling, alerts, links
from learning.feedback.alert_jobs import escalate_overdue
from learning.feedback.alert_mail import ALERT_KIND, ESCALATION_KIND, HELD_ESCALATION_KIND
from learning.feedback.models import FeedbackLink, SafeguardingAlert
from learning.feedback.submissions import Outcome, submit
from learning.feedback.terms import AlertStatus, LinkKind, QuarantineReason
from learning.mail.models import OutboxMessage
from learning.mail.terms import OutboxStatus
from tests.conftest import make_settings
from tests.factories import Factory
from tests.feedback.alert_helpers import RAISED, minutes
from tests.feedback.factories import FeedbackFactory
from tests.feedback.intake import incoming

CEILING = alert_ceiling.HELD_EMAILS_PER_LINK
MANY_HELD = "This feedback link is sending many alerts on feedback that was held for checking"
FURTHER_IN_THE_INBOX = (
    "further alerts from this link within the hour are in the safeguarding inbox without an "
    "email each"
)
NOT_EMAILED = "Not emailed: this is one of many alerts from the same feedback link within an hour"
_answers = itertools.count(1)


@pytest.fixture
def settings() -> Settings:
    return make_settings(
        safeguarding_acknowledge_minutes=30,
        safeguarding_email="duty@example.test",
        safeguarding_escalation_email="head-of-service@example.test",
    )


def poster(factory: Factory) -> FeedbackLink:
    return FeedbackFactory(factory).make_link(LinkKind.POSTER).link


def held_worry(db: Session, settings: Settings, link: FeedbackLink, now: datetime) -> Outcome:
    """'I am worried about my safety' from a script: no form nonce, so held (bad_nonce)."""
    n = next(_answers)
    sent = incoming(settings, link, now, nonce="", worried_about_safety=True,
                    answers={"worries": f"help {n}"})  # fmt: skip
    outcome = submit(db, settings, sent, "198.51.100.7", now=now)
    assert outcome.quarantined and outcome.alert is not None
    return outcome


def worry(db: Session, settings: Settings, link: FeedbackLink, now: datetime) -> Outcome:
    """'I am worried about my safety' from a person's phone: a fresh form, not held."""
    n = next(_answers)
    sent = incoming(settings, link, now, worried_about_safety=True,
                    answers={"worries": f"I am not safe at home, number {n}"})  # fmt: skip
    outcome = submit(db, settings, sent, f"203.0.113.{n % 250}", now=now)
    assert not outcome.quarantined and outcome.alert is not None
    return outcome


def alerts_of(outcomes: list[Outcome]) -> list[SafeguardingAlert]:
    found = [outcome.alert for outcome in outcomes]
    assert all(alert is not None for alert in found)
    return found  # type: ignore[return-value]


def emails(db: Session, kind: str) -> list[OutboxMessage]:
    query = select(OutboxMessage).where(OutboxMessage.kind == kind)
    return list(db.exec(query.order_by(col(OutboxMessage.id))))


def emailed_ids(db: Session, kind: str = ALERT_KIND) -> list[int | None]:
    return [m.safeguarding_alert_id for m in emails(db, kind)]


def trail(db: Session, alert: SafeguardingAlert) -> list[str]:
    return [e.kind for e in alerts.events(db, alert)]


def test_held_worries_on_one_link_are_all_alerted_but_only_the_first_few_emailed(
    db: Session, factory: Factory, settings: Settings
) -> None:
    link = poster(factory)
    raised = alerts_of([held_worry(db, settings, link, minutes(n)) for n in range(8)])

    assert len({a.id for a in raised}) == 8
    respond_within = timedelta(hours=settings.safeguarding_respond_hours)
    assert all(a.status is AlertStatus.OPEN for a in raised)
    assert all(a.respond_by == a.raised_at + respond_within for a in raised)
    assert emailed_ids(db) == [a.id for a in raised[:CEILING]]
    *first, last = emails(db, ALERT_KIND)
    assert all(MANY_HELD not in m.body and "more from" not in m.subject for m in first)
    assert MANY_HELD in last.body
    assert FURTHER_IN_THE_INBOX in " ".join(last.body.split())
    assert "https://testserver/safeguarding/alerts\n" in last.body
    assert last.subject == (
        f"Safeguarding alert {raised[CEILING - 1].id}: feedback needs a person now; "
        "more from the same link are in the inbox"
    )
    assert [trail(db, a) for a in raised[:CEILING]] == [["raised"]] * CEILING
    for alert in raised[CEILING:]:
        assert trail(db, alert) == ["raised", "not_emailed"]
        assert alerts.events(db, alert)[1].note.startswith(NOT_EMAILED)


def test_each_link_has_its_own_ceiling(db: Session, factory: Factory, settings: Settings) -> None:
    one, other = poster(factory), poster(factory)
    outcomes = []
    for n in range(5):
        outcomes += [held_worry(db, settings, one, minutes(n)),
                     held_worry(db, settings, other, minutes(n))]  # fmt: skip
    on_one, on_other = alerts_of(outcomes[0::2]), alerts_of(outcomes[1::2])

    assert sorted(emailed_ids(db)) == sorted(a.id for a in on_one[:3] + on_other[:3])
    notices = [m.safeguarding_alert_id for m in emails(db, ALERT_KIND) if MANY_HELD in m.body]
    assert notices == [on_one[2].id, on_other[2].id]
    assert [trail(db, a)[-1] for a in on_one + on_other].count("not_emailed") == 4


def test_worries_on_feedback_not_held_are_emailed_one_each_however_many(
    db: Session, factory: Factory, settings: Settings
) -> None:
    link = poster(factory)
    raised = alerts_of([worry(db, settings, link, minutes(0)) for _ in range(10)])

    assert emailed_ids(db) == [a.id for a in raised]
    assert all(MANY_HELD not in m.body for m in emails(db, ALERT_KIND))
    assert all(trail(db, a) == ["raised"] for a in raised)


def test_a_worry_not_held_is_emailed_even_when_its_links_held_ones_are_past_the_ceiling(
    db: Session, factory: Factory, settings: Settings
) -> None:
    link = poster(factory)
    held = alerts_of([held_worry(db, settings, link, minutes(0)) for _ in range(CEILING + 2)])
    real = alerts_of([worry(db, settings, link, minutes(1))])
    later = alerts_of([held_worry(db, settings, link, minutes(2))])

    assert emailed_ids(db) == [a.id for a in held[:CEILING] + real]
    assert trail(db, real[0]) == ["raised"]
    assert trail(db, later[0]) == ["raised", "not_emailed"]


@pytest.mark.parametrize(
    ("held_as", "link_limit"),
    [
        (QuarantineReason.LINK_RATE, CEILING),  # the flood took the poster past its limit
        (QuarantineReason.LINK_USED, 1000),  # the poster was switched off meanwhile
        (QuarantineReason.TOO_FAST, 1000),  # the safety button pressed at once
        (QuarantineReason.TOO_LONG, 1000),
    ],
)
def test_a_real_worry_held_for_what_happened_to_its_link_is_emailed_past_the_ceiling(
    db: Session, factory: Factory, held_as: QuarantineReason, link_limit: int
) -> None:
    """Someone floods a poster: a real child's worry on it may then be held for reasons that
    say nothing of the child (the link's own limit, the link closed), or for being quick or
    long. It is emailed all the same: the ceiling counts only holds for what a sender did."""
    settings = make_settings(feedback_link_limit=link_limit)
    link = poster(factory)
    alerts_of([held_worry(db, settings, link, minutes(0)) for _ in range(CEILING + 2)])
    if held_as is QuarantineReason.LINK_USED:
        links.revoke(db, link, None)
    long = held_as is QuarantineReason.TOO_LONG
    answer = "I am not safe at home" + (" and" * 3000 if long else "")
    fill = timedelta(seconds=1) if held_as is QuarantineReason.TOO_FAST else timedelta(seconds=45)
    sent = incoming(settings, link, minutes(1), worried_about_safety=True, filled_for=fill,
                    answers={"worries": answer})  # fmt: skip
    real = submit(db, settings, sent, "203.0.113.77", now=minutes(1))

    assert real.submission.quarantine_reason is held_as and real.alert is not None
    assert real.alert.id in emailed_ids(db)
    assert trail(db, real.alert) == ["raised"]


def test_a_person_raising_an_alert_on_held_feedback_is_always_emailed(
    db: Session, factory: Factory, settings: Settings
) -> None:
    link = poster(factory)
    alerts_of([held_worry(db, settings, link, minutes(0)) for _ in range(CEILING + 1)])
    calm = submit(db, settings, incoming(settings, link, minutes(1), nonce=""), "198.51.100.7",
                  now=minutes(1))  # fmt: skip
    assert calm.quarantined and calm.alert is None
    lead = factory.make_person(roles=(Role.SAFEGUARDING_LEAD,))
    actor = Actor(lead.id, lead.name, lead.council_id)

    submission = calm.submission
    alert = alerts.raise_on_reading(db, settings, actor, submission, "Reads as real", minutes(2))

    assert emailed_ids(db)[-1] == alert.id
    assert trail(db, alert) == ["raised"]


def test_after_an_hour_the_ceiling_starts_again(
    db: Session, factory: Factory, settings: Settings
) -> None:
    link = poster(factory)
    first_hour = alerts_of([held_worry(db, settings, link, minutes(0)) for _ in range(4)])
    still_within = alerts_of([held_worry(db, settings, link, minutes(59))])
    next_hour = alerts_of([held_worry(db, settings, link, minutes(60)) for _ in range(4)])

    assert emailed_ids(db) == [a.id for a in first_hour[:CEILING] + next_hour[:CEILING]]
    assert trail(db, still_within[0]) == ["raised", "not_emailed"]
    assert trail(db, next_hour[-1]) == ["raised", "not_emailed"]
    notices = [m.safeguarding_alert_id for m in emails(db, ALERT_KIND) if MANY_HELD in m.body]
    assert notices == [first_hour[CEILING - 1].id, next_hour[CEILING - 1].id]


def test_late_held_alerts_of_one_link_escalate_in_one_email_and_others_in_one_each(
    db: Session, factory: Factory, settings: Settings
) -> None:
    flooded, other = poster(factory), poster(factory)
    held = alerts_of([held_worry(db, settings, flooded, RAISED) for _ in range(6)])
    held_elsewhere = alerts_of([held_worry(db, settings, other, RAISED) for _ in range(2)])
    not_held = alerts_of([worry(db, settings, flooded, RAISED) for _ in range(2)])
    lone = alerts_of([held_worry(db, settings, poster(factory), RAISED)])

    escalated = escalate_overdue(db, settings, minutes(30))

    assert len(escalated) == 11
    assert all(a.escalation_level == 1 and trail(db, a)[-1] == "escalated" for a in escalated)
    [together, together_elsewhere] = emails(db, HELD_ESCALATION_KIND)
    assert together.safeguarding_alert_id == held[0].id
    assert together.to_address == "head-of-service@example.test"
    assert together.subject == (
        "Escalation: 6 safeguarding alerts from one feedback link need a person"
    )
    for alert in held:
        assert f"https://testserver/safeguarding/alerts/{alert.id}\n" in together.body
        note = alerts.events(db, alert)[-1].note
        assert note.startswith("Level 1: emailed head-of-service@example.test, in one email")
        assert f"(sent with alert {held[0].id})" in note
    assert together_elsewhere.safeguarding_alert_id == held_elsewhere[0].id
    assert sorted(emailed_ids(db, ESCALATION_KIND)) == sorted(a.id for a in not_held + lone)

    # The next sweep a window later: the same again, one email for the flooded link's.
    lead = factory.make_person(roles=(Role.SAFEGUARDING_LEAD,))
    alerts.acknowledge(db, held[0], lead.id, now=minutes(31))
    db.expire_all()
    assert together.status is OutboxStatus.PENDING  # it is about the other five too
    assert len(escalate_overdue(db, settings, minutes(60))) == 10
    assert len(emails(db, HELD_ESCALATION_KIND)) == 4
    assert "Escalation: 5 safeguarding alerts" in emails(db, HELD_ESCALATION_KIND)[2].subject
