"""Helpers for the linking tests: the bot's headers for a Telegram user, the operations, and a
signed widget payload."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlmodel import col

from bot.api import TelegramActor, actor_headers
from db.engine import Database
from db.models import Account
from resolvers import ledger
from resolvers.linking import widget
from server.settings import Settings
from tests.conftest import GraphQLClient

BOT_TOKEN = "123456:AAE-linking-test-token"
LINK = "link { id status keep method webUser { username } telegramUser { username } keptUser { username } }"
CODE_CREATE = "mutation { linkCodeCreate { code expiresAt errors { code field message } } }"
REDEEM = (
    "mutation($c: String!) { linkCodeRedeem(input: {code: $c}) { "
    + LINK
    + " errors { code field message } } }"
)
RESOLVE = (
    "mutation($id: ID!, $keep: LinkKeep!) { linkResolve(input: {linkId: $id, keep: $keep}) { "
    + LINK
    + " errors { code field message } } }"
)
WIDGET = (
    "mutation($id: ID!, $first: String, $user: String, $date: Int!, $hash: String!) {"
    " linkTelegramWidget(input: {id: $id, firstName: $first, username: $user, authDate: $date, hash: $hash})"
    " { " + LINK + " errors { code field message } } }"
)
PENDING = (
    "{ linkPending { id status webUser { username } telegramUser { username }"
    " webHoldings { currency amount } telegramHoldings { currency amount } } }"
)
ME = "{ me { id username telegramLinked balances { currency amount } } }"
LOGIN = "mutation($u: String!, $p: String!) { authLogin(input: {username: $u, password: $p}) { accessToken errors { code } } }"
ADVANCE = "mutation($s: Int!) { adminClockAdvance(input: {seconds: $s}) { now errors { code } } }"


def tg(settings: Settings, telegram_id: int, username: str | None = None) -> dict[str, str]:
    actor = TelegramActor(telegram_id=telegram_id, username=username, language="en")
    return actor_headers(settings.telegram_service_key, actor)


def codes(payload: dict[str, Any]) -> list[str]:
    return [e["code"] for e in payload["errors"]]


def signed(data: dict[str, Any], token: str = BOT_TOKEN) -> dict[str, Any]:
    """Variables for WIDGET, signed as Telegram signs the Login Widget's data."""
    fields = {"id": str(data["id"]), "auth_date": str(data["date"])}
    if data.get("first"):
        fields["first_name"] = data["first"]
    if data.get("user"):
        fields["username"] = data["user"]
    return {**data, "id": str(data["id"]), "hash": widget.sign(fields, token)}


async def new_code(gql: GraphQLClient, token: str) -> str:
    body = (await gql(CODE_CREATE, token=token))["data"]["linkCodeCreate"]
    assert body["errors"] == [], body
    return str(body["code"])


async def tg_user_id(gql: GraphQLClient, headers: dict[str, str]) -> int:
    return int((await gql(ME, headers=headers))["data"]["me"]["id"])


async def holdings(db: Database, user_id: int) -> dict[str, int]:
    async with db.reader() as session:
        return {a: b for a, b in (await ledger.balances_of(session, "user", user_id)).items() if b}


async def totals(db: Database) -> tuple[dict[str, int], dict[str, int]]:
    """Per asset, what players hold in all, and the ledger's conservation sums (all zero)."""
    query = (
        select(col(Account.asset), func.sum(col(Account.balance)))
        .where(col(Account.owner_kind) == "user")
        .group_by(col(Account.asset))
    )
    async with db.reader() as session:
        held = {asset: int(total) for asset, total in (await session.execute(query)).all() if total}
        return held, await ledger.conservation(session)
