"""Who may add, change, link and unlink a team's actions: the same people who may work on its
feedback (its own team, and the principal social worker for every team). A manager of
another team or a safeguarding lead sees every team's actions but only reads them: their
pages offer no form for them, and a form sent anyway is refused (403) and audited."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, col, select

from learning.accounts.dependencies import Principal
from learning.audit.models import AuditEvent
from learning.core.config import Settings
from learning.core.permissions import Role, permissions_for
from learning.feedback import actions
from learning.feedback.models import FeedbackAction, FeedbackActionLink, FeedbackSubmission
from learning.org.models import Team
from tests.factories import Factory
from tests.feedback.triage_helpers import action_form, an_action, given, poster_for, staff
from tests.org.conftest import SignedIn
from tests.org.pages import page

NEW = "/feedback/queue/actions/new"


def _refusals(db: Session, person: SignedIn) -> list[tuple[str, str]]:
    query = select(AuditEvent).where(
        AuditEvent.action == "feedback.refused", AuditEvent.actor_id == person.person.id
    )
    return [(e.record_type, e.record_id) for e in db.exec(query.order_by(col(AuditEvent.id)))]


def _team_choices(response: Any) -> list[str]:
    return [
        option.get_text(strip=True)
        for option in page(response).select("select[name=team_id] option")
        if option.get("value")
    ]


def _read_only(response: Any) -> str:
    said = page(response).select_one("#read-only")
    assert said is not None, "the page does not say why there is no form"
    return said.get_text(" ", strip=True)


def _buttons(response: Any) -> set[str]:
    return {b.get_text(" ", strip=True) for b in page(response).select("main button")}


@pytest.mark.parametrize(
    ("roles", "own", "other"),
    [
        ((Role.SUPERVISOR,), True, False),
        ((Role.TEAM_MANAGER,), True, False),
        ((Role.SAFEGUARDING_LEAD,), True, False),
        ((Role.PRINCIPAL_SOCIAL_WORKER,), True, True),
        ((Role.TEAM_MANAGER, Role.PRINCIPAL_SOCIAL_WORKER), True, True),
    ],
)
def test_acting_for_a_team_follows_who_may_work_on_its_feedback(
    roles: tuple[Role, ...], own: bool, other: bool
) -> None:
    principal = Principal(
        person_id=1,
        council_id=1,
        name="Sam Okafor",
        team_id=7,
        roles=frozenset(roles),
        permissions=permissions_for(roles),
        session_id="s",
    )
    assert actions.may_act_for(principal, 7) is own
    assert actions.may_act_for(principal, 8) is other


@pytest.mark.parametrize("role", [Role.TEAM_MANAGER, Role.SAFEGUARDING_LEAD])
def test_one_who_only_reads_another_team_s_actions_may_not_add_one_for_it(
    client: TestClient,
    db: Session,
    settings: Settings,
    factory: Factory,
    in_care: Team,
    front_door: Team,
    role: Role,
) -> None:
    item = given(db, settings, poster_for(factory, in_care))
    other = staff(client, factory, front_door, role)

    # Only their own team is offered; the other team's item leads to no form, and says why.
    assert _team_choices(other.get(NEW)) == ["Front Door and MASH"]
    from_item = other.get(f"{NEW}?item={item.id}")
    assert from_item.status_code == 200 and page(from_item).select("main form") == []
    assert "not add actions for it" in _read_only(from_item)
    # Sent anyway, for the team or from its item: refused, audited, nothing added.
    assert other.post(NEW, action_form(team_id=str(in_care.id))).status_code == 403
    assert other.post(NEW, action_form(item=str(item.id))).status_code == 403

    db.expire_all()
    assert db.exec(select(FeedbackAction)).all() == []
    assert db.exec(select(FeedbackActionLink)).all() == []
    assert _refusals(db, other) == [
        ("team", str(in_care.id)),
        ("feedback_submission", str(item.id)),
    ]
    mine = other.post(NEW, action_form(team_id=str(front_door.id)))  # their own team's: theirs
    assert mine.status_code == 303
    assert db.exec(select(FeedbackAction)).one().team_id == front_door.id


@pytest.mark.parametrize("role", [Role.TEAM_MANAGER, Role.SAFEGUARDING_LEAD])
def test_another_team_s_action_is_shown_to_read_not_to_change(
    client: TestClient,
    db: Session,
    settings: Settings,
    factory: Factory,
    in_care: Team,
    front_door: Team,
    role: Role,
) -> None:
    item = given(db, settings, poster_for(factory, in_care))
    action = an_action(db, in_care, public_summary="Sibling days in the holidays.")
    linked = an_action(db, in_care, title="Linked already")
    db.add(FeedbackActionLink(action_id=linked.id, submission_id=item.id))
    db.commit()
    other = staff(client, factory, front_door, role)

    shown = other.get(f"/feedback/queue/actions/{action.id}")
    assert shown.status_code == 200
    assert page(shown).select("main form") == [] and "Save action" not in _buttons(shown)
    assert "You are not in Children in Care" in _read_only(shown)
    summary = page(shown).select_one("#public-summary")
    assert summary is not None and summary.get_text(strip=True) == "Sibling days in the holidays."
    on_item = other.get(f"/feedback/queue/{item.id}")
    assert {"Link", "Unlink Linked already"}.isdisjoint(_buttons(on_item))
    assert page(on_item).find("a", string="Add a new action for this feedback") is None

    refused = {
        f"/feedback/queue/actions/{action.id}": action_form(title="Changed"),
        f"/feedback/queue/{item.id}/actions": {"action_id": str(action.id)},
        f"/feedback/queue/{item.id}/actions/{linked.id}/unlink": {},
    }
    for url, form in refused.items():
        assert other.post(url, form).status_code == 403, url
    db.expire_all()
    assert db.get(FeedbackAction, action.id).title == "Shorter waits"  # type: ignore[union-attr]
    assert {(r.action_id, r.submission_id) for r in db.exec(select(FeedbackActionLink))} == {
        (linked.id, item.id)
    }
    assert len(_refusals(db, other)) == len(refused)


def test_the_list_offers_no_new_action_to_one_who_may_add_none(
    client: TestClient, db: Session, in_care: Team, factory: Factory
) -> None:
    an_action(db, in_care)
    lead = staff(client, factory, None, Role.SAFEGUARDING_LEAD)  # in no team: reads every one

    listed = lead.get("/feedback/queue/actions")
    assert listed.status_code == 200
    assert page(listed).find("a", string="Add an action") is None
    assert [a.get_text(strip=True) for a in page(listed).select("#actions tbody a")] == [
        "Shorter waits"
    ]
    new = lead.get(NEW)
    assert new.status_code == 200 and page(new).select("main form") == []
    assert "You are not in a team" in _read_only(new)
    assert lead.post(NEW, action_form(team_id=str(in_care.id))).status_code == 403
    assert _refusals(db, lead) == [("team", str(in_care.id))]
    assert db.exec(select(FeedbackAction)).one().title == "Shorter waits"  # nothing added


def test_the_principal_social_worker_acts_for_every_team(
    client: TestClient,
    db: Session,
    settings: Settings,
    factory: Factory,
    in_care: Team,
    front_door: Team,
) -> None:
    item: FeedbackSubmission = given(db, settings, poster_for(factory, in_care))
    quality = factory.make_team(name="Quality assurance")
    psw = staff(client, factory, quality, Role.PRINCIPAL_SOCIAL_WORKER)

    listed = psw.get("/feedback/queue/actions")
    assert page(listed).find("a", string="Add an action") is not None
    assert set(_team_choices(psw.get(NEW))) >= {"Children in Care", "Front Door and MASH"}
    made = psw.post(NEW, action_form(team_id=str(in_care.id)))
    assert made.status_code == 303
    action = db.exec(select(FeedbackAction)).one()
    assert action.team_id == in_care.id
    assert "Save action" in _buttons(psw.get(f"/feedback/queue/actions/{action.id}"))
    saved = psw.post(f"/feedback/queue/actions/{action.id}", action_form(title="Changed"))
    assert saved.status_code == 303
    linked = psw.post(f"/feedback/queue/{item.id}/actions", {"action_id": str(action.id)})
    assert linked.status_code == 303
    assert db.get(FeedbackActionLink, (action.id, item.id)) is not None
    assert psw.post(f"/feedback/queue/{item.id}/actions/{action.id}/unlink").status_code == 303
    db.expire_all()
    assert db.get(FeedbackActionLink, (action.id, item.id)) is None
    assert _refusals(db, psw) == []
