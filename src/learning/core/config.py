"""One settings object, read from the environment (prefix ``LEARNING_``).

Every field here is documented in the README's settings table (a test enforces it).
Outside demo mode the service refuses to start with a missing or placeholder secret.
"""

from __future__ import annotations

import ipaddress
import json
from datetime import time
from functools import cached_property
from pathlib import Path

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from learning.core.permissions import Role

PLACEHOLDER_SECRETS = frozenset(
    {"", "changeme", "change-me", "change_me", "secret", "password", "placeholder", "demo"}
)
MIN_SECRET_LENGTH = 32
DEMO_SECRET = "demo-mode-secret-not-for-real-use-0000000000"  # noqa: S105


class InsecureSettings(RuntimeError):
    """The service must not start with these settings."""


def _repo_root() -> Path:
    return Path(__file__).resolve().parents[3]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="LEARNING_", extra="ignore")

    demo: bool = Field(
        default=False,
        description="Demo mode: fictional council, 'sign in as' page, placeholder secrets allowed.",
    )
    secret_key: str = Field(
        default="",
        description="Secret for signing tokens and keyed hashes; at least 32 characters.",
    )
    database_url: str = Field(
        default="sqlite:///var/learning.db",
        description="SQLAlchemy URL: sqlite:///path or postgresql+psycopg://user@host/db.",
    )
    base_url: str = Field(
        default="http://127.0.0.1:8000",
        description="The public address of the service, used in links sent by email.",
    )
    council_slug: str = Field(
        default="tamarside",
        description="The council this deployment serves (its slug in the councils table).",
    )
    cookie_secure: bool = Field(
        default=True,
        description=(
            "Every cookie (the sign-in session, the feedback link's and the receipt's) is "
            "__Host- prefixed and Secure. Only demo mode may turn it off."
        ),
    )
    session_idle_minutes: int = Field(
        default=30, ge=1, description="A signed-in session ends after this long without a request."
    )
    session_absolute_hours: int = Field(
        default=8, ge=1, description="A signed-in session ends this long after sign-in, whatever."
    )
    oidc_discovery_url: str = Field(
        default="",
        description="OpenID Connect discovery document, e.g. Entra ID's tenant-specific "
        "https://login.microsoftonline.com/TENANT/v2.0/.well-known/openid-configuration.",
    )
    oidc_issuer: str = Field(
        default="",
        description="The issuer every ID token must carry (pinned; never taken from discovery).",
    )
    oidc_client_id: str = Field(default="", description="OpenID Connect client id.")
    oidc_client_secret: str = Field(default="", description="OpenID Connect client secret.")
    oidc_scopes: str = Field(
        default="openid email profile", description="Scopes asked for at sign-in."
    )
    oidc_allowed_tenants: str = Field(
        default="",
        description="Comma-separated tenant ids (tid claim) allowed to sign in; empty allows the "
        "pinned issuer's tokens with any tid.",
    )
    oidc_role_claim: str = Field(
        default="roles", description="The ID-token claim that carries app roles or groups."
    )
    oidc_role_map: str = Field(
        default="{}",
        description='JSON object mapping claim values to roles, e.g. {"Learning.Supervisor": '
        '"supervisor"}.',
    )
    oidc_auto_provision: bool = Field(
        default=True,
        description="Create a person at first sign-in when their (tid, oid) is not yet known.",
    )
    smtp_host: str = Field(default="127.0.0.1", description="SMTP server for outgoing email.")
    smtp_port: int = Field(default=25, ge=1, le=65535, description="SMTP server port.")
    smtp_starttls: bool = Field(
        default=False, description="Upgrade the SMTP connection with STARTTLS before sending."
    )
    smtp_username: str = Field(default="", description="SMTP user name; empty sends without.")
    smtp_password: str = Field(default="", description="SMTP password.")
    mail_from: str = Field(
        default="learning@localhost", description="The From address of every email we send."
    )
    mail_retry_seconds: int = Field(
        default=60,
        ge=1,
        description="First wait before retrying a failed email; doubles each time.",
    )
    mail_poll_seconds: float = Field(
        default=5.0, gt=0, description="How often the outbox sender looks for email to send."
    )
    mail_sender_enabled: bool = Field(
        default=True,
        description="Run the outbox sender (and alert escalation) inside the web service; turn "
        "off when `learning mail send` runs it instead.",
    )
    safeguarding_email: str = Field(
        default="safeguarding@localhost",
        description="The safeguarding inbox (duty / MASH) that every alert is emailed to.",
    )
    safeguarding_escalation_email: str = Field(
        default="",
        description="Who is emailed, in turn, when an alert is not acknowledged in time: "
        "comma-separated, the first escalation to the first address (e.g. the duty manager), "
        "the second to the next (the head of service), the last again after that; empty "
        "sends escalations to the safeguarding inbox again.",
    )
    safeguarding_out_of_hours_email: str = Field(
        default="",
        description="The out-of-hours service (the emergency duty team), emailed as well as "
        "the safeguarding inbox about an alert raised, or escalated, outside office hours, "
        "when nobody reads the inbox; empty emails nobody else.",
    )
    safeguarding_office_hours: str = Field(
        default="09:00-17:00",
        description="When the safeguarding inbox is read, London time, Monday to Friday "
        "except bank holidays in England and Wales; outside these hours alerts also go to "
        "the out-of-hours service.",
    )
    safeguarding_acknowledge_minutes: int = Field(
        default=30, ge=1,
        description="An alert not acknowledged this long after it was raised escalates, and "
        "again each time this long passes.",
    )
    safeguarding_respond_hours: int = Field(
        default=4, ge=1, description="The deadline for recording an alert's outcome."
    )
    feedback_client_limit: int = Field(
        default=20, ge=1,
        description="Feedback submissions one address may send in 10 minutes before the rest "
        "wait in quarantine for a person to check (waiting rooms share one address).",
    )
    feedback_link_limit: int = Field(
        default=300, ge=1,
        description="Feedback submissions one link may take in an hour before the rest wait in "
        "quarantine for a person to check.",
    )
    feedback_min_fill_seconds: float = Field(
        default=3.0, ge=0,
        description="A feedback form sent back sooner than this after it was shown waits in "
        "quarantine (people take longer; scripts do not).",
    )
    feedback_reply_to: str = Field(
        default="",
        description="A mailbox the teams read, given as Reply-To on staff's replies to people "
        "who gave feedback, so that an answer reaches a person; empty tells them in the email "
        "that answers to it are not read, and how else to tell the team more.",
    )
    privacy_contact: str = Field(
        default="",
        description="How people reach the council's data protection officer about what they "
        "told us: an email address or a web address (https://...). Every privacy notice gives "
        "it (UK GDPR article 13); empty names the officer without a way to reach them.",
    )
    trusted_proxies: str = Field(
        default="",
        description="Comma-separated addresses or networks (e.g. 10.0.0.5 or 10.0.0.0/24) of the "
        "reverse proxies in front of the service. Only from these are X-Forwarded-For and "
        "X-Forwarded-Proto believed, so each visitor's limits count their own address, not the "
        "proxy's; empty believes no one.",
    )
    log_level: str = Field(default="INFO", description="Python logging level.")
    static_dir: Path = Field(
        default_factory=lambda: _repo_root() / "web" / "static",
        description="Folder of static files (our own, plus the front-end build).",
    )
    templates_dir: Path = Field(
        default_factory=lambda: _repo_root() / "web" / "templates",
        description="Folder of Jinja2 templates.",
    )

    @field_validator("oidc_role_map")
    @classmethod
    def _role_map_is_json_object(cls, value: str) -> str:
        parsed = json.loads(value or "{}")
        if not isinstance(parsed, dict):
            raise ValueError("must be a JSON object")
        known = {role.value for role in Role}
        unknown = sorted(str(v) for v in parsed.values() if v not in known)
        if unknown:
            raise ValueError(f"unknown roles {unknown}; use {sorted(known)}")
        return value

    @field_validator("trusted_proxies")
    @classmethod
    def _proxies_are_addresses(cls, value: str) -> str:
        for item in _items(value):
            try:
                ipaddress.ip_network(item, strict=False)
            except ValueError:
                raise ValueError(
                    f"{item!r} is not an address or network such as 10.0.0.5 or 10.0.0.0/24"
                ) from None
        return value

    @field_validator(
        "safeguarding_escalation_email", "safeguarding_out_of_hours_email", "feedback_reply_to"
    )
    @classmethod
    def _addresses(cls, value: str) -> str:
        for item in _items(value):
            if "@" not in item.strip("@") or any(c.isspace() for c in item):
                raise ValueError(f"{item!r} is not an email address")
        return value

    @field_validator("privacy_contact")
    @classmethod
    def _privacy_contact(cls, value: str) -> str:
        value = value.strip()
        is_email = "@" in value.strip("@") and not any(c.isspace() for c in value)
        if value and not is_email and not value.startswith("https://"):
            raise ValueError(f"{value!r} is neither an email address nor an https:// address")
        return value

    @field_validator("safeguarding_office_hours")
    @classmethod
    def _office_hours(cls, value: str) -> str:
        start, end = _office_hours(value)
        if start >= end:
            raise ValueError(f"{value!r} ends before it starts; write it as 09:00-17:00")
        return value

    @cached_property
    def safeguarding_escalation_ladder(self) -> tuple[str, ...]:
        return tuple(_items(self.safeguarding_escalation_email))

    @cached_property
    def safeguarding_office_times(self) -> tuple[time, time]:
        return _office_hours(self.safeguarding_office_hours)

    @cached_property
    def trusted_proxy_list(self) -> list[str]:
        return _items(self.trusted_proxies)

    @cached_property
    def role_map(self) -> dict[str, str]:
        return dict(json.loads(self.oidc_role_map or "{}"))

    @cached_property
    def allowed_tenants(self) -> frozenset[str]:
        return frozenset(_items(self.oidc_allowed_tenants))

    @property
    def oidc_enabled(self) -> bool:
        return bool(self.oidc_discovery_url and self.oidc_client_id)

    @property
    def effective_secret(self) -> str:
        if self.demo and is_placeholder(self.secret_key):
            return DEMO_SECRET
        return self.secret_key

    def check_safe_to_start(self) -> None:
        """Refuse to run outside demo mode with settings that are unsafe."""
        if self.demo:
            return
        if is_placeholder(self.secret_key):
            raise InsecureSettings(
                "LEARNING_SECRET_KEY is missing or a placeholder: set a random value of at "
                f"least {MIN_SECRET_LENGTH} characters (python -c 'import secrets; "
                "print(secrets.token_urlsafe(48))')."
            )
        if not self.cookie_secure:
            raise InsecureSettings("LEARNING_COOKIE_SECURE may be false only in demo mode.")
        if not self.oidc_enabled or not self.oidc_issuer:
            raise InsecureSettings(
                "Sign-in is not configured: set LEARNING_OIDC_DISCOVERY_URL, "
                "LEARNING_OIDC_ISSUER, LEARNING_OIDC_CLIENT_ID and LEARNING_OIDC_CLIENT_SECRET."
            )
        if is_placeholder(self.oidc_client_secret):
            raise InsecureSettings("LEARNING_OIDC_CLIENT_SECRET is missing or a placeholder.")


def _items(value: str) -> list[str]:
    """The items of a comma-separated setting, without spaces or empty ones."""
    return [item.strip() for item in value.split(",") if item.strip()]


def _office_hours(value: str) -> tuple[time, time]:
    """``09:00-17:00`` as its two times; ValueError for anything else."""
    try:
        start, end = (time.fromisoformat(part.strip()) for part in value.split("-"))
    except ValueError:
        raise ValueError(f"{value!r} is not a span of hours such as 09:00-17:00") from None
    return start, end


def is_placeholder(secret: str) -> bool:
    return secret.strip().lower() in PLACEHOLDER_SECRETS or len(secret) < MIN_SECRET_LENGTH
