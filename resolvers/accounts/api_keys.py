"""API keys: created and revoked by their owner, stored as a SHA-256 digest, narrowed by scopes."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select, update
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.models import ApiKey, User
from resolvers import audit
from resolvers.accounts import tokens
from resolvers.clock import Clock
from resolvers.errors import DomainError, ErrorCodes

ERRORS = ErrorCodes("api_keys", "INVALID_NAME", "INVALID_SCOPE", "NOT_FOUND", "TOO_MANY_KEYS")

SCOPES = ("read", "write")
MAX_KEYS = 20


@dataclass(frozen=True, kw_only=True)
class NewKey:
    key: ApiKey
    secret: str


async def create(
    session: AsyncSession, *, user_id: int, name: str, scopes: list[str], clock: Clock
) -> NewKey:
    name = (name or "").strip()
    if not 1 <= len(name) <= 100:
        raise DomainError("INVALID_NAME", "Name must be 1 to 100 characters.", "name")
    unknown = sorted(set(scopes) - set(SCOPES))
    if unknown or not scopes:
        raise DomainError("INVALID_SCOPE", f"Scopes must be some of {', '.join(SCOPES)}.", "scopes")
    active = (
        await session.execute(
            select(col(ApiKey.id)).where(col(ApiKey.user_id) == user_id, col(ApiKey.revoked_at).is_(None))
        )
    ).all()
    if len(active) >= MAX_KEYS:
        raise DomainError("TOO_MANY_KEYS", f"At most {MAX_KEYS} active keys.", "name")
    secret = tokens.new_secret("lk_")
    key = ApiKey(
        user_id=user_id,
        name=name,
        prefix=secret[:10],
        key_hash=tokens.digest(secret),
        scopes=sorted(set(scopes)),
        created_at=clock.now(),
    )
    session.add(key)
    await session.flush()
    await audit.append(
        session, action="apikey.create", clock=clock, actor_id=user_id, subject=f"apikey:{key.id}"
    )
    return NewKey(key=key, secret=secret)


async def revoke(session: AsyncSession, *, user_id: int, key_id: int | None, clock: Clock) -> ApiKey:
    key = await session.get(ApiKey, key_id) if key_id is not None else None
    if key is None or key.user_id != user_id:
        raise DomainError("NOT_FOUND", "No such API key.", "id")
    if key.revoked_at is None:
        await session.execute(update(ApiKey).where(col(ApiKey.id) == key_id).values(revoked_at=clock.now()))
        await audit.append(
            session, action="apikey.revoke", clock=clock, actor_id=user_id, subject=f"apikey:{key_id}"
        )
        await session.refresh(key)
    return key


async def authenticate(session: AsyncSession, secret: str) -> tuple[ApiKey, User] | None:
    row = (
        await session.execute(select(ApiKey).where(col(ApiKey.key_hash) == tokens.digest(secret)))
    ).scalar_one_or_none()
    if row is None or row.revoked_at is not None:
        return None
    user = await session.get(User, row.user_id)
    return (row, user) if user is not None else None
