"""Record ids in addresses: ``/people/{person_id:id}``.

Starlette's own ``int`` matches any run of digits, and a number past the database's largest
integer (2^63 - 1) made the database driver raise before any permission check: a 500, not
the 404 an unknown id gets. An ``id`` is one to 18 digits, always within range; an address
with a longer number matches no route, so it is an ordinary "page not found". Registered
when ``learning.core`` is imported, before any view module defines its routes (Starlette
reads the convertor when a route is made).
"""

from __future__ import annotations

from starlette.convertors import Convertor, register_url_convertor

LONGEST = 18  # digits: 10^18 - 1 is below 2^63 - 1, the largest id either database holds


class RecordIdConvertor(Convertor[int]):
    regex = f"[0-9]{{1,{LONGEST}}}"

    def convert(self, value: str) -> int:
        return int(value)

    def to_string(self, value: int) -> str:
        if not 0 <= value < 10**LONGEST:
            raise ValueError(f"not a record id: {value}")
        return str(value)


def is_id(raw: str) -> bool:
    """Whether typed text is a record id: 1 to 18 digits 0 to 9 (``str.isdigit`` alone takes
    "²", which ``int`` refuses, and numbers past the databases' largest integer)."""
    return raw.isascii() and raw.isdigit() and len(raw) <= LONGEST


register_url_convertor("id", RecordIdConvertor())
