"""One server span per HTTP request and WebSocket connection (W3C trace context honoured)."""

from __future__ import annotations

from typing import Any

from opentelemetry import context, propagate, trace
from opentelemetry.trace import SpanKind, Status, StatusCode
from starlette.types import ASGIApp, Receive, Scope, Send

tracer = trace.get_tracer("lucas.http")


class TracingMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in {"http", "websocket"} or scope["path"] in {"/healthz", "/metrics"}:
            await self.app(scope, receive, send)
            return
        carrier = {k.decode(): v.decode() for k, v in scope["headers"]}
        token = context.attach(propagate.extract(carrier))
        method = scope.get("method", "WS")
        try:
            with tracer.start_as_current_span(f"{method} {scope['path']}", kind=SpanKind.SERVER) as span:
                span.set_attribute("http.method", method)
                span.set_attribute("http.target", scope["path"])

                async def traced_send(message: Any) -> None:
                    if message["type"] == "http.response.start":
                        span.set_attribute("http.status_code", message["status"])
                        if message["status"] >= 500:
                            span.set_status(Status(StatusCode.ERROR))
                    await send(message)

                await self.app(scope, receive, traced_send)
        finally:
            context.detach(token)
