"""Rechecks the credential of every open, authenticated socket of a process: one task for all of
them, every ``every`` seconds each, and at an access token's expiry.

Access tokens that are due are reread together, one statement for the batch; API keys and the
bot's service key (few sockets) each take ``resolve_actor``. A credential that no longer gives the
same actor (revoked, expired, user deleted or deactivated, role changed) closes its socket. A task
and a query per socket cost 1,000 idle sockets about 5 % of a core (decision 018); each socket's
first recheck comes at a random point of the period, so the batches stay small.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass

from resolvers.accounts.tokens import access_token_expiry
from resolvers.actor import Actor
from schema.core.context import Services
from server.auth import Unauthenticated, bearer, reread_access_tokens, resolve_actor

log = logging.getLogger("lucas.websocket")


def same_actor(a: Actor | None, b: Actor) -> bool:
    return a is not None and (a.user_id, a.role, a.api_key_id, a.scopes) == (
        b.user_id,
        b.role,
        b.api_key_id,
        b.scopes,
    )


@dataclass(eq=False, kw_only=True)
class Watched:
    headers: Mapping[str, str]
    actor: Actor
    close: Callable[[], Awaitable[None]]
    token: str | None = None  # an access token: reread in the batch
    due: float = 0.0


class SocketWatch:
    def __init__(
        self, services: Services, *, service_key: str, every: float, background: bool = True
    ) -> None:
        self.services = services
        self.background = background
        self.service_key = service_key
        self.every = every
        self._watched: dict[str, Watched] = {}
        self._task: asyncio.Task[None] | None = None

    def add(self, key: str, watched: Watched) -> None:
        try:
            token = bearer(watched.headers.get("authorization"))
        except Unauthenticated:
            token = None
        secret = self.services.token_policy.secret
        if token is not None and access_token_expiry(token, secret=secret) is not None:
            watched.token = token
        loop = asyncio.get_running_loop()
        watched.due = loop.time() + self._wait(watched, self.every * random.random())
        self._watched[key] = watched
        if self._task is None and self.background:
            self._task = asyncio.create_task(self._run())

    def remove(self, key: str) -> None:
        self._watched.pop(key, None)

    def _wait(self, watched: Watched, period: float) -> float:
        """Seconds until the socket's next recheck: ``period``, or just after its token expires."""
        if watched.token is None:
            return period
        expires = access_token_expiry(watched.token, secret=self.services.token_policy.secret)
        if expires is None:
            return 0.0
        left = (expires - self.services.clock.now()).total_seconds()
        return min(period, max(0.0, left) + 0.5)

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        tick = min(1.0, self.every / 10)
        while self._watched:
            await asyncio.sleep(tick)
            try:
                await self.recheck_due(loop.time())
            except Exception:
                log.exception("could not recheck the sockets' credentials")
        self._task = None

    async def recheck_due(self, now: float) -> int:
        """Rechecks the sockets due by loop time ``now``, closing those whose credential no longer
        holds; how many were rechecked."""
        due = [(key, w) for key, w in self._watched.items() if w.due <= now]
        if not due:
            return 0
        for _, watched in due:
            watched.due = now + self.every  # not rechecked twice while this batch waits
        tokens = {key: w.token for key, w in due if w.token is not None}
        try:
            actors = await reread_access_tokens(self.services, tokens)
        except Exception:
            log.exception("could not reread the sockets' access tokens")
            actors = dict.fromkeys(tokens)
        closing = []
        for key, watched in due:
            now_actor = actors[key] if watched.token is not None else await self._resolve(watched)
            if self._watched.get(key) is not watched:
                continue
            if same_actor(now_actor, watched.actor):
                watched.due = asyncio.get_running_loop().time() + self._wait(watched, self.every)
            else:
                del self._watched[key]
                closing.append(watched.close())
        await asyncio.gather(*closing, return_exceptions=True)
        return len(due)

    async def _resolve(self, watched: Watched) -> Actor | None:
        try:
            return await resolve_actor(self.services, watched.headers, service_key=self.service_key)
        except Unauthenticated:
            return None
        except Exception:
            log.exception("could not check a socket's credential again")
            return None
