"""HTTP hardening in front of the app: who the client is behind trusted proxies, a body limit on
``/graphql``, security headers on every response, and ``/metrics`` closed to the public.

* ``X-Forwarded-For`` / ``X-Forwarded-Proto`` are read only from peers in ``LUCAS_TRUSTED_PROXIES``
  (addresses or networks); from anyone else they are ignored, so a client cannot pick its own
  rate-limit bucket, and behind a load balancer each user still gets their own.
* A body over ``LUCAS_MAX_BODY_BYTES`` (1 MiB) is refused with 413, by ``Content-Length`` before
  reading, or as soon as the streamed body passes the limit (chunked uploads).
* ``/metrics`` answers a bearer ``LUCAS_METRICS_TOKEN`` when one is set; without one, only clients
  on loopback or private networks (a scraper next to the server), unless ``LUCAS_METRICS_PUBLIC``.
"""

from __future__ import annotations

import ipaddress
import json
from typing import Any

from resolvers.accounts import tokens

Scope = dict[str, Any]

SPA_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self' ws: wss:; "
    "worker-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)
# GraphiQL (GET /graphql in development) loads its scripts from a CDN and inline: only framing is
# refused there; the JSON answers need no more.
API_POLICY = "frame-ancestors 'none'"
HSTS = "max-age=31536000; includeSubDomains"


def parse_networks(raw: str) -> tuple[str, ...]:
    """``LUCAS_TRUSTED_PROXIES``: comma-separated addresses or networks; ValueError when malformed."""
    out = []
    for part in raw.split(","):
        part = part.strip()
        if part:
            ipaddress.ip_network(part, strict=False)
            out.append(part)
    return tuple(out)


async def _json(send: Any, status: int, message: str, code: str, headers: list[tuple[bytes, bytes]]) -> None:
    body = json.dumps({"data": None, "errors": [{"message": message, "extensions": {"code": code}}]}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                *headers,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class SecurityMiddleware:
    def __init__(
        self,
        app: Any,
        *,
        max_body_bytes: int = 1 << 20,
        metrics_token: str | None = None,
        metrics_public: bool = False,
    ) -> None:
        self.app = app
        self.max_body = max_body_bytes
        self.metrics_token = metrics_token
        self.metrics_public = metrics_public

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        secure_send = self._headers(scope, send)
        if path == "/metrics" and not self._metrics_allowed(scope):
            await _json(secure_send, 403, "The metrics are not public.", "FORBIDDEN", [])
            return
        if path == "/graphql" and scope.get("method") == "POST":
            body = await self._read_body(scope, receive)
            if body is None:
                message = f"The request body is larger than {self.max_body} bytes."
                await _json(secure_send, 413, message, "PAYLOAD_TOO_LARGE", [(b"connection", b"close")])
                return
            receive = _replay(body, receive)
        await self.app(scope, receive, secure_send)

    def _headers(self, scope: Scope, send: Any) -> Any:
        policy = API_POLICY if scope.get("path", "").startswith("/graphql") else SPA_POLICY
        extra = [
            (b"x-content-type-options", b"nosniff"),
            (b"x-frame-options", b"DENY"),
            (b"referrer-policy", b"no-referrer"),
            (b"content-security-policy", policy.encode()),
        ]
        if scope.get("scheme") == "https":
            extra.append((b"strict-transport-security", HSTS.encode()))

        async def wrapped(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []), *(h for h in extra if h[0] not in names)]
            await send(message)

        return wrapped

    def _metrics_allowed(self, scope: Scope) -> bool:
        if self.metrics_token:
            headers = dict(scope.get("headers") or [])
            given = headers.get(b"authorization", b"").decode(errors="replace")
            expected = f"Bearer {self.metrics_token}"
            return tokens.same(tokens.digest(given), tokens.digest(expected))
        if self.metrics_public:
            return True
        client = (scope.get("client") or ("", 0))[0]
        try:
            address = ipaddress.ip_address(client)
        except ValueError:
            return False
        return address.is_loopback or address.is_private

    async def _read_body(self, scope: Scope, receive: Any) -> bytes | None:
        """The whole body, or None once it is known to pass the limit."""
        for name, value in scope.get("headers") or []:
            if name.lower() == b"content-length":
                try:
                    if int(value) > self.max_body:
                        return None
                except ValueError:
                    return None
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body:
                return None
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        return b"".join(chunks)


def _replay(body: bytes, receive: Any) -> Any:
    """The body read already, then the connection's own messages (a disconnect)."""
    sent = False

    async def replay() -> dict[str, Any]:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return dict(await receive())

    return replay
