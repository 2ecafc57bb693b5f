"""Who is asking: a session token (JWT), an API key, or the Telegram bot's service key acting for
a Telegram user (created and linked on first contact)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

from sqlalchemy import bindparam, select
from sqlmodel import col

from db.models import User
from resolvers.accounts import api_keys, telegram, tokens
from resolvers.accounts.tokens import InvalidToken, read_access_token
from resolvers.actor import ANONYMOUS, Actor
from resolvers.ids import to_signed_id
from resolvers.linking.common import discarded
from schema.core.context import Services
from schema.core.mutations import in_transaction

TELEGRAM_USER_HEADER = "x-lucas-telegram-user-id"
# Built once: a reused statement skips construction and cache-key generation on every request.
# The user row and whether linking deactivated the account, in one statement (decision 017).
_USER = select(User, discarded(col(User.id))).where(col(User.id) == bindparam("id"))


K = TypeVar("K")
_USERS = select(col(User.id), col(User.username), col(User.role), discarded(col(User.id))).where(
    col(User.id).in_(bindparam("ids", expanding=True))
)


class Unauthenticated(Exception):
    pass


def bearer(value: str | None) -> str | None:
    if not value:
        return None
    scheme, _, token = value.strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthenticated("Authorization must be 'Bearer <token>'.")
    return token.strip()


async def resolve_actor(services: Services, headers: Mapping[str, str], *, service_key: str) -> Actor:
    token = bearer(headers.get("authorization"))
    if token is None:
        return ANONYMOUS
    if service_key and tokens.same(tokens.digest(token), tokens.digest(service_key)):
        return await _telegram_actor(services, headers)
    if token.startswith("lk_"):
        async with services.db.reader() as session:
            found = await api_keys.authenticate(session, token)
        if found is None:
            raise Unauthenticated("This API key is not valid.")
        key, user = found
        return Actor(
            user_id=user.id,
            username=user.username,
            role=user.role,
            api_key_id=key.id,
            scopes=frozenset(key.scopes),
        )
    try:
        user_id = read_access_token(token, secret=services.token_policy.secret, now=services.clock.now())
    except InvalidToken:
        raise Unauthenticated("The access token is invalid or has expired.") from None
    async with services.db.reader() as session:
        found = (await session.execute(_USER, {"id": user_id})).one_or_none()
    if found is None:
        raise Unauthenticated("The access token's user no longer exists.")
    row, deactivated = found
    if deactivated:
        raise Unauthenticated("This account was deactivated when it was linked with another.")
    return Actor(user_id=row.id, username=row.username, role=row.role, row=row)


async def reread_access_tokens(services: Services, tokens: Mapping[K, str]) -> dict[K, Actor | None]:
    """What ``resolve_actor`` answers now for many access tokens, in one statement: the actor, or
    None where it would refuse (invalid or expired token, user deleted or deactivated)."""
    now = services.clock.now()
    readers: dict[K, int] = {}
    for key, token in tokens.items():
        try:
            readers[key] = read_access_token(token, secret=services.token_policy.secret, now=now)
        except InvalidToken:
            continue
    found: dict[int, Actor] = {}
    if readers:
        async with services.db.reader() as session:
            rows = await session.execute(_USERS, {"ids": sorted(set(readers.values()))})
        found = {
            user_id: Actor(user_id=user_id, username=username, role=role)
            for user_id, username, role, deactivated in rows
            if not deactivated
        }
    return {key: found.get(readers[key]) if key in readers else None for key in tokens}


async def _telegram_actor(services: Services, headers: Mapping[str, str]) -> Actor:
    raw = headers.get(TELEGRAM_USER_HEADER)
    if raw is None:
        raise Unauthenticated("The service key acts only for a Telegram user (X-Lucas-Telegram-User-Id).")
    telegram_id = to_signed_id(raw)
    raw_chat = headers.get("x-lucas-telegram-chat-id")
    chat_id = to_signed_id(raw_chat) if raw_chat else None
    if telegram_id is None or (raw_chat and chat_id is None):
        raise Unauthenticated("Telegram ids must be integers in range.")
    username = (headers.get("x-lucas-telegram-username") or "")[:64] or None
    language = (headers.get("x-lucas-telegram-language") or "")[:8] or None

    async with services.db.reader() as session:
        user = await telegram.known_user(
            session, telegram_id=telegram_id, telegram_username=username, chat_id=chat_id
        )
    if user is None:
        user = await in_transaction(
            services,
            lambda s: telegram.user_for(
                s,
                telegram_id=telegram_id,
                telegram_username=username,
                language=language,
                chat_id=chat_id,
                clock=services.clock,
            ),
        )
    return Actor(
        user_id=user.id,
        username=user.username,
        role=user.role,
        via_telegram=True,
        api_key_id=None,
        scopes=frozenset({"read", "write"}),
    )
