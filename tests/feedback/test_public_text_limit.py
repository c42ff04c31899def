"""The public forms say how much can be written in each box before anything is typed: the end
of every box's hint, in the words of the error shown past it ("2,000 characters"), in every
language. No box has a maxlength, which would cut a pasted answer off without a word."""

from __future__ import annotations

import re

import pytest
from bs4 import Tag
from fastapi.testclient import TestClient

from learning.feedback import forms, i18n
from learning.feedback.form_definitions import DEFINITIONS, EASY_DEFINITIONS
from learning.feedback.terms import FORMS, FormKind, Language
from tests.feedback.factories import FeedbackFactory
from tests.feedback.public import open_link, send
from tests.org.pages import field_error, page

NUMBER = re.compile(r"\d[\d,.\u00a0 ]*\d")


def boxes(response: object) -> dict[str, Tag]:
    """The page's boxes to write in, by name."""
    found = page(response).select("form.app-feedback-form textarea")  # type: ignore[arg-type]
    return {str(box["name"]): box for box in found}


def hint_of(response: object, box: Tag) -> str:
    """The hint a screen reader reads with ``box`` (the one its aria-describedby names)."""
    described = str(box.get("aria-describedby", "")).split()
    hint_id = f"{box['name']}-hint"
    assert hint_id in described, f"{box['name']} is not described by its hint"
    hint = page(response).find(id=hint_id)  # type: ignore[arg-type]
    assert isinstance(hint, Tag)
    return hint.get_text(" ", strip=True)


def the_number(text: str) -> int:
    """The one number in ``text``, whatever its thousands separator ("2,000", "2.000")."""
    numbers = [n for n in NUMBER.findall(text) if "%" not in n]
    assert len(numbers) == 1, text
    return int(re.sub(r"\D", "", numbers[0]))


def test_the_hint_says_the_limit_the_error_gives() -> None:
    assert f"{forms.MAX_TEXT_CHARS:,}" in forms.TEXT_LIMIT_HINT
    assert f"{forms.MAX_TEXT_CHARS:,} characters" in forms.ERROR_TOO_LONG
    assert forms.TEXT_LIMIT_HINT == "You can write up to 2,000 characters."


@pytest.mark.parametrize("language", i18n.TRANSLATED)
def test_each_language_says_the_same_limit_in_the_hint_as_in_the_error(
    language: Language,
) -> None:
    messages = i18n.read_messages(language)
    hint, error = messages[forms.TEXT_LIMIT_HINT], messages[forms.ERROR_TOO_LONG]
    assert the_number(hint) == forms.MAX_TEXT_CHARS
    limit = NUMBER.findall(error)[0]  # the limit comes first, the count after it
    assert limit in hint, (hint, error)


@pytest.mark.parametrize("easy", [False, True], ids=["standard", "easy read"])
@pytest.mark.parametrize("kind", FORMS)
def test_every_box_to_write_in_says_how_much_can_be_written_before_anything_is_typed(
    client: TestClient, ff: FeedbackFactory, kind: FormKind, easy: bool
) -> None:
    open_link(client, ff, None)
    response = client.get("/give-feedback", params={"form": kind.value, "easy": "1" * easy})
    definition = (EASY_DEFINITIONS if easy else DEFINITIONS)[kind]
    texts = [q for q in definition.questions if q.is_text]
    shown = boxes(response)

    assert sorted(shown) == sorted(q.key for q in texts) and texts
    for question in texts:
        box = shown[question.key]
        hint = hint_of(response, box)
        assert hint.endswith("You can write up to 2,000 characters."), hint
        assert hint.startswith(question.hint), hint  # its own hint first, when it has one
        assert not box.has_attr("maxlength")


@pytest.mark.parametrize("language", list(Language))
def test_the_limit_is_said_in_the_pages_language(
    client: TestClient, ff: FeedbackFactory, language: Language
) -> None:
    open_link(client, ff, FormKind.CHILD_UNDER_8)
    response = client.get("/give-feedback", params={"lang": language.value})
    said = i18n.translations(language).gettext(forms.TEXT_LIMIT_HINT)
    (box,) = boxes(response).values()
    hint = hint_of(response, box)
    assert hint.endswith(said)
    young_child = i18n.translations(language).gettext("You can ask a grown-up to help you write.")
    assert hint == f"{young_child} {said}"


def test_past_the_limit_the_error_is_shown_and_the_hint_still_says_it(
    client: TestClient, ff: FeedbackFactory
) -> None:
    open_link(client, ff, FormKind.CHILD_8_12)
    too_long = "a" * (forms.MAX_TEXT_CHARS + 1)
    response = send(client, client.get("/give-feedback"), good=too_long)

    assert response.status_code == 422
    assert field_error(response, "good").startswith(
        "Your answer is too long. Make it 2,000 characters or fewer")
    box = boxes(response)["good"]
    assert str(box["aria-describedby"]).split() == ["good-hint", "good-error"]
    assert hint_of(response, box) == "You can write up to 2,000 characters."
    assert box.get_text() == too_long  # kept whole, to shorten
