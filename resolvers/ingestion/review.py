"""The review queue: messages the parser was unsure about, decided by a moderator.

APPROVE credits the message as parsed, CORRECT credits it with the moderator's kind, players and
amounts, REJECT credits nothing. Every decision is stored as a labelled example (text, sender,
kind) for the next retraining; a rejection is labelled with the moderator's kind, else ``other``.

Nobody decides their own case: a moderator who submitted the message, or whom it would pay, may not
review it. A correction paying more than ``MODERATOR_MAX_COIN`` needs an admin.
"""

from __future__ import annotations

from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from db.models import IngestedMessage, IngestionExample
from resolvers import audit, notifications
from resolvers.clock import Clock
from resolvers.errors import DomainError, ErrorCodes
from resolvers.ingestion import config, credit, payout, submit
from resolvers.ingestion.config import PARSER_SENDER, require_currency
from resolvers.ingestion.nicknames import MAX_NICKNAME, clean_nickname
from resolvers.ingestion.parser import KINDS

ERRORS = ErrorCodes(
    "ingestion.review",
    "ALREADY_REVIEWED",
    "INVALID_DECISION",
    "INVALID_KIND",
    "INVALID_NICKNAME",
    "NOTHING_TO_CREDIT",
    "NOT_ALLOWED",
    "NOT_FOUND",
    "TOO_MANY_AMOUNTS",
    "TOO_MANY_PLAYERS",
    uses=(config.ERRORS, credit.ERRORS, payout.ERRORS),
)

APPROVE, CORRECT, REJECT = "APPROVE", "CORRECT", "REJECT"
MAX_PLAYERS = 20
MAX_AMOUNTS = 10
MODERATOR_MAX_COIN = 1_000


def _kind(raw: str | None) -> str:
    kind = (raw or "").strip().lower()
    if kind not in KINDS:
        raise DomainError("INVALID_KIND", f"The kind is one of {', '.join(KINDS)}.", "kind")
    return kind


def _amounts(raw: list[tuple[str, str]] | None, field: str) -> list[dict[str, str]]:
    items = raw or []
    if len(items) > MAX_AMOUNTS:
        raise DomainError("TOO_MANY_AMOUNTS", f"At most {MAX_AMOUNTS} amounts.", field)
    out = []
    for index, (currency, amount) in enumerate(items):
        code = require_currency(currency, f"{field}.{index}.currency")
        value = credit.decimal_amount(amount, f"{field}.{index}.amount")
        out.append({"currency": code, "amount": str(value)})
    return out


def _players(raw: list[str] | None) -> list[str]:
    items = raw or []
    if len(items) > MAX_PLAYERS:
        raise DomainError("TOO_MANY_PLAYERS", f"At most {MAX_PLAYERS} players.", "players")
    out: list[str] = []
    for name in items:
        cleaned = clean_nickname(name)
        if not cleaned or len(cleaned) > MAX_NICKNAME:
            raise DomainError("INVALID_NICKNAME", f"A nickname is 1 to {MAX_NICKNAME} characters.", "players")
        if cleaned not in out:
            out.append(cleaned)
    return out


async def decide(
    session: AsyncSession,
    *,
    moderator_id: int,
    ingestion_id: int,
    decision: str,
    kind: str | None = None,
    players: list[str] | None = None,
    amounts: list[tuple[str, str]] | None = None,
    totals: list[tuple[str, str]] | None = None,
    clock: Clock,
    admin: bool = False,
) -> submit.Outcome:
    row = await session.get(IngestedMessage, ingestion_id, with_for_update=True)
    if row is None:
        raise DomainError("NOT_FOUND", "No such ingested message.", "id")
    if row.status != submit.PENDING_REVIEW:
        raise DomainError("ALREADY_REVIEWED", "This message is not waiting for review.", "id")
    if row.submitter_id == moderator_id:
        raise DomainError("NOT_ALLOWED", "You submitted this message: another moderator decides it.", "id")
    if decision not in (APPROVE, CORRECT, REJECT):
        raise DomainError("INVALID_DECISION", "Decide APPROVE, CORRECT or REJECT.", "decision")
    before: dict[str, Any] = {
        "kind": row.kind,
        "players": row.players,
        "amounts": row.amounts,
        "totals": row.totals,
    }
    label = row.kind
    if decision == CORRECT:
        row.kind = _kind(kind)
        row.players = _players(players)
        row.amounts = _amounts(amounts, "amounts")
        row.totals = _amounts(totals, "totals")
        label = row.kind
    elif decision == REJECT:
        label = _kind(kind) if kind else "other"
    row.decision = decision
    row.reviewer_id = moderator_id
    row.reviewed_at = clock.now()
    credits = []
    if decision == REJECT:
        row.status = submit.REJECTED
    else:
        if not credit.has_value(row.kind, row.amounts, row.totals):
            raise DomainError(
                "NOTHING_TO_CREDIT", f"A {row.kind} message credits nothing; reject it.", "kind"
            )
        who = payout.Claimants(
            source=row.source,
            submitter_id=row.submitter_id,
            via_bot_to_bot=row.via_bot_to_bot,
            reply_to_telegram_id=row.reply_to_telegram_id,
        )
        users = await payout.beneficiaries(session, who, list(row.players))
        if moderator_id in users:
            raise DomainError(
                "NOT_ALLOWED", "This message would pay you: another moderator decides it.", "id"
            )
        row.status = submit.CREDITED
        credits = await payout.pay(session, row, users, actor_id=moderator_id, clock=clock)
        if decision == CORRECT and not admin and sum(c.amount for c in credits) > MODERATOR_MAX_COIN:
            raise DomainError(
                "AMOUNT_TOO_LARGE",
                f"This correction pays more than {MODERATOR_MAX_COIN} COIN: an admin must decide it.",
                "amounts",
            )
    session.add(
        IngestionExample(
            ingestion_id=row.id,
            text=row.text,
            sender=PARSER_SENDER[row.source],
            kind=label,
            decision=decision,
            moderator_id=moderator_id,
            created_at=clock.now(),
        )
    )
    await session.flush()
    if decision == REJECT and row.submitter_id is not None:
        await notifications.notify(
            session,
            user_id=row.submitter_id,
            kind="ingestion.rejected",
            clock=clock,
            title="A game message was not credited",
            body=f"{payout.SOURCE_NAMES[row.source]} ({payout.message_ref(row.chat_id, row.message_id)})",
            data={"ingestion_id": row.id, "source": row.source}
            | {"ref": payout.message_ref(row.chat_id, row.message_id)},
        )
    await audit.append(
        session,
        action="ingestion.review",
        clock=clock,
        actor_id=moderator_id,
        subject=f"ingestion:{row.id}",
        data={"decision": decision, "label": label, "before": before, "credited": row.credited},
    )
    return submit.Outcome(status=row.status, ingestion=row, credits=credits)
