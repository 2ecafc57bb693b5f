"""The clan treasury: the ledger account ``clan:<id>`` (owner kind ``clan``, never below zero).
Members contribute COIN to it; the leader pays members out of it. Both are ledger transfers."""

from __future__ import annotations

from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from db.models.clans import Clan
from db.models.ledger import Transfer
from resolvers import events, ledger, movement, notifications
from resolvers.clans import membership
from resolvers.clock import Clock
from resolvers.errors import DomainError, ErrorCodes
from resolvers.movement import Audit, Effects

ERRORS = ErrorCodes("clan_treasury", uses=(membership.ERRORS, movement.ERRORS))
events.live("wallet", "clan.contributed", "clan.paid")


def account(clan_id: int) -> tuple[str, int]:
    return ("clan", clan_id)


async def balance(session: AsyncSession, clan_id: int) -> int:
    return (await ledger.balances_of(session, "clan", clan_id)).get(ledger.DEFAULT_CURRENCY, 0)


async def contribute(
    session: AsyncSession, *, actor_id: int, amount: Any, idempotency_key: str | None, clock: Clock
) -> Clan:
    me = await membership.require_member(session, actor_id)
    value = ledger.parse_amount(amount)
    cid = me.clan_id

    def effects(transfers: list[Transfer]) -> Effects:
        row = transfers[0]
        return Effects(
            result={"clan_id": cid},
            events=[
                events.Spec(
                    kind="clan.contributed",
                    actor_id=actor_id,
                    subject=membership.subject(cid),
                    audience=[actor_id],
                    payload={"clan_id": cid, "transfer_id": row.id, "amount": value},
                )
            ],
            audit=Audit(action="clan.contribute", subject=membership.subject(cid), data={"amount": value}),
        )

    moved = await movement.move(
        session,
        movement.Movement(
            operation="clan.contribute",
            actor_id=actor_id,
            idempotency_key=idempotency_key,
            params={"amount": value},
            legs=[
                ledger.Leg(
                    debit=("user", actor_id),
                    credit=account(cid),
                    asset=ledger.DEFAULT_CURRENCY,
                    amount=value,
                    kind="clan.contribution",
                )
            ],
        ),
        clock=clock,
        effects=effects,
    )
    return await membership.fresh(session, int(moved.result["clan_id"]))


async def pay(
    session: AsyncSession,
    *,
    actor_id: int,
    user_id: Any,
    amount: Any,
    idempotency_key: str | None,
    clock: Clock,
) -> Clan:
    """The leader pays a member from the treasury."""
    me = await membership.require_member(session, actor_id)
    if me.role != membership.LEADER:
        raise DomainError("NOT_ALLOWED", "Only the leader spends the treasury.", "userId")
    target = await membership.require_target(session, me, user_id)
    value = ledger.parse_amount(amount)
    cid = me.clan_id

    def effects(transfers: list[Transfer]) -> Effects:
        row = transfers[0]
        data = {"clan_id": cid, "transfer_id": row.id, "amount": value}
        return Effects(
            result={"clan_id": cid},
            events=[
                events.Spec(
                    kind="clan.paid",
                    actor_id=actor_id,
                    subject=membership.subject(cid),
                    audience=[actor_id, target.user_id],
                    payload=data | {"to": target.user_id},
                )
            ],
            notes=[
                notifications.Note(
                    user_id=target.user_id,
                    kind="clan.paid",
                    title=f"🏰 {value} COIN",
                    body="Your clan's leader paid you from the treasury.",
                    data=data,
                )
            ],
            audit=Audit(
                action="clan.pay",
                subject=membership.subject(cid),
                data={"to": target.user_id, "amount": value},
            ),
        )

    moved = await movement.move(
        session,
        movement.Movement(
            operation="clan.pay",
            actor_id=actor_id,
            idempotency_key=idempotency_key,
            params={"to": target.user_id, "amount": value},
            unknown_field="userId",
            legs=[
                ledger.Leg(
                    debit=account(cid),
                    credit=("user", target.user_id),
                    asset=ledger.DEFAULT_CURRENCY,
                    amount=value,
                    kind="clan.payment",
                )
            ],
        ),
        clock=clock,
        effects=effects,
    )
    return await membership.fresh(session, int(moved.result["clan_id"]))
