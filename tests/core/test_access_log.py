"""What people typed into an address stays out of the web server's access log: searches
(people's names and email addresses) and a sign-in's one-time code, while the service's own
parameters (page, tab, team, language) stay readable for whoever reads the log."""

from __future__ import annotations

import logging

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from learning.core.access_log import QueryValues, without_typed_values


def access_record(path: str) -> logging.LogRecord:
    """A record as uvicorn's access log makes it."""
    return logging.LogRecord(
        "uvicorn.access", logging.INFO, __file__, 1, '%s - "%s %s HTTP/%s" %d',
        ("192.0.2.1:5000", "GET", path, "1.1", 200), None,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("path", "logged"),
    [
        ("/people?q=Keira+Sandry&team=3&page=2", "/people?q=[redacted]&team=3&page=2"),
        ("/audit?actor=ada%40example.test&result=refused",
         "/audit?actor=[redacted]&result=refused"),
        ("/sign-in/callback?code=abc123&state=xyz",
         "/sign-in/callback?code=[redacted]&state=[redacted]"),
        ("/feedback/queue?tab=open&show=all", "/feedback/queue?tab=open&show=all"),
        ("/give-feedback?lang=cy&easy=1", "/give-feedback?lang=cy&easy=1"),
        ("/static/build/app.css?v=0123abcd", "/static/build/app.css?v=0123abcd"),
        ("/people", "/people"),
        ("/people?", "/people?"),
        ("/people?q=", "/people?q=[redacted]"),
    ],
)  # fmt: skip
def test_only_the_services_own_parameters_keep_their_values(path: str, logged: str) -> None:
    assert without_typed_values(path) == logged


def test_the_app_puts_the_filter_on_the_access_log(app: FastAPI, client: TestClient) -> None:
    logger = logging.getLogger("uvicorn.access")
    assert len([f for f in logger.filters if isinstance(f, QueryValues)]) == 1

    record = access_record("/people?q=Keira+Sandry")
    assert logger.filter(record)

    assert record.getMessage() == '192.0.2.1:5000 - "GET /people?q=[redacted] HTTP/1.1" 200'
