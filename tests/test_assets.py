"""No third-party assets or trackers (ASVS 14.2.3): every script, style, image, frame and
form a page uses comes from this site, signed in or not; the few links that lead off the
site are listed here."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from fastapi import FastAPI
from fastapi.testclient import TestClient

from learning.core.permissions import Role
from learning.feedback.terms import FORMS, Language
from tests.factories import Factory
from tests.feedback.factories import FeedbackFactory
from tests.test_routes import is_api_route, served_routes

#: (tag, attribute) that make a browser fetch something, or send a form.
FETCHED = (
    ("script", "src"),
    ("link", "href"),
    ("img", "src"),
    ("img", "srcset"),
    ("source", "src"),
    ("source", "srcset"),
    ("iframe", "src"),
    ("frame", "src"),
    ("embed", "src"),
    ("object", "data"),
    ("video", "src"),
    ("audio", "src"),
    ("video", "poster"),
    ("form", "action"),
    ("use", "href"),
    ("image", "href"),
)
#: The links off the site a page may show (navigations, never loaded by the page).
OFF_SITE_LINKS = frozenset({"https://creativecommons.org/licenses/by/4.0/"})
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")\s]+)")


def _off_site(url: str) -> bool:
    parts = urlsplit(url.strip())
    if parts.scheme in ("", "https", "http") and parts.netloc in ("", "testserver"):
        return False
    return parts.scheme != "data" or not url.startswith("data:image/")


def off_site_assets(html: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    found = []
    for tag, attribute in FETCHED:
        for element in soup.find_all(tag):
            value = element.get(attribute)
            if isinstance(value, str) and value:
                urls = (
                    [part.split()[0] for part in value.split(",")]
                    if "srcset" in attribute
                    else [value]
                )
                found += [url for url in urls if _off_site(url)]
    for styled in [*soup.find_all("style"), *soup.find_all(style=True)]:
        css = styled.string or "" if styled.name == "style" else str(styled.get("style"))
        found += [url for url in CSS_URL.findall(css) if _off_site(url)]
    for meta in soup.find_all("meta", attrs={"http-equiv": re.compile("refresh", re.I)}):
        found.append(str(meta.get("content")))
    for anchor in soup.find_all("a", href=True):
        href = str(anchor["href"])
        external = urlsplit(href).scheme in ("http", "https") and _off_site(href)
        if external and href not in OFF_SITE_LINKS:
            found.append(href)
    return found


def _public_pages(client: TestClient, ff: FeedbackFactory) -> Iterator[str]:
    new = ff.make_link()
    yield f"/f/{new.token}"
    for kind in FORMS:
        for language in Language:
            yield f"/give-feedback?form={kind.value}&lang={language.value}"
            yield f"/give-feedback?form={kind.value}&lang={language.value}&easy=1"
    yield from (
        "/give-feedback/privacy",
        "/give-feedback/privacy?version=adult",
        "/give-feedback/receipt",
        "/give-feedback/resume",
        "/s",
        "/f",
        "/sign-in",
        "/signed-out",
    )


def test_the_public_pages_use_nothing_from_another_site(
    client: TestClient, factory: Factory
) -> None:
    pages = {}
    for path in _public_pages(client, FeedbackFactory(factory)):
        response = client.get(path, follow_redirects=True)
        assert response.status_code < 500 and "<html" in response.text, path
        pages[path] = off_site_assets(response.text)
    assert len(pages) > 70
    assert {path: found for path, found in pages.items() if found} == {}


def test_the_signed_in_pages_use_nothing_from_another_site(
    app: FastAPI, client: TestClient, factory: Factory
) -> None:
    factory.make_team()
    factory.sign_in(client, factory.make_person(roles=tuple(Role)))
    pages = {}
    for route in served_routes(app):
        wanted = is_api_route(route) and "GET" in route.methods
        if wanted and not route.param_convertors and not route.path.startswith("/sign-in"):
            response = client.get(route.path)
            if response.headers.get("content-type", "").startswith("text/html"):
                pages[route.path] = off_site_assets(response.text)
    assert {"/", "/feedback/queue", "/safeguarding/alerts", "/supervision"} <= set(pages)
    assert {path: found for path, found in pages.items() if found} == {}


def test_the_check_finds_what_another_site_would_load() -> None:
    html = """<html><head><script src="https://cdn.example.com/x.js"></script>
    <link rel="stylesheet" href="//fonts.example.com/css"><style>body{background:url(https://t.example/p.gif)}</style>
    </head><body><img src="https://tracker.example/pixel.gif" alt="">
    <img srcset="/ok.png 1x, https://t.example/2x.png 2x" alt=""><form action="https://evil.example/post"></form>
    <a href="https://example.org/elsewhere">x</a><a href="/fine">y</a>
    <img src="/static/a.png" alt="">
    <a href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a></body></html>"""
    assert off_site_assets(html) == [
        "https://cdn.example.com/x.js",
        "//fonts.example.com/css",
        "https://tracker.example/pixel.gif",
        "https://t.example/2x.png",
        "https://evil.example/post",
        "https://t.example/p.gif",
        "https://example.org/elsewhere",
    ]
