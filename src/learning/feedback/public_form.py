"""Showing the public feedback form: its questions, what was typed, errors beside fields,
the hidden nonce and honeypot, and the safety button; the words around the questions are
its audience's (``FORM_WORDS``), a young child's the shortest.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from fastapi import Request
from fastapi.responses import Response
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlmodel import Session
from starlette.datastructures import FormData

from learning.core.clock import utcnow
from learning.core.config import Settings
from learning.core.signing import serializer
from learning.feedback import abuse, forms
from learning.feedback.form_questions import N_
from learning.feedback.link_cookie import known_link, link_id_from_cookie
from learning.feedback.models import FeedbackLink
from learning.feedback.public_page import SAFETY_WORDS, PublicPage
from learning.feedback.submissions import Incoming
from learning.feedback.terms import FormKind

#: The form carries its link, signed, so that an answer typed while the link cookie ran
#: out is still sent (the nonce and the link's own state are checked as usual).
FORM_LINK_FIELD = "form_link"
FORM_LINK_MAX_SECONDS = 24 * 60 * 60
#: A worry (the safety button, or words the screen flags) is taken from a page open for up
#: to a week: a phone keeps a tab that long. Such a late one is quarantined (its nonce is
#: stale, or its link closed) and still raises the alert.
URGENT_FORM_LINK_MAX_SECONDS = 7 * 24 * 60 * 60
CHOOSE_ERROR = N_("Choose who you are")
#: "I am worried about my safety" on "Who are you?", for whoever has not chosen a form yet:
#: the words of every form but a young child's, and what pressing it does, from the
#: privacy notice (nothing typed goes with it, so not the forms' "it sends what you wrote").
CHOOSER_WORDS_AUDIENCE = forms.Audience.CHILD
CHOOSER_WORRY_TEXT = N_("If you tell us you are not safe, we tell someone who can help.")
#: What a press there is stored as: no form was chosen, so nobody said who they are.
CHOOSER_WORRY_KIND = FormKind.NOT_CHOSEN


@dataclass(frozen=True)
class FormWords:
    """The words around a form's questions, for its ``Audience``: the way to the safety
    button, "contact me", the send button, the safety button, and the errors a person
    could meet (``errors``: a form's error message to the words shown instead)."""

    worried_jump: str
    contact_legend: str
    contact_hint: str
    contact_check: str
    send: str
    worried_heading: str
    worried_text: str
    worried_button: str
    closed_text: str
    not_told: str
    errors: Mapping[str, str] = field(default_factory=dict)


_CHILD_WORDS = FormWords(
    worried_jump=N_("Worried about your safety? Go to the help button"),
    contact_legend=N_("Do you want someone to contact you?"),
    contact_hint=N_("Only if you want to. We will only use these details to reply to you."),
    contact_check=N_("I want someone to contact me"),
    send=N_("Send my feedback"),
    worried_heading=N_("Are you worried about your safety?"),
    worried_text=N_(
        "Press the red button. We will tell someone whose job is to keep children safe. It "
        "sends what you have written too."
    ),
    worried_button=N_("I am worried about my safety"),
    closed_text=N_(
        "Your link has timed out or closed. Copy what you wrote, then open the link or scan "
        "the QR code again."
    ),
    not_told=N_(
        "Nobody has been told about your worry yet. Call one of these numbers, or tell "
        "someone you trust."
    ),
)
FORM_WORDS = {
    # Aged 4 to 7, with a grown-up: short sentences, no "feedback", "safety" or "contact";
    # what only the grown-up does (a closed link) is said to the grown-up.
    forms.Audience.YOUNG_CHILD: FormWords(
        worried_jump=N_("Scared, or is someone hurting you? Go to the red button"),
        contact_legend=N_("Do you want someone to talk to you?"),
        contact_hint=N_(
            "Only if you want to. A grown-up can help you write your name and a phone number "
            "or email. We only use them to talk to you."
        ),
        contact_check=N_("Yes, I want someone to talk to me"),
        send=N_("Send my answers"),
        worried_heading=N_("Are you scared, or is someone hurting you?"),
        worried_text=N_(
            "Press the red button. We will tell a grown-up whose job is to keep children "
            "safe. They will see what you wrote too."
        ),
        worried_button=N_("I do not feel safe"),
        closed_text=N_(
            "For the grown-up helping you: the link has closed. Copy what was written, then "
            "open the link or scan the QR code again."
        ),
        not_told=N_(
            "We have not told anyone yet. Tell a grown-up you trust, or call one of these "
            "numbers."
        ),
        errors={
            forms.ERROR_EMPTY: N_(
                "Pick a face or write something. Or press the red button if you do not feel "
                "safe."
            ),
            forms.ERROR_NAME: N_("Write your name, so we know who to talk to"),
            forms.ERROR_HOW: N_(
                "Ask a grown-up to write a phone number or an email, so we can talk to you"
            ),
        },
    ),
    forms.Audience.CHILD: _CHILD_WORDS,
    forms.Audience.ADULT: replace(
        _CHILD_WORDS,
        worried_text=N_(
            "Press the red button if you are worried about your safety or a child's safety. "
            "We will tell someone whose job is to keep people safe straight away. It also "
            "sends what you have written."
        ),
    ),
}


def signer(settings: Settings) -> URLSafeTimedSerializer:
    return serializer(settings.effective_secret, "feedback-form-link")


def posted_link(
    request: Request, db: Session, form: FormData, urgent: bool = False
) -> FeedbackLink | None:
    """The link the form was for, open or not (``submit`` quarantines a closed one rather
    than lose what was written). The form's own signed field says which: the link cookie
    holds the link opened last, which on a phone with two links open (a parent's and a
    child's, say) is not always this form's. The field is honoured for a day, and for a
    week when the form carries a worry (``urgent``); older, it still names the link when
    the cookie names the same one. A form without the field goes by the cookie. It may be
    the link as read a few seconds ago: ``submit`` asks the database whether it is still
    open."""
    cookie_id = link_id_from_cookie(request)
    signed = _form_link(request.app.state.settings, form)
    if signed is None:
        link_id = cookie_id
    else:
        form_id, age = signed
        max_age = URGENT_FORM_LINK_MAX_SECONDS if urgent else FORM_LINK_MAX_SECONDS
        link_id = form_id if age <= max_age or form_id == cookie_id else None
    return known_link(request.app, db, link_id) if link_id is not None else None


def carried_link_field(settings: Settings, form: FormData) -> str:
    """The form's signed link field as sent, while a worry from it would still be taken (a
    week); otherwise ""."""
    signed = _form_link(settings, form)
    if signed is None or signed[1] > URGENT_FORM_LINK_MAX_SECONDS:
        return ""
    return str(form.get(FORM_LINK_FIELD, ""))


def _form_link(settings: Settings, form: FormData) -> tuple[int, float] | None:
    """The link id the form's signed field names, and the field's age in seconds; None when
    there is no such field, or it was not signed here."""
    raw = str(form.get(FORM_LINK_FIELD, ""))
    if not raw:
        return None
    try:
        value, signed_at = signer(settings).loads(raw, return_timestamp=True)
    except BadSignature:
        return None
    if not isinstance(value, int) or isinstance(value, bool):
        return None
    return value, (utcnow() - signed_at).total_seconds()


def form_page(
    page: PublicPage,
    link: FeedbackLink | None,
    kind: FormKind,
    values: dict[str, str],
    errors: dict[str, forms.FieldError] | None = None,
    status_code: int = 200,
    carried_link: str = "",
    **extra: Any,
) -> Response:
    """The form for ``kind``, showing ``values`` and ``errors`` beside their fields.

    Without a link (it could not be sent yet), ``carried_link`` is the signed link field of
    the form that was sent (``carried_link_field``), kept so that its safety button can
    still raise a worry from this page."""
    settings: Settings = page.request.app.state.settings
    definition = forms.definition_for(kind, page.easy)
    words = FORM_WORDS[definition.audience]
    if link is None or link.form_kind is None:
        page.keep["form"] = kind.value
    holes = {
        "nonce": abuse.issue_nonce(settings, link.id) if link is not None and link.id else "",
        "form_link": signer(settings).dumps(link.id) if link is not None else carried_link,
    }
    context: dict[str, Any] = {
        "worried": False,
        "alerted": False,
        "resumed": False,
        "draft_code": "",
        "carried": {},
        **extra,
        "definition": definition,
        "values": values,
        "errors": _in_words(forms.in_page_order(errors or {}, definition), words),
        "nonce_field": abuse.NONCE_FIELD,
        "honeypot_field": abuse.HONEYPOT_FIELD,
        "words": words,
        "text_limit": forms.TEXT_LIMIT_HINT,
        "safety": SAFETY_WORDS[definition.audience],
        "closed": link is None,
        "privacy_url": page.link_to("feedback_privacy", form=kind.value),
        "link_title": link.title if link is not None else "",
        # The language and easy-read switches send the form, so what was typed comes along
        # (on a page whose link has closed too: it is shown again, never sent from there).
        "switch_form": "feedback-form",
        "carried_prefix": forms.CARRIED_PREFIX,
    }
    if not values and not errors and not extra and status_code == 200:  # as everyone sees it
        key = ("form", kind, link is None, context["link_title"])
        return page.render_kept("form.html", key, holes, **context)
    return page.render("form.html", status_code=status_code, **holes, **context)


def choose_page(
    page: PublicPage, link: FeedbackLink, errors: dict[str, forms.FieldError]
) -> Response:
    """The "Who are you?" page, with a safety button of its own: in a form that posts what
    a form's safety button posts (a fresh nonce and the signed link), with no form kind."""
    settings: Settings = page.request.app.state.settings
    assert link.id is not None
    return page.render(
        "choose.html",
        status_code=422 if errors else 200,
        kinds=list(forms.choosable_kinds()),
        errors=errors,
        link_title=link.title,
        words=FORM_WORDS[CHOOSER_WORDS_AUDIENCE],
        worry_text=CHOOSER_WORRY_TEXT,
        nonce=abuse.issue_nonce(settings, link.id),
        form_link=signer(settings).dumps(link.id),
        nonce_field=abuse.NONCE_FIELD,
        honeypot_field=abuse.HONEYPOT_FIELD,
    )


def _in_words(
    errors: dict[str, forms.FieldError], words: FormWords
) -> dict[str, forms.FieldError]:
    return {
        name: replace(error, message=words.errors.get(error.message, error.message))
        for name, error in errors.items()
    }


def incoming(
    page: PublicPage,
    link: FeedbackLink,
    kind: FormKind,
    data: forms.FormInput,
    form: FormData,
    worried: bool = False,
    part_way: bool = False,
) -> Incoming:
    """What ``submissions.submit`` takes in from the posted form."""
    return Incoming(
        link=link,
        form_kind=kind,
        language=page.language,
        easy_read=page.easy,
        answers=data.answers,
        worried_about_safety=worried,
        wants_contact=data.wants_contact,
        contact_name=data.contact_name,
        contact_detail=data.contact_detail,
        honeypot=str(form.get(abuse.HONEYPOT_FIELD, "")),
        nonce=str(form.get(abuse.NONCE_FIELD, "")),
        part_way=part_way,
    )


def client_address(request: Request) -> str:
    return request.client.host if request.client else ""


def no_link_page(page: PublicPage, not_told: bool = False) -> Response:
    """The way back to a link; ``not_told``: after a safety button whose link could not be
    verified, saying first that nobody has been told, with the numbers to call."""
    return page.render(
        "no_link.html",
        short_code_url=page.short_code_url(),
        short_code_text=page.address(page.short_code_url()),
        not_told=FORM_WORDS[CHOOSER_WORDS_AUDIENCE].not_told if not_told else "",
    )
