"""The application factory: every router listed explicitly, middleware, templates, errors."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import ExitStack, asynccontextmanager
from functools import partial

from fastapi import Depends, FastAPI
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from learning.accounts import demo_views as accounts_demo
from learning.accounts import views as accounts
from learning.accounts.sessions import ServerSessionMiddleware
from learning.audit import sealing as audit_sealing
from learning.audit import views as audit
from learning.core import access_log, errors, health, log_scrub
from learning.core.body_limit import BodyLimitMiddleware
from learning.core.config import Settings
from learning.core.csrf import csrf_protect
from learning.core.db import Database
from learning.core.headers import SecurityHeadersMiddleware
from learning.core.navigation import NavItem
from learning.core.permissions import Permission
from learning.core.static import STATIC_PREFIX, CompressedStaticFiles, versioned_path
from learning.core.typed_text import HiddenCharactersMiddleware
from learning.core.web import make_templates
from learning.feedback import alert_views as feedback_alerts
from learning.feedback import housekeeping as feedback_housekeeping
from learning.feedback import link_views as feedback_links
from learning.feedback import log_redaction as feedback_log_redaction
from learning.feedback import open_views as feedback_open
from learning.feedback import public_views as feedback_public
from learning.feedback import triage_views as feedback_triage
from learning.home import views as home
from learning.mail import worker as mail_worker
from learning.org import views as org
from learning.supervision import agreement_views as supervision_agreements
from learning.supervision import ears_views as supervision_ears
from learning.supervision import export_views as supervision_exports
from learning.supervision import oversight_views as supervision_oversight
from learning.supervision import policy_views as supervision_policy
from learning.supervision import views as supervision_sessions
from learning.supervision import workload_views as supervision_workload
from learning.themes import edit_views as themes_edits
from learning.themes import views as themes
from learning.themes.arrival_queue import receiving as theme_arrivals
from learning.themes.scheduler import scheduler as themes_scheduler

#: Routes anyone may reach without signing in. Every other route declares a permission.
PUBLIC_ROUTES = (
    frozenset(
        {
            "healthz",
            "readyz",
            "static",
            "sign_in",
            "sign_out",
            "signed_out",
            "oidc_start",
            "oidc_callback",
            "demo_sign_in",
            "demo_sign_in_submit",
        }
    )
    | feedback_open.PUBLIC_ROUTES
    | feedback_public.PUBLIC_ROUTES
)

NAVIGATION = (
    NavItem("Home", "home", Permission.HOME_VIEW),
    NavItem("People", "people_list", Permission.PEOPLE_READ),
    NavItem("Teams", "teams_list", Permission.TEAMS_MANAGE),
    NavItem("Import staff", "staff_import", Permission.STAFF_IMPORT),
    NavItem("Audit", "audit_events", Permission.AUDIT_READ),
    NavItem("Supervision", "supervision_home", Permission.SUPERVISION_RECORD),
    NavItem("My supervision", "my_supervision", Permission.SUPERVISION_OWN),
    NavItem("Policies", "supervision_policy", Permission.SUPERVISION_POLICY),
    NavItem("Oversight", "supervision_overview", Permission.SUPERVISION_OVERSEE),
    NavItem("Feedback links", "feedback_links", Permission.FEEDBACK_LINKS),
    NavItem("Safeguarding alerts", "safeguarding_alerts", Permission.SAFEGUARDING_ALERTS),
    NavItem("Feedback", "feedback_queue", Permission.FEEDBACK_TRIAGE),
    NavItem("Themes", "themes_list", Permission.THEMES_VIEW),
)


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Background services that live as long as the app, each a context manager."""
    with ExitStack() as services:
        services.enter_context(themes_scheduler(app.state.db))
        services.enter_context(theme_arrivals(app.state))
        async with (
            mail_worker.running(app),
            feedback_housekeeping.running(app),
            audit_sealing.running(app),
        ):
            yield


def create_app(settings: Settings | None = None, database: Database | None = None) -> FastAPI:
    settings = settings or Settings()
    settings.check_safe_to_start()
    logging.basicConfig(level=settings.log_level.upper())
    feedback_log_redaction.install()
    access_log.install()
    log_scrub.install()
    app = FastAPI(
        title="learning",
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
        dependencies=[Depends(csrf_protect)],
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.db = database or Database.from_url(settings.database_url)
    app.state.templates = make_templates(settings.templates_dir, NAVIGATION)

    app.include_router(health.router)
    # The public feedback pages come first: routes are matched in order, and these take
    # the most requests (every phone that scans a poster).
    app.include_router(feedback_public.router)
    app.include_router(feedback_open.router)
    app.include_router(accounts.router)
    if settings.demo:
        app.include_router(accounts_demo.router)
    app.include_router(home.router)
    app.include_router(org.router)
    app.include_router(audit.router)
    app.include_router(supervision_agreements.router)
    app.include_router(supervision_workload.router)
    app.include_router(supervision_policy.router)
    app.include_router(supervision_oversight.router)
    app.include_router(supervision_ears.router)
    app.include_router(supervision_sessions.router)
    app.include_router(supervision_exports.router)
    app.include_router(feedback_links.router)
    app.include_router(feedback_triage.router)
    app.include_router(feedback_alerts.router)
    app.include_router(themes.router)
    app.include_router(themes_edits.router)
    errors.public_error_pages(app, feedback_open.PUBLIC_PREFIXES, feedback_open.not_found_page)
    app.mount(
        STATIC_PREFIX.rstrip("/"),
        CompressedStaticFiles(directory=settings.static_dir, check_dir=False),
        name="static",
    )
    app.state.templates.env.globals["asset"] = partial(versioned_path, settings.static_dir)

    app.state.templates.env.globals["nav_paths"] = {
        item.route: app.url_path_for(item.route) for item in NAVIGATION
    }
    errors.install(app)
    app.add_middleware(BodyLimitMiddleware)
    app.add_middleware(ServerSessionMiddleware, database=app.state.db, settings=settings)
    app.add_middleware(SecurityHeadersMiddleware)
    app.add_middleware(HiddenCharactersMiddleware)
    if settings.trusted_proxy_list:
        # Outermost: everything after it (limits, logs, cookies, links) sees the visitor's
        # own address and scheme, as the trusted proxy passed them on; anyone else's
        # X-Forwarded-* headers are ignored.
        app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=settings.trusted_proxy_list)
    return app
