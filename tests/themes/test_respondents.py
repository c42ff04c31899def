"""Small groups are counted in people, not items: one supervisee's learning points are one
person, and the several answers of one feedback submission are one respondent. A group's
quotes are shown only when it has at least 5 people, and never more than one of one person."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from fastapi.testclient import TestClient
from sqlmodel import Session, col, select

from learning.audit.models import AuditEvent
from learning.core.clock import today
from learning.core.db import Database
from learning.core.permissions import Role
from learning.themes import sources
from learning.themes.intake import sync_items
from learning.themes.recluster import recluster
from learning.themes.sources import LearningItem, arrival
from learning.themes.terms import ItemState
from tests.factories import Factory
from tests.supervision.factories import SupervisionFactory, sign_in
from tests.themes.factories import Listed, ListedSource, stored, theme_holding
from tests.themes.feedback_corpus import answers

COURT = "I felt out of my depth in court and was not prepared for cross examination {n}"


def page(response: object) -> BeautifulSoup:
    assert response.status_code == 200, response.text[:800]  # type: ignore[attr-defined]
    return BeautifulSoup(response.text, "html.parser")  # type: ignore[attr-defined]


def quotes_of(soup: BeautifulSoup) -> list[str]:
    return [q.get_text(" ", strip=True) for q in soup.select("#quotes blockquote")]


def test_an_item_counts_as_the_respondent_its_source_names_or_else_as_itself() -> None:
    day = today()
    named = LearningItem("feedback:12:better", "Kind.", "feedback_young_person", "North", day,
                         "", respondent="feedback:12")  # fmt: skip
    unnamed = LearningItem("s:9", "More time.", "surveys", "North", day, "")
    assert arrival(named).respondent == "feedback:12"
    assert arrival(unnamed).respondent == "item:surveys:s:9"


def test_one_supervisees_learning_points_are_one_person_and_never_quoted(
    client: TestClient,
    factory: Factory,
    db: Session,
    database: Database,
    council_id: int,
    listed: ListedSource,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(
        sources,
        "_REGISTRY",
        {"listed": listed, "supervision": "learning.supervision.learning:learning_items"},
    )
    listed.add_corpus(per_theme=12)
    team = factory.make_team(name="Fostering Recruitment")
    made = SupervisionFactory(factory)
    supervisor, supervisee = made.make_pair(team_id=team.id)
    for n in range(6):
        session = made.make_session(
            supervisor, supervisee, signed=True, planned_for=today() - timedelta(days=30 * n + 3)
        )
        made.make_case_discussion(session, learning_point=COURT.format(n=n))
    recluster(database, council_id)

    mine = [i for i in stored(db, council_id).values() if i.source == "supervision_case_learning"]
    assert len(mine) == 6
    assert {i.respondent for i in mine} == {f"person:{supervisee.id}"}  # an id, never a name
    viewer = sign_in(
        client,
        factory,
        factory.make_person(roles=(Role.TEAM_MANAGER,), team_id=factory.make_team().id),
    )
    for key in {i.theme_key for i in mine if i.theme_key}:
        soup = page(viewer.get(f"/themes/{key}"))
        assert not [q for q in quotes_of(soup) if "Fostering Recruitment" in q]
        cell = viewer.get(f"/themes/{key}", params={"team": "Fostering Recruitment"})
        assert cell.status_code == 404
    if any(i.state == ItemState.NOT_YET_THEMED for i in mine):
        soup = page(viewer.get("/themes/not-yet-themed"))
        assert not [q for q in quotes_of(soup) if "Fostering Recruitment" in q]


def test_an_item_stored_without_its_respondent_gets_it_when_its_source_shares_it_again(
    factory: Factory, db: Session, council_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Items stored before respondents were kept, which the migration could not work out,
    count together as one person until the nightly full sync fills them in."""
    monkeypatch.setattr(
        sources, "_REGISTRY", {"supervision": "learning.supervision.learning:learning_items"}
    )
    made = SupervisionFactory(factory)
    supervisor, supervisee = made.make_pair()
    session = made.make_session(supervisor, supervisee, signed=True)
    made.make_case_discussion(session, learning_point="Going to court with a mentor helped.")
    sync_items(db, council_id)
    db.commit()
    [item] = stored(db, council_id).values()
    assert item.respondent == f"person:{supervisee.id}"
    item.respondent = None
    item.state, item.theme_key = ItemState.CLUSTERED, "T42"  # where an analyst moved it
    db.add(item)
    db.commit()

    sync_items(db, council_id)
    db.commit()

    [item] = stored(db, council_id).values()
    assert item.respondent == f"person:{supervisee.id}"
    assert (item.state, item.theme_key) == (ItemState.CLUSTERED, "T42")  # not placed again


def _submission(listed: ListedSource, number: int, texts: list[str], team: str) -> None:
    for n, text in enumerate(texts):
        listed.items.append(
            Listed(f"feedback:{number}:q{n}", text, "feedback_young_person", team, today(),
                   respondent=f"feedback:{number}")
        )


def test_a_submissions_answers_count_once_and_one_is_quoted(
    client: TestClient,
    factory: Factory,
    db: Session,
    database: Database,
    council_id: int,
    listed: ListedSource,
) -> None:
    truth = listed.add_corpus(per_theme=12, teams=("North",))
    texts = answers("worker", 12, 7)
    _submission(listed, 900_001, texts[:6], "West")  # West: 12 answers from 2 people
    _submission(listed, 900_002, texts[6:], "West")
    _submission(listed, 900_003, answers("worker", 6, 9), "North")  # 6 answers, one person
    recluster(database, council_id)
    key = theme_holding(db, council_id, truth, "worker")
    items = stored(db, council_id).values()
    west = [i for i in items if i.team == "West" and i.theme_key == key]
    assert len(west) >= 5  # enough items for a group, counted in items
    assert {i.respondent for i in west} <= {"feedback:900001", "feedback:900002"}

    viewer = sign_in(client, factory, factory.make_person(roles=(Role.TEAM_MANAGER,)))
    soup = page(viewer.get(f"/themes/{key}"))
    teams = {r.th.get_text(strip=True): r for r in soup.select("#by-team tbody tr")}
    assert "fewer than 5" not in teams["West"].get_text() or len(west) < 5
    assert teams["West"].select("a") == []  # 2 people: not opened
    assert viewer.get(f"/themes/{key}", params={"team": "West"}).status_code == 404
    assert not [q for q in quotes_of(soup) if " West " in f" {q} "]

    for params in ({}, {"source": "feedback_young_person"}):
        shown = quotes_of(page(viewer.get(f"/themes/{key}", params=params)))
        read = db.exec(
            select(AuditEvent)
            .where(AuditEvent.action == "themes.quotes.viewed")
            .order_by(col(AuditEvent.id).desc())
        ).first()
        assert read is not None
        ids = json.loads(read.detail)["items"]
        assert len(ids) == len(shown) >= 1
        by_id = {i.id: i for i in stored(db, council_id).values()}
        who = [by_id[i].respondent for i in ids]
        assert len(who) == len(set(who))  # one quote at most from each person
