"""Health, metrics and traces."""

from __future__ import annotations

import time
from typing import Any

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest
from sqlalchemy import text
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send

REGISTRY = CollectorRegistry()
REQUESTS = Counter("lucas_http_requests_total", "HTTP requests", ["path", "status"], registry=REGISTRY)
LATENCY = Histogram("lucas_http_request_seconds", "HTTP request latency", ["path"], registry=REGISTRY)
EVENTS = Counter("lucas_events_published_total", "Domain events published", ["kind"], registry=REGISTRY)
TRACKED = {"/graphql", "/telegram/webhook", "/healthz"}


class MetricsMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope["path"] if scope["path"] in TRACKED else "other"
        status = {"code": 500}
        started = time.perf_counter()

        async def record(message: Any) -> None:
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, record)
        finally:
            REQUESTS.labels(path, str(status["code"])).inc()
            LATENCY.labels(path).observe(time.perf_counter() - started)


async def metrics(_: Request) -> Response:
    return Response(generate_latest(REGISTRY), media_type=CONTENT_TYPE_LATEST)


async def healthz(request: Request) -> JSONResponse:
    services = request.app.state.services
    checks: dict[str, str] = {}
    try:
        async with services.db.reader() as session:
            await session.execute(text("SELECT 1"))
        checks["database"] = "ok"
    except Exception as exc:
        checks["database"] = f"error: {type(exc).__name__}"
    redis = request.app.state.redis
    if redis is None:
        checks["redis"] = "not configured"
    else:
        try:
            await redis.ping()
            checks["redis"] = "ok"
        except Exception as exc:
            checks["redis"] = f"error: {type(exc).__name__}"
    healthy = all(v in {"ok", "not configured"} for v in checks.values())
    return JSONResponse(
        {"status": "ok" if healthy else "error", "checks": checks}, status_code=200 if healthy else 503
    )


def setup_tracing(service_name: str = "lucas") -> None:
    """An SDK tracer provider; spans go over OTLP/HTTP when ``OTEL_EXPORTER_OTLP_ENDPOINT`` is set,
    to standard output with ``LUCAS_OTEL_CONSOLE=1``. Otherwise none is installed: spans stay
    non-recording (recording spans nobody exports cost about a tenth of a short request's CPU)."""
    import os

    from opentelemetry import trace
    from opentelemetry.sdk.resources import Resource
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import BatchSpanProcessor, ConsoleSpanExporter, SimpleSpanProcessor

    if isinstance(trace.get_tracer_provider(), TracerProvider):
        return
    if not (os.environ.get("OTEL_EXPORTER_OTLP_ENDPOINT") or os.environ.get("LUCAS_OTEL_CONSOLE")):
        return
    provider = TracerProvider(resource=Resource.create({"service.name": service_name}))
    if os.environ.get("OTEL_EXPORTER_OTLP_ENDPOINT"):
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

        provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter()))
    if os.environ.get("LUCAS_OTEL_CONSOLE"):
        provider.add_span_processor(SimpleSpanProcessor(ConsoleSpanExporter()))
    trace.set_tracer_provider(provider)
