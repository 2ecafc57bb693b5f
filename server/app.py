"""The Starlette application: GraphQL, health, metrics, the Telegram webhook and the web app."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, PlainTextResponse, Response
from starlette.routing import Mount, Route, WebSocketRoute
from starlette.staticfiles import StaticFiles
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from db.engine import Database
from db.migrate import upgrade_async
from db.models import Event
from db.presence import create_presence
from resolvers.accounts.auth import TokenPolicy
from resolvers.clock import Clock, MovableClock, clock_for
from resolvers.ingestion.cache import RedisParseCache
from resolvers.leaderboards.redis_store import RedisBoards
from schema import build_schema
from schema.core.context import Services
from server import avatars, refresh_cookie
from server.clock import RefreshClock
from server.graphql_view import GraphQLView
from server.jobs import ServerJobs
from server.ops import EVENTS, MetricsMiddleware, healthz, metrics, setup_tracing
from server.pubsub import create_pubsub, publish_events
from server.ratelimit import RateLimiter, create_storage
from server.security import SecurityMiddleware
from server.settings import Settings, load_settings
from server.tracing import TracingMiddleware
from server.websocket import RawSend, SocketLimits
from workers.runtime import Publish, Runtime

log = logging.getLogger("lucas.server")


class SPAFiles(StaticFiles):
    """The built web app: deep links get index.html; hashed assets are cached for a year, the
    shell (index.html, the service worker, the manifest) is revalidated on every load."""

    async def get_response(self, path: str, scope: Any) -> Response:
        try:
            response = await super().get_response(path, scope)
        except HTTPException as exc:
            if exc.status_code != 404 or "." in Path(path).name:
                raise
            response = FileResponse(Path(str(self.directory)) / "index.html")
        if path.startswith("assets/"):
            response.headers["cache-control"] = "public, max-age=31536000, immutable"
        else:
            response.headers["cache-control"] = "no-cache"
        return response


def create_app(
    settings: Settings | None = None,
    *,
    clock: Clock | None = None,
    migrate: bool | None = None,
    start_workers: bool | None = None,
) -> Starlette:
    settings = settings or load_settings()
    clock = clock or clock_for(settings.clock_mode)
    db = Database(settings.database_url)
    pubsub = create_pubsub(settings.redis_url)
    kick = asyncio.Event()
    redis_client: Any = None
    if settings.redis_url:
        from redis.asyncio import BlockingConnectionPool, Redis

        # redis-py 8 pools hold at most 100 connections and raise once all are busy (a burst of
        # WebSocket handshakes did: "could not mark a player online"); wait for one instead
        redis_client = Redis.from_pool(
            BlockingConnectionPool.from_url(settings.redis_url, max_connections=100, timeout=20)
        )

    async def publish(events: list[Event]) -> None:
        for event in events:
            EVENTS.labels(event.kind).inc()
        for event in await publish_events(pubsub, events):
            log.error("publish failed for event %s (durable consumers still get it)", event.id)
        if events:
            kick.set()

    async def enqueue(name: str, kwargs: dict[str, Any]) -> None:
        from workers import broker

        await asyncio.to_thread(broker.send, name, **kwargs)

    services = Services(
        db=db,
        clock=clock,
        token_policy=TokenPolicy(
            secret=settings.secret_key,
            access_minutes=settings.access_token_minutes,
            refresh_days=settings.refresh_token_days,
        ),
        publish=publish,
        subscribe=pubsub.subscribe,
        enqueue=enqueue,
    )
    if redis_client is not None:
        services.extras["ingestion_cache"] = RedisParseCache(redis_client)
        services.extras["leaderboards"] = RedisBoards(redis_client)
    services.extras["pubsub"] = pubsub
    services.extras["presence"] = create_presence(redis_client)
    # adminJobRun runs a job in this process, on its database, clock and publisher
    services.jobs = ServerJobs(
        Runtime(settings=settings, db=db, clock=clock, publish=publish), settings.job_modules
    )
    schema = build_schema(
        max_depth=settings.max_query_depth,
        max_tokens=settings.max_query_tokens,
        max_aliases=settings.max_aliases,
        max_cost=settings.max_query_cost,
        max_fragment_spreads=settings.max_fragment_spreads,
        introspection=settings.introspection,
        mask_errors=not settings.debug_errors,
    )
    limiter = (
        RateLimiter(
            create_storage(settings.redis_url),
            user=settings.rate_limit_user,
            anonymous=settings.rate_limit_anonymous,
            api_key=settings.rate_limit_api_key,
        )
        if settings.rate_limits
        else None
    )
    view = GraphQLView(
        schema,
        services=services,
        service_key=settings.telegram_service_key,
        graphiql=settings.graphiql,
        allowed_origins=settings.cors_origins,
        limiter=limiter,
        socket_limits=SocketLimits(
            per_user=settings.ws_connections_per_user,
            per_ip=settings.ws_connections_per_ip,
            operations=settings.ws_operations_per_connection,
            recheck_seconds=settings.ws_recheck_seconds,
        ),
    )
    do_migrate = settings.embedded if migrate is None else migrate
    run_workers = settings.in_process_workers if start_workers is None else start_workers

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        if do_migrate:
            await upgrade_async(settings.database_url)
        setup_tracing()
        await pubsub.connect()
        stop = asyncio.Event()
        background: list[asyncio.Task[None]] = []
        worker: Any = None
        if run_workers:
            publish_here = _on_this_loop(publish)
            worker = await asyncio.to_thread(_start_in_process_workers, settings, clock, publish_here)
            from workers import schedule

            background.append(asyncio.create_task(schedule.run(stop=stop, kick=kick, clock=clock, db=db)))
        elif settings.redis_url:
            from workers import broker

            broker.configure(settings.redis_url, extra_modules=settings.job_modules)
        bot = app.state.bot
        if bot is not None:
            await bot.start()
        try:
            yield
        finally:
            stop.set()
            for task in background:
                task.cancel()
            if bot is not None:
                await bot.stop()
            if worker is not None:
                await asyncio.to_thread(worker.stop, 5000)
            await pubsub.disconnect()
            if redis_client is not None:
                await redis_client.aclose()
            await db.dispose()

    async def no_frontend(_: Request) -> Response:
        return PlainTextResponse(
            "The web app is not built. Run ./dev run (or: cd frontend && npm ci && npm run build).",
            status_code=503,
        )

    routes: list[Any] = [
        Route("/graphql", view, methods=["GET", "POST"]),
        WebSocketRoute("/graphql", view),
        Route("/healthz", healthz),
        Route("/metrics", metrics),
        Route("/auth/refresh", refresh_cookie.refresh, methods=["POST"]),
        Route("/auth/logout", refresh_cookie.logout, methods=["POST"]),
        Route("/avatar", avatars.upload, methods=["POST"]),
        Route("/avatars/{user_id:int}/{version:int}.webp", avatars.serve),
    ]
    bot_app = _telegram(settings, routes)
    if settings.frontend_dir is not None and (settings.frontend_dir / "index.html").exists():
        routes.append(Mount("/", SPAFiles(directory=settings.frontend_dir, html=True)))
    else:
        routes.append(Route("/{path:path}", no_frontend))
    middleware = [
        Middleware(
            SecurityMiddleware,
            max_body_bytes=settings.max_body_bytes,
            metrics_token=settings.metrics_token,
            metrics_public=settings.metrics_public,
        ),
        Middleware(TracingMiddleware),
        Middleware(MetricsMiddleware),
        Middleware(GZipMiddleware, minimum_size=1024),
    ]
    if settings.cors_origins:
        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=list(settings.cors_origins),
                allow_headers=["authorization", "content-type"],
                allow_methods=["GET", "POST"],
            )
        )
    if isinstance(clock, MovableClock):
        middleware.insert(0, Middleware(RefreshClock, clock=clock, db=db))
    if settings.trusted_proxies:
        middleware.insert(0, Middleware(ProxyHeadersMiddleware, trusted_hosts=list(settings.trusted_proxies)))
    middleware.insert(0, Middleware(RawSend))
    app = Starlette(routes=routes, middleware=middleware, lifespan=lifespan)
    app.state.services = services
    app.state.settings = settings
    app.state.redis = redis_client
    app.state.kick = kick
    app.state.bot = bot_app
    return app


def _telegram(settings: Settings, routes: list[Any]) -> Any:
    """Mounts the bot's webhook when a token and a secret are set (the bot package provides it)."""
    if not (settings.telegram_token and settings.telegram_webhook_secret):
        return None
    try:
        from bot.webhook import create_webhook
    except ImportError:
        log.warning("LUCAS_TELEGRAM_TOKEN is set but the bot package has no webhook yet")
        return None
    bot_app, route = create_webhook(settings)
    routes.append(route)
    return bot_app


def _on_this_loop(publish: Publish) -> Publish:
    """``publish`` for the in-process workers' own event loop: it runs on the server's loop (whose
    pub/sub holds the subscriptions)."""
    loop = asyncio.get_running_loop()

    async def there(events: list[Event]) -> None:
        await publish(events)

    async def publish_here(events: list[Event]) -> None:
        try:
            await asyncio.wrap_future(asyncio.run_coroutine_threadsafe(there(events), loop))
        except Exception:
            log.exception("could not publish a job's events (durable consumers still get them)")

    return publish_here


def _start_in_process_workers(settings: Settings, clock: Clock, publish: Publish) -> Any:
    import dramatiq

    from workers import broker, runtime

    runtime.configure(settings, clock=clock, publish=publish)
    configured = broker.configure(
        None if settings.in_process_workers else settings.redis_url, extra_modules=settings.job_modules
    )
    worker = dramatiq.Worker(configured, worker_threads=2, worker_timeout=200)
    worker.start()
    return worker
