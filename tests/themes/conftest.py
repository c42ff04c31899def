"""Fixtures the themes tests share: the council's id, and a listed source standing in for the
real ones."""

from __future__ import annotations

import pytest

from tests.factories import Factory
from tests.themes.factories import ListedSource, use_source


@pytest.fixture
def listed(monkeypatch: pytest.MonkeyPatch) -> ListedSource:
    source = ListedSource()
    use_source(monkeypatch, source)
    return source


@pytest.fixture
def council_id(factory: Factory) -> int:
    assert factory.council.id is not None
    return factory.council.id
