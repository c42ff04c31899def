"""Column types shared by every capability's models."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from sqlalchemy import String
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator


class EnumString(TypeDecorator[StrEnum]):
    """Stores a StrEnum as its plain value (no database enum type), loads it as the enum."""

    impl = String
    cache_ok = True

    def __init__(self, enum_class: type[StrEnum], length: int = 40) -> None:
        super().__init__(length)
        self.enum_class = enum_class

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        if value is None:
            return None
        return self.enum_class(value).value

    def process_result_value(self, value: Any, dialect: Dialect) -> StrEnum | None:
        if value is None:
            return None
        return self.enum_class(value)
