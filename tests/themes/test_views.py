"""The themes pages: who may see and change them, every item accounted for, small groups
hidden, quotes audited, analysts' edits through the forms (errors next to the fields, nothing
typed lost) that survive the next run, and re-theming that never blocks the page."""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlmodel import Session, col, select

from learning.audit.models import AuditEvent
from learning.core.clock import today, utcnow
from learning.core.db import Database
from learning.core.permissions import Role
from learning.feedback.models import FeedbackSubmission, SafeguardingAlert
from learning.feedback.terms import FormKind
from learning.themes import jobs, runs, sources
from learning.themes.models import ThemeRecord, ThemeRunRecord
from learning.themes.recluster import recluster
from learning.themes.terms import ItemState, RunStatus, RunTrigger
from tests.factories import Factory
from tests.feedback.factories import FeedbackFactory
from tests.supervision.factories import SignedIn, sign_in
from tests.themes.factories import ListedSource, stored, theme_holding, themes

SECRET = "Zebra-crossing-secret: he locks me in"


@pytest.fixture
def truth(database: Database, council_id: int, listed: ListedSource) -> dict[str, str]:
    found = listed.add_corpus(per_theme=14, source="feedback_young_person")
    found |= listed.add_corpus(
        per_theme=8, themes=["listen"], seed=5, source="supervision_case_learning"
    )
    recluster(database, council_id)
    return found


@pytest.fixture
def analyst(client: TestClient, factory: Factory) -> SignedIn:
    return sign_in(client, factory, factory.make_person(roles=(Role.PRINCIPAL_SOCIAL_WORKER,)))


def page(response: object) -> BeautifulSoup:
    assert response.status_code == 200, response.text[:800]  # type: ignore[attr-defined]
    return BeautifulSoup(response.text, "html.parser")  # type: ignore[attr-defined]


def text_of(soup: BeautifulSoup) -> str:
    main = soup.find("main")
    assert main is not None
    return " ".join(main.get_text(" ").split())


def accounting(soup: BeautifulSoup) -> dict[str, int]:
    rows = soup.select("#accounting .govuk-summary-list__row")
    return {
        r.dt.get_text(strip=True): int(r.dd.get_text(" ", strip=True).split()[0].replace(",", ""))
        for r in rows
    }


# Who ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "role",
    [Role.PRINCIPAL_SOCIAL_WORKER, Role.WORKFORCE_LEAD, Role.TEAM_MANAGER, Role.SAFEGUARDING_LEAD],
)
def test_leads_and_managers_see_the_themes(
    client: TestClient, factory: Factory, truth: dict[str, str], role: Role
) -> None:
    signed = sign_in(client, factory, factory.make_person(roles=(role,)))

    soup = page(signed.get("/themes"))

    assert soup.h1.get_text(strip=True) == "Themes"
    assert "Themes" in [a.get_text(strip=True) for a in soup.select("#navigation a")]
    can_edit = role is Role.PRINCIPAL_SOCIAL_WORKER
    assert bool(soup.find("button", string="Work out the themes again now")) is can_edit


@pytest.mark.parametrize("role", [Role.PRACTITIONER, Role.SUPERVISOR, Role.ADMINISTRATOR])
def test_others_cannot_see_the_themes(client: TestClient, factory: Factory, role: Role) -> None:
    signed = sign_in(client, factory, factory.make_person(roles=(role,)))

    assert signed.get("/themes").status_code == 403
    assert "Themes" not in [
        a.get_text(strip=True) for a in page(signed.get("/")).select("#navigation a")
    ]


def test_only_the_principal_social_worker_changes_themes(
    client: TestClient, factory: Factory, db: Session, council_id: int, truth: dict[str, str]
) -> None:
    key = next(iter(themes(db, council_id)))
    manager = sign_in(client, factory, factory.make_person(roles=(Role.TEAM_MANAGER,)))

    assert manager.post(f"/themes/{key}/rename", {"label": "Mine"}).status_code == 403
    assert manager.post(f"/themes/{key}/hide").status_code == 403
    assert manager.post("/themes/recluster").status_code == 403
    assert "Rename it" not in text_of(page(manager.get(f"/themes/{key}")))


