"""Request-scoped dependencies shared by every view: settings and the database session."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlmodel import Session

from learning.core.config import Settings

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_db(request: Request) -> Iterator[Session]:
    """One transaction per request: committed after the view returns, before the response
    is sent; rolled back if anything raised. Views and services never commit. A request that
    may change things (any method but GET, HEAD and OPTIONS) declares its write intent."""
    write = request.method not in SAFE_METHODS
    with request.app.state.db.session(write=write) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


SettingsDep = Annotated[Settings, Depends(get_settings)]
#: scope="function": the commit happens when the view returns, before the response is sent.
DbSession = Annotated[Session, Depends(get_db, scope="function")]
