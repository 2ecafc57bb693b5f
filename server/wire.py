"""Live frames written straight to a WebSocket's transport.

A live group sends one message's frame to each member: 1,000 sockets for a chat message. Through
ASGI each frame went through uvicorn's ``send`` (an awaited event, the websockets library's framing,
a join of its output) at about 35 µs a socket. The frame is the same bytes for every member with
the same operation id, so it is serialized once and written with ``transport.write``, whose system
call (about 17 µs on loopback) is then most of the cost.

Only for uvicorn's ``websockets-sansio`` protocol (what ``lucas serve`` runs) with no extension
negotiated (``serve`` offers no permessage-deflate), and only while the connection is open and its
transport is not paused by flow control. Otherwise ``write`` says no and the caller sends through
ASGI as before. The websockets library keeps no state about frames it sends whole, and uvicorn
writes each of its own frames with one ``transport.write``, so frames never interleave.
"""

from __future__ import annotations

from typing import Any

from uvicorn.protocols.websockets.websockets_sansio_impl import WebSocketsSansIOProtocol
from websockets.frames import OP_TEXT, Frame
from websockets.protocol import OPEN


def text_frame(text: str) -> bytes:
    """A whole, unmasked text frame (a server's)."""
    return Frame(OP_TEXT, text.encode()).serialize(mask=False, extensions=[])


class Wire:
    __slots__ = ("protocol",)

    def __init__(self, protocol: WebSocketsSansIOProtocol) -> None:
        self.protocol = protocol

    @staticmethod
    def of(send: Any) -> Wire | None:
        """The wire under an ASGI ``send`` that is uvicorn's own, if frames may go straight to it."""
        protocol = getattr(send, "__self__", None)
        if isinstance(protocol, WebSocketsSansIOProtocol) and not protocol.conn.extensions:
            return Wire(protocol)
        return None

    def write(self, frame: bytes) -> bool:
        p = self.protocol
        if (
            p.close_sent
            or p.disconnected
            or not p.writable.is_set()
            or p.conn.state is not OPEN
            or p.transport.is_closing()
        ):
            return False
        p.transport.write(frame)
        return True