def test_another_councils_theme_is_not_found(
    client: TestClient, factory: Factory, db: Session, council_id: int, truth: dict[str, str]
) -> None:
    key = next(iter(themes(db, council_id)))
    elsewhere = factory.make_council()
    outsider = factory.make_person(roles=(Role.PRINCIPAL_SOCIAL_WORKER,), council_id=elsewhere.id)
    signed = sign_in(client, factory, outsider)

    assert signed.get(f"/themes/{key}").status_code == 404
    assert signed.get(f"/themes/{key}/rename").status_code == 404


def test_another_councils_theme_item_is_not_found_and_the_probe_is_audited(
    client: TestClient, factory: Factory, db: Session, council_id: int, truth: dict[str, str]
) -> None:
    item = next(i for i in stored(db, council_id).values() if i.state is ItemState.CLUSTERED)
    elsewhere = factory.make_council()
    outsider = factory.make_person(roles=(Role.PRINCIPAL_SOCIAL_WORKER,), council_id=elsewhere.id)
    signed = sign_in(client, factory, outsider)

    assert signed.get(f"/themes/items/{item.id}/move").status_code == 404
    moved = signed.post(f"/themes/items/{item.id}/move", {"target": "not_yet_themed"})
    assert moved.status_code == 404

    refusals = db.exec(
        select(AuditEvent).where(
            AuditEvent.action == "theme_item.refused", AuditEvent.actor_id == outsider.id
        )
    ).all()
    methods = [json.loads(e.detail)["method"] for e in refusals]
    assert [e.record_id for e in refusals] == [str(item.id)] * 2 and methods == ["GET", "POST"]
    db.refresh(item)
    assert item.council_id == council_id and item.state is ItemState.CLUSTERED


# What ------------------------------------------------------------------------------------


def test_every_item_is_accounted_for_on_the_page(
    analyst: SignedIn, listed: ListedSource, database: Database, council_id: int
) -> None:
    listed.add_corpus(per_theme=10)
    for _ in range(5):
        listed.add("no comment")
        listed.add("", held=True)
    recluster(database, council_id)

    figures = accounting(page(analyst.get("/themes")))

    assert figures["Held back until a person releases them"] == 5
    assert figures["Set aside (empty or 'no comment')"] == 5
    parts = sum(v for k, v in figures.items() if k != "Total")
    assert parts == figures["Total"] == 50


def test_small_counts_of_what_is_held_are_not_shown(
    analyst: SignedIn, listed: ListedSource, database: Database, council_id: int
) -> None:
    """"Held back: 1" would say that one person's words raised a concern; the total is
    shown, so the next smallest count is hidden with it."""
    listed.add_corpus(per_theme=10)
    listed.add("", held=True)
    recluster(database, council_id)

    rows = {r.dt.get_text(strip=True): r.dd.get_text(" ", strip=True)
            for r in page(analyst.get("/themes")).select("#accounting .govuk-summary-list__row")}
    assert rows["Held back until a person releases them"] == "fewer than 5"
    assert "not shown" in rows.values()  # the next smallest, hidden so it cannot be worked out


def test_the_list_shows_each_theme_with_a_trend_line_and_its_text_alternative(
    analyst: SignedIn, db: Session, council_id: int, truth: dict[str, str]
) -> None:
    soup = page(analyst.get("/themes"))

    rows = soup.select("#themes tbody tr")
    assert len(rows) == len([t for t in themes(db, council_id).values() if not t.hidden])
    first = rows[0]
    assert first.select_one("svg.app-sparkline")["aria-hidden"] == "true"
    assert first.select_one(".govuk-visually-hidden").get_text().startswith("Items each month")


