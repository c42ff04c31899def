"""Static files, sent gzip-compressed to browsers that accept it.

Only our own text assets (stylesheets, scripts, SVG) are compressed, each once per version
of the file and kept in memory. Pages themselves are never compressed here: a page that
mixes a secret (a CSRF token) with text someone typed must not be compressed (BREACH).
The public feedback form's budget, 50 KB transferred on a phone, holds only this way: the
stylesheet is about 150 KB as written and under 20 KB compressed.
"""

from __future__ import annotations

import gzip
import os
from functools import lru_cache

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


class CompressedStaticFiles(StaticFiles):
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
