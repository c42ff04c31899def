"""An email's own headers: the capability that wrote a message can give it headers of its
own, or take one of the usual out (a Reply-To on a reply a person wrote, and no
"Auto-Submitted"), and every other email keeps the usual ones."""

from __future__ import annotations

from sqlmodel import Session

from learning.core.config import Settings
from learning.core.db import Database
from learning.mail.models import OutboxMessage
from learning.mail.sender import send_due
from tests.mail.test_sender import NOW, queue, settings_for
from tests.support.smtp import Inbox


def _answers_to_the_team(_settings: Settings, message: OutboxMessage) -> dict[str, str | None]:
    if message.kind != "written_by_a_person":
        return {}
    return {"Reply-To": "team@example.test", "Auto-Submitted": None}


def test_a_message_gets_the_headers_its_kind_asks_for_and_the_rest_keep_the_usual(
    database: Database, db: Session, inbox: Inbox
) -> None:
    queue(database, subject="From a person", kind="written_by_a_person")
    queue(database, subject="From a machine", kind="safeguarding_alert")

    sent = send_due(database, settings_for(inbox.port), NOW, headers=_answers_to_the_team)

    assert sent == 2
    by_subject = {str(email["Subject"]): email for email in inbox.wait_for(2)}
    person, machine = by_subject["From a person"], by_subject["From a machine"]
    assert person["Reply-To"] == "team@example.test"
    assert person["Auto-Submitted"] is None
    assert person.get_all("Reply-To") == ["team@example.test"]
    assert machine["Reply-To"] is None
    assert machine["Auto-Submitted"] == "auto-generated"
