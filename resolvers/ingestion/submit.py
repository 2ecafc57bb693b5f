"""Submitting a game bot's message: verified sender, once per (chat, message), paid to its players.

The Telegram bot calls this for a player who replied to a game bot's message, or, in bot-to-bot
mode, for every game-bot message it receives itself. The parse happens before the transaction
(``registry.parse``); ``submit`` then decides and records in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.dialect import insert_for
from db.models import IngestedMessage, IngestionCredit, IngestionSource
from resolvers.clock import Clock
from resolvers.errors import DomainError, ErrorCodes
from resolvers.ingestion import config, credit, nicknames, payout, registry
from resolvers.ingestion.parser import ParseResult

ERRORS = ErrorCodes(
    "ingestion.submit",
    "INVALID_CHAT_ID",
    "INVALID_DATE",
    "INVALID_MESSAGE_ID",
    "INVALID_TELEGRAM_ID",
    "INVALID_TEXT",
    "INVALID_USERNAME",
    "NOTHING_TO_CREDIT",
    "NOT_ALLOWED",
    "NOT_A_GAME_BOT",
    uses=(payout.ERRORS,),
)

MAX_TEXT = 20_000
CREDITED, PENDING_REVIEW, REJECTED, DUPLICATE = "CREDITED", "PENDING_REVIEW", "REJECTED", "DUPLICATE"


@dataclass(frozen=True, kw_only=True)
class Message:
    chat_id: int
    message_id: int
    sender_telegram_id: int
    sender_username: str | None
    text: str
    date: datetime | None
    via_bot_to_bot: bool
    reply_to_telegram_id: int | None


@dataclass(frozen=True, kw_only=True)
class Outcome:
    """``status`` is this call's: CREDITED, PENDING_REVIEW, or DUPLICATE with the first row."""

    status: str
    ingestion: IngestedMessage
    credits: list[IngestionCredit] = field(default_factory=list)


def _int(raw: Any, refusal: DomainError) -> int:
    try:
        value = int(str(raw).strip())
    except (TypeError, ValueError):
        raise refusal from None
    if value == 0 or abs(value) >= 2**63:
        raise refusal
    return value


_MUST = "Must be a non-zero 64-bit integer."


def validate(
    *,
    chat_id: Any,
    message_id: Any,
    sender_telegram_id: Any,
    sender_username: str | None,
    text: str,
    date: datetime | None,
    via_bot_to_bot: bool,
    reply_to_telegram_id: Any,
) -> Message:
    message = _int(message_id, DomainError("INVALID_MESSAGE_ID", _MUST, "messageId"))
    if message < 0:
        raise DomainError("INVALID_MESSAGE_ID", "A message id is positive.", "messageId")
    if not (text or "").strip() or len(text) > MAX_TEXT:
        raise DomainError("INVALID_TEXT", f"The text is 1 to {MAX_TEXT} characters.", "text")
    username = (sender_username or "").strip().lstrip("@") or None
    if username is not None and len(username) > 64:
        raise DomainError("INVALID_USERNAME", "A username is at most 64 characters.", "senderUsername")
    if date is not None and date.tzinfo is None:
        raise DomainError("INVALID_DATE", "The date needs a time zone.", "date")
    return Message(
        chat_id=_int(chat_id, DomainError("INVALID_CHAT_ID", _MUST, "chatId")),
        message_id=message,
        sender_telegram_id=_int(
            sender_telegram_id, DomainError("INVALID_TELEGRAM_ID", _MUST, "senderTelegramId")
        ),
        sender_username=username,
        text=text,
        date=date,
        via_bot_to_bot=via_bot_to_bot,
        reply_to_telegram_id=None
        if reply_to_telegram_id is None
        else _int(reply_to_telegram_id, DomainError("INVALID_TELEGRAM_ID", _MUST, "replyToTelegramId")),
    )


def require_bot(*, via_telegram: bool) -> None:
    """Only the Telegram bot (its service key, acting for a user) can vouch for a message's sender."""
    if not via_telegram:
        raise DomainError(
            "NOT_ALLOWED", "Only the Telegram bot may submit game messages (their sender is verified).", None
        )


