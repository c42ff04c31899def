"""The public feedback forms (pure): what each asks, and what typing into them gives back."""

from __future__ import annotations

import pytest

from learning.feedback import forms
from learning.feedback.form_definitions import EASY_DEFINITIONS, FaceSize
from learning.feedback.form_questions import AGREE, YES_A_BIT_NO, Lundy
from learning.feedback.forms import (
    ERROR_CHOICE,
    ERROR_EMAIL,
    ERROR_EMPTY,
    ERROR_HOW,
    ERROR_NAME,
    ERROR_PHONE,
    ERROR_TOO_LONG,
    MAX_TEXT_CHARS,
    FieldError,
    definition_for,
    validate,
    worried_input,
)
from learning.feedback.terms import CHILD_FORMS, FORMS, FormKind

CHILD = definition_for(FormKind.CHILD_8_12)
PARENT = definition_for(FormKind.PARENT_CARER)


# What each form asks ------------------------------------------------------------------


def test_every_form_kind_has_a_form_with_unique_question_keys() -> None:
    assert set(forms.DEFINITIONS) == set(FORMS) == set(FormKind) - {FormKind.NOT_CHOSEN}
    for definition in forms.DEFINITIONS.values():
        assert len(set(definition.keys)) == len(definition.keys), definition.kind
        assert not set(definition.keys) & {
            "lang",
            "easy",
            "form_kind",
            "website",
            "form_nonce",
            "wants_contact",
            "contact_name",
            "contact_phone",
            "contact_email",
            "worried",
            "save",
            "draft",
        }


def test_every_form_asks_whether_someone_listened_and_lets_people_write_freely() -> None:
    for definition in forms.DEFINITIONS.values():
        assert any(q.lundy is Lundy.AUDIENCE for q in definition.questions), definition.kind
        assert any(q.is_text for q in definition.questions), definition.kind


def test_the_forms_for_eight_and_over_ask_all_four_lundy_questions() -> None:
    for kind in (
        FormKind.CHILD_8_12,
        FormKind.YOUNG_PERSON,
        FormKind.PARENT_CARER,
        FormKind.FOSTER_CARER,
        FormKind.PARTNER,
    ):
        asked = {q.lundy for q in definition_for(kind).questions if q.lundy}
        assert asked == set(Lundy), kind


def test_the_under_eight_form_is_large_faces_and_very_few_words() -> None:
    definition = definition_for(FormKind.CHILD_UNDER_8)
    assert definition.faces is FaceSize.LARGE
    scales = [q.scale for q in definition.questions if q.scale is not None]
    assert scales and all(s.has_faces and len(s.choices) == 3 for s in scales)
    assert len(definition.questions) <= 4
    assert all(len(q.prompt.split()) <= 8 for q in definition.questions)


def test_the_three_houses_ask_about_worries_good_things_and_dreams() -> None:
    keys = definition_for(FormKind.THREE_HOUSES).keys
    assert keys[:3] == ("worries", "good_things", "dreams")


def test_children_get_the_childs_words_young_children_theirs_and_adults_the_adults() -> None:
    """The Three Houses are for children of any age: the child's words, not a young child's."""
    for kind, definition in forms.DEFINITIONS.items():
        expected = forms.Audience.CHILD if kind in CHILD_FORMS else forms.Audience.ADULT
        if kind is FormKind.CHILD_UNDER_8:
            expected = forms.Audience.YOUNG_CHILD
        assert definition.audience is expected
        assert forms.definition_for(kind, easy=True).audience is expected


def test_the_long_forms_can_be_saved_to_finish_later() -> None:
    saveable = {kind for kind, d in forms.DEFINITIONS.items() if d.saveable}
    assert saveable >= {
        FormKind.YOUNG_PERSON,
        FormKind.PARENT_CARER,
        FormKind.FOSTER_CARER,
        FormKind.PARTNER,
    }


def test_easy_read_asks_shorter_questions_with_three_faces_and_the_same_keys() -> None:
    easy = EASY_DEFINITIONS[FormKind.PARENT_CARER]
    assert easy.easy_read and easy.keys == PARENT.keys
    space = easy.question("space")
    assert (
        space is not None
        and space.scale is YES_A_BIT_NO
        and space.prompt
        != (
            PARENT.question("space").prompt  # type: ignore[union-attr]
        )
    )
    assert PARENT.question("space").scale is AGREE  # type: ignore[union-attr]


def test_who_are_you_offers_every_form() -> None:
    assert [kind for kind, _ in forms.choosable_kinds()] == list(forms.DEFINITIONS)


# Checking what was typed --------------------------------------------------------------


def test_answers_come_back_clean_and_only_for_questions_answered() -> None:
    data, errors = validate(
        CHILD, {"space": "yes", "good": "  My worker listens  ", "better": "   "}
    )
    assert errors == {}
    assert data.answers == {"space": "yes", "good": "My worker listens"}
    assert data.wants_contact is False and data.contact_name == data.contact_detail == ""


def test_an_empty_form_asks_for_one_answer_beside_the_first_question() -> None:
    data, errors = validate(CHILD, {})
    assert errors == {"space": FieldError(ERROR_EMPTY)}
    assert data.answers == {}


