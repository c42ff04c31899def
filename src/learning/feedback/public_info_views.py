"""The privacy notice of each form, and coming back to answers saved for later."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlmodel import Session

from learning.core.deps import DbSession
from learning.core.web import redirect
from learning.feedback import (
    drafts,
    forms,
    lookup_limits,
    open_views,
    privacy,
    public_form,
    public_save,
)
from learning.feedback.form_definitions import Audience
from learning.feedback.form_questions import N_
from learning.feedback.link_cookie import current_link, set_link_cookie
from learning.feedback.links import is_open
from learning.feedback.models import FeedbackDraft, FeedbackLink
from learning.feedback.public_page import PublicPage
from learning.org.models import Team
from learning.org.view_helpers import FormDep

router = APIRouter()
ROUTES = frozenset(
    {"feedback_privacy", "feedback_resume", "feedback_resume_submit", "feedback_saved"}
)

ERROR_EMPTY = N_("Enter your code")
ERROR_UNKNOWN = N_(
    "We cannot find answers with that code. Check it, or start again. Saved "
    "answers are kept for 7 days."
)
ERROR_TOO_MANY = N_("You have tried too many codes from here. Wait an hour, then try again.")
OTHER_VERSION_TEXT = {
    Audience.ADULT: N_("Read the version for adults"),
    Audience.CHILD: N_("Read the version for children and young people"),
}
GROWN_UP_TEXT = N_("For the grown-up helping you")


@router.get("/give-feedback/privacy", name="feedback_privacy")
def feedback_privacy(request: Request, db: DbSession) -> Response:
    params = request.query_params
    link = current_link(request, db)
    kind = forms.parse_kind(params.get("form", "")) or (link.form_kind if link else None)
    default = forms.definition_for(kind).audience if kind else Audience.CHILD
    try:
        version = Audience(params.get("version", default.value))
    except ValueError:
        version = default
    page = PublicPage.of(request, form=kind.value if kind else "")
    team = db.get(Team, link.team_id) if link is not None else None
    days = link.retention_days if link is not None else privacy.DEFAULT_RETENTION_DAYS
    other_text, other_url = _other_version(page, version)
    return page.render(
        "privacy.html",
        version=version.value,
        sections=privacy.notice(version, has_team=team is not None),
        grown_up_sections=privacy.for_the_grown_up(version, has_team=team is not None),
        period=page.gettext(privacy.PERIOD) % privacy.retention_parts(days, page.language),
        team_name=team.name if team is not None else "",
        other_version_text=other_text,
        other_version_url=other_url,
        back_url=page.link_to("feedback_form") if link is not None else "",
        contact=privacy.contact(request.app.state.settings.privacy_contact),
    )


def _other_version(page: PublicPage, version: Audience) -> tuple[str, str]:
    """The link at the top of a notice: to the adult's, or the children's; a young child's
    notice has the adult's below, for the grown-up helping them, so it leads there."""
    if version is Audience.YOUNG_CHILD:
        return GROWN_UP_TEXT, "#grown-up"
    other = Audience.ADULT if version is Audience.CHILD else Audience.CHILD
    return OTHER_VERSION_TEXT[other], page.link_to("feedback_privacy", version=other.value)


@router.get("/give-feedback/resume", name="feedback_resume")
def feedback_resume(request: Request) -> Response:
    return PublicPage.of(request).render("resume.html", values={}, errors={})


@router.post("/give-feedback/saved", name="feedback_saved")
def feedback_saved(request: Request, form: FormDep) -> Response:
    """The saved page again, in the language or version its switch asked for, with the code
    the page sent back (``public_save.saved_page``). It shows only what was sent to it; a
    code that is not one is sent to the page where a code is typed."""
    lang = str(form.get("switch_lang", "")) or str(form.get("lang", ""))
    easy = {"0": "", "1": "1"}.get(str(form.get("switch_easy", "")), str(form.get("easy", "")))
    page = PublicPage.of(request, lang, easy)
    raw = drafts.normalise_code(str(form.get("code", ""))[:40])
    if raw is None:
        return redirect(request, page.link_to("feedback_resume"))
    return public_save.saved_page(page, drafts.format_code(raw), form.get("alerted") == "1")


@router.post("/give-feedback/resume", name="feedback_resume_submit")
def feedback_resume_submit(request: Request, form: FormDep) -> Response:
    chosen = str(form.get("lang", ""))
    page = PublicPage.of(request, chosen)
    code = str(form.get("code", "")).strip()[:40]
    if not code:
        return _resume_error(page, code, ERROR_EMPTY)
    settings = request.app.state.settings

    def find(db: Session) -> tuple[FeedbackDraft, FeedbackLink] | None:
        draft = drafts.find_draft(db, settings, code)
        link = db.get(FeedbackLink, draft.link_id) if draft is not None else None
        return (draft, link) if draft is not None and link is not None else None

    looked = open_views.look_up(request, find, lookup_limits.RESUME_CODES)
    if looked.too_many:
        return _resume_error(page, code, ERROR_TOO_MANY, 429)  # even a right code: no hints
    if looked.found is None:
        return _resume_error(page, code, ERROR_UNKNOWN)
    draft, link = looked.found
    if not is_open(link):
        return open_views.closed_page(request, lang=chosen)
    values = drafts.draft_values(draft)
    # Easy read chosen on the page the code was typed on (or the saved page) wins over the
    # version the answers were saved in.
    easy = "1" if form.get("easy") == "1" else values.get("easy", "")
    page = PublicPage.of(request, chosen or draft.language.value, easy)
    response = public_form.form_page(
        page, link, draft.form_kind, values, resumed=True, draft_code=code
    )
    set_link_cookie(response, request.app.state.settings, link)
    return response


def _resume_error(page: PublicPage, code: str, message: str, status: int = 422) -> Response:
    return page.render(
        "resume.html",
        status_code=status,
        values={"code": code},
        errors={"code": forms.FieldError(message)},
    )
