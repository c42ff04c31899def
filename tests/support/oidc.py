"""Real OpenID providers on loopback for the sign-in tests, and a browser's part of sign-in.

* :func:`mock_provider` runs ``oidc-provider-mock`` 0.3.4 (a real authorization server
  built on authlib) in a thread on a free loopback port, nonce required. People's claims are
  set through its REST API (``PUT /users/{sub}``) just before they sign in; its authorize
  form takes only the subject.
* :func:`node_provider` runs the npm package ``oidc-provider`` (panva, OpenID Certified)
  from ``tests/oidc_conformance/`` in a subprocess, installing its packages on first use:
  one registered client (secret and redirect URI checked), PKCE required for it.
* :func:`sign_in` plays the browser: our app's ``/sign-in/start``, the provider's
  authorize page and forms, and the redirect back to our ``/sign-in/callback``.

Nothing here mocks a response: every request goes to a real server.
"""

from __future__ import annotations

import fcntl
import html
import json
import os
import re
import selectors
import shutil
import socket
import ssl
import subprocess
import tempfile
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import parse_qs, urljoin, urlsplit

import httpx2
from fastapi.testclient import TestClient

CALLBACK_URL = "https://testserver/sign-in/callback"
#: One TLS context for every test HTTP client: making one per client costs ~0.1 s each.
TLS = ssl.create_default_context()
CONFORMANCE_DIR = Path(__file__).resolve().parents[1] / "oidc_conformance"


class Provider(Protocol):
    issuer: str
    client_id: str
    client_secret: str

    @property
    def discovery_url(self) -> str: ...

    def log_in(self, browser: httpx2.Client, authorize_url: str, account: str) -> httpx2.Response:
        """Signs ``account`` in at the provider; returns the redirect back to the client."""
        ...


def settings_for(provider: Provider, **overrides: object) -> dict[str, object]:
    """The app's OpenID Connect settings for ``provider`` (for ``make_settings``)."""
    values: dict[str, object] = {
        "oidc_discovery_url": provider.discovery_url,
        "oidc_issuer": provider.issuer,
        "oidc_client_id": provider.client_id,
        "oidc_client_secret": provider.client_secret,
        "base_url": "https://testserver",
    }
    values.update(overrides)
    return values


# --- oidc-provider-mock (PyPI) ----------------------------------------------------------


@dataclass
class MockProvider:
    issuer: str
    client_id: str
    client_secret: str
    redirect_uri: str

    @property
    def discovery_url(self) -> str:
        return f"{self.issuer}/.well-known/openid-configuration"

    def set_claims(self, sub: str, claims: Mapping[str, object]) -> None:
        """What the provider will say about ``sub`` in ID tokens from now on."""
        with httpx2.Client(verify=TLS, timeout=10) as admin:
            response = admin.put(f"{self.issuer}/users/{sub}", json=dict(claims))
        assert response.status_code == 204, response.text

    def log_in(self, browser: httpx2.Client, authorize_url: str, account: str) -> httpx2.Response:
        page = browser.get(authorize_url)
        assert page.status_code == 200, f"the provider refused the authorize request: {page.text}"
        # Its form posts back to the authorize URL (same query string) with the subject.
        return browser.post(authorize_url, data={"sub": account})

    def deny(self, browser: httpx2.Client, authorize_url: str) -> httpx2.Response:
        return browser.post(authorize_url, data={"action": "deny"})


@contextmanager
def mock_provider(redirect_uri: str = CALLBACK_URL) -> Iterator[MockProvider]:
    """oidc-provider-mock on a free loopback port, nonce required.

    Its dynamic registration hands out 22-character client secrets, shorter than our
    settings accept, so the mock runs without registration (it then takes any client id
    and secret). The conformance provider (:func:`node_provider`) checks both strictly.
    """
    import oidc_provider_mock

    with oidc_provider_mock.run_server_in_thread(require_nonce=True) as server:
        # Always reach it as 127.0.0.1: the mock names its issuer after the Host it is asked as.
        issuer = f"http://127.0.0.1:{server.server_port}"
        secret = "mock-client-secret-" + os.urandom(16).hex()
        yield MockProvider(issuer, "learning-tests", secret, redirect_uri)


# --- oidc-provider (npm, OpenID Certified) ---------------------------------------------


@dataclass
class NodeProvider:
    issuer: str
    client_id: str
    client_secret: str
    redirect_uri: str
    process: subprocess.Popen[bytes]
    log_path: Path

    @property
    def discovery_url(self) -> str:
        return f"{self.issuer}/.well-known/openid-configuration"

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def log_in(self, browser: httpx2.Client, authorize_url: str, account: str) -> httpx2.Response:
        """Its development interactions: a login form (any password), then a consent form."""
        response = browser.get(authorize_url)
        for _ in range(12):
            if response.is_redirect:
                location = urljoin(str(response.url), response.headers["location"])
                if not location.startswith(self.issuer + "/"):
                    return response  # back to the client (our callback) with code or error
                response = browser.get(location)
                continue
            assert response.status_code == 200, f"provider: {response.status_code} {response.text}"
            action, prompt = _form(response.text)
            fields = {"prompt": prompt}
            if prompt == "login":
                fields |= {"login": account, "password": "any-password"}
            response = browser.post(urljoin(str(response.url), action), data=fields)
        raise AssertionError("the provider's interactions did not finish")


def _form(page: str) -> tuple[str, str]:
    action = re.search(r'<form[^>]*action="([^"]+)"', page)
    prompt = re.search(r'name="prompt" value="([a-z]+)"', page)
    assert action and prompt, f"no interaction form on the provider's page:\n{page[:2000]}"
    return html.unescape(action.group(1)), prompt.group(1)


