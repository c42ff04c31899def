"""``learning mail send --once``: one round of escalation and sending from the command line."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable

import pytest

from learning.cli import main
from learning.core import migrate
from learning.core.db import Database
from learning.mail.outbox import enqueue
from tests.support.smtp import Inbox


def test_send_once_delivers_the_outbox_and_says_so(
    fresh_database_url: Callable[[], str],
    inbox: Inbox,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    url = fresh_database_url()
    database = Database.from_url(url)
    migrate.upgrade(database.engine)
    with database.transaction() as db:
        for n in range(3):
            enqueue(db, to_address="duty@example.test", subject=f"S{n}", body="B", kind="test")
    database.engine.dispose()
    monkeypatch.setenv("LEARNING_DATABASE_URL", url)
    monkeypatch.setenv("LEARNING_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("LEARNING_SMTP_PORT", str(inbox.port))

    assert main(["mail", "send", "--once"]) == 0
    assert capsys.readouterr().out.strip() == "0 alert(s) escalated, 3 email(s) sent."
    assert sorted(m["Subject"] for m in inbox.wait_for(3)) == ["S0", "S1", "S2"]

    assert main(["mail", "send", "--once"]) == 0
    assert capsys.readouterr().out.strip() == "0 alert(s) escalated, 0 email(s) sent."


def test_mail_without_a_subcommand_shows_help(monkeypatch: pytest.MonkeyPatch) -> None:
    stderr = io.StringIO()
    monkeypatch.setattr(sys, "stderr", stderr)
    assert main(["mail"]) == 2
    assert "send" in stderr.getvalue()
