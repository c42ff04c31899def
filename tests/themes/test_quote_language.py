"""A quote keeps the language it was written in: feedback given on the Welsh form is themed
as Welsh ("cy"), stored so, and shown marked lang="cy", so a screen reader reads it in a
Welsh voice (WCAG 3.1.2, language of parts); English, the staff's pages' own, is not marked."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from fastapi.testclient import TestClient
from sqlmodel import Session

from learning.core.clock import today, utcnow
from learning.core.db import Database
from learning.core.permissions import Role
from learning.feedback.learning import learning_items as feedback_items
from learning.feedback.models import FeedbackSubmission
from learning.feedback.terms import FormKind, Language
from learning.org.models import Team
from learning.themes.arrivals import FEEDBACK, take_in
from learning.themes.intake import sync_items
from learning.themes.recluster import recluster
from learning.themes.sources import arrival
from tests.factories import Factory
from tests.feedback.factories import FeedbackFactory
from tests.supervision.factories import sign_in
from tests.themes.factories import ListedSource, stored, theme_holding

_receipts = iter(range(10**6))


@pytest.fixture
def team(factory: Factory) -> Team:
    return factory.make_team(name="Children in Care")


def submit(factory: Factory, team: Team, language: Language, words: str) -> FeedbackSubmission:
    link = FeedbackFactory(factory).make_link(team_id=team.id).link
    submission = FeedbackSubmission(
        council_id=factory.council.id,
        team_id=team.id,
        link_id=link.id,
        form_kind=FormKind.YOUNG_PERSON,
        language=language,
        answers=json.dumps({"good": words}),
        receipt_hash=f"language-{next(_receipts)}",
        submitted_at=utcnow() - timedelta(days=2),
        delete_after=today() + timedelta(days=700),
    )
    factory.db.add(submission)
    factory.db.commit()
    return submission


def test_feedback_is_themed_in_the_language_of_its_form_and_english_is_unmarked(
    db: Session, database: Database, factory: Factory, team: Team
) -> None:
    welsh = submit(factory, team, Language.WELSH, "Roedd y gweithiwr yn garedig iawn.")
    english = submit(factory, team, Language.ENGLISH, "The worker was very kind.")
    arabic = submit(factory, team, Language.ARABIC, "كانت العاملة لطيفة جدا")
    council_id = factory.council.id
    assert council_id is not None

    shared = {item.id: arrival(item).language for item in feedback_items(db, council_id)}
    assert shared == {
        f"feedback:{welsh.id}:good": "cy",
        f"feedback:{english.id}:good": "",
        f"feedback:{arabic.id}:good": "ar",
    }

    # Taken in on arrival (as each submission is), and again by the intake's full sync.
    take_in(database, [(FEEDBACK, s.id) for s in (welsh, english, arabic) if s.id is not None])
    languages = {item.source_ref: item.language for item in stored(db, council_id).values()}
    assert languages == shared
    with database.transaction() as session:
        sync_items(session, council_id)
    db.expire_all()
    languages = {item.source_ref: item.language for item in stored(db, council_id).values()}
    assert languages == shared


def test_a_quote_is_marked_with_its_language_on_the_themes_page(
    client: TestClient,
    db: Session,
    database: Database,
    factory: Factory,
    council_id: int,
    listed: ListedSource,
) -> None:
    truth = listed.add_corpus(per_theme=14, source="feedback_young_person")
    recluster(database, council_id)
    key = theme_holding(db, council_id, truth, "waiting")
    items = [item for item in stored(db, council_id).values() if item.theme_key == key]
    welsh = {item.text for item in items[::2]}
    for item in items[::2]:
        item.language = "cy"
        db.add(item)
    db.commit()
    analyst = sign_in(client, factory, factory.make_person(roles=(Role.PRINCIPAL_SOCIAL_WORKER,)))

    response = analyst.get(f"/themes/{key}")

    assert response.status_code == 200
    shown = BeautifulSoup(response.text, "html.parser").select("#quotes blockquote p[dir=auto]")
    assert shown, "the theme shows quotes"
    marked = {p.get_text(): p.get("lang") for p in shown}
    assert marked == {text: ("cy" if text in welsh else None) for text in marked}
    assert set(marked.values()) == {"cy", None}, "the theme shows quotes of both languages"

    # Splitting the theme lists its items to tick, each in its own language too.
    split = analyst.get(f"/themes/{key}/split")
    assert split.status_code == 200
    soup = BeautifulSoup(split.text, "html.parser")
    listed_items = soup.select(".govuk-checkboxes__label span[dir=auto]")
    marked = {span.get_text(): span.get("lang") for span in listed_items}
    assert marked and marked == {text: ("cy" if text in welsh else None) for text in marked}
    assert set(marked.values()) == {"cy", None}
