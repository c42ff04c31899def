"""What the staff link pages share: who may open a link's pages, and what they show of it."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request
from sqlmodel import Session

from learning.accounts.dependencies import Principal, requires
from learning.audit.service import record_refusal
from learning.core.permissions import Permission
from learning.feedback import link_access, link_forms, links
from learning.feedback.models import FeedbackLink
from learning.org.models import Person, Team

Manager = Annotated[Principal, Depends(requires(Permission.FEEDBACK_LINKS))]


def require_link(request: Request, db: Session, principal: Principal, link_id: int) -> FeedbackLink:
    """The link, if it is this person's to manage; otherwise 404, and the refusal audited."""
    try:
        return link_access.require_link(db, principal, link_id)
    except link_access.NotYourLink as error:
        record_refusal(request, db, "feedback_link.refused", "feedback_link", link_id, str(error))
        raise HTTPException(status_code=404) from None


def describe(db: Session, link: FeedbackLink) -> dict[str, Any]:
    """What a link's pages show about it."""
    team = db.get(Team, link.team_id)
    worker = db.get(Person, link.worker_id) if link.worker_id else None
    creator = db.get(Person, link.created_by_id) if link.created_by_id else None
    code = links.shown_short_code(link)  # None for a personal link: only its hash is kept
    return {
        "link": link,
        "team": team.name if team else "",
        "worker": worker.name if worker else "",
        "creator": creator.name if creator else "The learning command",
        "status": links.status_of(link),
        "form_label": link_forms.FORM_LABELS.get(link.form_kind, "") if link.form_kind else "",
        "code": links.grouped_short_code(code) if code else "",
    }
