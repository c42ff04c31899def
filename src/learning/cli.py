"""The ``learning`` command."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from learning.core.config import InsecureSettings, Settings
from learning.core.db import Database, make_engine


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "handler"):
        parser.print_help()
        return 2
    try:
        return int(args.handler(args))
    except InsecureSettings as refusal:
        print(f"learning: refusing to start: {refusal}", file=sys.stderr)
        return 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="learning", description=__doc__)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    serve = commands.add_parser("serve", help="Run the web service.")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=1)
    serve.set_defaults(handler=_serve)

    migrate = commands.add_parser("migrate", help="Bring the database schema up to date.")
    migrate.set_defaults(handler=_migrate)

    demo = commands.add_parser("demo", help="Create or refresh the fictional demo council.")
    demo.set_defaults(handler=_demo)

    _register_capabilities(commands)
    return parser


def _register_capabilities(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    from learning.audit import commands as audit_commands
    from learning.feedback import link_commands, screen_commands
    from learning.mail import commands as mail_commands
    from learning.themes import commands as themes_commands

    themes_commands.register(commands)
    link_commands.register(commands)
    screen_commands.register(commands)
    mail_commands.register(commands)
    audit_commands.register(commands)


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    Settings().check_safe_to_start()
    uvicorn.run(
        "learning.asgi:app",
        host=args.host,
        port=args.port,
        workers=args.workers,
        proxy_headers=False,
        server_header=False,
        log_level="info",
    )
    return 0


def _migrate(_args: argparse.Namespace) -> int:
    from learning.core import migrate

    settings = Settings()
    engine = make_engine(settings.database_url)
    try:
        migrate.upgrade(engine)
    finally:
        engine.dispose()
    print(f"Database schema is at revision {migrate.head_revision()}.")
    return 0


def _demo(_args: argparse.Namespace) -> int:
    from learning.core import migrate
    from learning.feedback.demo import create_demo_feedback
    from learning.org.demo import create_demo_council
    from learning.supervision.demo import create_demo_supervision
    from learning.themes.demo import create_demo_themes

    settings = Settings()
    database = Database.from_url(settings.database_url)
    migrate.upgrade(database.engine)
    with database.transaction() as db:
        council = create_demo_council(db)
        create_demo_supervision(db, council)
        feedback = create_demo_feedback(db, council, settings)
        name, council_id = council.name, council.id
    assert council_id is not None
    create_demo_themes(database, council_id)
    print(f"Demo council ready: {name}.")
    print("\n".join(feedback.lines()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
