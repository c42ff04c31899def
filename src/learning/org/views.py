"""Administrators' pages for the organisation."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
