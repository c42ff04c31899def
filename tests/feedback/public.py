"""Helpers for the public feedback pages: open a link, read a form, send it back filled in."""

from __future__ import annotations

from typing import Any

from bs4 import Tag
from fastapi.testclient import TestClient
from httpx import Response
from sqlmodel import Session, col, select

from learning.feedback.models import FeedbackSubmission
from learning.feedback.terms import FormKind, LinkKind
from tests.feedback.factories import FeedbackFactory
from tests.org.pages import page


def open_link(
    client: TestClient,
    ff: FeedbackFactory,
    form_kind: FormKind | None = FormKind.CHILD_8_12,
    kind: LinkKind = LinkKind.POSTER,
    **fields: Any,
) -> int:
    """Open a new link in ``client`` (as scanning its QR code would); returns its id."""
    new = ff.make_link(kind, form_kind=form_kind, **fields)
    response = client.get(f"/f/{new.token}")
    assert response.status_code == 303, response.text
    assert new.link.id is not None
    return new.link.id


def hidden_fields(response: Response) -> dict[str, str]:
    """The hidden inputs and the honeypot of the page's feedback form, as a browser sends
    them."""
    form = page(response).select_one("form.app-feedback-form")
    assert isinstance(form, Tag), "no feedback form on the page"
    fields = {
        str(box["name"]): str(box.get("value", "")) for box in form.select("input[type=hidden]")
    }
    fields["website"] = ""
    return fields


def send(client: TestClient, form_page: Response, **answers: str) -> Response:
    """Send the form shown on ``form_page`` with ``answers`` (and its hidden fields)."""
    return client.post("/give-feedback", data={**hidden_fields(form_page), **answers})


def submissions(db: Session) -> list[FeedbackSubmission]:
    db.expire_all()
    return list(db.exec(select(FeedbackSubmission).order_by(col(FeedbackSubmission.id))).all())


def main_text(response: Response) -> str:
    main = page(response).find("main")
    assert isinstance(main, Tag)
    return main.get_text(" ", strip=True)
