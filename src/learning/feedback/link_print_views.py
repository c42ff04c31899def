"""The page shown just after a link is made or re-issued, with its full address, QR code and
short code, and the downloads it offers: the QR code (SVG, PNG) and the poster (PDF, and a
page to print). Each needs the token and code sealed at that moment (``?reveal=``), so none
of them works once the seal has expired, in another session, or after the link is
re-issued. (A personal link's code is kept only as a hash: the seal is the only place it is
still to be read.)"""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response
from markupsafe import Markup
from sqlmodel import Session

from learning.accounts.dependencies import Principal
from learning.core.clock import format_date
from learning.core.deps import DbSession
from learning.core.web import flash, redirect, render
from learning.feedback import link_reveal, links, poster, qr
from learning.feedback.link_view_common import Manager, describe, require_link
from learning.feedback.links import NewLink
from learning.feedback.models import FeedbackLink
from learning.org.models import Council, Team

router = APIRouter()

NO_REFERRER = {"Referrer-Policy": "no-referrer"}
SHOWN_ONCE = (
    "The full address of a link is shown only once, just after it is made, because only a "
    "fingerprint of it is kept. Use the short code, or print a poster link again."
)


def _unsealed(
    request: Request, link: FeedbackLink, principal: Principal, reveal: str
) -> NewLink | None:
    return link_reveal.unseal(request.app.state.settings, reveal, link, principal.session_id)


def _sealed_link(
    request: Request, db: Session, principal: Principal, link_id: int, reveal: str
) -> NewLink:
    """The link with its token and short code, or 404 when the seal does not open."""
    link = require_link(request, db, principal, link_id)
    new = _unsealed(request, link, principal, reveal)
    if new is None:
        raise HTTPException(status_code=404)
    return new


@router.get("/feedback/links/{link_id:id}/issued", name="feedback_link_issued")
def link_issued(
    request: Request, db: DbSession, principal: Manager, link_id: int, reveal: str = ""
) -> Response:
    link = require_link(request, db, principal, link_id)
    new = _unsealed(request, link, principal, reveal)
    if new is None:
        flash(request, SHOWN_ONCE, "important")
        return redirect(request, str(request.url_for("feedback_link_detail", link_id=link_id)))
    base = request.app.state.settings.base_url
    url = links.link_url(base, new.token)
    return _private_page(
        request,
        "feedback/links/issued.html",
        {
            **describe(db, link),
            "url": url,
            "code": links.grouped_short_code(new.short_code),
            "short_url": links.short_url(base, new.short_code),
            "short_page": links.short_code_page(base),
            "qr_svg": Markup(qr.svg_inline(url)),  # noqa: S704 - our own markup, no input in it
            "downloads": {name: _sealed(request, name, link_id, reveal) for name in DOWNLOADS},
        },
    )


#: A QR code picture by the end of its address: how to draw it, and its media type.
QR_FILES = {"svg": (qr.svg, "image/svg+xml"), "png": (qr.png, "image/png")}


@router.get("/feedback/links/{link_id:id}/qr.svg", name="feedback_link_qr_svg")
@router.get("/feedback/links/{link_id:id}/qr.png", name="feedback_link_qr_png")
def link_qr(
    request: Request, db: DbSession, principal: Manager, link_id: int, reveal: str = ""
) -> Response:
    """The link's QR code as an SVG (for designers) or PNG picture, as the address ends."""
    new = _sealed_link(request, db, principal, link_id, reveal)
    suffix = request.url.path.rsplit(".", 1)[-1]
    draw, media_type = QR_FILES[suffix]
    body = draw(links.link_url(request.app.state.settings.base_url, new.token))
    return _download(body, media_type, f"feedback-link-{link_id}-qr.{suffix}")


@router.get("/feedback/links/{link_id:id}/poster.pdf", name="feedback_link_poster_pdf")
def link_poster_pdf(
    request: Request, db: DbSession, principal: Manager, link_id: int, reveal: str = ""
) -> Response:
    new = _sealed_link(request, db, principal, link_id, reveal)
    body = poster.render(poster_for(db, request.app.state.settings.base_url, new))
    return _download(body, "application/pdf", f"feedback-poster-{link_id}.pdf")


@router.get("/feedback/links/{link_id:id}/poster", name="feedback_link_poster")
def link_poster(
    request: Request, db: DbSession, principal: Manager, link_id: int, reveal: str = ""
) -> Response:
    new = _sealed_link(request, db, principal, link_id, reveal)
    sheet = poster_for(db, request.app.state.settings.base_url, new)
    return _private_page(
        request,
        "feedback/links/poster.html",
        {
            "poster": sheet,
            "heading": poster.HEADING,
            "safety": poster.SAFETY,
            "privacy": poster.PRIVACY,
            "qr_svg": Markup(qr.svg_inline(sheet.url)),  # noqa: S704 - our own markup
            "back": _sealed(request, "feedback_link_issued", link_id, reveal),
        },
    )


DOWNLOADS = (
    "feedback_link_poster_pdf",
    "feedback_link_poster",
    "feedback_link_qr_png",
    "feedback_link_qr_svg",
)


def poster_for(db: Session, base_url: str, new: NewLink) -> poster.Poster:
    link = new.link
    council = db.get(Council, link.council_id)
    team = db.get(Team, link.team_id)
    until = ""
    if link.expires_at is not None:
        until = f"You can use this until the end of {format_date(links.last_day(link))}."
    return poster.Poster(
        council=council.name if council else "",
        team=team.name if team else "",
        title=link.title,
        url=links.link_url(base_url, new.token),
        short_page=links.short_code_page(base_url),
        code=links.grouped_short_code(new.short_code),
        short_url=links.short_url(base_url, new.short_code),
        until=until,
    )


def _sealed(request: Request, name: str, link_id: int, reveal: str) -> str:
    """The address of the page ``name`` for the link, carrying the sealed token along."""
    return str(request.url_for(name, link_id=link_id).include_query_params(reveal=reveal))


def _private_page(request: Request, template: str, context: dict[str, object]) -> Response:
    """A page showing the link's token (in its QR code), which no other site may learn of."""
    response = render(request, template, context)
    response.headers.update(NO_REFERRER)
    return response


def _download(body: bytes, media_type: str, filename: str) -> Response:
    return Response(
        body,
        media_type=media_type,
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            **NO_REFERRER,
        },
    )
