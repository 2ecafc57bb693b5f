"""Referrals: a player's code, the players who joined with it, the referrer, and held referrals."""

from __future__ import annotations

from datetime import datetime
from enum import Enum

import strawberry

from dataloaders.accounts import UserByIdLoader
from db.models.referrals import Referral as ReferralRow
from resolvers.referrals import common, links, rewards
from schema.accounts import PublicUser
from schema.core.connections import Connection, check_first, decode_cursor, page
from schema.core.context import Context, Info
from schema.core.errors import error_codes
from schema.core.mutations import in_transaction, mutate
from schema.core.permissions import CanWrite, IsAuthenticated, IsModerator
from schema.core.scalars import Amount

ReferralErrorCode = error_codes("Referral", links.ERRORS, rewards.ERRORS)
MAX_LIST = 200


@strawberry.type
class ReferralError:
    code: Enum = strawberry.field(graphql_type=ReferralErrorCode)
    field: str | None
    message: str


@strawberry.enum
class ReferralStatus(Enum):
    PENDING = "pending"
    QUALIFIED = "qualified"
    HELD = "held"
    REJECTED = "rejected"


@strawberry.enum
class ReferralHoldReason(Enum):
    SAME_CLIENT = "same_client"
    VALUE_BACK = "value_back"


@strawberry.type
class ReferralCode:
    code: str = strawberry.field(description="8 characters, no 0/O or 1/I/L.")
    created_at: datetime


@strawberry.type
class Referral:
    row: strawberry.Private[ReferralRow]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(str(self.row.id))

    @strawberry.field(description="The player who joined with the code.")
    async def user(self, info: Info) -> PublicUser | None:
        return await _user(info, self.row.referred_id)

    @strawberry.field(description="The player whose code it was.")
    async def referrer(self, info: Info) -> PublicUser | None:
        return await _user(info, self.row.referrer_id)

    @strawberry.field
    def status(self) -> ReferralStatus:
        return ReferralStatus(self.row.status)

    @strawberry.field(description="Why it waits for a moderator (or waited), if it was held.")
    def hold_reason(self) -> ReferralHoldReason | None:
        return ReferralHoldReason(self.row.hold_reason) if self.row.hold_reason else None

    @strawberry.field(description="The referrer's reward, once qualified.")
    def reward(self) -> Amount:  # type: ignore[valid-type]
        return self.row.reward

    @strawberry.field
    def review_reason(self) -> str | None:
        return self.row.review_reason

    @strawberry.field
    def created_at(self) -> datetime:
        return self.row.created_at

    @strawberry.field
    def qualified_at(self) -> datetime | None:
        return self.row.qualified_at


async def _user(info: Info, user_id: int) -> PublicUser | None:
    row = await info.context.loaders.get(UserByIdLoader).load(user_id)
    return PublicUser(id=strawberry.ID(str(row.id)), username=row.username) if row is not None else None


@strawberry.type
class ReferralConnection(Connection[Referral]):
    pass


@strawberry.type
class ReferralMilestone:
    count: int = strawberry.field(description="Qualified referrals needed.")
    bonus: Amount  # type: ignore[valid-type]
    reached: bool


@strawberry.type
class ReferralStats:
    pending: int
    qualified: int
    held: int
    rejected: int
    earned: Amount = strawberry.field(description="COIN earned from referrals and milestones.")  # type: ignore[valid-type]
    reward: Amount = strawberry.field(description="COIN per qualified referral.")  # type: ignore[valid-type]
    qualifying_level: int
    milestones: list[ReferralMilestone]


@strawberry.input
class ReferralApplyInput:
    code: str


@strawberry.input
class ReferralReviewInput:
    referral_id: strawberry.ID
    approve: bool
    reason: str | None = None


@strawberry.type
class ReferralPayload:
    referral: Referral | None = None
    errors: list[ReferralError] = strawberry.field(default_factory=list)


