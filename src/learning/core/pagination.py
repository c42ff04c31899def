"""Links to the pages of a long list, in the shape the GOV.UK pagination component takes
(``components/pagination.html``): the first and last pages, two either side of this one,
gaps between, and the previous and next pages."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from starlette.datastructures import URL

PageLinks = dict[str, Any]


def page_links(page: int, pages: int, url: Callable[[int], str]) -> PageLinks | None:
    """Links for page ``page`` of ``pages``, each page's address from ``url``; None when
    everything fits on one page."""
    if pages <= 1:
        return None
    shown = sorted({1, pages, *range(max(1, page - 2), min(pages, page + 2) + 1)})
    items: list[dict[str, Any]] = []
    for n in shown:
        if items and n - items[-1]["number"] > 1:
            items.append({"number": None})
        items.append({"number": n, "url": url(n), "current": n == page})
    return {
        "items": items,
        "previous": url(page - 1) if page > 1 else None,
        "next": url(page + 1) if page < pages else None,
    }


def query_page_links(
    base: URL, page: int, pages: int, params: Mapping[str, Any]
) -> PageLinks | None:
    """``page_links`` for pages that are ``base`` with ``params`` and ``page=N`` (for
    templates, as ``numbered_pages``)."""
    return page_links(page, pages, lambda n: str(base.include_query_params(**params, page=n)))
