"""Shared helpers for the ingestion tests (imported by each module; tests/ingestion/parser has its
own fixtures, so nothing here is a conftest)."""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import func, select, update
from sqlmodel import col

from db.engine import Database
from db.models import (
    AuditEntry,
    IngestedMessage,
    IngestionBaseline,
    IngestionCredit,
    IngestionRemainder,
    IngestionSource,
    User,
)
from resolvers.ingestion import training
from server.settings import Settings
from tests.conftest import GraphQLClient
from tests.ledger.helpers import ledger_view

# Telegram ids the tests give the game bots (the real ones are set by admins).
BOT_IDS = {"gdcards": 7001, "gusya_cards": 7002, "shmalala": 7003, "true_mafia": 7004, "bunker_rp": 7005}
SENDER_SOURCE = {
    "GDcards": "gdcards",
    "Гуся Cards": "gusya_cards",
    "Shmalala": "shmalala",
    "🤵🏻 True Mafia": "true_mafia",
    "BunkerRP": "bunker_rp",
}
CHAT = -1001234567890

# Real messages from the chat history (export:id).
GD_CARD = "messages4:10303"  # Игрок: EnidBlaito, Очки: +1
GD_CHEST = "messages4:10307"  # LucasTeam открыл сундук и получил 1.1 орб
GD_PROFILE_1 = "messages7:15474"  # ПРОФИЛЬ EnidBlaito: 135 points, 133.8 orbs
GD_PROFILE_2 = "messages8:18784"  # ПРОФИЛЬ EnidBlaito: 284 points, 196.2 orbs
KARMA = "messages14:29607"  # Лайк! … Roman Khrushchev
MAFIA_END = "messages6:13414"  # Игра окончена! Победители: Олег Чекмарев
GUSYA_CARD = "messages12:25964"  # Очки • +3,000, Монеты • +5 (names no player)

SUBMIT = """mutation($input: IngestionSubmitInput!) {
  ingestionSubmit(input: $input) {
    status creditedCoin credits { username amount }
    ingestion { id messageRef source kind players amounts { currency amount } totals { currency amount }
                confidence status creditedCoin viaBotToBot }
    errors { code field message }
  }
}"""
CLAIM = """mutation($source: IngestionSourceCode!, $nickname: String!) {
  ingestionNicknameClaim(input: {source: $source, nickname: $nickname}) {
    nickname { source nickname status claimId } errors { code field message }
  }
}"""
BALANCE = "{ me { id balances { currency amount } } }"


@functools.cache
def history() -> dict[str, dict[str, Any]]:
    out = {}
    with open(training.DEFAULT_HISTORY, encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            out[f"{row['export']}:{row['id']}"] = row
    return out


def message(key: str) -> tuple[str, str]:
    """(source, text) of a real game-bot message."""
    row = history()[key]
    return SENDER_SOURCE[row["from"]], row["text"]


@pytest.fixture(autouse=True)
def rules_only(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("LUCAS_PARSER_MODEL", "off")
    yield


async def configure_bots(db: Database) -> None:
    async with db.transaction() as session:
        for source, telegram_id in BOT_IDS.items():
            await session.execute(
                update(IngestionSource)
                .where(IngestionSource.source == source)
                .values(telegram_id=telegram_id)
            )


def bot_headers(settings: Settings, telegram_id: int, username: str | None = None) -> dict[str, str]:
    headers = {
        "authorization": f"Bearer {settings.telegram_service_key}",
        "x-lucas-telegram-user-id": str(telegram_id),
    }
    if username:
        headers["x-lucas-telegram-username"] = username
    return headers


def submit_input(
    key: str | None = None,
    *,
    msg_id: int,
    chat: int = CHAT,
    source: str | None = None,
    text: str | None = None,
    sender: int | None = None,
    **extra: Any,
) -> dict[str, Any]:
    if key is not None:
        source, text = message(key)
    assert source is not None and text is not None
    return {
        "chatId": str(chat),
        "messageId": msg_id,
        "senderTelegramId": str(sender or BOT_IDS[source]),
        "senderUsername": "somebot",
        "text": text,
        **extra,
    }


async def submit_as(
    gql: GraphQLClient, settings: Settings, telegram_id: int, key: str | None = None, **kwargs: Any
) -> dict[str, Any]:
    body = await gql(
        SUBMIT, {"input": submit_input(key, **kwargs)}, headers=bot_headers(settings, telegram_id)
    )
    return dict(body["data"]["ingestionSubmit"])


async def claim_as(
    gql: GraphQLClient, settings: Settings, telegram_id: int, source: str, nickname: str
) -> dict[str, Any]:
    body = await gql(
        CLAIM, {"source": source, "nickname": nickname}, headers=bot_headers(settings, telegram_id)
    )
    return dict(body["data"]["ingestionNicknameClaim"])


async def coin_of(gql: GraphQLClient, settings: Settings, telegram_id: int) -> int:
    body = await gql(BALANCE, headers=bot_headers(settings, telegram_id))
    return next((b["amount"] for b in body["data"]["me"]["balances"] if b["currency"] == "COIN"), 0)


async def world(db: Database) -> dict[str, Any]:
    """Everything a refused submission must leave as it was."""
    state = await ledger_view(db)
    async with db.reader() as session:
        for model in (IngestedMessage, IngestionCredit, IngestionBaseline, IngestionRemainder, AuditEntry):
            state["counts"][model.__name__] = int(
                (await session.execute(select(func.count()).select_from(model))).scalar_one()
            )
    return state


REVIEW_CLAIM = """mutation($id: ID!, $d: NicknameClaimDecision!) {
  ingestionNicknameReview(input: {id: $id, decision: $d}) { claim { status } errors { code field message } }
}"""


async def link_as(
    app: Any, gql: GraphQLClient, settings: Settings, telegram_id: int, source: str, nickname: str
) -> dict[str, Any]:
    """Links a nickname the way a player gets one without proof: a claim a moderator approves."""
    result = await claim_as(gql, settings, telegram_id, source, nickname)
    assert result["errors"] == [], result
    if result["nickname"]["status"] == "LINKED":
        return result
    token, moderator_id = await gql.register(
        f"linker_{telegram_id}_{len(nickname)}_{abs(hash(nickname)) % 10**6}"
    )
    async with app.state.services.db.transaction() as session:
        await session.execute(update(User).where(col(User.id) == moderator_id).values(role="moderator"))
    body = await gql(REVIEW_CLAIM, {"id": result["nickname"]["claimId"], "d": "APPROVE"}, token=token)
    assert body["data"]["ingestionNicknameReview"]["errors"] == [], body
    return {**result, "nickname": {**result["nickname"], "status": "LINKED"}}
