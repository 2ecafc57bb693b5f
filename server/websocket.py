"""The graphql-transport-ws connection, guarded like HTTP requests are.

* The credential given at ``connection_init`` is checked again before every operation and, while
  the socket is open, every ``recheck_seconds`` and when an access token expires: a revoked or
  expired credential, a deleted user or a changed role closes the socket with 4401 (the client
  connects again with a fresh token). An operation refused this way runs nothing.
* Each operation counts against the caller's rate-limit bucket (the same as HTTP's), and against
  the connection's own limit; a refused operation gets an ``error`` message with RATE_LIMITED.
* A player may hold ``per_user`` sockets (3) across every ``serve`` process: when another one is
  acknowledged, the oldest beyond the bound is closed with 4409 by the process holding it (the
  presence registry orders a player's sockets; ``server.evictions`` carries the eviction).
* An address may hold ``per_ip`` sockets (counted in this process: behind a balancer spreading
  sockets over N processes the bound is N times larger); more are closed with 4429 at once.
"""

from __future__ import annotations

import contextlib
import logging
import math
import time
import uuid
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from graphql import GraphQLError
from limits import parse
from starlette.types import ASGIApp, Receive, Scope, Send
from strawberry.subscriptions.protocols.graphql_transport_ws.handlers import (
    BaseGraphQLTransportWSHandler,
    Operation,
)
from strawberry.subscriptions.protocols.graphql_transport_ws.types import SubscribeMessage

from db.presence import MemoryPresence, Presence
from resolvers.actor import Actor
from schema.core.live import sink_var
from server.auth import Unauthenticated, resolve_actor
from server.evictions import CHANNEL, eviction
from server.ratelimit import bucket
from server.socket_watch import Watched, same_actor
from server.wire import Wire, text_frame

log = logging.getLogger("lucas.websocket")

UNAUTHORIZED = 4401
REPLACED = 4409
TOO_MANY = 4429
RAW_SEND = "lucas.raw_send"


@dataclass(frozen=True, kw_only=True)
class SocketLimits:
    per_user: int = 3
    per_ip: int = 30
    operations: str = "120/minute"
    recheck_seconds: float = 30.0


def credential_headers(params: Mapping[str, Any] | None) -> dict[str, str]:
    params = params or {}
    auth = params.get("authorization") or params.get("Authorization")
    return {"authorization": str(auth)} if auth else {}


class Sockets:
    """Open sockets per user and per address, in this process."""

    def __init__(self) -> None:
        self.by_user: Counter[int] = Counter()
        self.by_ip: Counter[str] = Counter()


def presence_of(view: Any) -> Presence:
    """The presence registry the server made (``services.extras["presence"]``)."""
    found: Presence = view.services.extras.setdefault("presence", MemoryPresence())
    return found


class RawSend:
    """Keeps the server's own ``send`` of each WebSocket in its scope (``RAW_SEND``), so live groups
    write their frames past the middleware, which only ever looks at HTTP messages: 1,000 frames a
    chat message went through seven wrappers each."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "websocket":
            scope[RAW_SEND] = send
        await self.app(scope, receive, send)


class OperationSink:
    """An operation's socket, for frames a live group writes (``schema.core.live``)."""

    def __init__(self, handler: GuardedHandler, operation: Operation[Any, Any]) -> None:
        self.handler = handler
        self.operation = operation
        self.operation_id = operation.id
        websocket = handler.websocket.ws  # type: ignore[attr-defined]
        self._raw: Send | None = websocket.scope.get(RAW_SEND)
        self._text = websocket.send_text
        self.wire = Wire.of(self._raw)

    def open(self) -> bool:
        return (
            not self.operation.completed and self.handler.operations.get(self.operation_id) is self.operation
        )

    def frame(self, text: str) -> bytes:
        return text_frame(text)

    def write(self, frame: bytes) -> bool:
        return self.wire is not None and self.wire.write(frame)

    async def send(self, text: str) -> None:
        if self._raw is None:
            await self._text(text)
        else:
            await self._raw({"type": "websocket.send", "text": text})


