"""Staff pages for feedback links: who sees which links, making one (errors beside each field,
nothing typed lost), the full address shown once, switching off, printing a poster again,
and the audit trail of each."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

import pytest
from fastapi.testclient import TestClient
from httpx import Response
from sqlmodel import Session, col, select

from learning.core.clock import format_date, today
from learning.core.permissions import Role
from learning.core.security import token_hash
from learning.feedback import link_reveal, links
from learning.feedback.link_forms import end_of
from learning.feedback.models import FeedbackLink
from learning.feedback.terms import FormKind, LinkKind, LinkSubject
from learning.org.models import Person, Team
from tests.factories import Factory
from tests.factories import audit_events as events
from tests.feedback.factories import FeedbackFactory
from tests.feedback.triage_helpers import staff
from tests.org.pages import error_summary, field_error, flash, heading, page, table_rows, value_of


def form(team: Team, **changes: Any) -> dict[str, Any]:
    values = {
        "team_id": str(team.id),
        "kind": "poster",
        "subject": "team",
        "worker_id": "",
        "title": "Our family centre",
        "form_kind": "",
        "expires_on-day": "",
        "expires_on-month": "",
        "expires_on-year": "",
        "retention_days": "730",
    }
    return {**values, **changes}


def links_of(db: Session, team: Team) -> list[FeedbackLink]:
    db.expire_all()
    query = select(FeedbackLink).where(FeedbackLink.team_id == team.id)
    return list(db.exec(query.order_by(col(FeedbackLink.id))).all())


def shown_url(response: Response) -> str:
    box = page(response).find(id="link-url")
    assert box is not None, "the address is not shown"
    return str(box["value"])  # type: ignore[index]


# The list ---------------------------------------------------------------------------------


def test_a_practitioner_sees_only_their_own_teams_links(
    client: TestClient, factory: Factory, ff: FeedbackFactory, team: Team
) -> None:
    ff.make_link(LinkKind.POSTER, team_id=team.id, title="Waiting room poster")
    ff.make_link(LinkKind.PERSONAL, title="Another team's link")
    me = staff(client, factory, team, Role.PRACTITIONER)

    response = me.get("/feedback/links")

    assert response.status_code == 200
    rows = table_rows(response)
    assert [row[0] for row in rows] == ["Waiting room poster"]
    assert rows[0][1:] == [
        "Children in need north",
        "Poster (many uses, QR code)",
        "0",
        "Until switched off",
        "Open",
    ]


def test_an_administrator_or_team_manager_sees_every_link_in_the_council(
    client: TestClient, factory: Factory, ff: FeedbackFactory, team: Team
) -> None:
    ff.make_link(team_id=team.id, title="Ours")
    ff.make_link(title="Theirs")
    other_council = factory.make_council()
    other_team = factory.make_team(council_id=other_council.id)
    ff.make_link(council_id=other_council.id, team_id=other_team.id, title="Elsewhere")

    for role in (Role.ADMINISTRATOR, Role.TEAM_MANAGER):
        me = staff(client, factory, None, role)
        titles = {row[0] for row in table_rows(me.get("/feedback/links"))}
        assert titles == {"Ours", "Theirs"}


def test_the_list_shows_each_links_status(
    client: TestClient, factory: Factory, ff: FeedbackFactory, team: Team
) -> None:
    used = ff.make_link(LinkKind.PERSONAL, team_id=team.id, title="Used")
    links.consume(ff.db, used.link)
    off = ff.make_link(team_id=team.id, title="Off")
    links.revoke(ff.db, off.link, None)
    ff.make_link(
        LinkKind.TIMED, team_id=team.id, title="Old", expires_at=end_of(today() - timedelta(days=2))
    )
    ff.db.commit()
    me = staff(client, factory, team, Role.PRACTITIONER)

    rows = {row[0]: row for row in table_rows(me.get("/feedback/links"))}

    assert rows["Used"][3] == "1" and rows["Used"][5] == "Used"
    assert rows["Off"][5] == "Switched off"
    assert rows["Old"][5] == "Expired"


def test_the_menu_offers_feedback_links_to_those_who_may_manage_them(
    client: TestClient, factory: Factory, team: Team
) -> None:
    me = staff(client, factory, team, Role.PRACTITIONER)
    nav = page(me.get("/")).select("#navigation a")
    assert "Feedback links" in [a.get_text(strip=True) for a in nav]


def test_someone_without_a_team_is_told_they_cannot_make_links(
    client: TestClient, factory: Factory
) -> None:
    me = staff(client, factory, None, Role.PRACTITIONER)

    listing = me.get("/feedback/links")
    new = me.get("/feedback/links/new")

    assert "You are not in a team" in listing.text and "Make a link" not in listing.text
    assert "You are not in a team" in new.text and page(new).select_one("main form") is None


# Making a link ----------------------------------------------------------------------------


def test_making_a_poster_link_shows_its_address_qr_and_poster_once(
    client: TestClient, factory: Factory, db: Session, team: Team, settings: Any
) -> None:
    me = staff(client, factory, team, Role.PRACTITIONER)

    response = me.post("/feedback/links/new", data=form(team))

    assert response.status_code == 303
    (link,) = links_of(db, team)
    location = urlsplit(response.headers["location"])
    assert location.path == f"/feedback/links/{link.id}/issued"
    issued = me.get(response.headers["location"])
    assert issued.status_code == 200
    assert issued.headers["referrer-policy"] == "no-referrer"
    url = shown_url(issued)
    token = url.removeprefix("https://testserver/f/")
    assert token_hash(token) == link.token_hash
    assert page(issued).select_one("svg.app-qr[role=img]") is not None
    assert page(issued).find(id="short-code").get_text(strip=True) == links.grouped_short_code(  # type: ignore[union-attr]
        link.short_code
    )
    assert (link.kind, link.subject, link.title, link.created_by_id, link.expires_at) == (
        LinkKind.POSTER,
        LinkSubject.TEAM,
        "Our family centre",
        me.person.id,
        None,
    )
    assert token not in response.headers["location"]


@pytest.mark.parametrize(
    ("kind", "said"),
    [
        ("poster", "The short code below can still be looked up later."),
        ("personal", "The short code below is shown only now too"),
    ],
)
def test_the_new_links_page_says_whether_its_short_code_is_shown_again(
    client: TestClient, factory: Factory, team: Team, kind: str, said: str
) -> None:
    """A personal link's code is never shown again (its page says so): the warning on the
    page that shows it must not promise otherwise."""
    me = staff(client, factory, team, Role.PRACTITIONER)
    response = me.post("/feedback/links/new", data=form(team, kind=kind, form_kind="parent_carer"))
    warning = page(me.get(response.headers["location"])).select_one(".govuk-warning-text__text")
    assert warning is not None and said in warning.get_text(" ", strip=True)


def test_making_a_link_is_audited_without_its_token_or_code(
    client: TestClient, factory: Factory, db: Session, team: Team
) -> None:
    me = staff(client, factory, team, Role.PRACTITIONER)

    made = me.post(
        "/feedback/links/new", data=form(team, kind="personal", form_kind="parent_carer")
    )

    (link,) = links_of(db, team)
    (event,) = events(db, "feedback_link.created")
    detail = json.loads(event.detail)
    assert event.actor_id == me.person.id and event.record_id == str(link.id)
    assert detail["kind"] == "personal" and detail["form_kind"] == "parent_carer"
    code = shown_code(me.get(made.headers["location"]))
    for secret in (code, links.normalise_short_code(code), link.short_code, link.token_hash):
        assert secret not in event.detail


def test_a_new_personal_links_code_is_shown_once_and_opens_it_but_is_not_kept(
    client: TestClient, factory: Factory, db: Session, team: Team, settings: Any
) -> None:
    """Only a keyed hash of the code is kept: the page that issues the link, and its poster,
    show the code carried sealed with the address; the link's own page never does."""
    me = staff(client, factory, team, Role.PRACTITIONER)

    made = me.post("/feedback/links/new", data=form(team, kind="personal"))
    issued = me.get(made.headers["location"])

    (link,) = links_of(db, team)
    code = shown_code(issued)
    raw = links.normalise_short_code(code)
    assert code == links.grouped_short_code(raw) and link.short_code != raw
    assert link.short_code == links.short_code_hash(settings, code)
    assert f"https://testserver/s/{code}" in page(issued).get_text(" ", strip=True)
    hrefs = {a.get_text(strip=True): a["href"] for a in page(issued).select("main li a")}
    sheet = me.get(hrefs["Poster to print from your browser"])
    assert code in page(sheet).get_text(" ", strip=True)
    assert code not in me.get(f"/feedback/links/{link.id}").text
    found = links.find_by_short_code(db, settings, code.lower())
    assert found is not None and found.id == link.id


