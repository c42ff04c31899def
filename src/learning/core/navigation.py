"""Navigation by role: each item shows only to people holding its permission."""

from __future__ import annotations

from dataclasses import dataclass

from learning.core.permissions import Permission


@dataclass(frozen=True)
class NavItem:
    label: str
    route: str
    permission: Permission


def visible_items(items: tuple[NavItem, ...], permissions: frozenset[Permission]) -> list[NavItem]:
    return [item for item in items if item.permission in permissions]
