"""Save and finish later: a long form kept for a week behind a resume code that is stored
only as a keyed hash; resuming shows every answer as it was left."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from bs4 import Tag
from fastapi.testclient import TestClient
from httpx import Response
from sqlmodel import Session, select

from learning.core.clock import utcnow
from learning.core.config import Settings
from learning.feedback import drafts, links
from learning.feedback.models import FeedbackDraft, FeedbackLink
from learning.feedback.receipt_cookie import receipt_cookie_name
from learning.feedback.terms import FormKind, Language, LinkKind
from tests.conftest import make_settings
from tests.feedback.factories import FeedbackFactory
from tests.feedback.public import main_text, open_link, send, submissions
from tests.org.pages import field_error, heading, page, value_of


@pytest.fixture
def settings() -> Settings:
    return make_settings(feedback_min_fill_seconds=0)


def save(
    db: Session,
    settings: Settings,
    link: FeedbackLink,
    form_kind: FormKind,
    values: dict[str, str],
    language: Language = Language.ENGLISH,
    **options: Any,
) -> str:
    """Keep a form for ``link`` straight through the store; returns its resume code."""
    assert link.id is not None
    return drafts.save_draft(
        db,
        settings,
        link_id=link.id,
        form_kind=form_kind,
        language=language,
        values=values,
        **options,
    )


def all_drafts(db: Session) -> list[FeedbackDraft]:
    db.expire_all()
    return list(db.exec(select(FeedbackDraft)).all())


# The store ----------------------------------------------------------------------------


def test_a_draft_is_found_by_its_code_however_it_is_typed(
    db: Session, ff: FeedbackFactory, settings: Settings
) -> None:
    link = ff.make_link().link
    code = save(db, settings, link, FormKind.YOUNG_PERSON, {"good": "Dobrze"}, Language.POLISH)
    assert len(code) == 14 and code.count("-") == 2
    [stored] = all_drafts(db)
    assert code.replace("-", "") not in stored.code_hash
    found = drafts.find_draft(db, settings, f" {code.lower().replace('-', ' ')} ")
    assert found is not None and found.id == stored.id
    assert drafts.draft_values(found) == {"good": "Dobrze"}
    assert found.language is Language.POLISH


def test_a_draft_expires_after_a_week_and_is_deleted_when_another_is_saved(
    db: Session, ff: FeedbackFactory, settings: Settings
) -> None:
    link = ff.make_link().link
    then = utcnow() - timedelta(days=drafts.DRAFT_DAYS, minutes=1)
    code = save(db, settings, link, FormKind.PARTNER, {}, now=then)
    assert drafts.find_draft(db, settings, code) is None
    assert drafts.find_draft(db, settings, code, now=then + timedelta(days=6)) is not None
    save(db, settings, link, FormKind.PARTNER, {})
    assert len(all_drafts(db)) == 1


def test_saving_again_with_the_code_updates_the_same_draft(
    db: Session, ff: FeedbackFactory, settings: Settings
) -> None:
    link = ff.make_link().link
    first = save(db, settings, link, FormKind.PARENT_CARER, {"good": "one"})
    again = save(db, settings, link, FormKind.PARENT_CARER, {"good": "two"}, code=first)
    assert again == first
    [stored] = all_drafts(db)
    assert drafts.draft_values(stored) == {"good": "two"}


@pytest.mark.parametrize("typed", ["", "ABC", "0000-0000-0000", "ACDE-FGHJ-KMNP-Q"])
def test_what_cannot_be_a_code_finds_nothing(db: Session, settings: Settings, typed: str) -> None:
    assert drafts.find_draft(db, settings, typed) is None


# The pages ----------------------------------------------------------------------------


def test_save_and_finish_later_keeps_every_answer_for_resuming(
    client: TestClient, ff: FeedbackFactory, db: Session, settings: Settings
) -> None:
    open_link(client, ff, FormKind.YOUNG_PERSON)
    form = client.get("/give-feedback", params={"lang": "pl"})
    saved = send(
        client,
        form,
        save="yes",
        space="mostly",
        good="Mój pracownik słucha",
        contact_email="not an email",
    )
    assert saved.status_code == 200
    code = page(saved).select_one(".app-code")
    assert isinstance(code, Tag)
    assert submissions(db) == []

    client.cookies.clear()  # another day, another browser: no link cookie
    resumed = client.post("/give-feedback/resume", data={"code": code.get_text(strip=True)})
    assert resumed.status_code == 200
    assert page(resumed).find("html")["lang"] == "pl"  # type: ignore[index]
    assert value_of(resumed, "good") == "Mój pracownik słucha"
    assert value_of(resumed, "contact_email") == "not an email"
    chosen = page(resumed).select_one("input[name=space][checked]")
    assert isinstance(chosen, Tag) and chosen["value"] == "mostly"

    sent = send(client, resumed, space="mostly", good="Mój pracownik słucha")
    assert sent.status_code == 303
    assert len(submissions(db)) == 1
    assert all_drafts(db) == []


def test_the_saved_page_says_how_to_come_back(client: TestClient, ff: FeedbackFactory) -> None:
    open_link(client, ff, FormKind.PARTNER)
    saved = send(client, client.get("/give-feedback"), save="yes", good="Good meeting")
    assert heading(saved) == "Your answers are saved"
    text = main_text(saved)
    assert "7 days" in text and "/give-feedback/resume" in text


def test_the_saved_page_in_another_language_still_shows_the_code(
    client: TestClient, ff: FeedbackFactory, settings: Settings
) -> None:
    """The code is shown only on the saved page: its language and easy-read switches send it
    back and get the same page, code and all, not an empty form. Nothing the phone keeps
    holds the code (the next person on a shared tablet could not get it back)."""
    open_link(client, ff, FormKind.FOSTER_CARER)
    saved = send(client, client.get("/give-feedback"), save="yes", good="Good meeting")
    code = code_on(saved)
    assert receipt_cookie_name(settings) not in saved.headers.get("set-cookie", "")
    switch = page(saved).select_one("button[name=switch_lang][value=ar]")
    assert switch is not None and switch["form"] == "saved-switch"

    arabic = client.post("/give-feedback/saved", data={**switch_fields(saved), "switch_lang": "ar"})
    assert arabic.status_code == 200
    assert page(arabic).find("html")["dir"] == "rtl"  # type: ignore[index]
    assert code_on(arabic) == code
    easy = client.post("/give-feedback/saved", data={**switch_fields(arabic), "switch_easy": "1"})
    assert code_on(easy) == code and page(easy).find("html")["lang"] == "ar"  # type: ignore[index]

    # Easy read chosen there goes on with the answers.
    resumed = client.post("/give-feedback/resume", data=carry_on_fields(easy))
    assert resumed.status_code == 200
    assert value_of(resumed, "good") == "Good meeting"
    assert page(resumed).select_one("input[name=easy][value='1']") is not None

    assert client.get("/give-feedback/saved").status_code == 405  # nothing to show from here
    nothing = client.post("/give-feedback/saved", data={"code": "not a code", "lang": "cy"})
    assert nothing.status_code == 303
    assert nothing.headers["location"].startswith("/give-feedback/resume?lang=cy")


def test_saving_in_one_tab_keeps_the_receipt_shown_in_another(
    client: TestClient, ff: FeedbackFactory
) -> None:
    open_link(client, ff, FormKind.PARENT_CARER, kind=LinkKind.PERSONAL)
    parents = client.get("/give-feedback")
    open_link(client, ff, FormKind.YOUNG_PERSON, kind=LinkKind.PERSONAL)
    sent = send(client, client.get("/give-feedback"), good="My worker listens")
    receipt = code_on(client.get(sent.headers["location"]))

    code_on(send(client, parents, save="yes", good="Half of what I think"))

    assert code_on(client.get("/give-feedback/thank-you")) == receipt


def test_easy_read_chosen_where_the_code_is_typed_goes_on_with_the_answers(
    client: TestClient, ff: FeedbackFactory
) -> None:
    open_link(client, ff, FormKind.YOUNG_PERSON)
    code = code_on(send(client, client.get("/give-feedback"), save="yes", good="Half done"))
    typed_on = client.get("/give-feedback/resume", params={"lang": "cy", "easy": "1"})
    fields = {**form_fields(typed_on, "form"), "code": code}

    resumed = client.post("/give-feedback/resume", data=fields)

    assert page(resumed).find("html")["lang"] == "cy"  # type: ignore[index]
    assert page(resumed).select_one("input[name=easy][value='1']") is not None


def code_on(response: Response) -> str:
    code = page(response).select_one(".app-code")
    assert isinstance(code, Tag), response.text[:300]
    return code.get_text(strip=True)


def form_fields(response: Response, selector: str) -> dict[str, str]:
    form = page(response).select_one(selector)
    assert isinstance(form, Tag)
    return {str(i["name"]): str(i.get("value", "")) for i in form.select("input[name]")}


def switch_fields(response: Response) -> dict[str, str]:
    return form_fields(response, "form#saved-switch")


def carry_on_fields(response: Response) -> dict[str, str]:
    return form_fields(response, "form:not(#saved-switch)")


def test_short_forms_are_sent_not_saved(
    client: TestClient, ff: FeedbackFactory, db: Session
) -> None:
    open_link(client, ff, FormKind.CHILD_UNDER_8)
    form = client.get("/give-feedback")
    assert page(form).select_one("button[name=save]") is None
    assert send(client, form, save="yes", space="yes").status_code == 303
    assert len(submissions(db)) == 1


def test_a_wrong_resume_code_is_shown_beside_the_box(client: TestClient) -> None:
    response = client.post("/give-feedback/resume", data={"code": "ACDE-FGHJ-KMNP"})
    assert response.status_code == 422
    assert field_error(response, "code").startswith("We cannot find answers with that code.")
    assert value_of(response, "code") == "ACDE-FGHJ-KMNP"
    empty = client.post("/give-feedback/resume", data={"code": ""})
    assert field_error(empty, "code") == "Enter your code"


def test_resuming_for_a_link_switched_off_since_says_the_link_is_closed(
    client: TestClient, ff: FeedbackFactory, db: Session
) -> None:
    link_id = open_link(client, ff, FormKind.PARENT_CARER)
    saved = send(client, client.get("/give-feedback"), save="yes", good="Half done")
    code = page(saved).select_one(".app-code").get_text(strip=True)  # type: ignore[union-attr]
    link = db.get(links.FeedbackLink, link_id)
    assert link is not None
    links.revoke(db, link, None)
    db.commit()
    response = client.post("/give-feedback/resume", data={"code": code})
    assert response.status_code == 404
    assert heading(response) == "This link does not work any more"