def test_an_answer_not_on_the_scale_is_refused_beside_its_question() -> None:
    _, errors = validate(CHILD, {"space": "maybe", "good": "fine"})
    assert errors == {"space": FieldError(ERROR_CHOICE)}


def test_a_long_answer_is_refused_with_its_length_and_kept_exactly_as_typed() -> None:
    text = "word " * 500
    data, errors = validate(CHILD, {"good": text, "space": "no"})
    assert errors == {"good": FieldError(ERROR_TOO_LONG, len(text.strip()))}
    assert len(text.strip()) > MAX_TEXT_CHARS
    assert data.values["good"] == text
    assert data.values["space"] == "no"


def test_an_answer_of_exactly_the_limit_is_fine() -> None:
    _, errors = validate(CHILD, {"good": "x" * MAX_TEXT_CHARS})
    assert errors == {}


def test_asking_to_be_contacted_needs_a_name_and_a_phone_or_email() -> None:
    data, errors = validate(CHILD, {"wants_contact": "yes", "good": "ok"})
    assert errors == {
        "contact_name": FieldError(ERROR_NAME),
        "contact_phone": FieldError(ERROR_HOW),
    }
    assert data.values["wants_contact"] == "yes"


@pytest.mark.parametrize("phone", ["07700 900982", "+44 7700 900 982", "(01632) 960-001"])
def test_phone_numbers_as_people_write_them_are_accepted(phone: str) -> None:
    data, errors = validate(CHILD, {"contact_name": "Sam", "contact_phone": phone})
    assert errors == {}
    assert data.wants_contact and data.contact_detail == phone


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("٠٧٧٠٠ ٩٠٠٩٨٢", "07700 900982"),  # Arabic-Indic digits
        ("۰۷۷۰۰ ۹۰۰۹۸۲", "07700 900982"),  # Persian digits
        ("+٤٤ ٧٧٠٠ 900 982", "+44 7700 900 982"),  # mixed, as a keyboard switch leaves it
    ],
)
def test_a_phone_number_in_another_scripts_digits_is_taken_and_kept_as_0_to_9(
    typed: str, kept: str
) -> None:
    data, errors = validate(CHILD, {"contact_name": "Sam", "contact_phone": typed})
    assert errors == {}
    assert data.contact_detail == kept
    assert data.values["contact_phone"] == typed  # shown back as typed
    assert worried_input(CHILD, {"contact_name": "Sam", "contact_phone": typed}).contact_detail == (
        kept
    )


@pytest.mark.parametrize("phone", ["12345", "call me maybe", "0" * 40])
def test_something_that_is_not_a_phone_number_is_refused_beside_it(phone: str) -> None:
    _, errors = validate(CHILD, {"contact_name": "Sam", "contact_phone": phone})
    assert errors == {"contact_phone": FieldError(ERROR_PHONE)}


@pytest.mark.parametrize("email", ["sam", "sam@", "sam@example", "a b@example.com"])
def test_something_that_is_not_an_email_address_is_refused_beside_it(email: str) -> None:
    _, errors = validate(CHILD, {"contact_name": "Sam", "contact_email": email})
    assert errors == {"contact_email": FieldError(ERROR_EMAIL)}


def test_typing_contact_details_without_ticking_the_box_still_asks_for_contact() -> None:
    data, errors = validate(
        PARENT,
        {
            "contact_name": "Alex Smith",
            "contact_email": "alex@example.com",
            "contact_phone": "07700 900982",
        },
    )
    assert errors == {}
    assert data.wants_contact is True
    assert data.contact_name == "Alex Smith"
    assert data.contact_detail == "07700 900982 / alex@example.com"


def test_a_contact_request_alone_is_enough_to_send() -> None:
    data, errors = validate(
        PARENT,
        {"wants_contact": "yes", "contact_name": "Alex", "contact_email": "alex@example.com"},
    )
    assert errors == {} and data.answers == {}


def test_every_field_comes_back_exactly_as_typed_whatever_the_errors() -> None:
    typed = {
        "space": "bogus",
        "good": "  spaced  \r\nout ",
        "contact_name": "",
        "contact_email": "nope",
        "wants_contact": "yes",
    }
    data, errors = validate(CHILD, typed)
    assert errors
    assert data.values["good"] == "  spaced  \nout "
    assert data.values["space"] == "bogus"
    assert data.values["contact_email"] == "nope"


def test_errors_are_listed_in_the_order_of_the_page() -> None:
    _, errors = validate(CHILD, {"contact_email": "bad", "space": "bad"})
    assert list(forms.in_page_order(errors, CHILD)) == ["space", "contact_name", "contact_email"]


def test_the_worried_button_sends_everything_typed_whatever_its_errors() -> None:
    data = worried_input(
        CHILD, {"space": "bogus", "good": "x" * 3000, "contact_phone": "not a phone"}
    )
    assert data.answers == {"space": "bogus", "good": "x" * 3000}
    assert data.wants_contact is True and data.contact_detail == "not a phone"


def test_the_worried_button_goes_through_with_nothing_typed() -> None:
    data = worried_input(CHILD, {})
    assert data.answers == {} and data.wants_contact is False


def test_a_form_kind_is_parsed_or_refused() -> None:
    assert forms.parse_kind("three_houses") is FormKind.THREE_HOUSES
    assert forms.parse_kind("admin") is None
