"""Static files: our stylesheet, scripts and icons go compressed to browsers that accept gzip,
with their own validator; everything else, and other browsers, get the file as it is. Pages
ask for them by fingerprint, and browsers keep those."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from fastapi.testclient import TestClient
from starlette.datastructures import Headers

from learning.core.config import Settings
from learning.core.static import accepts_gzip, versioned_path


@pytest.fixture
def static_file(settings: Settings) -> Path:
    path = settings.static_dir / "favicon.svg"
    assert path.is_file()
    return path


def test_a_browser_that_accepts_gzip_gets_the_file_compressed(
    client: TestClient, static_file: Path
) -> None:
    response = client.get("/static/favicon.svg", headers={"Accept-Encoding": "gzip, br"})
    assert response.status_code == 200
    assert response.headers["content-encoding"] == "gzip"
    assert response.headers["vary"] == "Accept-Encoding"
    assert response.headers["etag"].endswith('-gzip"')
    assert response.headers["content-type"].startswith("image/svg+xml")
    assert response.content == static_file.read_bytes()  # the client undoes the gzip
    assert "no-store" not in response.headers.get("cache-control", "")


def test_a_browser_that_does_not_accept_gzip_gets_the_file_as_it_is(
    client: TestClient, static_file: Path
) -> None:
    response = client.get("/static/favicon.svg", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in response.headers
    assert response.headers["vary"] == "Accept-Encoding"
    assert response.content == static_file.read_bytes()
    assert int(response.headers["content-length"]) == static_file.stat().st_size


def test_the_compressed_file_is_not_sent_again_when_the_browser_has_it(
    client: TestClient,
) -> None:
    first = client.get("/static/favicon.svg", headers={"Accept-Encoding": "gzip"})
    again = client.get(
        "/static/favicon.svg",
        headers={"Accept-Encoding": "gzip", "If-None-Match": first.headers["etag"]},
    )
    assert again.status_code == 304
    assert again.content == b""


def test_a_missing_file_is_still_not_found(client: TestClient) -> None:
    response = client.get("/static/nothing-here.css", headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("header", "accepted"),
    [
        ("gzip", True),
        ("deflate, gzip;q=0.5", True),
        ("GZIP", True),
        ("gzip;q=0", False),
        ("br", False),
        ("", False),
    ],
)
def test_accept_encoding_is_read_with_its_weights(header: str, accepted: bool) -> None:
    assert accepts_gzip(Headers({"accept-encoding": header})) is accepted


def test_pages_ask_for_static_files_by_fingerprint_and_browsers_keep_them_a_year(
    client: TestClient, settings: Settings
) -> None:
    """A phone on a slow connection fetches the stylesheet once, not a check of it on every
    page; a new build has a new address, so nobody keeps an old one."""
    soup = BeautifulSoup(client.get("/sign-in").text, "html.parser")
    sheet = soup.select_one("link[rel=stylesheet]")
    assert sheet is not None
    href = str(sheet["href"])
    path, _, version = href.partition("?v=")
    built = (settings.static_dir / path.removeprefix("/static/")).read_bytes()
    assert version == hashlib.sha256(built).hexdigest()[:12]

    kept = client.get(href)
    assert kept.status_code == 200
    assert kept.headers["cache-control"] == "public, max-age=31536000, immutable"
    plain = client.get(path)  # as a script importing another asks for it
    assert plain.headers["cache-control"] == "no-cache"
    assert "etag" in plain.headers
    for other in ("?v=000000000000", "?nov=1"):  # an old build's, or made up: checked first
        assert client.get(path + other).headers["cache-control"] == "no-cache"


def test_a_new_build_of_a_file_gets_a_new_address(tmp_path: Path) -> None:
    (tmp_path / "app.css").write_text("body { color: black }")
    first = versioned_path(tmp_path, "app.css")
    (tmp_path / "app.css").write_text("body { color: navy }")
    os.utime(tmp_path / "app.css", ns=(1, 2))  # a different time, whatever the clock did
    assert versioned_path(tmp_path, "app.css") != first
    assert versioned_path(tmp_path, "missing.css") == "/static/missing.css"
