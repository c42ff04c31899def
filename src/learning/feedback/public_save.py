""" "Save and finish later" on the public form: the draft, screened as it is saved.

A draft is kept as typed behind a resume code (``drafts``). Its words are screened too: a
person may write about a worry, save, and never come back. When the screen flags them, what
they have written so far is also sent now, through ``submissions.submit`` like any other
feedback (every check applies and the alert is raised there), in the same transaction as
the draft. The draft stays, so they can still finish; the saved page tells them, in their
language, that someone who keeps children safe has been told, with 999 and Childline.
"""

from __future__ import annotations

from fastapi.responses import Response
from sqlmodel import Session
from starlette.datastructures import FormData

from learning.feedback import drafts, forms, public_form, safeguarding
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
    code = drafts.save_draft(
        db,
        settings,
        link_id=link.id,
        form_kind=kind,
        language=page.language,
        values={**typed.values, "easy": "1" if page.easy else ""},
        code=str(form.get("draft", "")),
    )
    outcome = None
    if safeguarding.screen_all(typed.answers.values()).flagged:
        part_way = public_form.incoming(page, link, kind, typed, form, part_way=True)
        outcome = submit(db, settings, part_way, public_form.client_address(request))
    resume = route_path(request.app, "feedback_resume")
    response = page.render(
        "saved.html",
        code=code,
        resume_address=page.address(resume),
        alerted=outcome is not None and outcome.alert is not None,
    )
    if outcome is None:
        return response
    return after_response(request, response, FEEDBACK, outcome.submission_id)
