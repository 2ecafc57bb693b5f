"""With ``LUCAS_CLOCK=manual``, every request and WebSocket connection first reads the deployment's
clock offset, so a move made through any process holds for the next request on this one."""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send

from db.engine import Database
from resolvers.clock import MovableClock


class RefreshClock:
    def __init__(self, app: ASGIApp, *, clock: MovableClock, db: Database) -> None:
        self.app = app
        self.clock = clock
        self.db = db

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket"):
            await self.clock.refresh(self.db)
        await self.app(scope, receive, send)
