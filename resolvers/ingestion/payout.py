"""Who a message pays, and paying them: ledger transfers out of the source's mint account, with a
``wallet.credit`` event, a notification and an audit entry, in the caller's transaction."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.models import IngestedMessage, IngestionCredit, TelegramLink, Transfer
from resolvers import events, ledger, movement, notifications
from resolvers.clock import Clock
from resolvers.errors import DomainError, ErrorCodes
from resolvers.ingestion import config, credit, nicknames
from resolvers.movement import Audit, Effects

ERRORS = ErrorCodes("ingestion.payout", "NOTHING_TO_CREDIT", "WRONG_PLAYER", uses=(movement.ERRORS,))
events.live("wallet", "wallet.credit")

SOURCE_NAMES = {
    "gdcards": "GD Cards",
    "gusya_cards": "Гуся Cards",
    "shmalala": "Shmalala",
    "true_mafia": "True Mafia",
    "bunker_rp": "Bunker RP",
}


def message_ref(chat_id: int, message_id: int) -> str:
    return f"tg:{chat_id}:{message_id}"


def mint_account(source: str) -> tuple[str, str]:
    return ("system", f"{ledger.SOURCE_PREFIX}{source}")


@dataclass(frozen=True, kw_only=True)
class Claimants:
    """Where a message's credit goes: ``submitter_id`` is None in bot-to-bot mode."""

    source: str
    submitter_id: int | None
    via_bot_to_bot: bool
    reply_to_telegram_id: int | None


async def beneficiaries(session: AsyncSession, who: Claimants, players: list[str]) -> list[int]:
    """The accounts a message pays, each only for a result under a nickname it holds.

    A message that names no player (Гуся Cards) belongs to the author of the command it replies
    to, as the bot saw it. In reply mode the submitter must be among them (WRONG_PLAYER).
    """
    if players:
        linked = await nicknames.holders(session, who.source, players)
        named: list[int] = []
        for player in players:
            user_id = linked.get(nicknames.nickname_key(player))
            if user_id is not None and user_id not in named:
                named.append(user_id)
    else:
        named = []
        if who.reply_to_telegram_id is not None:
            owner = (
                await session.execute(
                    select(col(TelegramLink.user_id)).where(
                        col(TelegramLink.telegram_id) == who.reply_to_telegram_id
                    )
                )
            ).scalar_one_or_none()
            named = [int(owner)] if owner is not None else []
    shown = ", ".join(players) if players else "the player whose command it answers"
    if who.via_bot_to_bot:
        if not named:
            raise DomainError(
                "WRONG_PLAYER", f"This message is about {shown}; no one has linked that nickname.", None
            )
        return named
    if who.submitter_id not in named:
        raise DomainError(
            "WRONG_PLAYER",
            f"This message is about {shown}, not you: link your in-game nickname first.",
            None,
        )
    return named


async def pay(
    session: AsyncSession,
    row: IngestedMessage,
    users: list[int],
    *,
    actor_id: int | None,
    clock: Clock,
) -> list[IngestionCredit]:
    """Credit ``users`` for ``row`` (its kind, amounts, totals); NOTHING_TO_CREDIT rolls back when
    the message is worth nothing to anyone and changes no baseline."""
    assert row.id is not None
    rates = await config.rates_for(session, row.source)
    whole: dict[int, int] = {}
    lines: dict[int, list[dict[str, str]]] = {}
    worth = False
    for user_id in sorted(users):
        valuation = await credit.value_for(
            session,
            user_id=user_id,
            source=row.source,
            kind=row.kind,
            amounts=row.amounts,
            totals=row.totals,
            rates=rates,
            clock=clock,
            at=row.message_date or row.created_at,
        )
        worth = worth or valuation.changed or valuation.value > 0
        whole[user_id] = await credit.take_whole(
            session, user_id=user_id, source=row.source, value=valuation.value, clock=clock
        )
        lines[user_id] = valuation.lines
    if not worth:
        raise DomainError("NOTHING_TO_CREDIT", "This message is worth no COIN.", None)
    ref = message_ref(row.chat_id, row.message_id)
    paid = [u for u in sorted(users) if whole[u] > 0]
    legs = [
        ledger.Leg(
            debit=mint_account(row.source),
            credit=("user", u),
            asset=ledger.DEFAULT_CURRENCY,
            amount=whole[u],
            kind="ingestion",
            ref=ref,
            memo=f"{SOURCE_NAMES[row.source]}: {row.kind}",
        )
        for u in paid
    ]
    credits: list[IngestionCredit] = []
    ingestion_id = row.id

    async def effects(transfers: list[Transfer]) -> Effects:
        by_user = dict(zip(paid, transfers, strict=True))
        credits.extend(
            IngestionCredit(
                ingestion_id=ingestion_id,
                user_id=u,
                amount=whole[u],
                transfer_id=by_user[u].id if u in by_user else None,
                created_at=clock.now(),
            )
            for u in sorted(users)
        )
        session.add_all(credits)
        row.credited = sum(whole.values())
        found: list[events.Spec] = []
        notes: list[notifications.Note] = []
        for u, transfer in by_user.items():
            payload: dict[str, Any] = {
                "transfer_id": transfer.id,
                "asset": ledger.DEFAULT_CURRENCY,
                "amount": transfer.amount,
                "source": row.source,
                "ingestion_id": row.id,
            }
            found.append(
                events.Spec(
                    kind="wallet.credit",
                    actor_id=actor_id,
                    subject=f"transfer:{transfer.id}",
                    audience=[u],
                    payload=payload,
                )
            )
            notes.append(
                notifications.Note(
                    user_id=u,
                    kind="ingestion.credited",
                    title=f"+{transfer.amount} {ledger.DEFAULT_CURRENCY}",
                    body=f"{SOURCE_NAMES[row.source]}: {row.kind} ({ref})",
                    data=payload | {"kind": row.kind, "ref": ref},
                )
            )
        audited = [
            {
                "user_id": c.user_id,
                "amount": c.amount,
                "transfer_id": c.transfer_id,
                "lines": lines[c.user_id],
            }
            for c in credits
        ]
        return Effects(
            events=found,
            notes=notes,
            audit=Audit(
                action="ingestion.credit",
                subject=f"ingestion:{row.id}",
                data={"ref": ref, "source": row.source, "kind": row.kind, "credits": audited},
            ),
        )

    movement_ = movement.Movement(operation="ingestion.credit", actor_id=actor_id, legs=legs)
    await movement.move(session, movement_, clock=clock, effects=effects)
    await session.flush()
    return credits
