"""The demo council's feedback links: posters in waiting rooms, a contact centre, a drop-in
and a support group; a time-limited link for this week's child protection conferences and
an expired one for last quarter's reviews; a poster switched off when its team moved; and
personal links sent after visits (most used, some not, some run out).

Links are made through the same service as the staff pages (audited), then dated back to
when they were made.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlmodel import Session

from learning.core.config import Settings
from learning.feedback import link_service
from learning.feedback.demo_staff import QUALITY_TEAM, DemoStaff, dated
from learning.feedback.link_forms import LinkRequest
from learning.feedback.models import FeedbackLink
from learning.feedback.terms import FormKind, LinkKind, LinkSubject

F = FormKind
POSTER, TIMED, PERSONAL = LinkKind.POSTER, LinkKind.TIMED, LinkKind.PERSONAL


@dataclass(frozen=True)
class LinkPlan:
    key: str
    team: str
    kind: LinkKind
    title: str
    form_kind: FormKind | None  # None: the person chooses, weighted by ``kinds``
    opened: int  # days ago
    count: int  # submissions drawn at random (besides the demo's moments)
    kinds: tuple[tuple[FormKind, float], ...] = ()
    last_day: int | None = None  # days from today; negative: in the past
    revoked: int | None = None  # days ago
    subject: LinkSubject = LinkSubject.TEAM
    worker_id: int | None = None
    retention_days: int = 730


# fmt: off
FAMILIES = ((F.PARENT_CARER, 5), (F.CHILD_8_12, 2), (F.CHILD_UNDER_8, 1), (F.THREE_HOUSES, 1),
            (F.YOUNG_PERSON, 1))

POSTERS = (
    LinkPlan("family_hub", "Early Help East", POSTER, "Family hub waiting room", None, 190, 33,
             FAMILIES),
    LinkPlan("contact_centre", "Children in Care", POSTER, "Contact centre playroom",
             F.CHILD_8_12, 186, 25),
    LinkPlan("front_door", "Front Door and MASH", POSTER, "Contact centre reception", None, 185,
             16, ((F.PARENT_CARER, 3), (F.PARTNER, 2))),
    LinkPlan("support_group", "Fostering", POSTER, "Foster carers' support group",
             F.FOSTER_CARER, 180, 13),
    LinkPlan("drop_in", "Care Leavers (Moving On)", POSTER, "Moving On drop-in",
             F.YOUNG_PERSON, 175, 15, retention_days=1095),
    LinkPlan("short_breaks", "Disabled Children's Team", POSTER, "Short breaks centre",
             F.CHILD_UNDER_8, 150, 11),
    LinkPlan("partners", "Child Protection South", POSTER,
             "Working with us: schools, health and police", F.PARTNER, 170, 12),
    LinkPlan("old_reception", "Child in Need North", POSTER, "Team reception, Harbour Street",
             None, 200, 10, FAMILIES, revoked=61),
    LinkPlan("new_reception", "Child in Need North", POSTER, "Team reception, Quay House",
             None, 60, 7, FAMILIES),
    LinkPlan("conferences", QUALITY_TEAM, TIMED, "Child protection conferences this week", None,
             3, 9, ((F.PARENT_CARER, 5), (F.PARTNER, 3), (F.YOUNG_PERSON, 2)), last_day=4,
             subject=LinkSubject.EVENT, retention_days=1095),
    LinkPlan("reviews", QUALITY_TEAM, TIMED, "Children in care reviews", None, 100, 14,
             ((F.YOUNG_PERSON, 3), (F.CHILD_8_12, 2), (F.FOSTER_CARER, 3), (F.PARENT_CARER, 2)),
             last_day=-71, subject=LinkSubject.EVENT, retention_days=1095),
)
#: The child's form the demo prints for a visitor to try.
TRY_ME = "contact_centre"
PERSONAL_TEAMS = ("Child in Need North", "Child Protection South", "Children in Care",
                  "Adoption and Permanence")
PERSONAL_FORMS = ((F.PARENT_CARER, 9), (F.YOUNG_PERSON, 4), (F.CHILD_8_12, 4),
                  (F.THREE_HOUSES, 3))
# fmt: on
PERSONAL_LINKS = 32
PERSONAL_DAYS = 28


@dataclass(frozen=True)
class MadeLink:
    plan: LinkPlan
    link: FeedbackLink
    opened_at: datetime
    closes_at: datetime  # when it stops taking feedback (now, for an open link)


def personal_plans(staff: DemoStaff, rng: random.Random) -> list[LinkPlan]:
    """Links sent after visits; the first is the one a child used this afternoon."""
    plans = []
    for number in range(PERSONAL_LINKS):
        team = staff.team(PERSONAL_TEAMS[number % len(PERSONAL_TEAMS)])
        worker = rng.choice(staff.workers[team.id])  # type: ignore[index]
        opened = 1 if number == 0 else rng.randint(2, 178)
        kind = F.THREE_HOUSES if number == 0 else pick(rng, PERSONAL_FORMS)
        used = number > 0 and rng.random() < 0.75
        plans.append(
            LinkPlan(
                "houses_visit" if number == 0 else f"personal_{number}",
                team.name,
                PERSONAL,
                f"After your visit with {worker.given_name}",
                kind,
                opened,
                int(used),
                last_day=PERSONAL_DAYS - opened,
                subject=LinkSubject.WORKER,
                worker_id=worker.id,
                retention_days=365,
            )
        )
    return plans


def pick(rng: random.Random, weighted: tuple[tuple[FormKind, float], ...]) -> FormKind:
    kinds, weights = zip(*weighted, strict=True)
    chosen: FormKind = rng.choices(kinds, weights)[0]
    return chosen


def create_links(
    db: Session, settings: Settings, staff: DemoStaff, plans: list[LinkPlan], now: datetime
) -> dict[str, MadeLink]:
    return {plan.key: _create(db, settings, staff, plan, now) for plan in plans}


def _create(
    db: Session, settings: Settings, staff: DemoStaff, plan: LinkPlan, now: datetime
) -> MadeLink:
    team = staff.team(plan.team)
    assert team.id is not None
    maker = staff.lead(team.id)
    opened_at = now - timedelta(days=plan.opened, hours=3)
    last_day = _day(now, plan.last_day) if plan.last_day is not None else None
    request = LinkRequest(
        team.id,
        plan.kind,
        plan.subject,
        plan.worker_id,
        plan.title,
        plan.form_kind,
        last_day,
        plan.retention_days,
    )
    with dated(db, opened_at):
        actor = staff.actor(maker)
        link = link_service.issue_link(db, settings, actor, staff.council_id, request).link
    link.created_at = opened_at
    closes = [now]
    if link.expires_at is not None:
        closes.append(link.expires_at)
    if plan.revoked is not None:
        closes.append(now - timedelta(days=plan.revoked))
    return MadeLink(plan, link, opened_at, min(closes))


def _day(now: datetime, days_from_today: int) -> date:
    return (now + timedelta(days=days_from_today)).date()


def switch_off(db: Session, staff: DemoStaff, made: dict[str, MadeLink]) -> None:
    """Revoke the links planned to be switched off, after their feedback came in."""
    for item in made.values():
        if item.plan.revoked is None:
            continue
        with dated(db, item.closes_at):
            link_service.revoke_link(db, staff.actor(staff.lead(item.link.team_id)), item.link)
        item.link.revoked_at = item.closes_at
        db.add(item.link)
    db.flush()
