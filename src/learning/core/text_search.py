"""Searching text with SQL LIKE: what a person types is matched as typed (ASVS 1.2.4).

``%`` and ``_`` are LIKE's wildcards: unescaped, a search for "%" would find everyone and
"a_b" would find "axb". Every LIKE built from typed text uses :func:`contains_pattern`
with ``escape=LIKE_ESCAPE``::

    func.lower(Person.email).like(contains_pattern(typed), escape=LIKE_ESCAPE)
"""

from __future__ import annotations

LIKE_ESCAPE = "\\"


def escape_like(text: str) -> str:
    """``text`` with LIKE's wildcards and the escape character itself escaped."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def contains_pattern(text: str) -> str:
    """A LIKE pattern for lowercased values that contain ``text`` (trimmed, lowercased) as
    it was typed."""
    return "%" + escape_like(text.strip().lower()) + "%"
