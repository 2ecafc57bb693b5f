"""The ledger: every movement of value is a double-entry transfer between accounts.

User and clan balances are kept on their account rows and debited with a conditional update, so
no balance can go below zero. System accounts (mint, burn, fees, escrow, per-source faucets) may go
negative and are hot; their balances are derived from the transfers instead of a contended row.
"""

from __future__ import annotations

import uuid
import weakref
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import (
    BigInteger,
    String,
    and_,
    bindparam,
    case,
    exists,
    func,
    insert,
    inspect,
    select,
    true,
    update,
)
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.dialect import insert_for, insert_in
from db.models import Account, Asset, Transfer, User
from resolvers.clock import Clock
from resolvers.errors import DomainError, ErrorCodes

ERRORS = ErrorCodes(
    "ledger",
    "AMOUNT_TOO_LARGE",
    "INSUFFICIENT_FUNDS",
    "INVALID_AMOUNT",
    "UNKNOWN_CURRENCY",
    "UNKNOWN_USER",
)

DEFAULT_CURRENCY = "COIN"
MAX_AMOUNT = 10**12
MINT = "mint"
BURN = "burn"
FEES = "fees"
ESCROW_PREFIX = "escrow:"
SOURCE_PREFIX = "source:"


def item_asset(item_id: int) -> str:
    return f"item:{item_id}"


def parse_amount(raw: Any, *, field: str = "amount", allow_zero: bool = False) -> int:
    """A whole, positive amount no larger than ``MAX_AMOUNT``; anything else is INVALID_AMOUNT."""
    if isinstance(raw, bool):
        raise DomainError("INVALID_AMOUNT", "Amount must be a whole number.", field)
    try:
        value = Decimal(str(raw).strip())
    except (InvalidOperation, ValueError):
        raise DomainError("INVALID_AMOUNT", "Amount must be a whole number.", field) from None
    if not value.is_finite() or value != value.to_integral_value():
        raise DomainError("INVALID_AMOUNT", "Amount must be a whole number.", field)
    if value < 0 or (value == 0 and not allow_zero):
        raise DomainError("INVALID_AMOUNT", "Amount must be greater than zero.", field)
    if value > MAX_AMOUNT:
        raise DomainError("AMOUNT_TOO_LARGE", f"Amount must be at most {MAX_AMOUNT}.", field)
    return int(value)


async def get_asset(session: AsyncSession, code: str) -> Asset | None:
    return await session.get(Asset, code)


_currencies: weakref.WeakKeyDictionary[Any, set[str]] = weakref.WeakKeyDictionary()


async def require_currency(session: AsyncSession, code: str, *, field: str = "currency") -> str:
    """A known currency's code. Assets are never deleted, so a code once found is remembered."""
    code = (code or "").strip().upper()
    bind = session.bind
    engine = getattr(bind, "sync_engine", bind)
    known = _currencies.setdefault(engine, set()) if engine is not None else set()
    if code in known:
        return code
    asset = await get_asset(session, code) if code else None
    if asset is None or asset.kind != "currency":
        raise DomainError("UNKNOWN_CURRENCY", f"Unknown currency {code!r}.", field)
    if inspect(asset).persistent and not inspect(asset).pending:
        known.add(code)
    return code


async def ensure_asset(session: AsyncSession, code: str, *, kind: str, name: str) -> None:
    stmt = insert_for(session, Asset).values(code=code, kind=kind, name=name).on_conflict_do_nothing()
    await session.execute(stmt)


# System account ids never change once created: cached per engine (only ids read back from the
# database, never one inserted by a transaction that might still roll back).
_system_ids: weakref.WeakKeyDictionary[Any, dict[tuple[str, str, str], int]] = weakref.WeakKeyDictionary()


def _cache(session: AsyncSession) -> dict[tuple[str, str, str], int] | None:
    bind = session.bind
    engine = getattr(bind, "sync_engine", bind)
    if engine is None:
        return None
    return _system_ids.setdefault(engine, {})


async def account_id(session: AsyncSession, owner_kind: str, owner_id: str | int, asset: str) -> int:
    """The account's id, created on first use (concurrent creators meet on the unique key)."""
    owner = str(owner_id)
    cache = _cache(session) if owner_kind == "system" else None
    if cache is not None and (owner_kind, owner, asset) in cache:
        return cache[(owner_kind, owner, asset)]
    query = select(col(Account.id)).where(
        col(Account.owner_kind) == owner_kind, col(Account.owner_id) == owner, col(Account.asset) == asset
    )
    found = (await session.execute(query)).scalar_one_or_none()
    if found is not None:
        if cache is not None:
            cache[(owner_kind, owner, asset)] = int(found)
        return int(found)
    stmt = insert_for(session, Account).values(owner_kind=owner_kind, owner_id=owner, asset=asset, balance=0)
    await session.execute(stmt.on_conflict_do_nothing())
    return int((await session.execute(query)).scalar_one())


