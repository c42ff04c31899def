"""Making, switching off and re-issuing feedback links, each written to the audit log in the
same transaction as the change. The caller has checked who may do it; nothing commits here.

The audit detail never holds a token or a short code (nor a code's hash): both open the link.
"""

from __future__ import annotations

from sqlmodel import Session

from learning.audit.service import Actor, record
from learning.core.config import Settings
from learning.feedback import links
from learning.feedback.link_forms import LinkRequest, end_of
from learning.feedback.links import NewLink
from learning.feedback.models import FeedbackLink
from learning.feedback.terms import LinkKind


class CannotReissue(Exception):
    """Only an open link for many uses (poster or time-limited) is printed again."""


def issue_link(
    db: Session, settings: Settings, actor: Actor, council_id: int, request: LinkRequest
) -> NewLink:
    new = links.create_link(
        db,
        settings,
        council_id=council_id,
        team_id=request.team_id,
        kind=request.kind,
        title=request.title,
        subject=request.subject,
        worker_id=request.worker_id,
        form_kind=request.form_kind,
        expires_at=end_of(request.expires_on) if request.expires_on else None,
        retention_days=request.retention_days,
        created_by_id=actor.person_id,
    )
    link = new.link
    record(
        db,
        actor,
        "feedback_link.created",
        "feedback_link",
        link.id,
        team_id=link.team_id,
        kind=link.kind.value,
        subject=link.subject.value,
        worker_id=link.worker_id,
        form_kind=link.form_kind.value if link.form_kind else None,
        expires_at=link.expires_at.isoformat() if link.expires_at else None,
        retention_days=link.retention_days,
    )
    return new


def revoke_link(db: Session, actor: Actor, link: FeedbackLink) -> bool:
    """Switch the link off; False if it already was."""
    if link.revoked_at is not None:
        return False
    links.revoke(db, link, actor.person_id)
    record(db, actor, "feedback_link.revoked", "feedback_link", link.id, team_id=link.team_id)
    return True


def can_reissue(link: FeedbackLink) -> bool:
    return link.kind is not LinkKind.PERSONAL and links.is_open(link)


def reissue_link(db: Session, settings: Settings, actor: Actor, link: FeedbackLink) -> NewLink:
    """A new address and code for the link (the old ones stop working)."""
    if not can_reissue(link):
        raise CannotReissue(f"feedback link {link.id}")
    new = links.reissue(db, settings, link)
    record(db, actor, "feedback_link.reissued", "feedback_link", link.id, team_id=link.team_id)
    return new
