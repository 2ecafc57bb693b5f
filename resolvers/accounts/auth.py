"""Register, log in, refresh and log out.

Refresh tokens rotate: each use marks the token used and issues the next one in its family.
A used token presented again means it was stolen, so the whole family is revoked, unless it is
presented within ``REFRESH_GRACE`` of its first use: tabs of one browser refreshing at once all get
a valid pair (a new sibling in the family) instead of logging the user out.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select, update
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.models import RefreshToken, User
from resolvers import audit, retention
from resolvers.accounts import passwords, tokens
from resolvers.clock import Clock
from resolvers.errors import DomainError, ErrorCodes
from resolvers.linking.common import discarded
from resolvers.referrals import links as referral_links

ERRORS = ErrorCodes(
    "auth",
    "INVALID_CREDENTIALS",
    "INVALID_TOKEN",
    "INVALID_USERNAME",
    "USERNAME_TAKEN",
    "WEAK_PASSWORD",
    uses=(referral_links.REGISTER_ERRORS,),
)

USERNAME_RE = re.compile(r"^[A-Za-z0-9_]{3,32}$")
MIN_PASSWORD = 8
MAX_PASSWORD = 256
REFRESH_GRACE = timedelta(seconds=30)


@dataclass(frozen=True, kw_only=True)
class TokenPair:
    access_token: str
    refresh_token: str
    user: User


@dataclass(frozen=True, kw_only=True)
class TokenPolicy:
    secret: str
    access_minutes: int = 15
    refresh_days: int = 30


def check_username(username: str) -> str:
    username = (username or "").strip()
    if not USERNAME_RE.match(username):
        raise DomainError(
            "INVALID_USERNAME", "Username must be 3 to 32 letters, digits or underscores.", "username"
        )
    return username


def check_password(password: str) -> None:
    if len(password or "") < MIN_PASSWORD:
        raise DomainError(
            "WEAK_PASSWORD", f"Password must be at least {MIN_PASSWORD} characters.", "password"
        )
    if len(password) > MAX_PASSWORD:
        raise DomainError("WEAK_PASSWORD", f"Password must be at most {MAX_PASSWORD} characters.", "password")


async def find_user(session: AsyncSession, username: str) -> User | None:
    query = select(User).where(col(User.username_lower) == username.strip().lower())
    return (await session.execute(query)).scalar_one_or_none()


async def create_user(
    session: AsyncSession,
    *,
    username: str,
    password: str | None,
    role: str = "user",
    clock: Clock,
    language: str | None = None,
) -> User:
    username = check_username(username)
    if password is not None:
        check_password(password)
    if await find_user(session, username) is not None:
        raise DomainError("USERNAME_TAKEN", "This username is taken.", "username")
    hashed = await passwords.hash_password(password) if password is not None else None
    user = User(
        username=username,
        username_lower=username.lower(),
        password_hash=hashed,
        role=role,
        language=language,
        created_at=clock.now(),
    )
    session.add(user)
    await session.flush()
    return user


async def _issue(
    session: AsyncSession, user: User, *, policy: TokenPolicy, clock: Clock, family: str | None = None
) -> TokenPair:
    now = clock.now()
    token_id = uuid.uuid4().hex
    secret = tokens.new_secret(f"rt_{token_id}.")
    session.add(
        RefreshToken(
            id=token_id,
            family=family or uuid.uuid4().hex,
            user_id=user.id or 0,
            token_hash=tokens.digest(secret),
            created_at=now,
            expires_at=now + timedelta(days=policy.refresh_days),
        )
    )
    await session.flush()
    access = tokens.issue_access_token(
        secret=policy.secret, user_id=user.id or 0, now=now, minutes=policy.access_minutes
    )
    return TokenPair(access_token=access, refresh_token=secret, user=user)


async def register(
    session: AsyncSession,
    *,
    username: str,
    password: str,
    policy: TokenPolicy,
    clock: Clock,
    referral_code: str | None = None,
    client: str | None = None,
) -> TokenPair:
    user = await create_user(session, username=username, password=password, clock=clock)
    await referral_links.link_at_registration(
        session, user=user, code=referral_code, client=client, clock=clock
    )
    pair = await _issue(session, user, policy=policy, clock=clock)
    await audit.append(
        session, action="auth.register", clock=clock, actor_id=user.id, subject=f"user:{user.id}"
    )
    return pair


async def login(
    session: AsyncSession, *, username: str, password: str, policy: TokenPolicy, clock: Clock
) -> TokenPair:
    user = await find_user(session, username or "")
    if user is None or user.password_hash is None:
        await passwords.verify_password(password or "", passwords.DUMMY_HASH)
        raise DomainError("INVALID_CREDENTIALS", "Wrong username or password.", "password")
    if not await passwords.verify_password(password or "", user.password_hash):
        raise DomainError("INVALID_CREDENTIALS", "Wrong username or password.", "password")
    pair = await _issue(session, user, policy=policy, clock=clock)
    await audit.append(session, action="auth.login", clock=clock, actor_id=user.id, subject=f"user:{user.id}")
    return pair


def _token_id(refresh_token: str) -> str | None:
    if not refresh_token.startswith("rt_") or "." not in refresh_token:
        return None
    return refresh_token[3:].split(".", 1)[0]


async def _load_refresh(session: AsyncSession, refresh_token: str) -> RefreshToken:
    token_id = _token_id(refresh_token or "")
    row = await session.get(RefreshToken, token_id) if token_id else None
    if row is None or not tokens.same(row.token_hash, tokens.digest(refresh_token)):
        raise DomainError("INVALID_TOKEN", "This refresh token is not valid.", "refreshToken")
    return row


async def refresh(
    session: AsyncSession, *, refresh_token: str, policy: TokenPolicy, clock: Clock
) -> TokenPair:
    row = await _load_refresh(session, refresh_token)
    now = clock.now()
    if row.revoked_at is not None or row.expires_at <= now:
        raise DomainError("INVALID_TOKEN", "This refresh token has expired or was revoked.", "refreshToken")
    await _hold_account(session, row.user_id)
    claimed = await session.execute(
        update(RefreshToken)
        .where(col(RefreshToken.id) == row.id, col(RefreshToken.used_at).is_(None))
        .values(used_at=now)
        .returning(col(RefreshToken.id))
    )
    if claimed.scalar_one_or_none() is None:
        # read again: a concurrent refresh may have used it since this session loaded the row
        used_at, revoked_at = (
            await session.execute(
                select(col(RefreshToken.used_at), col(RefreshToken.revoked_at)).where(
                    col(RefreshToken.id) == row.id
                )
            )
        ).one()
        user = await session.get(User, row.user_id)
        if revoked_at is None and used_at is not None and now - used_at <= REFRESH_GRACE and user:
            return await _issue(session, user, policy=policy, clock=clock, family=row.family)
        await revoke_family(session, family=row.family, clock=clock)
        await audit.append(
            session,
            action="auth.refresh_reuse",
            clock=clock,
            actor_id=row.user_id,
            subject=f"user:{row.user_id}",
        )
        session.info["commit_despite_error"] = True
        raise DomainError(
            "INVALID_TOKEN", "This refresh token was already used; sign in again.", "refreshToken"
        )
    user = await session.get(User, row.user_id)
    if user is None:
        raise DomainError("INVALID_TOKEN", "This refresh token is not valid.", "refreshToken")
    return await _issue(session, user, policy=policy, clock=clock, family=row.family)


async def _hold_account(session: AsyncSession, user_id: int) -> None:
    """Holds the user row until commit, then refuses an account a link discarded (decision 017).

    Deactivation updates the user row before it revokes the refresh tokens, so it waits for this
    refresh and then revokes the token issued here too; a refresh that waited for a deactivation
    sees the link in the next statement (PostgreSQL, READ COMMITTED: a new snapshot). SQLite runs
    write transactions one at a time (BEGIN IMMEDIATE) and ignores the lock."""
    held = await session.execute(
        select(col(User.id)).where(col(User.id) == user_id).with_for_update(read=True)
    )
    if held.scalar_one_or_none() is None or (await session.execute(select(discarded(user_id)))).scalar():
        raise DomainError("INVALID_TOKEN", "This refresh token is not valid.", "refreshToken")


async def revoke_family(session: AsyncSession, *, family: str, clock: Clock) -> None:
    await session.execute(
        update(RefreshToken)
        .where(col(RefreshToken.family) == family, col(RefreshToken.revoked_at).is_(None))
        .values(revoked_at=clock.now())
    )


async def logout(session: AsyncSession, *, refresh_token: str, clock: Clock) -> None:
    row = await _load_refresh(session, refresh_token)
    await revoke_family(session, family=row.family, clock=clock)
    await audit.append(
        session, action="auth.logout", clock=clock, actor_id=row.user_id, subject=f"user:{row.user_id}"
    )


async def count_users(session: AsyncSession) -> int:
    return int((await session.execute(select(func.count()).select_from(User))).scalar_one())


@retention.rule("refresh_tokens", keep=timedelta(days=30), config_key="retention.refresh_tokens_expired")
async def _prune_expired(session: AsyncSession, cutoff: datetime) -> int:
    """Refresh tokens that expired before ``cutoff``."""
    result = await session.execute(delete(RefreshToken).where(col(RefreshToken.expires_at) < cutoff))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
