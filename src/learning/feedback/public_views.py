"""The public feedback form at ``/give-feedback``: no account, any phone, no JavaScript.

Opening a link (``/f/TOKEN`` or a short code) leaves a short-lived cookie naming the link;
this page then shows the link's form, or asks "Who are you?" when the link does not fix
one. Posting it sends the feedback (``submissions.submit``: screened, checked and stored,
with an alert when needed) and redirects to the thank-you page; "Save and finish later"
keeps a draft instead (``public_save``). "I am worried about my safety" always goes
through, whatever else is wrong with the form, and so do words the screen reads as a worry:
they are sent as typed, never held back until a mistake elsewhere is put right. "Who are
you?" has the button too, for whoever is frightened before choosing a form.
"""

from __future__ import annotations

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import Response
from sqlmodel import Session
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData

from learning.core.csrf import csrf_protect
from learning.core.deps import DbSession
from learning.core.web import branding_ready, load_with_all_it_uses, redirect
from learning.feedback import (
    drafts,
    forms,
    i18n,
    public_form,
    public_info_views,
    public_receipt_views,
    public_save,
    safeguarding,
)
from learning.feedback.link_cookie import current_link, forget_link, kept_current_link
from learning.feedback.models import FeedbackLink
from learning.feedback.public_page import PublicPage
from learning.feedback.receipt_cookie import Receipt, set_receipt_cookie
from learning.feedback.submissions import submit
from learning.feedback.terms import FormKind, LinkKind
from learning.themes.arrival_queue import after_response
from learning.themes.arrivals import FEEDBACK

i18n.load_all()  # read the language catalogues once, when the app starts

router = APIRouter()

PUBLIC_ROUTES: frozenset[str] = frozenset(
    {"feedback_form", "feedback_submit"} | public_receipt_views.ROUTES | public_info_views.ROUTES
)


#: The templates of the pages every visitor sees (see ``warm_up``).
VISITOR_TEMPLATES = ("form.html", "thanks.html", "choose.html", "no_link.html")


def warm_up(app: FastAPI) -> None:
    """Before the server takes requests: what the first visitors would otherwise wait for,
    and every request queued behind them (about 0.2 s): the safeguarding screen compiled,
    and the templates of the pages every visitor sees, with the ones they extend, import
    and include."""
    safeguarding.prepare()
    for name in VISITOR_TEMPLATES:
        load_with_all_it_uses(app.state.templates.env, f"feedback/public/{name}")


async def feedback_form(request: Request) -> Response:
    """Runs on the event loop: every phone at a poster asks for this page, and a kept link
    and kept page need no database and no worker thread. The database, when it is needed
    (a link not read in the last few seconds, the council's branding), is read in one, in a
    session of its own (the page writes nothing, so it needs no request transaction).

    A plain route (``add_route``), not a FastAPI one: it takes only the request, and
    FastAPI's handling of dependencies it does not have cost a sixth of the page."""
    await branding_ready(request)
    page = PublicPage.of(request)
    known, link = kept_current_link(request)
    if not known:
        link = await run_in_threadpool(_read_current_link, request)
    if link is None:
        return public_form.no_link_page(page)
    chosen = request.query_params.get("form")
    kind = link.form_kind or forms.parse_kind(chosen or "")
    if kind is None:
        sent = chosen is not None or "chose" in request.query_params  # Continue, none chosen
        errors = {"form": forms.FieldError(public_form.CHOOSE_ERROR)} if sent else {}
        return public_form.choose_page(page, link, errors)
    return public_form.form_page(page, link, kind, {})


router.add_route("/give-feedback", feedback_form, methods=["GET"], name="feedback_form")


def _read_current_link(request: Request) -> FeedbackLink | None:
    with request.app.state.db.session() as db:
        return current_link(request, db)


async def feedback_submit(request: Request) -> Response:
    """Sending runs start to finish on one worker thread, in one transaction committed there
    before the response is sent: SQLite's one writer is held only while the work is done, not
    while the finished response waits its turn on the busy event loop.

    A plain route, as the form page is: so the app's CSRF check, which FastAPI runs for its
    own routes, is made here, first."""
    await csrf_protect(request)
    async with request.form() as form:  # closes any file a script sent, when done
        return await run_in_threadpool(_submit_in_one_transaction, request, form)


router.add_route("/give-feedback", feedback_submit, methods=["POST"], name="feedback_submit")


def _submit_in_one_transaction(request: Request, form: FormData) -> Response:
    with request.app.state.db.transaction() as db:
        # Take the write turn before any of the work. A sender then waits for it blocked,
        # not runnable: when the turn was taken only after screening, the senders still
        # screening kept the one holding it waiting for the interpreter at each statement,
        # and every sender queued behind it (p99 near 2 s instead of 0.25 s, measured).
        db.connection()
        return _feedback_submit(request, db, form)


def _carried_link(request: Request, form: FormData) -> str:
    return public_form.carried_link_field(request.app.state.settings, form)