def shown_code(response: Response) -> str:
    """The short code on the page that issues a link."""
    shown = page(response).find(id="short-code")
    assert shown is not None, "the short code is not shown"
    return shown.get_text(strip=True)


def test_a_time_limited_link_works_until_the_end_of_its_last_day(
    client: TestClient, factory: Factory, db: Session, team: Team
) -> None:
    me = staff(client, factory, team, Role.PRACTITIONER)
    last = today() + timedelta(days=10)

    me.post(
        "/feedback/links/new",
        data=form(
            team,
            kind="timed",
            **{
                "expires_on-day": str(last.day),
                "expires_on-month": str(last.month),
                "expires_on-year": str(last.year),
            },
        ),
    )

    (link,) = links_of(db, team)
    assert link.expires_at == end_of(last)
    assert links.last_day(link) == last


def test_a_link_about_a_worker_names_a_worker_in_its_team(
    client: TestClient, factory: Factory, db: Session, team: Team
) -> None:
    worker = factory.make_person(team_id=team.id, given_name="Wren", family_name="Worker")
    outsider = factory.make_person(team_id=factory.make_team().id)
    me = staff(client, factory, None, Role.TEAM_MANAGER)

    wrong = me.post(
        "/feedback/links/new", data=form(team, subject="worker", worker_id=str(outsider.id))
    )
    right = me.post(
        "/feedback/links/new", data=form(team, subject="worker", worker_id=str(worker.id))
    )

    assert field_error(wrong, "worker_id") == "Select a worker in the team the feedback goes to"
    assert right.status_code == 303
    (link,) = links_of(db, team)
    assert link.worker_id == worker.id and link.subject is LinkSubject.WORKER


