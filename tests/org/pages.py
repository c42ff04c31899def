"""Reading pages as a person sees them: heading, error summary, the error beside a field."""

from __future__ import annotations

from bs4 import BeautifulSoup, Tag
from httpx import Response


def page(response: Response) -> BeautifulSoup:
    return BeautifulSoup(response.text, "html.parser")


def heading(response: Response) -> str:
    h1 = page(response).find("h1")
    assert isinstance(h1, Tag), "the page has no heading"
    return h1.get_text(" ", strip=True)


def error_summary(response: Response) -> list[str]:
    """The messages in the error summary at the top, in order."""
    summary = page(response).select_one(".govuk-error-summary")
    if summary is None:
        return []
    return [item.get_text(" ", strip=True) for item in summary.select("li")]


def field_error(response: Response, field: str) -> str:
    """The message shown next to a field (without the hidden 'Error:' prefix)."""
    found = page(response).find(id=f"{field}-error")
    if not isinstance(found, Tag):
        return ""
    return found.get_text(" ", strip=True).removeprefix("Error:").strip()


def value_of(response: Response, field: str) -> str:
    """What a text box, select or text area shows for ``field``."""
    soup = page(response)
    element = soup.find(attrs={"name": field})
    assert isinstance(element, Tag), f"no field named {field}"
    if element.name == "select":
        chosen = element.find("option", selected=True)
        return str(chosen["value"]) if isinstance(chosen, Tag) else ""
    if element.name == "textarea":
        return element.get_text()
    return str(element.get("value", ""))


def checked(response: Response, field: str) -> list[str]:
    return [str(box["value"]) for box in page(response).find_all("input", attrs={"name": field})
            if isinstance(box, Tag) and box.has_attr("checked")]


def flash(response: Response) -> str:
    banner = page(response).select_one(".govuk-notification-banner__content")
    return banner.get_text(" ", strip=True) if banner else ""


def table_rows(response: Response, selector: str = "table") -> list[list[str]]:
    """The body rows of the first table matching ``selector``, as cell texts."""
    table = page(response).select_one(selector)
    assert table is not None, f"no table matching {selector}"
    return [[cell.get_text(" ", strip=True) for cell in row.find_all(["th", "td"])]
            for row in table.select("tbody tr")]
