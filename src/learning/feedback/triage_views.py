from fastapi import APIRouter

router = APIRouter()
PUBLIC_ROUTES: frozenset[str] = frozenset()
