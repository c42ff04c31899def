"""Test data for feedback: links (with their tokens and short codes) and submissions."""

from __future__ import annotations

from typing import Any

from learning.core.config import Settings
from learning.feedback import links
from learning.feedback.terms import LinkKind
from tests.conftest import make_settings
from tests.factories import Factory


class FeedbackFactory:
    def __init__(self, factory: Factory, settings: Settings | None = None) -> None:
        self.f = factory
        self.db = factory.db
        #: The app's settings in the tests (``make_settings``): a personal link's code is
        #: hashed with their secret, so the app finds the link by the code.
        self.settings = settings or make_settings()

    def make_link(self, kind: LinkKind = LinkKind.POSTER, **fields: Any) -> links.NewLink:
        if "team_id" not in fields:
            fields["team_id"] = self.f.make_team().id
        values = {"council_id": self.f.council.id, "title": "Feedback about our team"}
        new = links.create_link(self.db, self.settings, kind=kind, **{**values, **fields})
        self.db.commit()
        return new