def test_where_practitioners_and_families_meet_is_shown_per_theme(
    analyst: SignedIn, db: Session, council_id: int, truth: dict[str, str]
) -> None:
    listen = theme_holding(db, council_id, truth, "listen")
    label = themes(db, council_id)[listen].label

    soup = page(analyst.get("/themes"))

    rows = {
        r.th.get_text(strip=True): [td.get_text(" ", strip=True) for td in r.select("td")]
        for r in soup.select("#voices tbody tr")
    }
    practitioners, families, reading = rows[label]
    assert "%" in practitioners and "%" in families
    assert reading in ("Raised by both", "Mostly practitioners", "Mostly children and families")
    others = [r for k, r in rows.items() if k != label]
    assert all(r[0] == "0" and r[2] == "Not enough to compare" for r in others)


def test_a_themes_quotes_are_shown_and_their_reading_audited(
    analyst: SignedIn, db: Session, council_id: int, truth: dict[str, str]
) -> None:
    key = theme_holding(db, council_id, truth, "waiting")

    soup = page(analyst.get(f"/themes/{key}"))

    quotes = soup.select("#quotes blockquote")
    assert 1 <= len(quotes) <= 5
    assert any("contact" in q.get_text() for q in quotes)
    event = db.exec(
        select(AuditEvent)
        .where(AuditEvent.action == "themes.quotes.viewed")
        .order_by(col(AuditEvent.id).desc())
    ).first()
    assert event is not None and event.record_id == key
    assert json.loads(event.detail)["count"] == len(quotes)


def test_a_theme_below_the_minimum_group_size_shows_no_quotes_and_no_breakdown(
    analyst: SignedIn, db: Session, database: Database, council_id: int, truth: dict[str, str]
) -> None:
    key = theme_holding(db, council_id, truth, "listen")
    items = [i for i in stored(db, council_id).values() if i.theme_key == key][:3]
    analyst.post(
        f"/themes/{key}/split", {"label": "Three only", "items": [str(i.id) for i in items]}
    )
    small = next(k for k, t in themes(db, council_id).items() if t.label == "Three only")

    soup = page(analyst.get(f"/themes/{small}"))

    words = text_of(soup)
    assert "fewer than 5" in words
    assert not soup.select("#quotes") and not soup.select("#by-team")
    assert items[0].text not in words
    assert analyst.get(f"/themes/{small}?team=North").status_code == 404
    assert analyst.get(f"/themes/{small}/split").status_code == 404


def test_a_small_theme_the_engine_named_goes_by_its_number(
    analyst: SignedIn, db: Session, council_id: int, truth: dict[str, str]
) -> None:
    db.add(
        ThemeRecord(
            council_id=council_id,
            key="T99",
            label="pascoe, kensa",
            size=3,
            terms=json.dumps(["pascoe", "kensa"]),
        )
    )
    db.commit()

    listing = text_of(page(analyst.get("/themes")))
    detail = page(analyst.get("/themes/T99"))

    assert "A small theme (T99)" in listing and "pascoe" not in listing
    assert detail.h1.get_text(strip=True) == "A small theme (T99)"
    assert "pascoe" not in text_of(detail)