def client_of(ctx: Context) -> str | None:
    """The network pattern of a web request; None through the bot (all its requests share one)."""
    if ctx.actor.via_telegram:
        return None
    return common.request_pattern(ctx.request, ctx.services.token_policy.secret)


@strawberry.type
class ReferralsQuery:
    @strawberry.field(
        permission_classes=[IsAuthenticated], description="Your referral code (made on first read)."
    )
    async def my_referral_code(self, info: Info) -> ReferralCode:
        ctx = info.context
        row = await in_transaction(
            ctx,
            lambda s: links.seen(s, user_id=ctx.actor.user_id or 0, client=client_of(ctx), clock=ctx.clock),
        )
        return ReferralCode(code=row.code, created_at=row.created_at)

    @strawberry.field(
        permission_classes=[IsAuthenticated],
        description="The players who joined with your code, newest first.",
    )
    async def my_referrals(self, info: Info, first: int = 100) -> list[Referral]:
        limit = max(1, min(first, MAX_LIST))
        async with info.context.db.reader() as session:
            rows = await links.of_referrer(session, user_id=info.context.actor.user_id or 0, limit=limit)
        return [Referral(row=r) for r in rows]

    @strawberry.field(permission_classes=[IsAuthenticated], description="Who referred you, if anyone.")
    async def my_referrer(self, info: Info) -> Referral | None:
        async with info.context.db.reader() as session:
            row = await links.referral_of(session, user_id=info.context.actor.user_id or 0)
        return Referral(row=row) if row is not None else None

    @strawberry.field(
        permission_classes=[IsAuthenticated], description="Your referrals by status, earnings, milestones."
    )
    async def my_referral_stats(self, info: Info) -> ReferralStats:
        async with info.context.db.reader() as session:
            found = await rewards.stats(session, user_id=info.context.actor.user_id or 0)
        return ReferralStats(
            pending=found.pending,
            qualified=found.qualified,
            held=found.held,
            rejected=found.rejected,
            earned=found.earned,
            reward=found.reward,
            qualifying_level=common.QUALIFYING_LEVEL,
            milestones=[
                ReferralMilestone(count=m.count, bonus=m.bonus, reached=m.reached) for m in found.milestones
            ],
        )

    @strawberry.field(
        permission_classes=[IsModerator], description="Referrals held for review, oldest first."
    )
    async def referrals_held(
        self, info: Info, first: int = 20, after: str | None = None
    ) -> ReferralConnection:
        limit = check_first(first)
        since = decode_cursor("referral", after)
        async with info.context.db.reader() as session:
            rows = await links.held(session, after=since, limit=limit)
        return page(ReferralConnection, rows, kind="referral", limit=limit, node=lambda r: Referral(row=r))


@strawberry.type
class ReferralsMutation:
    @strawberry.mutation(
        permission_classes=[CanWrite],
        description="Join with a referral code: only in a new account's first 24 hours, once.",
    )
    async def referral_apply(self, info: Info, input: ReferralApplyInput) -> ReferralPayload:
        ctx = info.context
        return await mutate(
            info,
            ReferralPayload,
            lambda s: links.apply(
                s, actor_id=ctx.actor.user_id or 0, code=input.code, client=client_of(ctx), clock=ctx.clock
            ),
            lambda row: ReferralPayload(referral=Referral(row=row)),
        )

    @strawberry.mutation(
        permission_classes=[IsModerator],
        description="Approve (pending again, or paid if the level was reached) or reject a held referral.",
    )
    async def referral_review(self, info: Info, input: ReferralReviewInput) -> ReferralPayload:
        ctx = info.context
        return await mutate(
            info,
            ReferralPayload,
            lambda s: rewards.review(
                s,
                actor_id=ctx.actor.user_id or 0,
                referral_id=input.referral_id,
                approve=input.approve,
                reason=input.reason,
                clock=ctx.clock,
            ),
            lambda row: ReferralPayload(referral=Referral(row=row)),
        )


ROOTS = (ReferralsQuery, ReferralsMutation)
