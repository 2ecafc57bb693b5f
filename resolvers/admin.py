"""Admin economy actions: minting currency to a player, and the supply view."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.models import Account, Asset, Item, Transfer
from resolvers import events, idempotency, ledger, movement, notifications
from resolvers.clock import Clock
from resolvers.errors import DomainError, ErrorCodes
from resolvers.movement import Audit, Effects
from resolvers.wallet import TransferResult, parse_user_id

ERRORS = ErrorCodes("admin", "INVALID_REASON", "UNKNOWN_USER", uses=(ledger.ERRORS, idempotency.ERRORS))
events.live("wallet", "wallet.grant")


async def grant(
    session: AsyncSession,
    *,
    actor_id: int,
    user_id: Any,
    currency: str,
    amount: Any,
    reason: str,
    idempotency_key: str | None,
    clock: Clock,
) -> TransferResult:
    value = ledger.parse_amount(amount)
    target = parse_user_id(user_id, "userId")
    code = await ledger.require_currency(session, currency)
    reason = (reason or "").strip()
    if not 1 <= len(reason) <= 280:
        raise DomainError("INVALID_REASON", "Give a reason of 1 to 280 characters.", "reason")
    moved = await movement.move(
        session,
        movement.Movement(
            operation="admin.grant",
            actor_id=actor_id,
            idempotency_key=idempotency_key,
            params={"user": target, "currency": code, "amount": value, "reason": reason},
            unknown_field="userId",
            legs=[
                ledger.Leg(
                    debit=("system", ledger.MINT),
                    credit=("user", target),
                    asset=code,
                    amount=value,
                    kind="grant",
                    memo=reason,
                )
            ],
        ),
        clock=clock,
        effects=lambda rows: _grant_effects(rows[0], actor_id, target, reason),
    )
    if moved.replayed:
        previous = await session.get(Transfer, moved.result["transfer_id"])
        assert previous is not None
        return TransferResult(transfer=previous, replayed=True)
    return TransferResult(transfer=moved.transfers[0])


def _grant_effects(row: Transfer, actor_id: int, target: int, reason: str) -> Effects:
    code, value = row.asset, row.amount
    return Effects(
        result={"transfer_id": row.id},
        events=[
            events.Spec(
                kind="wallet.grant",
                actor_id=actor_id,
                subject=f"transfer:{row.id}",
                audience=[target],
                payload={"transfer_id": row.id, "asset": code, "amount": value},
            )
        ],
        notes=[
            notifications.Note(
                user_id=target,
                kind="wallet.granted",
                title=f"+{value} {code}",
                body=reason,
                data={"transfer_id": row.id, "amount": value, "currency": code, "reason": reason},
            )
        ],
        audit=Audit(
            action="admin.grant",
            subject=f"user:{target}",
            data={"asset": code, "amount": value, "reason": reason, "transfer_id": row.id},
        ),
    )


@dataclass(frozen=True, kw_only=True)
class Supply:
    asset: str
    minted: int
    burned: int
    held: int
    fees: int
    escrow: int
    other: int
    balanced: bool


FAUCETS: set[str] = set()


def faucet(owner: str) -> str:
    """Declares a system owner that pays value out (the bank's ``interest``): counted as minted."""
    FAUCETS.add(owner)
    return owner


def _bucket(owner: str) -> str:
    if owner == ledger.MINT or owner.startswith(ledger.SOURCE_PREFIX) or owner in FAUCETS:
        return "minted"
    if owner == ledger.BURN:
        return "burned"
    if owner == ledger.FEES:
        return "fees"
    if owner.startswith(ledger.ESCROW_PREFIX):
        return "escrow"
    return "other"


async def supply(session: AsyncSession) -> list[Supply]:
    """Per asset: minted (out of faucets), burned, held by players, fees, escrow; sum zero when sound."""
    assets = [a for (a,) in (await session.execute(select(col(Asset.code)).order_by(col(Asset.code)))).all()]
    held: dict[str, int] = dict.fromkeys(assets, 0)
    for asset, balance in (
        await session.execute(
            select(col(Account.asset), col(Account.balance)).where(col(Account.owner_kind) != "system")
        )
    ).all():
        held[asset] = held.get(asset, 0) + int(balance)
    buckets: dict[str, dict[str, int]] = {}
    for (asset, owner), balance in (await ledger.system_balances(session)).items():
        slot = buckets.setdefault(asset, {})
        key = _bucket(owner)
        slot[key] = slot.get(key, 0) + balance
    out = []
    for asset in sorted(held):
        b = buckets.get(asset, {})
        minted, burned = -b.get("minted", 0), b.get("burned", 0)
        fees, escrow, other = b.get("fees", 0), b.get("escrow", 0), b.get("other", 0)
        total = held[asset] + burned + fees + escrow + other - minted
        out.append(
            Supply(
                asset=asset,
                minted=minted,
                burned=burned,
                held=held[asset],
                fees=fees,
                escrow=escrow,
                other=other,
                balanced=total == 0,
            )
        )
    return out


async def asset_names(session: AsyncSession) -> dict[str, str]:
    """Asset code → name; an item's name is read from the item (it may have been renamed)."""
    names = {a.code: a.name for a in (await session.execute(select(Asset))).scalars().all()}
    items = (await session.execute(select(col(Item.id), col(Item.name)))).all()
    names.update({f"item:{ident}": name for ident, name in items})
    return names
