from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import bindparam, select
from sqlmodel import col

from dataloaders.base import DatabaseLoader, by_keys
from db.models.chat import ChatMessage

_ONE = select(ChatMessage).where(col(ChatMessage.id) == bindparam("key"))
_MANY = select(ChatMessage).where(col(ChatMessage.id).in_(bindparam("keys", expanding=True)))


class ChatMessageByIdLoader(DatabaseLoader[int, ChatMessage | None]):
    async def fetch(self, session: Any, keys: Sequence[int]) -> dict[int, ChatMessage | None]:
        rows = await by_keys(session, _ONE, _MANY, keys)
        return {int(m.id): m for m in rows}
