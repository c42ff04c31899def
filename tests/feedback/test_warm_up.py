"""Before the server takes requests, what the first visitors would wait for is ready: the
safeguarding screen compiled and the visitors' page templates loaded, with every template
they extend, import and include."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.testclient import TestClient

from learning.feedback import safeguarding
from learning.feedback.public_views import VISITOR_TEMPLATES, warm_up
from tests.feedback.factories import FeedbackFactory
from tests.feedback.public import open_link, send

#: What the screen compiles once and keeps.
SCREEN_PARTS = (
    safeguarding._patterns,  # noqa: SLF001
    safeguarding._any_pattern,  # noqa: SLF001
    safeguarding._calm_choices,  # noqa: SLF001
)


def test_warming_up_compiles_the_screen_and_loads_the_visitors_templates(app: FastAPI) -> None:
    for compiled in SCREEN_PARTS:
        compiled.cache_clear()
    env = app.state.templates.env
    env.cache.clear()

    warm_up(app)

    for compiled in SCREEN_PARTS:
        assert compiled.cache_info().currsize == 1, compiled
    loaded = {template.name for template in env.cache.values()}
    assert {f"feedback/public/{name}" for name in VISITOR_TEMPLATES} <= loaded
    assert safeguarding.screen("my stepdad hits me").flagged  # and the screen still screens


def test_after_warming_up_a_visit_loads_no_template(
    app: FastAPI, client: TestClient, ff: FeedbackFactory
) -> None:
    env = app.state.templates.env
    env.cache.clear()
    warm_up(app)
    loaded = set(env.cache.keys())
    assert len(loaded) > len(VISITOR_TEMPLATES)  # their parents, macros and parts too

    open_link(client, ff)
    sent = send(client, client.get("/give-feedback"), space="yes", good="My worker listens")
    assert sent.status_code == 303
    receipt = client.get(sent.headers["location"])
    assert receipt.status_code == 200 and "app-code" in receipt.text

    assert set(env.cache.keys()) == loaded
