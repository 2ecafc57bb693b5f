"""A player's oldest sockets beyond ``per_user`` are closed by whichever process holds them.

Each process listens on one channel, ``lucas:sockets``, while it holds a socket, and closes the
sockets an eviction names that it holds. Evictions are rare (a player opening one socket more), so
one subscription a process replaces one a socket: a task each, and a ``SUBSCRIBE`` the pub/sub
adapter makes one at a time, on the path of every connection.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable, Coroutine
from contextlib import AbstractAsyncContextManager
from typing import Any

log = logging.getLogger("lucas.websocket")

CHANNEL = "lucas:sockets"
EVICT = "socket.evict"

Close = Callable[[], Coroutine[Any, Any, None]]
Subscribe = Callable[[str], AbstractAsyncContextManager[AsyncIterator[dict[str, Any]]]]


def eviction(connections: list[str]) -> dict[str, Any]:
    return {"kind": EVICT, "connections": connections}


class Evictions:
    def __init__(self, subscribe: Subscribe) -> None:
        self._subscribe = subscribe
        self._held: dict[str, Close] = {}
        self._listening: tuple[asyncio.Task[None], asyncio.Event] | None = None
        self._closing: set[asyncio.Task[None]] = set()

    async def hold(self, key: str, close: Close) -> None:
        """Holds the socket ``key``; returns once an eviction of it reaches this process (at most
        5 s, as long as the subscription takes)."""
        self._held[key] = close
        if self._listening is None or self._listening[0].done():
            ready = asyncio.Event()
            self._listening = (asyncio.create_task(self._listen(ready)), ready)
        task, ready = self._listening
        if ready.is_set():
            return
        waiter = asyncio.ensure_future(ready.wait())
        try:
            await asyncio.wait({task, waiter}, timeout=5, return_when=asyncio.FIRST_COMPLETED)
        finally:
            waiter.cancel()

    async def release(self, key: str) -> None:
        """The socket closed; the last one a process held ends its subscription."""
        self._held.pop(key, None)
        if self._held or self._listening is None:
            return
        task, _ = self._listening
        self._listening = None
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await task

    async def _listen(self, ready: asyncio.Event) -> None:
        try:
            async with self._subscribe(CHANNEL) as messages:
                ready.set()
                async for message in messages:
                    if message.get("kind") == EVICT:
                        self._close(message.get("connections", ()))
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("the socket eviction listener stopped")

    def _close(self, keys: Any) -> None:
        for key in keys:
            close = self._held.pop(key, None)
            if close is not None:
                task = asyncio.create_task(close())
                self._closing.add(task)
                task.add_done_callback(self._closing.discard)