def test_mistakes_are_shown_beside_each_field_and_nothing_typed_is_lost(
    client: TestClient, factory: Factory, db: Session, team: Team
) -> None:
    me = staff(client, factory, team, Role.PRACTITIONER)
    typed = form(
        team,
        kind="timed",
        subject="worker",
        title="A" * 121,
        form_kind="nonsense",
        retention_days="9",
        **{"expires_on-day": "31", "expires_on-month": "2", "expires_on-year": "2026"},
    )

    response = me.post("/feedback/links/new", data=typed)

    assert response.status_code == 422
    assert heading(response) == "Make a feedback link"
    assert error_summary(response) == [
        "Select the worker the feedback is about",
        "What the feedback is for must be 120 characters or fewer",
        "Select a form from the list, or let the person choose",
        "Last day must be a real date, like 27 3 2025",
        "Select how long to keep the feedback",
    ]
    assert (
        field_error(response, "title") == "What the feedback is for must be 120 characters or fewer"
    )
    assert value_of(response, "title") == "A" * 121
    assert value_of(response, "expires_on-day") == "31"
    assert value_of(response, "team_id") == str(team.id)
    assert (
        page(response).find("input", attrs={"name": "kind", "value": "timed"}).has_attr("checked")
    )  # type: ignore[union-attr]
    assert links_of(db, team) == []


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"kind": ""}, "kind", "Select the kind of link"),
        ({"title": "   "}, "title", "Enter what the feedback is for"),
        ({"kind": "timed"}, "expires_on", "Enter the last day a time-limited link works"),
        ({"subject": "planet"}, "subject", "Select what the feedback is about"),
    ],
)
def test_each_required_answer_is_asked_for(
    client: TestClient,
    factory: Factory,
    team: Team,
    changes: dict[str, str],
    field: str,
    message: str,
) -> None:
    me = staff(client, factory, team, Role.PRACTITIONER)

    response = me.post("/feedback/links/new", data=form(team, **changes))

    assert field_error(response, field) == message