class GuardedHandler(BaseGraphQLTransportWSHandler[Any, Any]):
    async def handle(self) -> None:
        view: Any = self.view
        limits: SocketLimits = view.socket_limits
        sockets: Sockets = view.sockets
        self.connection_key = uuid.uuid4().hex
        self.ip = (getattr(self.context.request, "client", None) or ("unknown", 0))[0]
        self.user_counted: int | None = None
        self.present: int | None = None
        self.held = False
        if sockets.by_ip[self.ip] >= limits.per_ip:
            await self.websocket.close(code=TOO_MANY, reason="Too many connections from this address")
            return
        sockets.by_ip[self.ip] += 1
        try:
            await super().handle()
        finally:
            sockets.by_ip[self.ip] -= 1
            view.socket_watch.remove(self.connection_key)
            if self.user_counted is not None:
                sockets.by_user[self.user_counted] -= 1
            if self.present is not None:
                with contextlib.suppress(Exception):
                    await presence_of(view).leave(self.present, self.connection_key)
            if self.held:
                await view.evictions.release(self.connection_key)

    async def handle_connection_init(self, message: Any) -> None:
        await super().handle_connection_init(message)
        if not self.connection_acknowledged:
            return
        view: Any = self.view
        actor: Actor = self.context.actor
        if actor.user_id is not None:
            view.sockets.by_user[actor.user_id] += 1
            self.user_counted = actor.user_id
            headers = credential_headers(self.context.connection_params)
            if headers:
                watched = Watched(headers=headers, actor=actor, close=self._close_unauthorized)
                view.socket_watch.add(self.connection_key, watched)

    async def send_message(self, message: Any) -> None:
        """The player is online before the client hears the acknowledgement."""
        user_id = self.context.actor.user_id
        if message.get("type") == "connection_ack" and user_id is not None and self.present is None:
            try:
                await self._listen_for_eviction()
                open_ = await presence_of(self.view).enter(user_id, self.connection_key)
                self.present = user_id
                await self._evict_oldest(user_id, open_)
            except Exception:
                log.exception("could not mark a player online")
        await super().send_message(message)

    async def _listen_for_eviction(self) -> None:
        view: Any = self.view
        limit = view.socket_limits.per_user

        async def close() -> None:
            with contextlib.suppress(Exception):
                await self.websocket.close(
                    code=REPLACED, reason=f"Replaced by a newer connection (at most {limit} per player)"
                )

        self.held = True
        await view.evictions.hold(self.connection_key, close)

    async def _evict_oldest(self, user_id: int, open_: list[str]) -> None:
        view: Any = self.view
        extra = len(open_) - view.socket_limits.per_user
        oldest = [c for c in open_ if c != self.connection_key][: max(0, extra)]
        publisher = view.services.extras.get("pubsub")
        if oldest and publisher is not None:
            await publisher.publish(CHANNEL, eviction(oldest))

    async def run_operation(self, operation: Operation[Any, Any]) -> None:
        sink_var.set(OperationSink(self, operation))
        await super().run_operation(operation)

    async def handle_subscribe(self, message: SubscribeMessage) -> None:
        if self.connection_acknowledged:
            if not await self._credential_holds():
                await self._close_unauthorized()
                return
            refusal = await self._rate_limited()
            if refusal is not None:
                code = {"code": "RATE_LIMITED", "retryAfter": refusal[1]}
                error = GraphQLError(refusal[0], extensions=code)
                await self.send_message({"id": message["id"], "type": "error", "payload": [error.formatted]})
                return
        await super().handle_subscribe(message)

    async def _credential_holds(self) -> bool:
        view: Any = self.view
        actor: Actor = self.context.actor
        headers = credential_headers(self.context.connection_params)
        if not headers:
            return True
        try:
            now = await resolve_actor(view.services, headers, service_key=view.service_key)
        except Unauthenticated:
            return False
        except Exception:
            log.exception("could not check a socket's credential again")
            return False
        return same_actor(now, actor)

    async def _close_unauthorized(self) -> None:
        with contextlib.suppress(Exception):
            await self.websocket.close(code=UNAUTHORIZED, reason="The credential expired or was revoked")

    async def _rate_limited(self) -> tuple[str, int] | None:
        view: Any = self.view
        if view.limiter is None:
            return None
        wait = await view.limiter.hit(*bucket(self.context.actor, self.ip))
        if wait is None:
            item = parse(view.socket_limits.operations)
            if await view.limiter.limiter.hit(item, "ws", self.connection_key):
                return None
            stats = await view.limiter.limiter.get_window_stats(item, "ws", self.connection_key)
            wait = max(1.0, stats.reset_time - time.time())
        retry = math.ceil(wait)
        return f"Too many requests; retry in {retry} s.", retry