_DEBIT = (
    update(Account)
    .where(
        col(Account.owner_kind) == bindparam("p_owner_kind"),
        col(Account.owner_id) == bindparam("p_owner_id"),
        col(Account.asset) == bindparam("p_asset"),
        col(Account.balance) >= bindparam("p_amount"),
    )
    .values(balance=col(Account.balance) - bindparam("p_amount"))
    .returning(col(Account.id))
)


def _credit_statement(dialect: str, *, for_user: bool) -> Any:
    source = select(
        bindparam("p_owner_kind", type_=String),
        bindparam("p_owner_id", type_=String),
        bindparam("p_asset", type_=String),
        bindparam("p_amount", type_=BigInteger),
    )
    source = source.where(exists().where(col(User.id) == bindparam("p_user_id")) if for_user else true())
    stmt = insert_in(dialect, Account).from_select(["owner_kind", "owner_id", "asset", "balance"], source)
    return stmt.on_conflict_do_update(
        index_elements=["owner_kind", "owner_id", "asset"],
        set_={"balance": col(Account.balance) + stmt.excluded.balance},
    ).returning(col(Account.id))


# Built once per dialect with bound parameters: building them per call was the payment's largest
# Python cost (tests/bench/profile_api.py).
_CREDIT = {
    (dialect, for_user): _credit_statement(dialect, for_user=for_user)
    for dialect in ("postgresql", "sqlite")
    for for_user in (True, False)
}


async def _debit(session: AsyncSession, key: tuple[str, str, str], amount: int) -> int | None:
    owner_kind, owner, asset = key
    connection = await session.connection()
    params = {"p_owner_kind": owner_kind, "p_owner_id": owner, "p_asset": asset, "p_amount": amount}
    found = (await connection.execute(_DEBIT, params)).scalar_one_or_none()
    return None if found is None else int(found)


async def _credit(session: AsyncSession, key: tuple[str, str, str], amount: int) -> int | None:
    """Adds to the account, creating it; None when it belongs to a user who does not exist."""
    owner_kind, owner, asset = key
    connection = await session.connection()
    dialect = "postgresql" if connection.dialect.name == "postgresql" else "sqlite"
    params: dict[str, Any] = {
        "p_owner_kind": owner_kind,
        "p_owner_id": owner,
        "p_asset": asset,
        "p_amount": amount,
    }
    if owner_kind == "user":
        params["p_user_id"] = int(owner) if owner.isdigit() else -1
    stmt = _CREDIT[(dialect, owner_kind == "user")]
    found = (await connection.execute(stmt, params)).scalar_one_or_none()
    return None if found is None else int(found)


_INSERT_TRANSFERS: Any = insert(Transfer.metadata.tables["transfers"]).returning(col(Transfer.id))


@dataclass(frozen=True, kw_only=True)
class Leg:
    """One transfer of an operation, between accounts named by owner."""

    debit: tuple[str, str | int]
    credit: tuple[str, str | int]
    asset: str
    amount: int
    kind: str
    ref: str | None = None
    memo: str | None = None


def new_operation_id() -> str:
    return uuid.uuid4().hex