def test_a_last_day_in_the_past_is_refused(
    client: TestClient, factory: Factory, team: Team
) -> None:
    me = staff(client, factory, team, Role.PRACTITIONER)
    past = today() - timedelta(days=1)

    response = me.post(
        "/feedback/links/new",
        data=form(
            team,
            **{
                "expires_on-day": str(past.day),
                "expires_on-month": str(past.month),
                "expires_on-year": str(past.year),
            },
        ),
    )

    assert (
        field_error(response, "expires_on")
        == "The last day must be from today to a year from today"
    )


def test_a_practitioner_cannot_make_a_link_for_another_team(
    client: TestClient, factory: Factory, db: Session, team: Team
) -> None:
    other = factory.make_team()
    me = staff(client, factory, team, Role.PRACTITIONER)

    response = me.post("/feedback/links/new", data=form(other))

    assert field_error(response, "team_id") == "Select the team the feedback goes to"
    assert links_of(db, other) == []
    options = [o["value"] for o in page(response).select("#team_id option")]
    assert options == [str(team.id)]


# The address is shown once ----------------------------------------------------------------


def test_the_links_page_shows_its_short_code_but_never_its_address(
    client: TestClient, factory: Factory, ff: FeedbackFactory, team: Team
) -> None:
    new = ff.make_link(team_id=team.id)
    me = staff(client, factory, team, Role.PRACTITIONER)

    response = me.get(f"/feedback/links/{new.link.id}")

    assert response.status_code == 200
    assert new.token not in response.text
    code = page(response).find(id="short-code")
    assert code is not None and code.get_text(strip=True) == links.grouped_short_code(
        new.link.short_code
    )


def test_a_personal_link_s_page_never_shows_its_short_code(
    client: TestClient, factory: Factory, ff: FeedbackFactory, team: Team
) -> None:
    """For one person only, it opens the link as surely as the address: shown once, too."""
    new = ff.make_link(LinkKind.PERSONAL, team_id=team.id)
    me = staff(client, factory, team, Role.PRACTITIONER)

    response = me.get(f"/feedback/links/{new.link.id}")

    assert response.status_code == 200
    assert page(response).find(id="short-code") is None
    for shown in (new.token, new.short_code, links.grouped_short_code(new.short_code)):
        assert shown not in response.text
    assert "switch this link off and make a new one" in response.text
    assert me.get("/feedback/links").text.count(new.short_code) == 0


def test_the_issued_page_does_not_open_for_another_session_or_after_half_an_hour(
    client: TestClient, factory: Factory, ff: FeedbackFactory, team: Team, settings: Any
) -> None:
    new = ff.make_link(team_id=team.id)
    me = staff(client, factory, team, Role.PRACTITIONER)
    other_session = link_reveal.seal(settings, new, "someone-else")
    url = f"/feedback/links/{new.link.id}/issued"

    response = me.get(url, params={"reveal": other_session})

    assert response.status_code == 303
    assert urlsplit(response.headers["location"]).path == f"/feedback/links/{new.link.id}"
    detail = me.follow(response)
    assert "shown only once" in flash(detail) and new.token not in detail.text
    assert (
        me.get(
            f"/feedback/links/{new.link.id}/qr.png", params={"reveal": other_session}
        ).status_code
        == 404
    )


def test_a_seal_opens_only_for_its_link_session_and_current_token_within_half_an_hour(
    ff: FeedbackFactory, settings: Any
) -> None:
    new, other = ff.make_link(), ff.make_link()
    sealed = link_reveal.seal(settings, new, "session-1")
    made = link_reveal.time.time()

    assert link_reveal.unseal(settings, sealed, new.link, "session-1") == new
    assert link_reveal.unseal(settings, sealed, new.link, "session-2") is None
    wrong_code = link_reveal.seal(settings, replace(new, short_code="ACDEFGHJ"), "session-1")
    assert link_reveal.unseal(settings, wrong_code, new.link, "session-1") is None
    assert link_reveal.unseal(settings, sealed, other.link, "session-1") is None
    assert link_reveal.unseal(settings, sealed[:-4] + "AAAA", new.link, "session-1") is None
    late = made + link_reveal.REVEAL_SECONDS + 60
    assert link_reveal.unseal(settings, sealed, new.link, "session-1", now=late) is None
    assert new.token not in sealed and new.short_code not in sealed
    links.reissue(ff.db, settings, new.link)
    assert link_reveal.unseal(settings, sealed, new.link, "session-1") is None