def test_small_cells_of_a_breakdown_are_hidden_with_one_more_so_they_cannot_be_worked_out(
    analyst: SignedIn, db: Session, council_id: int, truth: dict[str, str]
) -> None:
    key = theme_holding(db, council_id, truth, "worker")
    members = [i for i in stored(db, council_id).values() if i.theme_key == key]
    assert len(members) >= 12
    for n, item in enumerate(members):
        item.team = (
            "Far West" if n < 2 else ("South" if n < 2 + (len(members) - 2) // 2 else "North")
        )
        db.add(item)
    db.commit()

    soup = page(analyst.get(f"/themes/{key}"))

    cells = {r.th.get_text(strip=True): r for r in soup.select("#by-team tbody tr")}
    small = [team for team, r in cells.items() if "fewer than 5" in r.get_text()]
    protecting = [team for team, r in cells.items() if "not shown" in r.get_text()]
    assert small == ["Far West"] and len(protecting) == 1  # the other says it is not small
    hidden = small + protecting
    assert all(not cells[team].select("a") for team in hidden)
    shown = next(team for team in cells if team not in hidden)
    assert cells[shown].select_one("a")
    assert analyst.get(f"/themes/{key}?team=Far West").status_code == 404
    drill = page(analyst.get(f"/themes/{key}?team={shown}"))
    assert drill.select_one("#quotes-heading").get_text(strip=True) == f"Quotes from {shown}"
    assert {
        q.get_text(" ").split(" · ")[1].strip()
        for q in drill.select("#quotes blockquote p:last-child")
    } == {shown}


# Held items -------------------------------------------------------------------------------


def test_feedback_under_safeguarding_review_never_shows_anywhere(
    analyst: SignedIn,
    db: Session,
    database: Database,
    factory: Factory,
    council_id: int,
    listed: ListedSource,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(
        sources,
        "_REGISTRY",
        {"listed": listed, "feedback": "learning.feedback.learning:learning_items"},
    )
    listed.add_corpus(per_theme=12)
    team = factory.make_team(name="North")
    link = FeedbackFactory(factory).make_link(team_id=team.id).link
    submission = FeedbackSubmission(
        council_id=council_id,
        team_id=team.id,
        link_id=link.id,
        form_kind=FormKind.YOUNG_PERSON,
        answers=json.dumps({"better": SECRET}),
        flagged=True,
        receipt_hash="held-receipt",
        delete_after=today() + timedelta(days=700),
    )
    db.add(submission)
    db.flush()
    db.add(
        SafeguardingAlert(
            council_id=council_id,
            team_id=team.id,
            submission_id=submission.id,
            respond_by=utcnow() + timedelta(hours=4),
        )
    )
    db.commit()

    recluster(database, council_id)

    pages = [
        "/themes",
        "/themes/not-yet-themed",
        "/themes/codebook",
        *(f"/themes/{k}" for k in themes(db, council_id)),
    ]
    for path in pages:
        assert "Zebra" not in analyst.get(path).text, path
    held = [i for i in stored(db, council_id).values() if i.state is ItemState.HELD]
    assert len(held) == 1 and held[0].text == ""
    rows = page(analyst.get("/themes")).select("#accounting .govuk-summary-list__row")
    shown = {r.dt.get_text(strip=True): r.dd.get_text(" ", strip=True) for r in rows}
    assert shown["Held back until a person releases them"] == "fewer than 5"
    assert all("Zebra" not in i.text for i in stored(db, council_id).values())


# Analysts' edits ---------------------------------------------------------------------------


def test_renaming_a_theme_keeps_the_name_through_the_next_run(
    analyst: SignedIn, db: Session, database: Database, council_id: int, truth: dict[str, str]
) -> None:
    key = theme_holding(db, council_id, truth, "waiting")

    response = analyst.post(f"/themes/{key}/rename", {"label": "  Waiting   for contact "})
    soup = page(analyst.follow(response))
    recluster(database, council_id)

    assert soup.h1.get_text(strip=True) == "Waiting for contact"
    assert "is now called 'Waiting for contact'" in soup.get_text()
    assert page(analyst.get(f"/themes/{key}")).h1.get_text(strip=True) == "Waiting for contact"
    assert theme_holding(db, council_id, truth, "waiting") == key
    codebook = text_of(page(analyst.get("/themes/codebook")))
    assert f"Renamed {key} to 'Waiting for contact'" in codebook


@pytest.mark.parametrize(
    ("label", "message"),
    [("", "Enter a name for the theme"), ("x" * 201, "The name must be 200 characters or fewer")],
)
def test_a_bad_name_is_refused_next_to_the_field_and_what_was_typed_is_kept(
    analyst: SignedIn,
    db: Session,
    council_id: int,
    truth: dict[str, str],
    label: str,
    message: str,
) -> None:
    key = next(iter(themes(db, council_id)))

    response = analyst.post(f"/themes/{key}/rename", {"label": label})

    assert response.status_code == 422
    soup = BeautifulSoup(response.text, "html.parser")
    assert soup.select_one(".govuk-error-summary a")["href"] == "#label"
    assert message in soup.select_one("#label-error").get_text()
    assert soup.select_one("input#label")["value"] == label
    assert soup.title.get_text().startswith("Error:")


def test_a_name_another_theme_has_is_refused_in_renames_merges_and_splits(
    analyst: SignedIn, db: Session, council_id: int, truth: dict[str, str]
) -> None:
    """Two themes of one name cannot be told apart in the list, the merge page or the
    codebook. Any case; a theme may keep its own name, and a merge may take a merged one's."""
    key = theme_holding(db, council_id, truth, "listen")
    other = theme_holding(db, council_id, truth, "waiting")
    taken = themes(db, council_id)[other].label
    ids = [str(i.id) for i in stored(db, council_id).values() if i.theme_key == key][:1]

    renamed = analyst.post(f"/themes/{key}/rename", {"label": taken.upper()})
    split = analyst.post(f"/themes/{key}/split", {"label": taken, "items": ids})
    merged = analyst.post(f"/themes/{key}/merge", {"themes": [], "label": taken})
    own = analyst.post(f"/themes/{other}/rename", {"label": taken})

    message = f"Theme {other} is already called '{taken}'. Choose another name, or merge"
    for refused in (renamed, split):
        soup = BeautifulSoup(refused.text, "html.parser")
        assert refused.status_code == 422
        assert message in soup.select_one("#label-error").get_text()
        assert soup.select_one("input#label")["value"] in (taken, taken.upper())
    assert themes(db, council_id)[key].label != taken.upper()
    assert "Choose at least one theme" in merged.text  # no name check without a choice
    accented = analyst.post(f"/themes/{other}/rename", {"label": "Ćwiczenia w szkole"})
    assert accented.status_code == 303
    shouted = analyst.post(f"/themes/{key}/rename", {"label": "ĆWICZENIA W SZKOLE"})
    assert shouted.status_code == 422  # folded beyond A to Z too
    taken = themes(db, council_id)[other].label
    assert own.status_code == 303
    into_other = analyst.post(f"/themes/{key}/merge", {"themes": [other], "label": taken})
    assert into_other.status_code == 303
    assert themes(db, council_id)[key].label == taken


def test_merging_moves_the_items_and_refuses_an_empty_choice(
    analyst: SignedIn, db: Session, council_id: int, truth: dict[str, str]
) -> None:
    into = theme_holding(db, council_id, truth, "worker")
    other = theme_holding(db, council_id, truth, "meetings")

    refused = analyst.post(f"/themes/{into}/merge", {"label": "Kept typing"})
    done = analyst.post(f"/themes/{into}/merge", {"themes": [other], "label": ""})

    soup = BeautifulSoup(refused.text, "html.parser")
    assert refused.status_code == 422
    assert "Choose at least one theme" in soup.select_one("#themes-error").get_text()
    assert soup.select_one("input#label")["value"] == "Kept typing"
    assert done.status_code == 303
    assert other not in themes(db, council_id)
    assert analyst.get(f"/themes/{other}").status_code == 404
    assert theme_holding(db, council_id, truth, "meetings") == into


def test_splitting_needs_a_name_and_items_and_keeps_the_ticks(
    analyst: SignedIn, db: Session, council_id: int, truth: dict[str, str]
) -> None:
    key = theme_holding(db, council_id, truth, "listen")
    ids = [str(i.id) for i in stored(db, council_id).values() if i.theme_key == key][:2]

    refused = analyst.post(f"/themes/{key}/split", {"label": "", "items": ids})
    soup = BeautifulSoup(refused.text, "html.parser")
    done = analyst.post(f"/themes/{key}/split", {"label": "Not heard at school", "items": ids})

    assert refused.status_code == 422
    assert "Enter a name for the new theme" in soup.select_one("#label-error").get_text()
    assert sorted(i["value"] for i in soup.select("input[name=items][checked]")) == sorted(ids)
    new = page(analyst.follow(done))
    assert new.h1.get_text(strip=True) == "Not heard at school"


def test_moving_an_item_takes_it_to_the_chosen_theme(
    analyst: SignedIn, db: Session, council_id: int, truth: dict[str, str]
) -> None:
    source = theme_holding(db, council_id, truth, "listen")
    target = theme_holding(db, council_id, truth, "waiting")
    item = next(i for i in stored(db, council_id).values() if i.theme_key == source)

    refused = analyst.post(f"/themes/items/{item.id}/move", {"target": ""})
    done = analyst.post(f"/themes/items/{item.id}/move", {"target": target})

    assert refused.status_code == 422
    assert "Choose where the item goes" in refused.text
    assert done.status_code == 303
    assert stored(db, council_id)[item.key].theme_key == target


def test_a_hidden_theme_leaves_the_list_but_its_items_stay_counted(
    analyst: SignedIn,
    db: Session,
    council_id: int,
    truth: dict[str, str],
    factory: Factory,
    client: TestClient,
) -> None:
    key = theme_holding(db, council_id, truth, "meetings")
    label = themes(db, council_id)[key].label

    assert analyst.post(f"/themes/{key}/hide").status_code == 303

    soup = page(analyst.get("/themes"))
    assert label not in [a.get_text(strip=True) for a in soup.select("#themes a")]
    assert label in soup.select_one("#hidden-themes").get_text()
    assert "in hidden themes" in soup.select_one("#accounting").get_text()
    manager = sign_in(client, factory, factory.make_person(roles=(Role.TEAM_MANAGER,)))
    assert not page(manager.get("/themes")).select("#hidden-themes")


def test_a_change_made_while_the_themes_are_worked_out_again_waits_and_keeps_what_was_typed(
    analyst: SignedIn, db: Session, database: Database, council_id: int, truth: dict[str, str]
) -> None:
    key = theme_holding(db, council_id, truth, "waiting")
    with database.transaction() as session:
        runs.queue_run(session, council_id, RunTrigger.NIGHTLY)

    response = analyst.post(f"/themes/{key}/rename", {"label": "Waiting for contact"})

    assert response.status_code == 409
    soup = BeautifulSoup(response.text, "html.parser")
    assert "worked out again just now" in soup.select_one("#label-error").get_text()
    assert soup.select_one("input#label")["value"] == "Waiting for contact"
    assert themes(db, council_id)[key].label != "Waiting for contact"


def test_a_hidden_theme_is_not_found_by_those_who_only_read_themes(
    analyst: SignedIn,
    client: TestClient,
    factory: Factory,
    db: Session,
    council_id: int,
    truth: dict[str, str],
) -> None:
    key = theme_holding(db, council_id, truth, "meetings")
    analyst.post(f"/themes/{key}/hide")
    assert analyst.get(f"/themes/{key}").status_code == 200

    reader = sign_in(client, factory, factory.make_person(roles=(Role.WORKFORCE_LEAD,)))

    assert reader.get(f"/themes/{key}").status_code == 404


# Working out the themes again --------------------------------------------------------------


def test_working_the_themes_out_again_runs_in_the_background_and_never_blocks_the_page(
    analyst: SignedIn,
    app: FastAPI,
    db: Session,
    council_id: int,
    truth: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    gate = threading.Event()
    real: Callable[..., object] = jobs.recluster

    def held_back(*args: object, **kwargs: object) -> object:
        assert gate.wait(60), "the test never let the run go"
        return real(*args, **kwargs)

    monkeypatch.setattr(jobs, "recluster", held_back)

    response = analyst.post("/themes/recluster")
    while_running = page(analyst.follow(response))
    again = analyst.post("/themes/recluster")
    gate.set()
    app.state.theme_jobs.join(60)

    assert response.status_code == 303
    status = while_running.select_one("#run-status")
    assert "being worked out again" in status.get_text() and "since" in status.get_text()
    assert status.get("hx-get", "").endswith("/themes/run-status")
    assert not while_running.find("button", string="Work out the themes again now")
    assert "already being worked out" in page(analyst.follow(again)).get_text()
    runs = db.exec(
        select(ThemeRunRecord)
        .where(ThemeRunRecord.council_id == council_id)
        .order_by(col(ThemeRunRecord.id))
    ).all()
    assert [r.status for r in runs] == [RunStatus.FINISHED, RunStatus.FINISHED]
    assert runs[-1].requested_by_id == analyst.person.id
    finished = page(analyst.get("/themes/run-status"))
    assert "Themes last worked out" in finished.get_text()


def test_the_run_status_is_a_fragment_for_htmx(analyst: SignedIn, truth: dict[str, str]) -> None:
    response = analyst.get("/themes/run-status", headers={"HX-Request": "true"})

    assert response.status_code == 200
    assert response.text.lstrip().startswith("{#") is False
    assert "<html" not in response.text and 'id="run-status"' in response.text


def test_not_yet_themed_items_can_be_read_and_placed(
    analyst: SignedIn, db: Session, council_id: int, truth: dict[str, str]
) -> None:
    taken_out = list(stored(db, council_id).values())[:7]
    for n, other in enumerate(taken_out):
        other.theme_key, other.state = None, ItemState.NOT_YET_THEMED
        # Six from one team and source; the seventh alone in its team, so never quoted:
        # its team and source beside its words could point to the one person.
        other.team, other.source = ("North" if n < 6 else "Far West"), taken_out[0].source
        db.add(other)
    db.commit()
    item = taken_out[0]
    target = theme_holding(db, council_id, truth, "worker")

    soup = page(analyst.get("/themes/not-yet-themed"))
    moved = analyst.post(f"/themes/items/{item.id}/move", {"target": target})

    assert len(soup.select("#quotes blockquote")) == 6
    assert "Far West" not in soup.select_one("#quotes").get_text()
    assert moved.headers["location"].endswith("/themes/not-yet-themed")
    assert stored(db, council_id)[item.key].theme_key == target


# Quotes and counts a small group could be recognised by ----------------------------------


def test_a_quote_comes_only_from_a_team_and_source_group_big_enough(
    analyst: SignedIn, db: Session, council_id: int, truth: dict[str, str]
) -> None:
    """A quote names its team and source: one young person's words in a team with one young
    person pointed to them, however big the theme (a typical quote, or a team's quotes)."""
    key = theme_holding(db, council_id, truth, "worker")
    members = [i for i in stored(db, council_id).values() if i.theme_key == key]
    alone, rest = members[0], members[1:]
    alone.team = "Far West"
    for n, item in enumerate(rest):  # more in North, so South is hidden to protect Far West
        item.team = "North" if n % 3 else "South"
    db.add_all(members)
    db.commit()
    theme = themes(db, council_id)[key]
    theme.quotes = json.dumps([alone.key])  # the run chose it as the most typical
    db.add(theme)
    db.commit()

    moving_alone = f"/themes/items/{alone.id}/move"  # each quote links to its own item
    typical = page(analyst.get(f"/themes/{key}")).select("#quotes blockquote")
    assert typical and all("Far West" not in q.get_text() for q in typical)
    assert all(moving_alone not in str(q) for q in typical)
    from_north = page(analyst.get(f"/themes/{key}?team=North")).select("#quotes blockquote")
    assert from_north and all(moving_alone not in str(q) for q in from_north)
    # The audit says which items were read (a theme's key moves on at the next run).
    read = db.exec(select(AuditEvent).where(AuditEvent.action == "themes.quotes.viewed")
                   .order_by(col(AuditEvent.id))).all()
    assert json.loads(read[-1].detail)["items"] == [
        int(str(a["href"]).split("/")[-2]) for a in
        page(analyst.get(f"/themes/{key}?team=North")).select("#quotes blockquote a")]
    # A quote gives its month, not its day.
    assert re.search(r"· [A-Z][a-z]+ \d{4} ·", typical[0].select("p")[-1].get_text(strip=True))


def test_a_team_and_a_source_at_once_are_refused_and_nothing_typed_is_audited(
    analyst: SignedIn, db: Session, council_id: int, truth: dict[str, str]
) -> None:
    """Both at once were a group the page never checked: one child's only answer."""
    key = theme_holding(db, council_id, truth, "worker")
    team = next(i.team for i in stored(db, council_id).values() if i.theme_key == key) or "No team"
    typed = "Abdirahman Yusuf 07700900123"
    response = analyst.get(f"/themes/{key}", params={"team": team, "source": typed})
    assert response.status_code == 404
    audited = db.exec(select(AuditEvent).where(AuditEvent.action == "themes.quotes.viewed")).all()
    assert all(typed not in e.detail for e in audited)


def test_months_and_sources_with_few_items_say_so_and_are_not_drawn(
    analyst: SignedIn, db: Session, council_id: int, truth: dict[str, str]
) -> None:
    key = theme_holding(db, council_id, truth, "worker")
    theme = themes(db, council_id)[key]
    month = today().strftime("%Y-%m")
    theme.period_counts = json.dumps({month: 2})
    db.add(theme)
    db.commit()

    soup = page(analyst.get(f"/themes/{key}"))
    said = text_of(soup)
    assert f"{today().strftime('%b %Y')}: fewer than 5" in said
    spark = soup.select_one("svg.app-sparkline")
    assert spark is not None and spark.select_one("circle") is None  # last month: no point

    listing = page(analyst.get("/themes"))
    for row in listing.select("#sources tbody tr"):
        cells = [td.get_text(strip=True) for td in row.select("td")]
        assert all(c in ("fewer than 5", "not shown") or int(c.replace(",", "")) in (0,)
                   or int(c.replace(",", "")) >= 5 for c in cells), cells


def test_the_pages_change_only_when_enough_has_arrived_since_they_last_did(
    analyst: SignedIn, listed: ListedSource, database: Database, council_id: int,
    db: Session, truth: dict[str, str],
) -> None:
    """SECURITY.md's test_no_live_differencing: a page that changed with each arrival would
    show where each new child's words went (their team, their source)."""

    def pages() -> list[str]:
        """What the pages say of the items: counts, breakdowns, months and quotes (not when
        the themes were last worked out, nor the words a run finds most distinctive of each,
        which it works out from everything it placed)."""
        listing = page(analyst.get("/themes"))
        shown = [[*listing.select("#accounting, #sources"),
                  *listing.select("#themes td.govuk-table__cell--numeric, #themes svg"),
                  *listing.select("#voices td")]]
        for key in sorted(themes(db, council_id)):
            theme = page(analyst.get(f"/themes/{key}"))
            rows = theme.select("#about .govuk-summary-list__row")
            counted = [r for r in rows if "Distinctive words" not in r.get_text()]
            shown.append([*counted, *theme.select("#by-source, #by-team, #quotes")])
        return [" ".join(str(part) for part in parts) for parts in shown]

    def since() -> str:
        found = page(analyst.get("/themes")).select_one("#arrived-since dd")
        assert found is not None
        return str(found.find(string=True, recursive=False)).strip()

    before = pages()
    listed.add("my worker never listens to me", team="Far West")
    recluster(database, council_id)  # one more, worked out: shown nowhere yet
    assert since() == "fewer than 5"
    assert pages() == before

    for n in range(5):
        listed.add(f"my worker listens to me and explains things {n}", team="Far West")
    recluster(database, council_id)  # six since the last run shown: shown now
    assert since() == "0"
    assert pages() != before
