"""Test data made through the use cases, not through GraphQL.

Each factory is a plain async function over a ``Database`` that runs the resolvers in one
transaction, so the rows are those the platform itself writes (transfers, events, notifications,
audit entries), on SQLite and PostgreSQL alike::

    alice = await factories.player(db, "alice", coins=100, secret=settings.secret_key)
    sword = await factories.item(db, price=30, stock=5)
    await factories.grant(db, alice, 50)
    await gql(QUERY, token=alice.token)

Value is minted by an admin grant (``resolvers.admin.grant``): by the admin given as ``by``, or else
by a ``seed_admin`` user made on first use. A player gets an access token when the factory is
given the secret that signs them (``settings.secret_key`` or ``services.token_policy.secret``).
Pass the app's clock when it is not the real time.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.engine import Database
from db.models import Item, User
from resolvers import admin as admin_use_cases
from resolvers import ledger, shop
from resolvers.accounts import auth, tokens
from resolvers.clock import Clock, SystemClock

SEED_ADMIN = "seed_admin"
CLOCK: Clock = SystemClock()
_names = itertools.count(1)


@dataclass(frozen=True, kw_only=True)
class Player:
    id: int
    username: str
    role: str = "user"
    token: str | None = None


UserRef = Player | int


def user_id(user: UserRef) -> int:
    return user.id if isinstance(user, Player) else int(user)


async def player(
    db: Database,
    username: str | None = None,
    *,
    coins: int = 0,
    currency: str = ledger.DEFAULT_CURRENCY,
    role: str = "user",
    password: str | None = None,
    secret: str | None = None,
    by: UserRef | None = None,
    clock: Clock = CLOCK,
) -> Player:
    """A user (``role`` "user", "moderator" or "admin") holding ``coins`` of ``currency``."""
    made = await players(
        db,
        username or f"player{next(_names)}",
        coins=coins,
        currency=currency,
        role=role,
        password=password,
        secret=secret,
        by=by,
        clock=clock,
    )
    return made[0]


async def admin(db: Database, username: str = "admin", **options: Any) -> Player:
    """A player whose role is admin."""
    return await player(db, username, role="admin", **options)


async def players(
    db: Database,
    *usernames: str,
    coins: int = 0,
    currency: str = ledger.DEFAULT_CURRENCY,
    role: str = "user",
    password: str | None = None,
    secret: str | None = None,
    by: UserRef | None = None,
    clock: Clock = CLOCK,
) -> list[Player]:
    """Several users in one transaction, each holding ``coins``."""
    out = []
    async with db.transaction() as session:
        for name in usernames:
            user = await auth.create_user(session, username=name, password=password, role=role, clock=clock)
            ident = int(user.id or 0)
            token = (
                tokens.issue_access_token(secret=secret, user_id=ident, now=clock.now(), minutes=15)
                if secret is not None
                else None
            )
            if coins:
                await _grant(session, ident, coins, currency=currency, by=by, key=None, clock=clock)
            out.append(Player(id=ident, username=user.username, role=role, token=token))
    return out


async def grant(
    db: Database,
    to: UserRef,
    amount: int,
    *,
    currency: str = ledger.DEFAULT_CURRENCY,
    by: UserRef | None = None,
    key: str | None = None,
    clock: Clock = CLOCK,
) -> int:
    """Mints ``amount`` to a player by an admin grant; the transfer's id."""
    async with db.transaction() as session:
        return await _grant(session, user_id(to), amount, currency=currency, by=by, key=key, clock=clock)


async def item(
    db: Database,
    *,
    name: str | None = None,
    price: int = 5,
    stock: int | None = None,
    currency: str = ledger.DEFAULT_CURRENCY,
    by: UserRef | None = None,
    clock: Clock = CLOCK,
    **fields: Any,
) -> Item:
    """A shop item (``fields``: per_user_limit, cooldown_seconds, tradeable, active, description)."""
    async with db.transaction() as session:
        actor = user_id(by) if by is not None else await _seed_admin(session, clock)
        return await shop.create_item(
            session,
            actor_id=actor,
            fields={
                "name": name or f"Item {next(_names)}",
                "price": price,
                "stock": stock,
                "currency": currency,
                **fields,
            },
            clock=clock,
        )


async def holding(
    db: Database, buyer: UserRef, bought: Item | int, quantity: int = 1, *, clock: Clock = CLOCK
) -> None:
    """The buyer buys ``quantity`` of an item (paying its price from their balance)."""
    async with db.transaction() as session:
        await shop.purchase(
            session,
            actor_id=user_id(buyer),
            item_id=bought.id if isinstance(bought, Item) else bought,
            quantity=quantity,
            idempotency_key=None,
            clock=clock,
        )


async def balance(db: Database, who: UserRef, asset: str = ledger.DEFAULT_CURRENCY) -> int:
    async with db.reader() as session:
        return (await ledger.balances_of(session, "user", user_id(who))).get(asset, 0)


async def _grant(
    session: AsyncSession,
    to: int,
    amount: int,
    *,
    currency: str,
    by: UserRef | None,
    key: str | None,
    clock: Clock,
) -> int:
    actor = user_id(by) if by is not None else await _seed_admin(session, clock)
    result = await admin_use_cases.grant(
        session,
        actor_id=actor,
        user_id=to,
        currency=currency,
        amount=amount,
        reason="test seed",
        idempotency_key=key,
        clock=clock,
    )
    return int(result.transfer.id or 0)


async def _seed_admin(session: AsyncSession, clock: Clock) -> int:
    found = (
        await session.execute(select(col(User.id)).where(col(User.username_lower) == SEED_ADMIN))
    ).scalar_one_or_none()
    if found is not None:
        return int(found)
    user = await auth.create_user(session, username=SEED_ADMIN, password=None, role="admin", clock=clock)
    return int(user.id or 0)