def _feedback_submit(request: Request, db: Session, form: FormData) -> Response:
    page = PublicPage.of(request, str(form.get("lang", "")), str(form.get("easy", "")))
    link = public_form.posted_link(request, db, form)
    kind = (link.form_kind if link else None) or forms.parse_kind(str(form.get("form_kind", "")))
    if kind is None and form.get("worried") == "yes":  # pressed on "Who are you?"
        return _worried_before_choosing(page, db, link, form)
    if kind is None:
        return (
            public_form.no_link_page(page)
            if link is None
            else redirect(request, page.link_to("feedback_form"))
        )
    definition = forms.definition_for(kind, page.easy)
    # Text only: a file sent in a text field's place (no browser does) is not an answer.
    raw = {name: [v for v in form.getlist(name) if isinstance(v, str)] for name in form}
    switched = _switched(page, form)
    if switched is not None:  # another language or version, as typed
        typed = forms.switched_values(kind, switched.easy, raw)
        return public_form.form_page(
            switched, link, kind, typed.values, carried=typed.carried,
            draft_code=str(form.get("draft", "")), carried_link=_carried_link(request, form),
        )
    worried = form.get("worried") == "yes"
    data, errors = (
        (forms.worried_input(definition, raw), {}) if worried else forms.validate(definition, raw)
    )
    if link is None and (worried or _flagged(definition, raw)):
        link = public_form.posted_link(request, db, form, urgent=True)
        if link is None:  # no link that can be verified: nobody can be told
            return public_form.form_page(page, None, kind, data.values, errors, worried=True)
    if link is None:
        return public_form.form_page(
            page, None, kind, data.values, errors, carried_link=_carried_link(request, form)
        )
    if form.get("save") == "yes" and definition.saveable and not worried:
        return public_save.save(page, db, link, kind, forms.worried_input(definition, raw), form)
    if errors and _flagged(definition, raw):  # a worry never waits for a mistake elsewhere
        data = forms.worried_input(definition, raw)
    elif errors:
        return public_form.form_page(
            page,
            link,
            kind,
            data.values,
            errors,
            status_code=422,
            draft_code=str(form.get("draft", "")),
        )
    return _send(page, db, link, kind, data, worried, form)


def _worried_before_choosing(
    page: PublicPage, db: Session, link: FeedbackLink | None, form: FormData
) -> Response:
    """The safety button on "Who are you?": the alert is raised as from a form's button (the
    same checks, which hold a press for a person to check and never refuse it), and the
    same thank-you page says so. Nothing was written and no form was chosen, so it does
    not use up a single-use link (sent ``part_way``, as a saved worry is): the person can
    still give their feedback. A link used or closed since the page was shown is held as
    such, and the alert raised all the same.

    Stored with no answers, as of no form (``FormKind.NOT_CHOSEN``): nobody said who they
    are, so the staff pages do not say it either."""
    if link is None:
        link = public_form.posted_link(page.request, db, form, urgent=True)
    if link is None:  # no link that can be verified: nobody can be told
        return public_form.no_link_page(page, not_told=True)
    request, settings = page.request, page.request.app.state.settings
    kind = public_form.CHOOSER_WORRY_KIND
    data = forms.worried_input(forms.definition_for(kind, page.easy), {})
    incoming = public_form.incoming(page, link, kind, data, form, worried=True, part_way=True)
    outcome = submit(db, settings, incoming, public_form.client_address(request))
    response = redirect(request, page.link_to("feedback_thanks"))
    # No form: the thank-you page speaks to whoever it may be, as it does without one.
    receipt = Receipt(outcome.receipt_code, outcome.alert is not None, "")
    set_receipt_cookie(response, settings, receipt)
    return after_response(request, response, FEEDBACK, outcome.submission_id)


def _switched(page: PublicPage, form: FormData) -> PublicPage | None:
    """The page in the language or version a switch on the form asked for, or None. The
    switches send the form so that what was typed comes along (nothing is sent or kept:
    it is shown again, to be sent from there)."""
    lang, easy = str(form.get("switch_lang", "")), str(form.get("switch_easy", ""))
    if not lang and not easy:
        return None
    if not lang:
        lang = page.language.value if page.chosen else ""
    return PublicPage.of(page.request, lang, easy or ("1" if page.easy else ""))


def _flagged(definition: forms.FormDefinition, raw: dict[str, list[str]]) -> bool:
    """Whether anything typed reads as a worry about safety (every field, errors or not)."""
    return safeguarding.screen_all(forms.worried_input(definition, raw).screened()).flagged


def _send(
    page: PublicPage,
    db: DbSession,
    link: FeedbackLink,
    kind: FormKind,
    data: forms.FormInput,
    worried: bool,
    form: FormData,
) -> Response:
    request, settings = page.request, page.request.app.state.settings
    incoming = public_form.incoming(page, link, kind, data, form, worried=worried)
    outcome = submit(db, settings, incoming, public_form.client_address(request))
    if link.kind is LinkKind.PERSONAL:  # used up: its form page must say so from now on
        forget_link(request.app, link.id)
    drafts.discard(db, settings, str(form.get("draft", "")))
    response = redirect(request, page.link_to("feedback_thanks"))
    receipt = Receipt(outcome.receipt_code, outcome.alert is not None, kind.value)
    set_receipt_cookie(response, settings, receipt)
    return after_response(request, response, FEEDBACK, outcome.submission_id)


# Routes are matched in order: the form's own two come first, as every visit asks for them.
router.include_router(public_receipt_views.router)
router.include_router(public_info_views.router)
