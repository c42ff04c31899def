"""Request-scoped dependencies shared by every view: settings and the database session."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

import anyio.to_thread
from anyio import CancelScope, CapacityLimiter
from fastapi import Depends, Request
from sqlmodel import Session

from learning.accounts.sessions import session_state
from learning.core.config import Settings

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def get_db(request: Request) -> AsyncIterator[Session]:
    """One transaction per request: committed after the view returns, before the response
    is sent; rolled back if anything raised. Views and services never commit. A request that
    may change things declares its write intent: any method but GET, HEAD and OPTIONS, and a
    signed-in person's page too, because reading a sensitive record writes its audit event
    (on SQLite a read transaction cannot become a write once another writer has committed).

    Making the session touches no database, so it is made here, on the event loop; ending a
    transaction does, so that goes to a worker thread of its own (never waiting for a free
    one, as FastAPI ends its dependencies), and only when the view used the database."""
    write = request.method not in SAFE_METHODS or session_state(request.scope).signed_in
    session = request.app.state.db.session(write=write)
    try:
        yield session
    except BaseException:
        with CancelScope(shield=True):
            await _ending(session, commit=False)
        raise
    with CancelScope(shield=True):
        await _ending(session, commit=True)


async def _ending(session: Session, commit: bool) -> None:
    if session.in_transaction():
        await anyio.to_thread.run_sync(_end, session, commit, limiter=CapacityLimiter(1))
    else:
        session.close()  # never used: nothing to end, no database to wait for


def _end(session: Session, commit: bool) -> None:
    with session:
        if not commit:
            session.rollback()
            return
        try:
            session.commit()
        except BaseException:
            session.rollback()
            raise


SettingsDep = Annotated[Settings, Depends(get_settings)]
#: scope="function": the commit happens when the view returns, before the response is sent.
DbSession = Annotated[Session, Depends(get_db, scope="function")]
