"""Before the server takes requests, what the first visitors would wait for is ready: the
safeguarding screen compiled and the visitors' page templates loaded."""

from __future__ import annotations

from fastapi import FastAPI

from learning.feedback import safeguarding
from learning.feedback.public_views import VISITOR_TEMPLATES, warm_up

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
