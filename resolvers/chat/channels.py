"""Channel names as players use them, and the keys messages are stored under.

``global`` → ``global``; ``clan`` → ``clan:<the caller's clan id>``; ``dm:<userId>`` →
``dm:<low id>:<high id>`` (the same conversation for both players). Stored keys may also be given
as names (``clan:7``, ``dm:3:9``): moderators read any, players only their own.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import or_
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.models import User
from db.models.chat import ChatMessage
from resolvers.clans import membership
from resolvers.errors import DomainError, ErrorCodes
from resolvers.ids import to_id

ERRORS = ErrorCodes("chat_channels", "INVALID_CHANNEL", "NOT_IN_CLAN", "NO_ACCESS")
GLOBAL = "global"


@dataclass(frozen=True, kw_only=True)
class Channel:
    key: str
    name: str
    members: tuple[int, ...] = ()

    @property
    def other(self) -> int | None:
        """In a private channel, the viewer's partner (the first member that is not the viewer)."""
        return self.members[1] if len(self.members) == 2 else None


def dm_key(a: int, b: int) -> str:
    low, high = sorted((a, b))
    return f"dm:{low}:{high}"


async def resolve(session: AsyncSession, *, viewer_id: int, name: str, moderator: bool = False) -> Channel:
    raw = (name or "").strip().lower()
    if raw == GLOBAL:
        return Channel(key=GLOBAL, name=GLOBAL)
    if raw == "clan":
        member = await membership.membership(session, viewer_id)
        if member is None:
            raise DomainError("NOT_IN_CLAN", "You are not in a clan.", "channel")
        return Channel(key=f"clan:{member.clan_id}", name="clan")
    kind, _, rest = raw.partition(":")
    parts = rest.split(":")
    if kind == "clan" and len(parts) == 1 and (clan_id := to_id(parts[0])) is not None:
        member = await membership.membership(session, viewer_id)
        if not moderator and (member is None or member.clan_id != clan_id):
            raise DomainError("NOT_IN_CLAN", "You are not in this clan.", "channel")
        return Channel(key=f"clan:{clan_id}", name=raw)
    if kind == "dm" and len(parts) == 1 and (other := to_id(parts[0])) is not None:
        if other == viewer_id or await session.get(User, other) is None:
            raise DomainError("INVALID_CHANNEL", "No such player to talk to.", "channel")
        return Channel(key=dm_key(viewer_id, other), name=f"dm:{other}", members=(viewer_id, other))
    if kind == "dm" and len(parts) == 2:
        a, b = to_id(parts[0]), to_id(parts[1])
        if a is None or b is None or a == b:
            raise DomainError("INVALID_CHANNEL", "No such channel.", "channel")
        if not moderator and viewer_id not in (a, b):
            raise DomainError("NO_ACCESS", "This conversation is not yours.", "channel")
        first = viewer_id if viewer_id in (a, b) else min(a, b)
        return Channel(key=dm_key(a, b), name=raw, members=(first, b if first == a else a))
    raise DomainError("INVALID_CHANNEL", "Channels are global, clan and dm:<userId>.", "channel")


async def visible(session: AsyncSession, viewer_id: int) -> ColumnElement[bool]:
    """A condition on messages: the channels the viewer may read (global, their clan, their DMs)."""
    channel = col(ChatMessage.channel)
    member = await membership.membership(session, viewer_id)
    options = [
        channel == GLOBAL,
        channel.like(f"dm:{viewer_id}:%"),
        channel.like(f"dm:%:{viewer_id}"),
    ]
    if member is not None:
        options.append(channel == f"clan:{member.clan_id}")
    return or_(*options)


async def may_read(session: AsyncSession, *, viewer_id: int, key: str) -> bool:
    if key == GLOBAL:
        return True
    if key.startswith("clan:"):
        member = await membership.membership(session, viewer_id)
        return member is not None and key == f"clan:{member.clan_id}"
    return str(viewer_id) in key.split(":")[1:]