def node_available() -> bool:
    return shutil.which("node") is not None


def ensure_node_packages() -> None:
    """``npm ci`` in tests/oidc_conformance once, if its node_modules is missing."""
    if (CONFORMANCE_DIR / "node_modules" / "oidc-provider").is_dir():
        return
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeError(
            "tests/oidc_conformance/node_modules is missing and npm is not installed: run "
            "bash deploy/setup.sh, or npm --prefix tests/oidc_conformance ci"
        )
    with open(Path(tempfile.gettempdir()) / "learning-oidc-conformance-npm.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # parallel workers install once
        if (CONFORMANCE_DIR / "node_modules" / "oidc-provider").is_dir():
            return
        result = subprocess.run(
            [npm, "--prefix", str(CONFORMANCE_DIR), "ci", "--no-audit", "--no-fund"],
            capture_output=True, text=True, timeout=300, check=False,
        )
        if result.returncode != 0:
            raise RuntimeError(
                "npm ci in tests/oidc_conformance failed:\n" + result.stdout + result.stderr
            )


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def node_provider(
    accounts: Mapping[str, Mapping[str, object]],
    log_dir: Path,
    redirect_uri: str = CALLBACK_URL,
) -> Iterator[NodeProvider]:
    """panva's oidc-provider on a free loopback port; ``accounts`` maps login -> claims."""
    ensure_node_packages()
    client_id, client_secret = "learning-conformance", "conformance-secret-" + os.urandom(16).hex()
    env = {
        **os.environ,
        "OIDC_REDIRECT_URI": redirect_uri,
        "OIDC_CLIENT_ID": client_id,
        "OIDC_CLIENT_SECRET": client_secret,
        "OIDC_ACCOUNTS": json.dumps(accounts),
        "NODE_ENV": "test",
    }
    port = free_port()
    log_path = log_dir / "oidc-provider.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(  # noqa: S603 - a fixed command line
            ["node", str(CONFORMANCE_DIR / "provider.mjs"), str(port)],
            stdout=subprocess.PIPE, stderr=log, env=env, cwd=CONFORMANCE_DIR,
        )
    try:
        issuer = _wait_until_ready(process, log_path, timeout=30)
        yield NodeProvider(issuer, client_id, client_secret, redirect_uri, process, log_path)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        if process.stdout is not None:
            process.stdout.close()


def _wait_until_ready(process: subprocess.Popen[bytes], log_path: Path, timeout: float) -> str:
    assert process.stdout is not None
    selector = selectors.DefaultSelector()
    selector.register(process.stdout, selectors.EVENT_READ)
    deadline = time.monotonic() + timeout
    output = b""
    try:
        while time.monotonic() < deadline:
            if selector.select(timeout=0.2):
                chunk = os.read(process.stdout.fileno(), 4096)
                output += chunk
                match = re.search(rb"ready (http://\S+)\n", output)
                if match:
                    return match.group(1).decode()
                if not chunk:
                    break
            if process.poll() is not None:
                break
    finally:
        selector.close()
    raise RuntimeError(
        "oidc-provider did not start:\n" + output.decode(errors="replace")
        + log_path.read_text(errors="replace")
    )


# --- The browser's part of a sign-in ----------------------------------------------------


@dataclass
class SignIn:
    start: httpx2.Response
    authorize_url: str
    provider_reply: httpx2.Response
    callback_url: str
    callback: httpx2.Response | None = None
    steps: list[str] = field(default_factory=list)

    @property
    def authorize_params(self) -> dict[str, str]:
        return {k: v[0] for k, v in parse_qs(urlsplit(self.authorize_url).query).items()}

    @property
    def callback_params(self) -> dict[str, str]:
        return {k: v[0] for k, v in parse_qs(urlsplit(self.callback_url).query).items()}


def start(client: TestClient, next_url: str = "/") -> httpx2.Response:
    response = client.get("/sign-in/start", params={"next": next_url})
    assert response.status_code == 302, f"sign-in did not start: {response.status_code}"
    return response


def sign_in(
    client: TestClient,
    provider: Provider,
    account: str,
    *,
    next_url: str = "/",
    browser: httpx2.Client | None = None,
    call_back: bool = True,
) -> SignIn:
    """Start at our app, sign in at the provider, and (unless told not to) come back."""
    started = start(client, next_url)
    authorize_url = started.headers["location"]
    with _browser(browser) as provider_browser:
        reply = provider.log_in(provider_browser, authorize_url, account)
    assert reply.is_redirect, f"the provider did not send us back: {reply.status_code} {reply.text}"
    callback_url = reply.headers["location"]
    result = SignIn(started, authorize_url, reply, callback_url)
    if call_back:
        result.callback = client.get(callback_url)
    return result


def browser_client() -> httpx2.Client:
    """A fresh browser for the provider's pages (its own cookies; redirects not followed)."""
    return httpx2.Client(follow_redirects=False, timeout=15, verify=TLS)


@contextmanager
def _browser(browser: httpx2.Client | None) -> Iterator[httpx2.Client]:
    if browser is not None:
        yield browser
        return
    with browser_client() as fresh:
        yield fresh


def with_query(url: str, **changes: Any) -> str:
    """``url`` with query parameters replaced (a value of None removes the parameter)."""
    parts = urlsplit(url)
    query = {k: v[0] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
    for key, value in changes.items():
        if value is None:
            query.pop(key, None)
        else:
            query[key] = str(value)
    return parts._replace(query=httpx2.QueryParams(query).__str__()).geturl()
