"""Paying another player, and reading one's own history."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from db.models import Transfer, User
from resolvers import audit, events, idempotency, ledger, notifications
from resolvers.clock import Clock
from resolvers.errors import DomainError, ErrorCodes
from resolvers.ids import to_id

ERRORS = ErrorCodes(
    "wallet", "INVALID_MEMO", "SELF_TRANSFER", "UNKNOWN_USER", uses=(ledger.ERRORS, idempotency.ERRORS)
)

MAX_MEMO = 280


@dataclass(frozen=True, kw_only=True)
class TransferResult:
    transfer: Transfer
    replayed: bool = False


def parse_user_id(raw: Any, field: str) -> int:
    value = to_id(raw)
    if value is None:
        raise DomainError("UNKNOWN_USER", "No such user.", field)
    return value


async def transfer(
    session: AsyncSession,
    *,
    actor_id: int,
    to_user_id: Any,
    currency: str,
    amount: Any,
    idempotency_key: str | None,
    memo: str | None,
    clock: Clock,
    actor_name: str | None = None,
) -> TransferResult:
    value = ledger.parse_amount(amount)
    target = parse_user_id(to_user_id, "toUserId")
    code = await ledger.require_currency(session, currency)
    memo = (memo or "").strip() or None
    if memo is not None and len(memo) > MAX_MEMO:
        raise DomainError("INVALID_MEMO", f"Memo must be at most {MAX_MEMO} characters.", "memo")
    if target == actor_id:
        raise DomainError("SELF_TRANSFER", "You cannot pay yourself.", "toUserId")
    recipient = await session.get(User, target)
    if recipient is None:
        raise DomainError("UNKNOWN_USER", "No such user.", "toUserId")
    params = {"to": target, "currency": code, "amount": value, "memo": memo}
    replay = await idempotency.claim(
        session,
        actor_key=f"user:{actor_id}",
        key=idempotency_key,
        operation="wallet.transfer",
        params=params,
        clock=clock,
    )
    if replay is not None:
        previous = await session.get(Transfer, replay["transfer_id"])
        assert previous is not None
        return TransferResult(transfer=previous, replayed=True)
    if actor_name is None:
        sender = await session.get(User, actor_id)
        actor_name = sender.username if sender is not None else "someone"
    (row,) = await ledger.post(
        session,
        [
            ledger.Leg(
                debit=("user", actor_id),
                credit=("user", target),
                asset=code,
                amount=value,
                kind="payment",
                memo=memo,
            )
        ],
        clock=clock,
        actor_id=actor_id,
    )
    await idempotency.record(session, {"transfer_id": row.id})
    await events.append(
        session,
        kind="wallet.transfer",
        clock=clock,
        actor_id=actor_id,
        subject=f"transfer:{row.id}",
        audience=[actor_id, target],
        payload={"transfer_id": row.id, "asset": code, "amount": value},
    )
    await notifications.notify(
        session,
        user_id=target,
        kind="wallet.received",
        clock=clock,
        title=f"+{value} {code}",
        body=f"{actor_name} sent you {value} {code}" + (f": {memo}" if memo else ""),
        data={"transfer_id": row.id, "from_user_id": actor_id, "amount": value, "currency": code},
    )
    await audit.append(
        session,
        action="wallet.transfer",
        clock=clock,
        actor_id=actor_id,
        subject=f"transfer:{row.id}",
        data={"to": target, "asset": code, "amount": value},
    )
    return TransferResult(transfer=row)
