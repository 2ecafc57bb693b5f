"""What players and the Telegram bot use: submitting a game bot's message, linking nicknames, and
the list of one's own ingested messages."""

from __future__ import annotations

from datetime import datetime

import strawberry

from dataloaders.accounts import UserByIdLoader
from resolvers.ingestion import nicknames, queries, registry, submit
from resolvers.ingestion.cache import ParseCache, SqlParseCache
from schema.core.connections import check_first, decode_cursor, page
from schema.core.context import Context, Info
from schema.core.mutations import as_payload, in_transaction, mutate
from schema.core.permissions import CanWrite, IsAuthenticated
from schema.core.scalars import Amount
from schema.ingestion.types import (
    Ingestion,
    IngestionConnection,
    IngestionError,
    IngestionNicknameLink,
    IngestionSourceCode,
    IngestionStatus,
    NicknameStatus,
)


@strawberry.input
class IngestionSubmitInput:
    chat_id: strawberry.ID
    message_id: int
    sender_telegram_id: strawberry.ID = strawberry.field(
        description="The game bot's Telegram id, as Telegram gave it to the bot (never from the text)."
    )
    text: str
    sender_username: str | None = None
    date: datetime | None = None
    via_bot_to_bot: bool = strawberry.field(
        default=False,
        description="The bot received the message itself: credit the linked players it names.",
    )
    reply_to_telegram_id: strawberry.ID | None = strawberry.field(
        default=None,
        description=(
            "Who sent the message the game bot's message replies to (its command), for messages "
            "that name no player (Гуся Cards)."
        ),
    )


@strawberry.type
class IngestionSubmitPayload:
    status: IngestionStatus
    ingestion: Ingestion | None = None
    credited_coin: Amount = strawberry.field(  # type: ignore[valid-type]
        default=0, description="COIN this message paid the acting user."
    )
    errors: list[IngestionError] = strawberry.field(default_factory=list)
    paid: strawberry.Private[list[tuple[int, int]]] = strawberry.field(default_factory=list)

    @strawberry.field(description="Who this message paid and how much COIN (bot-to-bot mode shows it).")
    async def credits(self, info: Info) -> list[IngestionPayout]:
        users = await info.context.loaders.get(UserByIdLoader).load_many(
            [user_id for user_id, _ in self.paid]
        )
        return [
            IngestionPayout(username=user.username if user is not None else "?", amount=amount)
            for (_, amount), user in zip(self.paid, users, strict=True)
        ]


@strawberry.type
class IngestionPayout:
    username: str
    amount: Amount  # type: ignore[valid-type]


@strawberry.input
class IngestionNicknameClaimInput:
    source: IngestionSourceCode
    nickname: str


@strawberry.type
class IngestionNicknameClaimPayload:
    nickname: IngestionNicknameLink | None = None
    errors: list[IngestionError] = strawberry.field(default_factory=list)


def parse_cache(ctx: Context) -> ParseCache:
    cache = ctx.services.extras.get("ingestion_cache")
    return cache if cache is not None else SqlParseCache(ctx.db, clock=ctx.clock)


async def _submit(ctx: Context, input: IngestionSubmitInput) -> submit.Outcome:
    submit.require_bot(via_telegram=ctx.actor.via_telegram)
    message = submit.validate(
        chat_id=input.chat_id,
        message_id=input.message_id,
        sender_telegram_id=input.sender_telegram_id,
        sender_username=input.sender_username,
        text=input.text,
        date=input.date,
        via_bot_to_bot=input.via_bot_to_bot,
        reply_to_telegram_id=input.reply_to_telegram_id,
    )
    async with ctx.db.reader() as session:
        source = (await submit.game_bot(session, message)).source
        existing = await submit.find(session, message.chat_id, message.message_id)
        if existing is not None:
            return await submit.duplicate(session, existing)
        models = await registry.active(session)
    parsed = await registry.parse(models, parse_cache(ctx), source=source, text=message.text)
    actor_id = ctx.actor.user_id or 0
    return await in_transaction(
        ctx, lambda s: submit.submit(s, actor_id=actor_id, message=message, parsed=parsed, clock=ctx.clock)
    )


@strawberry.type
class IngestionPlayerQuery:
    @strawberry.field(
        permission_classes=[IsAuthenticated],
        description="Game messages you submitted or were credited for, newest first.",
    )
    async def my_ingestions(
        self, info: Info, first: int = 20, after: str | None = None
    ) -> IngestionConnection:
        limit = check_first(first)
        before = decode_cursor("ingestion", after)
        async with info.context.db.reader() as session:
            rows = await queries.mine(
                session, user_id=info.context.actor.user_id or 0, after=before, limit=limit
            )
        return page(
            IngestionConnection,
            rows,
            kind="ingestion",
            limit=limit,
            node=lambda pair: Ingestion.from_row(*pair),
            key=lambda pair: int(pair[0].id or 0),
        )

    @strawberry.field(permission_classes=[IsAuthenticated], description="Your linked in-game nicknames.")
    async def my_ingestion_nicknames(self, info: Info) -> list[IngestionNicknameLink]:
        async with info.context.db.reader() as session:
            rows = await nicknames.of_user(session, info.context.actor.user_id or 0)
        return [IngestionNicknameLink.from_row(r) for r in rows]


def _claimed(result: nicknames.ClaimResult) -> IngestionNicknameClaimPayload:
    claim_id = result.claim.id if result.claim is not None else None
    return IngestionNicknameClaimPayload(
        nickname=IngestionNicknameLink(
            source=IngestionSourceCode(result.source),
            nickname=result.nickname,
            status=NicknameStatus(result.status),
            claim_id=strawberry.ID(str(claim_id)) if claim_id is not None else None,
        )
    )


@strawberry.type
class IngestionPlayerMutation:
    @strawberry.mutation(
        permission_classes=[CanWrite],
        description=(
            "Credit a game bot's message (the Telegram bot only, acting for the player who asked). "
            "Each (chat, message) pays once; a repeat answers DUPLICATE with the first result."
        ),
    )
    async def ingestion_submit(self, info: Info, input: IngestionSubmitInput) -> IngestionSubmitPayload:
        ctx = info.context

        def build(outcome: submit.Outcome) -> IngestionSubmitPayload:
            mine = sum(c.amount for c in outcome.credits if c.user_id == ctx.actor.user_id)
            return IngestionSubmitPayload(
                status=IngestionStatus(outcome.status),
                ingestion=Ingestion.from_row(outcome.ingestion, mine),
                credited_coin=0 if outcome.status == submit.DUPLICATE else mine,
                paid=[(c.user_id, c.amount) for c in outcome.credits],
            )

        return await as_payload(
            IngestionSubmitPayload, _submit(ctx, input), build, status=IngestionStatus.REFUSED
        )

    @strawberry.mutation(
        permission_classes=[CanWrite],
        description="Claim an in-game nickname. It links once proven (the game bot's profile answering"
        " your own command, submitted through the bot) or approved by a moderator.",
    )
    async def ingestion_nickname_claim(
        self, info: Info, input: IngestionNicknameClaimInput
    ) -> IngestionNicknameClaimPayload:
        ctx = info.context
        return await mutate(
            info,
            IngestionNicknameClaimPayload,
            lambda s: nicknames.claim(
                s,
                user_id=ctx.actor.user_id or 0,
                source=input.source.value,
                nickname=input.nickname,
                clock=ctx.clock,
            ),
            _claimed,
        )