def test_the_downloads_carry_the_links_qr_code_and_poster(
    client: TestClient, factory: Factory, db: Session, team: Team
) -> None:
    me = staff(client, factory, team, Role.PRACTITIONER)
    issued = me.get(me.post("/feedback/links/new", data=form(team)).headers["location"])
    url = shown_url(issued)
    hrefs = {a.get_text(strip=True): a["href"] for a in page(issued).select("main li a")}

    pdf = me.get(hrefs["Poster to print (PDF, A4)"])
    png = me.get(hrefs["QR code (PNG picture)"])
    svg = me.get(hrefs["QR code (SVG, for designers)"])
    sheet = me.get(hrefs["Poster to print from your browser"])

    assert pdf.headers["content-type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert png.headers["content-type"] == "image/png" and png.content.startswith(b"\x89PNG")
    assert svg.headers["content-type"].startswith("image/svg+xml") and b"<svg" in svg.content
    assert "attachment" in pdf.headers["content-disposition"]
    assert all(r.headers["referrer-policy"] == "no-referrer" for r in (pdf, png, svg, sheet))
    assert sheet.status_code == 200
    text = page(sheet).get_text(" ", strip=True)
    assert "Tell us what you think" in text and "Our family centre" in text
    assert "call 999" in text and "0800 1111" in text
    (link,) = links_of(db, team)
    assert links.grouped_short_code(link.short_code) in text
    assert url not in text and page(sheet).select_one("svg.app-qr") is not None


def test_a_download_without_its_seal_is_not_found(
    client: TestClient, factory: Factory, ff: FeedbackFactory, team: Team
) -> None:
    new = ff.make_link(team_id=team.id)
    me = staff(client, factory, team, Role.PRACTITIONER)

    for name in ("qr.svg", "qr.png", "poster.pdf", "poster"):
        assert me.get(f"/feedback/links/{new.link.id}/{name}").status_code == 404


# Who may open a link's pages -------------------------------------------------------------


def test_another_teams_link_is_not_found_and_the_refusal_is_audited(
    client: TestClient, factory: Factory, ff: FeedbackFactory, db: Session, team: Team
) -> None:
    theirs = ff.make_link(title="Theirs")
    me = staff(client, factory, team, Role.SUPERVISOR)

    for path in ("", "/revoke", "/reissue"):
        assert me.get(f"/feedback/links/{theirs.link.id}{path}").status_code == 404
    assert me.post(f"/feedback/links/{theirs.link.id}/revoke").status_code == 404

    assert len(events(db, "feedback_link.refused")) == 4
    db.refresh(theirs.link)
    assert theirs.link.revoked_at is None


def test_another_councils_link_is_not_found_even_for_an_administrator(
    client: TestClient, factory: Factory, ff: FeedbackFactory
) -> None:
    council = factory.make_council()
    elsewhere = ff.make_link(
        council_id=council.id, team_id=factory.make_team(council_id=council.id).id
    )
    me = staff(client, factory, None, Role.ADMINISTRATOR)

    assert me.get(f"/feedback/links/{elsewhere.link.id}").status_code == 404


def test_people_without_the_permission_cannot_reach_the_links_pages(
    client: TestClient, factory: Factory, team: Team
) -> None:
    for role in (Role.WORKFORCE_LEAD, Role.SAFEGUARDING_LEAD):
        me = staff(client, factory, team, role)
        assert me.get("/feedback/links").status_code == 403
        assert me.post("/feedback/links/new", data=form(team)).status_code == 403


# Switching off and printing again --------------------------------------------------------


def test_switching_off_asks_first_then_closes_the_link_and_is_audited(
    client: TestClient, factory: Factory, ff: FeedbackFactory, db: Session, team: Team
) -> None:
    new = ff.make_link(LinkKind.PERSONAL, team_id=team.id)
    me = staff(client, factory, team, Role.PRACTITIONER)

    confirm = me.get(f"/feedback/links/{new.link.id}/revoke")
    response = me.post(f"/feedback/links/{new.link.id}/revoke")

    assert heading(confirm) == "Switch off this link?"
    assert response.status_code == 303
    assert "switched off" in flash(me.follow(response))
    db.refresh(new.link)
    assert new.link.revoked_by_id == me.person.id
    assert links.find_by_token(db, new.token) is None
    (event,) = events(db, "feedback_link.revoked")
    assert event.record_id == str(new.link.id)
    assert client.get(f"/f/{new.token}").status_code == 404


def test_printing_a_poster_again_gives_a_new_address_and_the_old_one_stops(
    client: TestClient, factory: Factory, ff: FeedbackFactory, db: Session, team: Team
) -> None:
    new = ff.make_link(LinkKind.POSTER, team_id=team.id)
    old_code = new.link.short_code
    me = staff(client, factory, team, Role.PRACTITIONER)

    confirm = me.get(f"/feedback/links/{new.link.id}/reissue")
    response = me.post(f"/feedback/links/{new.link.id}/reissue")
    issued = me.follow(response)

    assert heading(confirm) == "Print the poster again?"
    assert links.grouped_short_code(old_code) in confirm.text
    token = shown_url(issued).rsplit("/", 1)[1]
    db.refresh(new.link)
    assert token_hash(token) == new.link.token_hash and token != new.token
    assert new.link.short_code != old_code
    assert client.get(f"/f/{new.token}").status_code == 404
    assert client.get(f"/f/{token}").status_code == 303
    (event,) = events(db, "feedback_link.reissued")
    assert event.actor_id == me.person.id


def test_a_personal_or_closed_link_cannot_be_printed_again(
    client: TestClient, factory: Factory, ff: FeedbackFactory, db: Session, team: Team
) -> None:
    personal = ff.make_link(LinkKind.PERSONAL, team_id=team.id)
    closed = ff.make_link(LinkKind.POSTER, team_id=team.id)
    links.revoke(db, closed.link, None)
    db.commit()
    me = staff(client, factory, team, Role.PRACTITIONER)

    for new in (personal, closed):
        page_response = me.get(f"/feedback/links/{new.link.id}")
        assert "Print the poster again" not in page_response.text
        response = me.post(f"/feedback/links/{new.link.id}/reissue")
        assert response.status_code == 303
        assert "can be printed again" in flash(me.follow(response))
        db.refresh(new.link)
        assert token_hash(new.token) == new.link.token_hash
    assert events(db, "feedback_link.reissued") == []


def test_the_links_page_describes_it(
    client: TestClient, factory: Factory, ff: FeedbackFactory, team: Team
) -> None:
    worker: Person = factory.make_person(team_id=team.id, given_name="Wren", family_name="Worker")
    new = ff.make_link(
        LinkKind.PERSONAL,
        team_id=team.id,
        title="After our visit",
        subject=LinkSubject.WORKER,
        worker_id=worker.id,
        form_kind=FormKind.PARENT_CARER,
    )
    me = staff(client, factory, team, Role.PRACTITIONER)

    response = me.get(f"/feedback/links/{new.link.id}")

    rows = {
        row.find("dt").get_text(strip=True): row.find("dd").get_text(" ", strip=True)  # type: ignore[union-attr]
        for row in page(response).select(".govuk-summary-list__row")
    }
    assert heading(response).endswith("After our visit")
    assert rows["About"] == "A worker: Wren Worker"
    assert rows["Form"] == "Parent or carer"
    assert rows["Status"] == "Open"
    assert rows["Works until"].startswith(format_date(new.link.expires_at))
    assert rows["Team"] == "Children in need north"


def test_the_back_link_sits_in_a_landmark_and_pages_without_one_have_none(
    client: TestClient, factory: Factory, ff: FeedbackFactory, team: Team
) -> None:
    """axe's "region" rule: everything on a page is inside a landmark."""
    new = ff.make_link(team_id=team.id)
    me = staff(client, factory, team, Role.PRACTITIONER)
    back = page(me.get(f"/feedback/links/{new.link.id}")).select("nav[aria-label=Back] > a")
    assert [a.get_text(strip=True) for a in back] == ["Back to feedback links"]
    assert page(me.get("/feedback/links")).select("nav[aria-label=Back]") == []
