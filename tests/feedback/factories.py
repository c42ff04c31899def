"""Test data for feedback: links (with their tokens) and submissions."""

from __future__ import annotations

from typing import Any

from learning.feedback import links
from learning.feedback.terms import LinkKind
from tests.factories import Factory


class FeedbackFactory:
    def __init__(self, factory: Factory) -> None:
        self.f = factory
        self.db = factory.db

    def make_link(self, kind: LinkKind = LinkKind.POSTER, **fields: Any) -> links.NewLink:
        if "team_id" not in fields:
            fields["team_id"] = self.f.make_team().id
        values = {"council_id": self.f.council.id, "title": "Feedback about our team"}
        new = links.create_link(self.db, kind=kind, **{**values, **fields})
        self.db.commit()
        return new
