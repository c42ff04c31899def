"""The public feedback forms: their definitions (``form_definitions``) and what was typed
into them, checked.

Pure: no database and no web framework. ``validate`` returns the clean answers and the
errors keyed by field; it never loses anything typed, because ``FormInput.values`` keeps
every field exactly as it came, to show again beside its error. Every question is optional,
but an empty form needs the "I am worried about my safety" button (which always goes
through, whatever else is wrong: the caller ignores the errors then).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from learning.core.typed_text import HIDDEN
from learning.feedback.form_definitions import (
    DEFINITIONS,
    Audience,
    FaceSize,
    FormDefinition,
    definition_for,
)
from learning.feedback.form_questions import AGREE, HOW_OFTEN, N_, YES_A_BIT_NO, Question
from learning.feedback.safeguarding import screened_text
from learning.feedback.terms import FormKind

__all__ = [
    "DEFINITIONS",
    "Audience",
    "FaceSize",
    "FormDefinition",
    "FormInput",
    "definition_for",
    "validate",
]

Errors = dict[str, str]

MAX_TEXT_CHARS = 2000
MAX_NAME_CHARS = 120
MAX_PHONE_CHARS = 30
MAX_EMAIL_CHARS = 200

WANTS_CONTACT = "wants_contact"
CONTACT_NAME = "contact_name"
CONTACT_PHONE = "contact_phone"
CONTACT_EMAIL = "contact_email"
CONTACT_FIELDS = (CONTACT_NAME, CONTACT_PHONE, CONTACT_EMAIL)

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")
PHONE_CHARACTERS = re.compile(r"^\+?[0-9 ()\-]+$")

ERROR_EMPTY = N_("Answer at least one question, or press the button 'I am worried about my safety'")
ERROR_TOO_LONG = N_(
    "Your answer is too long. Make it 2,000 characters or fewer (you wrote %(count)s)."
)
#: Said under every box to write in (the end of its hint), before anything is typed: the
#: limit ``ERROR_TOO_LONG`` gives, in the same words. No ``maxlength``: a browser would cut
#: off a pasted answer without a word, and counts an emoji as two.
TEXT_LIMIT_HINT = N_("You can write up to 2,000 characters.")
ERROR_HIDDEN = N_(
    "Your answer had hidden characters in it that we cannot keep. We have taken them out: "
    "check your answer, then send it again."
)
ERROR_SAVE_LIMIT = N_(
    "You have saved this form many times in a few minutes. Send it now, or wait ten minutes "
    "and save it again."
)
ERROR_CHOICE = N_("Choose one of the answers")
ERROR_NAME = N_("Tell us your name, so we know who to ask for")
ERROR_NAME_LONG = N_("Your name must be 120 characters or fewer")
ERROR_HOW = N_("Give a phone number or an email address, so we can contact you")
ERROR_PHONE = N_("Enter a phone number, like 07700 900 982")
ERROR_EMAIL = N_("Enter an email address, like name@example.com")


@dataclass(frozen=True)
class FieldError:
    """An error message (in English; translated where shown) and its values."""

    message: str
    count: int | None = None


@dataclass(frozen=True)
class FormInput:
    answers: dict[str, str]  # question key to answer, answered questions only
    wants_contact: bool
    contact_name: str
    contact_detail: str  # "phone / email", whichever were given
    values: dict[str, str]  # every field exactly as typed, to show again

    def screened(self) -> list[str]:
        """What the safeguarding screen reads (``screened_text``)."""
        return screened_text(self.answers, self.contact_name)


def field_names(definition: FormDefinition) -> tuple[str, ...]:
    """Every field of the form, in page order (the order errors are listed in)."""
    return (*definition.keys, WANTS_CONTACT, *CONTACT_FIELDS)


def _one(data: Mapping[str, str | list[str]], name: str) -> str:
    value = data.get(name, "")
    if isinstance(value, list):
        value = value[0] if value else ""
    return str(value).replace("\r\n", "\n")


def values_of(definition: FormDefinition, data: Mapping[str, str | list[str]]) -> dict[str, str]:
    """Every field as typed, but for the hidden characters (``HIDDEN``)."""
    return {name: HIDDEN.sub("", _one(data, name)) for name in field_names(definition)}


#: The easy-read version answers the standard version's five-point scales on three points
#: (``YES_A_BIT_NO``). An answer switched to easy read becomes the one that says the same,
#: and its standard answer rides along in a hidden field (``CARRIED_PREFIX`` and the
#: question's key), so that switching back restores it exactly while the easy answer is
#: still the one it became; an easy answer changed since goes back as the standard answer
#: in the same words ("Yes" as "Yes, always").
EASY_ANSWER = {
    "always": "yes", "mostly": "yes", "sometimes": "a_bit", "not_really": "no", "never": "no",
    "strongly_agree": "yes", "agree": "yes", "not_sure": "a_bit", "disagree": "no",
    "strongly_disagree": "no",
}
STANDARD_ANSWER = {
    HOW_OFTEN.name: {"yes": "always", "a_bit": "sometimes", "no": "never"},
    AGREE.name: {"yes": "agree", "a_bit": "not_sure", "no": "disagree"},
}
CARRIED_PREFIX = "was-"


@dataclass(frozen=True)
class Switched:
    """What a switch to another version shows: every field, and the standard answers the
    easy-read version carries along unseen (question key to answer)."""

    values: dict[str, str]
    carried: dict[str, str]


def switched_values(
    kind: FormKind, to_easy: bool, data: Mapping[str, str | list[str]]
) -> Switched:
    """What was typed into ``kind``'s form, for its easy-read (``to_easy``) or standard
    version: nothing typed is lost, and no scale answer either."""
    values = values_of(definition_for(kind, to_easy), data)
    carried: dict[str, str] = {}
    for standard in definition_for(kind).questions:
        scale = standard.scale
        if scale is None or scale.name not in STANDARD_ANSWER:
            continue
        key = standard.key
        answer = values[key]
        was = _one(data, CARRIED_PREFIX + key)
        unchanged = was in scale.values and EASY_ANSWER[was] == answer
        if to_easy:
            if answer in scale.values:
                carried[key], values[key] = answer, EASY_ANSWER[answer]
            elif unchanged:
                carried[key] = was
        elif answer in YES_A_BIT_NO.values:
            values[key] = was if unchanged else STANDARD_ANSWER[scale.name][answer]
    return Switched(values, carried)


def validate(
    definition: FormDefinition, data: Mapping[str, str | list[str]]
) -> tuple[FormInput, dict[str, FieldError]]:
    """The answers and the errors; the page lists the errors in page order (``in_page_order``)."""
    typed = {name: _one(data, name) for name in field_names(definition)}
    values = {name: HIDDEN.sub("", value) for name, value in typed.items()}
    errors: dict[str, FieldError] = {
        name: FieldError(ERROR_HIDDEN) for name in typed if typed[name] != values[name]
    }
    answers: dict[str, str] = {}
    for question in definition.questions:
        answer, error = _answer(question, values[question.key])
        if error is not None:
            errors.setdefault(question.key, error)
        elif answer:
            answers[question.key] = answer
    contact, contact_errors = _contact(values)
    errors.update(contact_errors)
    wants_contact = bool(contact)
    if not answers and not wants_contact and not errors:
        errors[definition.keys[0]] = FieldError(ERROR_EMPTY)
    name, detail = contact or ("", "")
    return FormInput(answers, wants_contact, name, detail, values), errors


def _answer(question: Question, raw: str) -> tuple[str, FieldError | None]:
    text = raw.strip()
    if question.scale is not None:
        if text and text not in question.scale.values:
            return "", FieldError(ERROR_CHOICE)
        return text, None
    if len(text) > MAX_TEXT_CHARS:
        return "", FieldError(ERROR_TOO_LONG, len(text))
    return text, None


def _contact(values: dict[str, str]) -> tuple[tuple[str, str] | None, dict[str, FieldError]]:
    """The name and the ways to reach them, when they asked to be contacted (by ticking the
    box, or by typing any of the details: either way they want a reply)."""
    name, phone, email = (values[field].strip() for field in CONTACT_FIELDS)
    phone = ascii_digits(phone)
    if not (values[WANTS_CONTACT] or name or phone or email):
        return None, {}
    errors: dict[str, FieldError] = {}
    if not name:
        errors[CONTACT_NAME] = FieldError(ERROR_NAME)
    elif len(name) > MAX_NAME_CHARS:
        errors[CONTACT_NAME] = FieldError(ERROR_NAME_LONG)
    if not phone and not email:
        errors[CONTACT_PHONE] = FieldError(ERROR_HOW)
    if phone and not _is_phone(phone):
        errors[CONTACT_PHONE] = FieldError(ERROR_PHONE)
    if email and not _is_email(email):
        errors[CONTACT_EMAIL] = FieldError(ERROR_EMAIL)
    return (name, " / ".join(part for part in (phone, email) if part)), errors


def too_long(definition: FormDefinition, values: Mapping[str, str]) -> dict[str, FieldError]:
    """The fields typed beyond their length: what "Save and finish later" checks (a saved
    form may have any other mistake, to put right before sending)."""
    errors = {
        q.key: FieldError(ERROR_TOO_LONG, len(values[q.key].strip()))
        for q in definition.questions
        if q.is_text and len(values[q.key].strip()) > MAX_TEXT_CHARS
    }
    limits = (
        (CONTACT_NAME, MAX_NAME_CHARS, ERROR_NAME_LONG),
        (CONTACT_PHONE, MAX_PHONE_CHARS, ERROR_PHONE),
        (CONTACT_EMAIL, MAX_EMAIL_CHARS, ERROR_EMAIL),
    )
    for field, limit, message in limits:
        if len(values[field].strip()) > limit:
            errors[field] = FieldError(message)
    return errors


def contact_checked(name: str, detail: str) -> bool:
    """Whether stored contact details pass the form's checks. The safety button and words
    the screen flags send them as typed, mistakes and all, so staff are told when not."""
    parts = [part.strip() for part in detail.split(" / ")]
    return (
        0 < len(name.strip()) <= MAX_NAME_CHARS
        and all(_is_phone(part) or _is_email(part) for part in parts)
        and len(parts) <= 2
    )


def contact_email(detail: str) -> str | None:
    """The valid email address among stored contact details ("phone / email"), if any."""
    return next((p.strip() for p in detail.split(" / ") if _is_email(p.strip())), None)


def contact_phone(detail: str) -> str:
    """The phone number among stored contact details ("phone / email"), as typed; empty
    when none of them reads as a phone number."""
    return next((p.strip() for p in detail.split(" / ") if _reads_as_phone(p.strip())), "")


def contact_phone_href(detail: str) -> str:
    """``tel:`` and the phone number among stored contact details ("phone / email"), for a
    link that rings it; empty when none of them reads as a phone number."""
    phone = contact_phone(detail)
    if not phone:
        return ""
    return "tel:" + ("+" if phone.startswith("+") else "") + "".join(filter(str.isdigit, phone))


def contact_unreadable(detail: str) -> str:
    """What among stored contact details reads as neither a phone number nor an email
    address ("snap me lily_07"), as typed; empty when everything does. Only details sent
    unchecked (with a worry about safety) can hold such words."""
    parts = (p.strip() for p in detail.split(" / "))
    return " / ".join(p for p in parts if p and not _is_email(p) and not _reads_as_phone(p))


def _reads_as_phone(part: str) -> bool:
    """Something to ring: phone characters only, with at least six digits (looser than the
    form's check, for details sent unchecked)."""
    return bool(PHONE_CHARACTERS.match(part)) and sum(c.isdigit() for c in part) >= 6


def _is_email(email: str) -> bool:
    return len(email) <= MAX_EMAIL_CHARS and bool(EMAIL.match(email))


def ascii_digits(text: str) -> str:
    """``text`` with every decimal digit written 0 to 9: a phone keyboard in Arabic, Persian
    or Devanagari types its own digits (٠٧٧٠٠…), and staff dial these."""
    if text.isascii():
        return text
    return "".join(
        str(unicodedata.decimal(ch)) if unicodedata.category(ch) == "Nd" else ch for ch in text
    )


def _is_phone(phone: str) -> bool:
    digits = sum(ch.isdigit() for ch in phone)
    return (
        len(phone) <= MAX_PHONE_CHARS
        and bool(PHONE_CHARACTERS.match(phone))
        and (10 <= digits <= 15)
    )


def in_page_order(
    errors: Mapping[str, FieldError], definition: FormDefinition
) -> dict[str, FieldError]:
    order = {name: i for i, name in enumerate(field_names(definition))}
    return dict(sorted(errors.items(), key=lambda item: order.get(item[0], len(order))))


def worried_input(definition: FormDefinition, data: Mapping[str, str | list[str]]) -> FormInput:
    """What is sent when the person pressed "I am worried about my safety": everything they
    typed, whatever its errors (a worry must never wait for a mistake to be put right)."""
    values = values_of(definition, data)
    answers = {q.key: values[q.key].strip() for q in definition.questions if values[q.key].strip()}
    name, phone, email = (values[field].strip() for field in CONTACT_FIELDS)
    phone = ascii_digits(phone)
    wants_contact = bool(values[WANTS_CONTACT] or name or phone or email)
    detail = " / ".join(part for part in (phone, email) if part)
    return FormInput(answers, wants_contact, name, detail, values)


def choosable_kinds() -> Iterable[tuple[FormKind, str]]:
    """The answers to "Who are you?", in the order shown."""
    return ((kind, definition.who) for kind, definition in DEFINITIONS.items())


def parse_kind(raw: str) -> FormKind | None:
    try:
        kind = FormKind(raw)
    except ValueError:
        return None
    return kind if kind in DEFINITIONS else None  # NOT_CHOSEN is no form to fill in
