"""The ``lucas`` command line: serve, worker, scheduler, migrate, user create, parse, parser-train, bot,
backup, db copy, import (the last three in ``server/datacli.py``)."""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import getpass
import logging
import os
import signal
import sys
from typing import Any

from server.settings import SettingsError, load_settings

log = logging.getLogger("lucas")


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    if args.trusted_proxies is not None:
        os.environ["LUCAS_TRUSTED_PROXIES"] = args.trusted_proxies
    settings = load_settings()
    host = args.host or settings.host
    port = args.port or settings.port
    settings = dataclasses.replace(settings, host=host, port=port)
    os.environ["LUCAS_HOST"], os.environ["LUCAS_PORT"] = host, str(port)
    if args.workers > 1:
        if settings.embedded:
            from db.migrate import upgrade

            upgrade(settings.database_url)
        uvicorn.run(
            "server.asgi:app",
            host=host,
            port=port,
            workers=args.workers,
            log_level=args.log_level,
            ws="websockets-sansio",
            ws_per_message_deflate=False,
            lifespan="on",
            proxy_headers=False,
        )
        return 0
    from server.app import create_app

    # Forwarded headers are read by the app itself, only from LUCAS_TRUSTED_PROXIES (uvicorn would
    # believe any peer on 127.0.0.1, and FORWARDED_ALLOW_IPS=* believes everyone).
    uvicorn.run(
        create_app(settings),
        host=host,
        port=port,
        log_level=args.log_level,
        ws="websockets-sansio",
        ws_per_message_deflate=False,  # live frames are small JSON; compressing each cost more than it saved
        proxy_headers=False,
    )
    return 0


def _worker(args: argparse.Namespace) -> int:
    import dramatiq

    from workers import broker, runtime

    settings = load_settings()
    if not settings.redis_url:
        print(
            "lucas worker needs LUCAS_REDIS_URL (the embedded default runs workers inside lucas serve).",
            file=sys.stderr,
        )
        return 2
    from db.pubsub import RedisPublisher, publish_events

    publisher = RedisPublisher(settings.redis_url)

    async def publish(events: list[Any]) -> None:
        for event in await publish_events(publisher, events):
            log.error("publish failed for event %s (durable consumers still get it)", event.id)

    runtime.configure(settings, publish=publish)
    configured = broker.configure(settings.redis_url, extra_modules=settings.job_modules)
    worker = dramatiq.Worker(configured, worker_threads=args.threads)
    worker.start()
    stop = asyncio.Event()

    async def wait() -> None:
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        await stop.wait()

    print(f"lucas worker: {args.threads} threads on {settings.redis_url}", file=sys.stderr)
    asyncio.run(wait())
    worker.stop()
    return 0


def _scheduler(_: argparse.Namespace) -> int:
    from db.engine import Database
    from resolvers.clock import clock_for
    from workers import broker, schedule

    settings = load_settings()
    if not settings.redis_url:
        print(
            "lucas scheduler needs LUCAS_REDIS_URL (the embedded default schedules inside lucas serve).",
            file=sys.stderr,
        )
        return 2
    broker.configure(settings.redis_url, extra_modules=settings.job_modules)

    async def main() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        db = Database(settings.database_url, pool_size=1)
        try:
            await schedule.run(stop=stop, clock=clock_for(settings.clock_mode), db=db)
        finally:
            await db.dispose()

    asyncio.run(main())
    return 0


def _migrate(_: argparse.Namespace) -> int:
    from db.migrate import upgrade

    settings = load_settings()
    upgrade(settings.database_url)
    print("database is at the latest migration", file=sys.stderr)
    return 0


def _user_create(args: argparse.Namespace) -> int:
    from db.engine import Database
    from db.migrate import upgrade
    from resolvers import audit
    from resolvers.accounts import auth
    from resolvers.clock import SystemClock
    from resolvers.errors import DomainError

    settings = load_settings()
    if settings.embedded:
        upgrade(settings.database_url)
    password = getpass.getpass("Password: ") if sys.stdin.isatty() else sys.stdin.readline().rstrip("\r\n")

    async def main() -> int:
        db = Database(settings.database_url)
        clock = SystemClock()
        try:
            async with db.transaction() as session:
                user = await auth.create_user(
                    session,
                    username=args.name,
                    password=password,
                    role="admin" if args.admin else "user",
                    clock=clock,
                )
                await audit.append(
                    session,
                    action="cli.user_create",
                    clock=clock,
                    actor_id=None,
                    subject=f"user:{user.id}",
                    data={"role": user.role},
                )
        except DomainError as exc:
            print(f"error: {exc.code}: {exc.message}", file=sys.stderr)
            return 1
        finally:
            await db.dispose()
        print(f"created {user.role} {user.username} (id {user.id})")
        return 0

    return asyncio.run(main())


def _parse(args: argparse.Namespace) -> int:
    from resolvers.ingestion.parser.cli import parse_stream

    return parse_stream(sys.stdin, sys.stdout, use_model=not args.no_model)


def _parser_train(args: argparse.Namespace) -> int:
    from resolvers.ingestion.parser.cli import train_command

    return train_command(args.rest)


def _bot(_: argparse.Namespace) -> int:
    from bot.polling import run_polling

    return run_polling(load_settings())


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="lucas", description="LucasTeam platform")
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="run the API (and, embedded, the workers and the web app)")
    serve.add_argument("--host")
    serve.add_argument("--port", type=int)
    serve.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    serve.add_argument(
        "--trusted-proxies",
        help="addresses or networks whose X-Forwarded-For is believed (LUCAS_TRUSTED_PROXIES); default none",
    )
    serve.add_argument("--log-level", default=os.environ.get("LUCAS_LOG_LEVEL", "info"))
    serve.set_defaults(fn=_serve)
    worker = sub.add_parser("worker", help="run job workers (scaled mode)")
    worker.add_argument("--threads", type=int, default=4)
    worker.set_defaults(fn=_worker)
    sub.add_parser("scheduler", help="enqueue periodic jobs (scaled mode; run one)").set_defaults(
        fn=_scheduler
    )
    sub.add_parser("migrate", help="bring the database to the latest migration").set_defaults(fn=_migrate)
    user = sub.add_parser("user", help="manage users").add_subparsers(dest="user_command", required=True)
    create = user.add_parser("create", help="create a user; the password is read from standard input")
    create.add_argument("name")
    create.add_argument("--admin", action="store_true")
    create.set_defaults(fn=_user_create)
    parse = sub.add_parser("parse", help="parse game-bot messages: JSON lines in, JSON lines out")
    parse.add_argument("--no-model", action="store_true", help="rules only")
    parse.set_defaults(fn=_parse)
    train = sub.add_parser("parser-train", help="train the message classifier on the chat history")
    train.add_argument("rest", nargs=argparse.REMAINDER)
    train.set_defaults(fn=_parser_train)
    sub.add_parser("bot", help="run the Telegram bot by polling (development)").set_defaults(fn=_bot)
    from server import datacli

    datacli.add_commands(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(
        level=os.environ.get("LUCAS_LOG_LEVEL", "INFO").upper(),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["parser-train"]:
        # its options belong to the trainer; candidates go to the data folder unless told otherwise
        rest = argv[1:]
        if "--out" not in rest and not {"-h", "--help"} & set(rest):
            rest += ["--out", str(load_settings().data_dir / "models" / "candidates")]
        from resolvers.ingestion.parser.cli import train_command

        return train_command(rest)
    args: Any = build_parser().parse_args(argv)
    try:
        return int(args.fn(args) or 0)
    except SettingsError as exc:
        print(f"lucas: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
