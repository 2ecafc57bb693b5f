"""Paying another player, and reading one's own history."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from db.models import Transfer
from resolvers import events, idempotency, ledger, movement, notifications
from resolvers.clock import Clock
from resolvers.errors import DomainError, ErrorCodes
from resolvers.ids import to_id
from resolvers.movement import Audit, Effects

ERRORS = ErrorCodes(
    "wallet", "INVALID_MEMO", "SELF_TRANSFER", "UNKNOWN_USER", uses=(ledger.ERRORS, idempotency.ERRORS)
)
events.live("wallet", "wallet.transfer")

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
    moved = await movement.move(
        session,
        movement.Movement(
            operation="wallet.transfer",
            actor_id=actor_id,
            idempotency_key=idempotency_key,
            params={"to": target, "currency": code, "amount": value, "memo": memo},
            unknown_field="toUserId",
            legs=[
                ledger.Leg(
                    debit=("user", actor_id),
                    credit=("user", target),
                    asset=code,
                    amount=value,
                    kind="payment",
                    memo=memo,
                )
            ],
        ),
        clock=clock,
        effects=lambda rows: _transfer_effects(rows[0], actor_id, actor_name or "someone", target, memo),
    )
    if moved.replayed:
        previous = await session.get(Transfer, moved.result["transfer_id"])
        assert previous is not None
        return TransferResult(transfer=previous, replayed=True)
    return TransferResult(transfer=moved.transfers[0])


def _transfer_effects(
    row: Transfer, actor_id: int, actor_name: str, target: int, memo: str | None
) -> Effects:
    code, value = row.asset, row.amount
    return Effects(
        result={"transfer_id": row.id},
        events=[
            events.Spec(
                kind="wallet.transfer",
                actor_id=actor_id,
                subject=f"transfer:{row.id}",
                audience=[actor_id, target],
                payload={"transfer_id": row.id, "asset": code, "amount": value},
            )
        ],
        notes=[
            notifications.Note(
                user_id=target,
                kind="wallet.received",
                title=f"+{value} {code}",
                body=f"{actor_name} sent you {value} {code}" + (f": {memo}" if memo else ""),
                data={"transfer_id": row.id, "from_user_id": actor_id, "from_username": actor_name}
                | {"amount": value, "currency": code, "memo": memo},
            )
        ],
        audit=Audit(
            action="wallet.transfer",
            subject=f"transfer:{row.id}",
            data={"to": target, "asset": code, "amount": value},
        ),
    )
