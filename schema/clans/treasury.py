"""The clan treasury: members contribute COIN, the leader pays members."""

from __future__ import annotations

import strawberry

from resolvers.clans import treasury
from schema.clans.membership import ClanPayload, clan_payload
from schema.core.context import Info
from schema.core.mutations import mutate
from schema.core.permissions import CanWrite
from schema.core.scalars import Amount


@strawberry.input
class ClanContributeInput:
    amount: Amount  # type: ignore[valid-type]
    idempotency_key: str | None = None


@strawberry.input
class ClanTreasuryPayInput:
    user_id: strawberry.ID
    amount: Amount  # type: ignore[valid-type]
    idempotency_key: str | None = None


@strawberry.type
class ClanTreasuryMutation:
    @strawberry.mutation(permission_classes=[CanWrite], description="Give COIN to your clan's treasury.")
    async def clan_contribute(self, info: Info, input: ClanContributeInput) -> ClanPayload:
        ctx = info.context
        return await mutate(
            info,
            ClanPayload,
            lambda s: treasury.contribute(
                s,
                actor_id=ctx.actor.user_id or 0,
                amount=input.amount,
                idempotency_key=input.idempotency_key,
                clock=ctx.clock,
            ),
            clan_payload,
        )

    @strawberry.mutation(
        permission_classes=[CanWrite], description="The leader pays a member from the treasury."
    )
    async def clan_treasury_pay(self, info: Info, input: ClanTreasuryPayInput) -> ClanPayload:
        ctx = info.context
        return await mutate(
            info,
            ClanPayload,
            lambda s: treasury.pay(
                s,
                actor_id=ctx.actor.user_id or 0,
                user_id=input.user_id,
                amount=input.amount,
                idempotency_key=input.idempotency_key,
                clock=ctx.clock,
            ),
            clan_payload,
        )
