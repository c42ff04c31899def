""" "Save and finish later" on the public form: the draft, screened as it is saved.

A draft is kept as typed behind a resume code (``drafts``). Its words are screened too: a
person may write about a worry, save, and never come back. When the screen flags them, what
they have written so far is also sent now, through ``submissions.submit`` like any other
feedback (every check applies and the alert is raised there), in the same transaction as
the draft. The draft stays, so they can still finish; the saved page tells them, in their
language, that someone who keeps children safe has been told, with 999 and Childline. The
saved page's language and easy-read switches send its code back (``/give-feedback/saved``)
and show it again in the other language, so that the code is not lost to a switch.

A draft keeps what a form can send and no more: a field typed beyond its length is shown
again with its error, not kept. Saving is limited as sending is, with the same numbers (an
address in ten minutes, a link in an hour) on counters of its own, since each save keeps a
form's words for a week. Over either, the form comes back saying so, with everything typed.
A worry in the words is sent all the same: only the draft waits.
"""

from __future__ import annotations

from fastapi.responses import Response
from sqlmodel import Session
from starlette.datastructures import FormData

from learning.core.clock import utcnow
from learning.core.config import Settings
from learning.feedback import drafts, forms, public_form, rates, safeguarding
from learning.feedback.models import FeedbackLink
from learning.feedback.public_page import PublicPage, route_path
from learning.feedback.submissions import submit
from learning.feedback.terms import FormKind
from learning.themes.arrival_queue import after_response
from learning.themes.arrivals import FEEDBACK


def save(
    page: PublicPage,
    db: Session,
    link: FeedbackLink,
    kind: FormKind,
    typed: forms.FormInput,
    form: FormData,
) -> Response:
    """Keep the draft; send it part-way as well when its words read as a worry."""
    request, settings = page.request, page.request.app.state.settings
    assert link.id is not None
    definition = forms.definition_for(kind, page.easy)
    address = public_form.client_address(request)
    errors = forms.too_long(definition, typed.values)
    if not errors and not _may_save(db, settings, address, link.id):
        errors = {definition.keys[0]: forms.FieldError(forms.ERROR_SAVE_LIMIT)}
    outcome = None
    if safeguarding.screen_all(typed.screened()).flagged:
        part_way = public_form.incoming(page, link, kind, typed, form, part_way=True)
        outcome = submit(db, settings, part_way, address)
    alerted = outcome is not None and outcome.alert is not None
    if errors:
        response = public_form.form_page(
            page, link, kind, typed.values, errors, status_code=422,
            draft_code=str(form.get("draft", "")), alerted=alerted,
        )
    else:
        response = _saved(page, db, link.id, kind, typed, form, alerted)
    if outcome is None:
        return response
    return after_response(request, response, FEEDBACK, outcome.submission_id)


def _saved(
    page: PublicPage,
    db: Session,
    link_id: int,
    kind: FormKind,
    typed: forms.FormInput,
    form: FormData,
    alerted: bool,
) -> Response:
    """Keep the draft; the page with its resume code."""
    settings = page.request.app.state.settings
    code = drafts.save_draft(
        db,
        settings,
        link_id=link_id,
        form_kind=kind,
        language=page.language,
        values={**typed.values, "easy": "1" if page.easy else ""},
        code=str(form.get("draft", "")),
    )
    return saved_page(page, code, alerted)


def saved_page(page: PublicPage, code: str, alerted: bool) -> Response:
    """The page with the code to finish later. It answers a POST, and its code is shown
    nowhere else, so its language and easy-read switches send the code back in a form of
    their own (``SWITCH_FORM``) and get the same page in the other language: the people
    who switch are those who could not read "write the code down". The code is kept in
    nothing the phone stores: the next person to pick up a shared tablet cannot get it."""
    resume = route_path(page.request.app, "feedback_resume")
    return page.render(
        "saved.html",
        code=code,
        resume_address=page.address(resume),
        alerted=alerted,
        switch_form=SWITCH_FORM,
    )


SWITCH_FORM = "saved-switch"


def _may_save(db: Session, settings: Settings, client_address: str, link_id: int) -> bool:
    """Count this save against the address's and the link's saving limits (both always)."""
    now = utcnow()
    client = rates.client_key(db, client_address, now, what="save")
    client_ok = rates.hit(db, client, rates.client_limit(settings), now)
    link_ok = rates.hit(db, f"save-link:{link_id}", rates.link_limit(settings), now)
    return client_ok and link_ok
