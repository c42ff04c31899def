"""The home page: one page, a panel for each of the person's roles."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from learning.accounts.dependencies import Principal, requires
from learning.core.deps import DbSession
from learning.core.permissions import Permission
from learning.core.web import render
from learning.home.service import home_for

router = APIRouter()


@router.get("/", name="home")
def home(
    request: Request,
    db: DbSession,
    principal: Annotated[Principal, Depends(requires(Permission.HOME_VIEW))],
) -> Response:
    return render(request, "home/home.html", {"home": home_for(db, principal)})
