"""A minimal graphql-transport-ws subscriber for the fan-out benchmark: an asyncio protocol that
does the WebSocket handshake, sends masked text frames and reads the server's frames itself.

1,000 subscribers in one Python process share the machine's two cores with the servers; with the
``websockets`` library each frame costs the client tens of microseconds of parsing, which is in
every delivery time the benchmark reports. Real subscribers are 1,000 separate browsers. This
client reads a frame in a few microseconds. While the server spent about 50 µs a socket it made
no difference; once the server wrote frames straight to its sockets (about 20 µs a socket), the
library's client became the slower side: 49.7 / 70.8 ms (p50 / p95, one process) against this
client's 41.8 / 52.6 ms in the same minutes (decision 018). This client is the default;
``--fanout-client websockets`` measures with the library's.
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

PROTOCOL = "graphql-transport-ws"


def _frame(opcode: int, payload: bytes) -> bytes:
    mask = os.urandom(4)
    n = len(payload)
    if n < 126:
        head = bytes([0x80 | opcode, 0x80 | n])
    elif n < 1 << 16:
        head = bytes([0x80 | opcode, 0x80 | 126]) + n.to_bytes(2, "big")
    else:
        head = bytes([0x80 | opcode, 0x80 | 127]) + n.to_bytes(8, "big")
    return head + mask + bytes(b ^ mask[i & 3] for i, b in enumerate(payload))


class RawSubscriber(asyncio.Protocol):
    def __init__(self, on_text: Callable[[str], None]) -> None:
        self.on_text = on_text
        self.buffer = bytearray()
        self.transport: asyncio.Transport | None = None
        loop = asyncio.get_running_loop()
        self.upgraded: asyncio.Future[None] = loop.create_future()
        self.closed: asyncio.Future[str] = loop.create_future()
        self.texts: asyncio.Queue[str] | None = asyncio.Queue()  # until subscribed

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]  # uvloop's is no asyncio.Transport subclass

    def connection_lost(self, exc: Exception | None) -> None:
        if not self.closed.done():
            self.closed.set_result(f"connection lost: {exc}")
        if not self.upgraded.done():
            self.upgraded.set_exception(ConnectionError("closed during the handshake"))

    def send_text(self, text: str) -> None:
        assert self.transport is not None
        self.transport.write(_frame(0x1, text.encode()))

    def data_received(self, data: bytes) -> None:
        buffer = self.buffer
        buffer += data
        if not self.upgraded.done():
            end = buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            head = bytes(buffer[:end])
            del buffer[: end + 4]
            if not head.startswith(b"HTTP/1.1 101"):
                self.upgraded.set_exception(ConnectionError(head.decode(errors="replace")[:200]))
                return
            self.upgraded.set_result(None)
        while len(buffer) >= 2:
            n, offset = buffer[1] & 0x7F, 2
            if n == 126:
                if len(buffer) < 4:
                    return
                n, offset = int.from_bytes(buffer[2:4], "big"), 4
            elif n == 127:
                if len(buffer) < 10:
                    return
                n, offset = int.from_bytes(buffer[2:10], "big"), 10
            if len(buffer) < offset + n:
                return
            opcode = buffer[0] & 0x0F
            payload = bytes(buffer[offset : offset + n])
            del buffer[: offset + n]
            if opcode == 0x1:
                self._text(payload.decode())
            elif opcode == 0x9 and self.transport is not None:
                self.transport.write(_frame(0xA, payload))
            elif opcode == 0x8 and not self.closed.done():
                code = int.from_bytes(payload[:2], "big") if len(payload) >= 2 else 1005
                self.closed.set_result(f"closed {code} {payload[2:].decode(errors='replace')}")

    def _text(self, text: str) -> None:
        if text.startswith('{"type":"ping"'):
            self.send_text('{"type":"pong"}')
        elif self.texts is not None:
            self.texts.put_nowait(text)
        else:
            self.on_text(text)


async def subscribe_raw(url: str, token: str, query: str, on_text: Callable[[str], None]) -> RawSubscriber:
    """Connects, initialises with ``token`` and subscribes with ``query``; returns once subscribed.
    Frames then go to ``on_text``."""
    parts = urlsplit(url)
    loop = asyncio.get_running_loop()
    _, protocol = await loop.create_connection(
        lambda: RawSubscriber(on_text), parts.hostname, parts.port or 80
    )
    key = base64.b64encode(os.urandom(16)).decode()
    request = (
        f"GET {parts.path or '/'} HTTP/1.1\r\nHost: {parts.netloc}\r\nUpgrade: websocket\r\n"
        f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n"
        f"Sec-WebSocket-Protocol: {PROTOCOL}\r\n\r\n"
    )
    assert protocol.transport is not None
    protocol.transport.write(request.encode())
    await asyncio.wait_for(protocol.upgraded, 120)
    init: dict[str, Any] = {"type": "connection_init", "payload": {"authorization": f"Bearer {token}"}}
    protocol.send_text(json.dumps(init))
    assert protocol.texts is not None
    ack = json.loads(await asyncio.wait_for(protocol.texts.get(), 120))
    if ack.get("type") != "connection_ack":
        raise RuntimeError(f"no acknowledgement: {ack}")
    protocol.send_text(json.dumps({"id": "1", "type": "subscribe", "payload": {"query": query}}))
    pending, protocol.texts = protocol.texts, None
    while not pending.empty():
        on_text(pending.get_nowait())
    return protocol
