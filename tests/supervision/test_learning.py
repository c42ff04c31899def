"""What supervision hands to the theme engine: only what the supervisee chose to share, only
from signed records, never the personal section's private parts, and always de-identified."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlmodel import Session

from learning.core.clock import today
from learning.org.models import Person, Team
from learning.supervision.learning import (
    CASE_LEARNING,
    CASE_QUESTION,
    CPD_QUESTION,
    REFLECTION,
    learning_items,
)
from learning.supervision.models import SupervisionSession
from learning.themes.sources import LearningItem
from tests.factories import Factory
from tests.supervision.factories import SupervisionFactory

ON = today()


@pytest.fixture
def sf(factory: Factory) -> SupervisionFactory:
    return SupervisionFactory(factory)


@pytest.fixture
def team(factory: Factory) -> Team:
    return factory.make_team(name="Child in Need North")


@pytest.fixture
def pair(sf: SupervisionFactory, team: Team) -> tuple[Person, Person]:
    return sf.make_pair(team_id=team.id, given_name="Tegen", family_name="Bolitho")


def ago(days: int) -> date:
    return ON - timedelta(days=days)


def items(db: Session, factory: Factory, since: date | None = None) -> list[LearningItem]:
    assert factory.council.id is not None
    return learning_items(db, factory.council.id, since)


def signed_session(sf: SupervisionFactory, pair: tuple[Person, Person], days_ago: int = 10,
                   **fields: object) -> SupervisionSession:
    supervisor, supervisee = pair
    return sf.make_session(supervisor, supervisee, planned_for=ago(days_ago), signed=True,
                           **fields)  # type: ignore[arg-type]


def test_a_case_learning_point_is_shared_by_default_once_the_record_is_signed(
    db: Session, factory: Factory, sf: SupervisionFactory, pair: tuple[Person, Person],
) -> None:
    session = signed_session(sf, pair)
    case = sf.make_case_discussion(session,
                                   learning_point="Involving the wider family early helped.")

    [item] = items(db, factory)

    assert item == LearningItem(
        id=f"supervision:case:{case.id}", text="Involving the wider family early helped.",
        source=CASE_LEARNING, team="Child in Need North", date=ago(10), question=CASE_QUESTION,
        respondent=f"person:{pair[1].id}")  # the supervisee, by id: never a name


def test_nothing_is_shared_from_a_record_the_supervisee_has_not_signed(
    db: Session, factory: Factory, sf: SupervisionFactory, pair: tuple[Person, Person],
) -> None:
    supervisor, supervisee = pair
    unsigned = sf.make_session(supervisor, supervisee, share_personal_for_learning=True,
                               reflections={"experience": "A first visit."},
                               learning_and_cpd="Read about neglect.")
    sf.make_case_discussion(unsigned, learning_point="Ask earlier.")

    assert items(db, factory) == []


def test_a_case_learning_point_the_supervisee_kept_back_is_not_shared(
    db: Session, factory: Factory, sf: SupervisionFactory, pair: tuple[Person, Person],
) -> None:
    session = signed_session(sf, pair, share_case_learning=False)
    sf.make_case_discussion(session, learning_point="Ask earlier.")

    assert items(db, factory) == []


def test_reflections_are_not_shared_unless_the_supervisee_says_yes(
    db: Session, factory: Factory, sf: SupervisionFactory, pair: tuple[Person, Person],
) -> None:
    signed_session(sf, pair, reflections={"experience": "A hard visit."},
                   learning_and_cpd="Court skills training.")

    assert items(db, factory) == []


def test_shared_reflections_come_with_the_question_each_one_answered(
    db: Session, factory: Factory, sf: SupervisionFactory, pair: tuple[Person, Person],
) -> None:
    session = signed_session(
        sf, pair, share_personal_for_learning=True, reflective_model="gibbs",
        reflections={"description": "A hard visit.", "feelings": "", "action_plan": "Plan it."},
        learning_and_cpd="Court skills training.")

    found = {item.id: (item.text, item.question, item.source) for item in items(db, factory)}

    assert found == {
        f"supervision:reflection:description:{session.id}": (
            "A hard visit.", "What happened?", REFLECTION),
        f"supervision:reflection:action_plan:{session.id}": (
            "Plan it.", "If it happened again, what would you do?", REFLECTION),
        f"supervision:cpd:{session.id}": ("Court skills training.", CPD_QUESTION, REFLECTION),
    }


def test_wellbeing_support_needs_and_career_goals_are_never_shared(
    db: Session, factory: Factory, sf: SupervisionFactory, pair: tuple[Person, Person],
) -> None:
    signed_session(sf, pair, share_personal_for_learning=True, wellbeing=2,
                   support_needs="Struggling to sleep.", career_goals="Team manager in two years.",
                   reflections={"experience": "A quiet week."})

    texts = " ".join(item.text for item in items(db, factory))

    assert texts == "A quiet week."


def test_personal_data_in_a_learning_point_is_redacted(
    db: Session, factory: Factory, sf: SupervisionFactory, pair: tuple[Person, Person],
) -> None:
    session = signed_session(sf, pair)
    sf.make_case_discussion(
        session, case_reference="CS-2025-04321",
        learning_point="Sarah Jones, NHS 943 476 5919, lives at 12 Tregenna Road; "
                       "see CS-2025-04321. Tegen Bolitho checked it with Tegen's manager.")

    [item] = items(db, factory)

    assert "Sarah" not in item.text and "Jones" not in item.text
    assert "943 476 5919" not in item.text and "CS-2025-04321" not in item.text
    assert "Tegen" not in item.text and "Bolitho" not in item.text
    assert item.text.startswith("[name], NHS [nhs number]")


def test_names_of_the_councils_staff_are_removed_from_shared_reflections(
    db: Session, factory: Factory, sf: SupervisionFactory, pair: tuple[Person, Person],
) -> None:
    colleague = factory.make_person(given_name="Jago", family_name="Pengelly")
    signed_session(sf, pair, share_personal_for_learning=True,
                   reflections={"experience": "Jago Pengelly and I visited; Bolitho drove."})

    [item] = items(db, factory)

    assert item.text == "[name] and I visited; [name] drove."
    assert colleague.name not in item.text


def test_only_items_from_sessions_on_or_after_since_are_given(
    db: Session, factory: Factory, sf: SupervisionFactory, pair: tuple[Person, Person],
) -> None:
    for days in (40, 5):
        sf.make_case_discussion(signed_session(sf, pair, days_ago=days),
                                learning_point=f"Learning from {days} days ago.")

    assert [item.text for item in items(db, factory, since=ago(10))] == [
        "Learning from 5 days ago."]
    assert [item.date for item in items(db, factory)] == [ago(40), ago(5)]


def test_another_councils_learning_is_not_given(
    db: Session, factory: Factory, sf: SupervisionFactory, pair: tuple[Person, Person],
) -> None:
    other = factory.make_council(name="Elsewhere")
    sf.make_case_discussion(signed_session(sf, pair), learning_point="Ours.")

    assert other.id is not None
    assert learning_items(db, other.id) == []
