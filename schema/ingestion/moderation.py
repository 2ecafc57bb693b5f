"""What moderators use: the queue of unsure messages and of contested nicknames, and decisions."""

from __future__ import annotations

import strawberry

from resolvers.errors import DomainError
from resolvers.ids import to_id
from resolvers.ingestion import nicknames, queries, review
from schema.core.connections import check_first, decode_cursor, page
from schema.core.context import Info
from schema.core.mutations import mutate
from schema.core.permissions import IsModerator
from schema.ingestion.types import (
    GameAmountInput,
    Ingestion,
    IngestionConnection,
    IngestionError,
    IngestionKind,
    IngestionReviewDecision,
    NicknameClaimConnection,
    NicknameClaimDecision,
    NicknameClaimNode,
)


def _id(raw: strawberry.ID) -> int:
    value = to_id(raw)
    if value is None:
        raise DomainError("NOT_FOUND", "No such id.", "id")
    return value


@strawberry.input
class IngestionReviewInput:
    id: strawberry.ID
    decision: IngestionReviewDecision
    kind: IngestionKind | None = strawberry.field(
        default=None,
        description="CORRECT: the right kind. REJECT: the kind to label it with (default OTHER).",
    )
    players: list[str] | None = None
    amounts: list[GameAmountInput] | None = None
    totals: list[GameAmountInput] | None = None


@strawberry.type
class IngestionReviewPayload:
    ingestion: Ingestion | None = None
    errors: list[IngestionError] = strawberry.field(default_factory=list)


@strawberry.input
class IngestionNicknameReviewInput:
    id: strawberry.ID
    decision: NicknameClaimDecision


@strawberry.type
class IngestionNicknameReviewPayload:
    claim: NicknameClaimNode | None = None
    errors: list[IngestionError] = strawberry.field(default_factory=list)


def _pairs(items: list[GameAmountInput] | None) -> list[tuple[str, str]] | None:
    return None if items is None else [(a.currency, a.amount) for a in items]


@strawberry.type
class IngestionModerationQuery:
    @strawberry.field(
        permission_classes=[IsModerator], description="Messages waiting for review, oldest first."
    )
    async def ingestion_review_queue(
        self, info: Info, first: int = 20, after: str | None = None
    ) -> IngestionConnection:
        limit = check_first(first)
        start = decode_cursor("review", after)
        async with info.context.db.reader() as session:
            rows = await queries.review_queue(session, after=start, limit=limit)
        return page(IngestionConnection, rows, kind="review", limit=limit, node=Ingestion.from_row)

    @strawberry.field(
        permission_classes=[IsModerator], description="Contested nickname claims, oldest first."
    )
    async def ingestion_nickname_claims(
        self, info: Info, first: int = 20, after: str | None = None
    ) -> NicknameClaimConnection:
        limit = check_first(first)
        start = decode_cursor("claim", after)
        async with info.context.db.reader() as session:
            rows = await queries.nickname_claims(session, after=start, limit=limit)
        return page(NicknameClaimConnection, rows, kind="claim", limit=limit, node=NicknameClaimNode.from_row)


@strawberry.type
class IngestionModerationMutation:
    @strawberry.mutation(
        permission_classes=[IsModerator],
        description="Decide a message in the review queue; each decision becomes a training example.",
    )
    async def ingestion_review(self, info: Info, input: IngestionReviewInput) -> IngestionReviewPayload:
        ctx = info.context
        return await mutate(
            info,
            IngestionReviewPayload,
            lambda s: review.decide(
                s,
                moderator_id=ctx.actor.user_id or 0,
                ingestion_id=_id(input.id),
                decision=input.decision.value,
                kind=input.kind.value if input.kind is not None else None,
                players=input.players,
                amounts=_pairs(input.amounts),
                totals=_pairs(input.totals),
                clock=ctx.clock,
                admin=ctx.actor.has_role("admin"),
            ),
            lambda outcome: IngestionReviewPayload(ingestion=Ingestion.from_row(outcome.ingestion)),
        )

    @strawberry.mutation(
        permission_classes=[IsModerator],
        description="Give a contested nickname to the claimant (APPROVE) or leave it with its holder.",
    )
    async def ingestion_nickname_review(
        self, info: Info, input: IngestionNicknameReviewInput
    ) -> IngestionNicknameReviewPayload:
        ctx = info.context
        return await mutate(
            info,
            IngestionNicknameReviewPayload,
            lambda s: nicknames.review_claim(
                s,
                moderator_id=ctx.actor.user_id or 0,
                claim_id=_id(input.id),
                approve=input.decision == NicknameClaimDecision.APPROVE,
                clock=ctx.clock,
            ),
            lambda row: IngestionNicknameReviewPayload(claim=NicknameClaimNode.from_row(row)),
        )