async def post(
    session: AsyncSession,
    legs: list[Leg],
    *,
    clock: Clock,
    actor_id: int | None,
    operation: str | None = None,
    shortfall_field: str = "amount",
    unknown_field: str | None = None,
) -> list[Transfer]:
    """Apply the legs in one go: all or nothing (the caller's transaction rolls back on error).

    Player and clan balances change by one statement each, in account-key order, so concurrent
    operations touching the same accounts lock them in one order and cannot deadlock; a credit
    creates the account, and is refused (UNKNOWN_USER) when its user does not exist.
    """
    operation = operation or new_operation_id()
    deltas: dict[tuple[str, str, str], int] = {}
    for leg in legs:
        if leg.amount <= 0:
            raise ValueError(f"a leg moves a positive amount, not {leg.amount}")
        if (leg.debit[0], str(leg.debit[1])) == (leg.credit[0], str(leg.credit[1])):
            raise ValueError("a leg moves between two accounts")
        for (owner_kind, owner), sign in ((leg.debit, -1), (leg.credit, 1)):
            if owner_kind != "system":
                key = (owner_kind, str(owner), leg.asset)
                deltas[key] = deltas.get(key, 0) + sign * leg.amount

    # Balances change in key order, so concurrent operations lock shared accounts in one order.
    ids: dict[tuple[str, str, str], int] = {}
    short = unknown = False
    for key in sorted(deltas):
        delta = deltas[key]
        if delta < 0:
            found = await _debit(session, key, -delta)
            short = short or found is None
        elif delta > 0:
            found = await _credit(session, key, delta)
            unknown = unknown or found is None
        else:
            found = await account_id(session, *key)
        if found is not None:
            ids[key] = found
    # Every balance is tried before refusing (the transaction rolls back), so an unknown user is
    # reported as such whatever the payer's balance.
    if unknown:
        raise DomainError("UNKNOWN_USER", "No such user.", unknown_field)
    if short:
        raise DomainError("INSUFFICIENT_FUNDS", "Not enough funds for this operation.", shortfall_field)

    async def resolve(owner_kind: str, owner: str | int, asset: str) -> int:
        key = (owner_kind, str(owner), asset)
        if key not in ids:
            ids[key] = await account_id(session, *key)
        return ids[key]

    resolved = [
        (leg, await resolve(*leg.debit, leg.asset), await resolve(*leg.credit, leg.asset)) for leg in legs
    ]

    now = clock.now()
    rows = [
        Transfer(
            operation=operation,
            debit_account=debit,
            credit_account=credit,
            asset=leg.asset,
            amount=leg.amount,
            kind=leg.kind,
            ref=leg.ref,
            memo=leg.memo,
            actor_id=actor_id,
            created_at=now,
        )
        for leg, debit, credit in resolved
    ]
    values = [
        {c: getattr(row, c) for c in ("operation", "debit_account", "credit_account", "asset", "amount")}
        | {"kind": row.kind, "ref": row.ref, "memo": row.memo, "actor_id": row.actor_id, "created_at": now}
        for row in rows
    ]
    inserted = await (await session.connection()).execute(_INSERT_TRANSFERS, values)
    for row, ident in zip(rows, sorted(inserted.scalars().all()), strict=True):  # events.append_many
        row.id = int(ident)
    return rows


async def balances_of(session: AsyncSession, owner_kind: str, owner_id: str | int) -> dict[str, int]:
    rows = await session.execute(
        select(col(Account.asset), col(Account.balance)).where(
            col(Account.owner_kind) == owner_kind, col(Account.owner_id) == str(owner_id)
        )
    )
    return {asset: int(balance) for asset, balance in rows.all()}


async def conservation(session: AsyncSession) -> dict[str, int]:
    """Per asset, the sum of every balance (system ones derived from transfers): zero when sound."""
    stored = await session.execute(
        select(col(Account.asset), func.coalesce(func.sum(col(Account.balance)), 0))
        .where(col(Account.owner_kind) != "system")
        .group_by(col(Account.asset))
    )
    totals: dict[str, int] = {asset: int(total) for asset, total in stored.all()}
    for asset, net in (await system_balances(session)).items():
        totals[asset[0]] = totals.get(asset[0], 0) + net
    return totals


async def system_balances(session: AsyncSession) -> dict[tuple[str, str], int]:
    """(asset, system owner) → balance, derived from the transfers in and out of system accounts."""
    system = (
        select(col(Account.id), col(Account.owner_id), col(Account.asset))
        .where(col(Account.owner_kind) == "system")
        .subquery()
    )
    credit = (
        select(system.c.asset, system.c.owner_id, func.sum(col(Transfer.amount)).label("total"))
        .join(Transfer, col(Transfer.credit_account) == system.c.id)
        .group_by(system.c.asset, system.c.owner_id)
    )
    debit = (
        select(system.c.asset, system.c.owner_id, func.sum(col(Transfer.amount)).label("total"))
        .join(Transfer, col(Transfer.debit_account) == system.c.id)
        .group_by(system.c.asset, system.c.owner_id)
    )
    result: dict[tuple[str, str], int] = {}
    for asset, owner, total in (await session.execute(credit)).all():
        result[(asset, owner)] = result.get((asset, owner), 0) + int(total)
    for asset, owner, total in (await session.execute(debit)).all():
        result[(asset, owner)] = result.get((asset, owner), 0) - int(total)
    return result


async def reconcile(session: AsyncSession) -> list[int]:
    """Ids of user and clan accounts whose stored balance differs from their transfers' net."""
    net = func.coalesce(
        func.sum(
            case(
                (col(Transfer.credit_account) == col(Account.id), col(Transfer.amount)),
                else_=-col(Transfer.amount),
            )
        ),
        0,
    )
    query = (
        select(col(Account.id), col(Account.balance), net)
        .select_from(Account)
        .outerjoin(
            Transfer,
            and_(
                col(Transfer.asset) == col(Account.asset),
                (col(Transfer.credit_account) == col(Account.id))
                | (col(Transfer.debit_account) == col(Account.id)),
            ),
        )
        .where(col(Account.owner_kind) != "system")
        .group_by(col(Account.id), col(Account.balance))
    )
    return [
        int(acc) for acc, balance, total in (await session.execute(query)).all() if int(balance) != int(total)
    ]