async def game_bot(session: AsyncSession, message: Message) -> IngestionSource:
    """The enabled source whose bot sent the message; NOT_A_GAME_BOT otherwise (never by text)."""
    source = await config.source_by_telegram_id(session, message.sender_telegram_id)
    if source is None or not source.enabled:
        raise DomainError(
            "NOT_A_GAME_BOT", "This message was not sent by a game bot we credit.", "senderTelegramId"
        )
    return source


async def find(session: AsyncSession, chat_id: int, message_id: int) -> IngestedMessage | None:
    query = select(IngestedMessage).where(
        col(IngestedMessage.chat_id) == chat_id, col(IngestedMessage.message_id) == message_id
    )
    return (await session.execute(query)).scalar_one_or_none()


async def credits_of(session: AsyncSession, ingestion_id: int) -> list[IngestionCredit]:
    query = (
        select(IngestionCredit)
        .where(col(IngestionCredit.ingestion_id) == ingestion_id)
        .order_by(col(IngestionCredit.user_id))
    )
    return list((await session.execute(query)).scalars())


async def duplicate(session: AsyncSession, row: IngestedMessage) -> Outcome:
    return Outcome(status=DUPLICATE, ingestion=row, credits=await credits_of(session, int(row.id or 0)))


def _fields(result: ParseResult) -> dict[str, Any]:
    return {
        "kind": result.kind,
        "players": list(result.players),
        "amounts": [a.to_json() for a in result.amounts],
        "totals": [a.to_json() for a in result.totals],
        "confidence": float(result.confidence),
        "model": result.model[:80],
    }


async def submit(
    session: AsyncSession,
    *,
    actor_id: int,
    message: Message,
    parsed: registry.Parsed,
    clock: Clock,
) -> Outcome:
    source = (await game_bot(session, message)).source
    existing = await find(session, message.chat_id, message.message_id)
    if existing is not None:
        return await duplicate(session, existing)
    fields = _fields(parsed.result)
    unsure = fields["confidence"] < await config.review_threshold(session)
    who = payout.Claimants(
        source=source,
        submitter_id=None if message.via_bot_to_bot else actor_id,
        via_bot_to_bot=message.via_bot_to_bot,
        reply_to_telegram_id=message.reply_to_telegram_id,
    )
    users: list[int] = []
    if not unsure:
        if not credit.has_value(fields["kind"], fields["amounts"], fields["totals"]):
            raise DomainError("NOTHING_TO_CREDIT", f"A {fields['kind']} message credits nothing.", None)
        if fields["kind"] == credit.PROFILE:
            await nicknames.prove(
                session,
                source=source,
                players=fields["players"],
                telegram_id=message.reply_to_telegram_id,
                clock=clock,
            )
        users = await payout.beneficiaries(session, who, fields["players"])
    stmt = insert_for(session, IngestedMessage).values(
        chat_id=message.chat_id,
        message_id=message.message_id,
        source=source,
        sender_telegram_id=message.sender_telegram_id,
        sender_username=message.sender_username,
        text=message.text,
        message_date=message.date,
        submitter_id=who.submitter_id,
        via_bot_to_bot=message.via_bot_to_bot,
        reply_to_telegram_id=message.reply_to_telegram_id,
        status=PENDING_REVIEW if unsure else CREDITED,
        credited=0,
        created_at=clock.now(),
        **fields,
    )
    claimed = (
        await session.execute(stmt.on_conflict_do_nothing().returning(col(IngestedMessage.id)))
    ).scalar_one_or_none()
    if claimed is None:  # a concurrent submission of the same message committed first
        first = await find(session, message.chat_id, message.message_id)
        assert first is not None
        return await duplicate(session, first)
    row = await session.get(IngestedMessage, claimed)
    assert row is not None
    await registry.record_disagreement(
        session,
        ingestion_id=claimed,
        chat_id=message.chat_id,
        message_id=message.message_id,
        source=source,
        parsed=parsed,
        clock=clock,
    )
    if unsure:
        return Outcome(status=PENDING_REVIEW, ingestion=row)
    credits = await payout.pay(session, row, users, actor_id=actor_id, clock=clock)
    return Outcome(status=CREDITED, ingestion=row, credits=credits)
