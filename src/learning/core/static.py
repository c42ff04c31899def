"""Static files, sent gzip-compressed to browsers that accept it.

Only our own text assets (stylesheets, scripts, SVG) are compressed, each once per version
of the file and kept in memory. Pages themselves are never compressed here: a page that
mixes a secret (a CSRF token) with text someone typed must not be compressed (BREACH).
The public feedback form's budget, 50 KB transferred on a phone, holds only this way: the
stylesheet is about 150 KB as written and under 20 KB compressed.
"""

from __future__ import annotations

import gzip
import hashlib
import os
from functools import lru_cache
from pathlib import Path
from urllib.parse import parse_qs

from starlette.datastructures import Headers, MutableHeaders
from starlette.responses import FileResponse, Response
from starlette.staticfiles import NotModifiedResponse, StaticFiles
from starlette.types import Scope

COMPRESSIBLE = (".css", ".js", ".svg", ".map", ".json", ".txt")


@lru_cache(maxsize=64)
def _gzipped(path: str, modified_ns: int, size: int) -> bytes:
    """The file compressed; the key carries its modification time and size, so a new build
    is compressed afresh."""
    with open(path, "rb") as handle:
        return gzip.compress(handle.read(), compresslevel=9, mtime=0)


def accepts_gzip(headers: Headers) -> bool:
    for part in headers.get("accept-encoding", "").lower().split(","):
        coding, _, params = part.strip().partition(";")
        if coding.strip() == "gzip" and params.replace(" ", "") not in ("q=0", "q=0.0"):
            return True
    return False


#: A file asked for by its fingerprinted address (``versioned_path``) never changes there.
IMMUTABLE = "public, max-age=31536000, immutable"
#: Asked for by its plain address (a script importing another): kept, but checked first.
REVALIDATE = "no-cache"
STATIC_PREFIX = "/static/"


@lru_cache(maxsize=256)
def _fingerprint(path: str, modified_ns: int, size: int) -> str:
    """The first 12 hex digits of the file's SHA-256; the key carries its modification time
    and size, so a new build gets a new fingerprint."""
    with open(path, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()[:12]


def versioned_path(static_dir: Path, path: str) -> str:
    """The address of the static file ``path`` with its fingerprint (``?v=``): a browser
    keeps it for a year without asking again, and a new build has a new address. A phone on
    a slow connection then fetches the stylesheet once, not a check of it on every page."""
    full = static_dir / path
    try:
        found = full.stat()
    except OSError:
        return f"{STATIC_PREFIX}{path}"
    return f"{STATIC_PREFIX}{path}?v={_fingerprint(str(full), found.st_mtime_ns, found.st_size)}"


class CompressedStaticFiles(StaticFiles):
    async def get_response(self, path: str, scope: Scope) -> Response:
        """The file, kept by browsers for a year when asked for by its own fingerprint (an
        old or made-up one is checked first, as a plain address is: while one host of a
        deployment still has the old file, nothing keeps it under the new address)."""
        response = await super().get_response(path, scope)
        if response.status_code in (200, 304):
            asked = parse_qs(scope.get("query_string", b"").decode("latin-1")).get("v", [""])[0]
            current = versioned_path(Path(str(self.directory)), path).partition("?v=")[2]
            response.headers["Cache-Control"] = (
                IMMUTABLE if asked and asked == current else REVALIDATE
            )
        return response

    def file_response(
        self,
        full_path: str | os.PathLike[str],
        stat_result: os.stat_result,
        scope: Scope,
        status_code: int = 200,
    ) -> Response:
        request_headers = Headers(scope=scope)
        compressible = str(full_path).endswith(COMPRESSIBLE)
        if (
            not compressible
            or status_code != 200
            or "range" in request_headers
            or not accepts_gzip(request_headers)
        ):
            response = super().file_response(full_path, stat_result, scope, status_code)
            if compressible:
                response.headers["Vary"] = "Accept-Encoding"
            return response
        plain = FileResponse(full_path, stat_result=stat_result)
        headers = MutableHeaders(
            raw=[(k, v) for k, v in plain.headers.raw if k not in (b"content-length", b"etag")]
        )
        headers["ETag"] = plain.headers["etag"].removesuffix('"') + '-gzip"'
        headers["Content-Encoding"] = "gzip"
        headers["Vary"] = "Accept-Encoding"
        if self.is_not_modified(headers, request_headers):
            return NotModifiedResponse(headers)
        body = _gzipped(str(full_path), stat_result.st_mtime_ns, stat_result.st_size)
        return Response(body, status_code=200, headers=dict(headers))
