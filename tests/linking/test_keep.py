"""Both accounts have a history: the link waits for the player to choose which account to keep;
the other's balances and items move to it by ledger transfers, nothing is created or lost, the
other account is deactivated, and a repeated or concurrent choice moves nothing twice."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import aliased
from sqlmodel import col

from db.models import Account, AuditEntry, Event, TelegramLink, Transfer
from resolvers import ledger
from server.settings import Settings
from tests import factories
from tests.conftest import GraphQLClient
from tests.linking.support import (
    LOGIN,
    ME,
    PENDING,
    REDEEM,
    RESOLVE,
    codes,
    holdings,
    new_code,
    tg,
    tg_user_id,
    totals,
)
from tests.server.support import running
from tests.snapshot import changed, snapshot

TG_ID = 7100


@dataclass
class Both:
    web: factories.Player
    tg_user: int
    tg_headers: dict[str, str]
    link_id: str
    sword: int
    shield: int


async def both_with_history(app: Any, gql: GraphQLClient, settings: Settings) -> Both:
    """alice on the web (100 COIN, 2 swords) and her Telegram account (40 COIN, 1 sword, 3 shields),
    and the pending link her code made."""
    db = app.state.services.db
    alice = await factories.player(db, "alice", coins=100, password="password123", secret=settings.secret_key)
    headers = tg(settings, TG_ID, "alice_tg")
    tg_user = await tg_user_id(gql, headers)
    await factories.grant(db, tg_user, 50)
    sword = await factories.item(db, name="Sword", price=5)
    shield = await factories.item(db, name="Shield", price=0)
    await factories.holding(db, alice.id, sword, 2)
    await factories.holding(db, tg_user, sword, 1)
    await factories.holding(db, tg_user, shield, 3)
    code = await new_code(gql, alice.token or "")
    body = (await gql(REDEEM, {"c": code}, headers=headers))["data"]["linkCodeRedeem"]
    assert body["errors"] == []
    link = body["link"]
    assert link["status"] == "PENDING" and link["keep"] is None and link["keptUser"] is None
    assert link["webUser"] == {"username": "alice"}
    return Both(alice, tg_user, headers, link["id"], int(sword.id or 0), int(shield.id or 0))


async def merge_transfers(db: Any) -> int:
    async with db.reader() as session:
        query = select(func.count()).select_from(Transfer).where(col(Transfer.kind) == "account.merge")
        return int((await session.execute(query)).scalar_one())


async def merges(db: Any) -> list[tuple[int, int, str, int]]:
    """Every ``account.merge`` transfer as (debited user, credited user, asset, amount), sorted."""
    debit, credit = aliased(Account), aliased(Account)
    query = (
        select(col(debit.owner_id), col(credit.owner_id), col(Transfer.asset), col(Transfer.amount))
        .join(debit, col(debit.id) == col(Transfer.debit_account))
        .join(credit, col(credit.id) == col(Transfer.credit_account))
        .where(col(Transfer.kind) == "account.merge")
    )
    async with db.reader() as session:
        return sorted((int(d), int(c), a, int(n)) for d, c, a, n in (await session.execute(query)).all())


async def test_keeping_the_web_account_moves_everything_to_it(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        both = await both_with_history(app, gql, settings)
        sword, shield = f"item:{both.sword}", f"item:{both.shield}"
        # Nothing moved yet: the bot still acts for the Telegram account, and both see the choice
        assert await holdings(db, both.web.id) == {"COIN": 90, sword: 2}
        assert await holdings(db, both.tg_user) == {"COIN": 45, sword: 1, shield: 3}
        for who in ({"token": both.web.token}, {"headers": both.tg_headers}):
            pending = (await gql(PENDING, **who))["data"]["linkPending"]  # type: ignore[arg-type]
            assert [p["id"] for p in pending] == [both.link_id]
            assert {h["currency"]: h["amount"] for h in pending[0]["telegramHoldings"]} == {
                "COIN": 45,
                sword: 1,
                shield: 3,
            }
        held_before, zero = await totals(db)
        # When alice keeps the web account
        body = (await gql(RESOLVE, {"id": both.link_id, "keep": "WEB"}, token=both.web.token))["data"]
        link = body["linkResolve"]["link"]
        assert body["linkResolve"]["errors"] == []
        assert (
            link["status"] == "LINKED" and link["keep"] == "WEB" and link["keptUser"] == {"username": "alice"}
        )
        # Then every asset moved by ledger transfers, and nothing was created or lost
        assert await holdings(db, both.web.id) == {"COIN": 135, sword: 3, shield: 3}
        assert await holdings(db, both.tg_user) == {}
        assert await totals(db) == (held_before, zero)
        assert set(zero.values()) <= {0}
        assert await merge_transfers(db) == 3
        async with db.reader() as session:
            assert await ledger.reconcile(session) == []
            assert (await session.get(TelegramLink, TG_ID)).user_id == both.web.id  # type: ignore[union-attr]
            kinds = (
                await session.execute(select(col(Event.kind)).where(col(Event.kind) == "account.linked"))
            ).all()
            actions = (await session.execute(select(col(AuditEntry.action)))).scalars().all()
        assert len(kinds) == 1 and "link.resolve" in actions and "link.pending" in actions
        # The bot now acts for alice; nothing is pending any more
        me = (await gql(ME, headers=both.tg_headers))["data"]["me"]
        assert me["username"] == "alice" and me["telegramLinked"] is True
        assert (await gql(PENDING, token=both.web.token))["data"]["linkPending"] == []
        # A double submit answers the same link and changes nothing; the other choice is refused
        before = await snapshot(db)
        again = (await gql(RESOLVE, {"id": both.link_id, "keep": "WEB"}, token=both.web.token))["data"]
        assert again["linkResolve"]["errors"] == [] and again["linkResolve"]["link"]["keep"] == "WEB"
        other = (await gql(RESOLVE, {"id": both.link_id, "keep": "TELEGRAM"}, headers=both.tg_headers))[
            "data"
        ]
        assert other["linkResolve"]["errors"] == [
            {"code": "LINK_ALREADY_RESOLVED", "field": "keep", "message": "This link was already resolved."}
        ]
        assert changed(before, await snapshot(db)) == {}


async def test_keeping_the_telegram_account_moves_the_web_one_into_it(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        both = await both_with_history(app, gql, settings)
        sword, shield = f"item:{both.sword}", f"item:{both.shield}"
        held_before, zero = await totals(db)
        # When the choice is made in the bot: keep the Telegram account
        body = (await gql(RESOLVE, {"id": both.link_id, "keep": "TELEGRAM"}, headers=both.tg_headers))["data"]
        link = body["linkResolve"]["link"]
        assert body["linkResolve"]["errors"] == []
        assert link["keep"] == "TELEGRAM" and link["keptUser"] == {"username": "alice_tg"}
        assert await holdings(db, both.tg_user) == {"COIN": 135, sword: 3, shield: 3}
        assert await holdings(db, both.web.id) == {}
        assert await totals(db) == (held_before, zero)
        # The web account is deactivated: it cannot sign in; its password now opens the kept account
        refused = (await gql(LOGIN, {"u": "alice", "p": "password123"}))["data"]["authLogin"]
        assert codes(refused) == ["INVALID_CREDENTIALS"]
        kept = (await gql(LOGIN, {"u": "alice_tg", "p": "password123"}))["data"]["authLogin"]
        assert kept["errors"] == []
        me = (await gql(ME, headers=both.tg_headers))["data"]["me"]
        assert me["id"] == str(both.tg_user)


async def test_refusals_of_the_choice_change_nothing(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        both = await both_with_history(app, gql, settings)
        stranger = await factories.player(db, "mallory", secret=settings.secret_key)
        before = await snapshot(db)
        for variables, who in [
            ({"id": both.link_id, "keep": "WEB"}, stranger.token),
            ({"id": "999999", "keep": "WEB"}, both.web.token),
            ({"id": "not-an-id", "keep": "WEB"}, both.web.token),
        ]:
            body = (await gql(RESOLVE, variables, token=who))["data"]["linkResolve"]
            assert body["errors"] == [
                {"code": "LINK_NOT_FOUND", "field": "linkId", "message": "No such link."}
            ]
        assert changed(before, await snapshot(db)) == {}
        # A second /link with another code while the choice is pending shows the same link
        code = await new_code(gql, both.web.token or "")
        again = (await gql(REDEEM, {"c": code}, headers=both.tg_headers))["data"]["linkCodeRedeem"]
        assert again["errors"] == [] and again["link"]["id"] == both.link_id


@pytest.mark.parametrize("choices", [("WEB", "WEB"), ("WEB", "TELEGRAM")])
async def test_concurrent_choices_move_everything_once(settings: Settings, choices: tuple[str, str]) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        both = await both_with_history(app, gql, settings)
        held_before, zero = await totals(db)
        before = {
            both.web.id: await holdings(db, both.web.id),
            both.tg_user: await holdings(db, both.tg_user),
        }
        calls = [
            gql(RESOLVE, {"id": both.link_id, "keep": choices[0]}, token=both.web.token),
            gql(RESOLVE, {"id": both.link_id, "keep": choices[1]}, headers=both.tg_headers),
        ]
        results = [b["data"]["linkResolve"] for b in await asyncio.gather(*calls)]
        ok = [r for r in results if not r["errors"]]
        assert ok and all(r["link"]["status"] == "LINKED" for r in ok)
        refused = [codes(r) for r in results if r["errors"]]
        assert refused in ([], [["LINK_ALREADY_RESOLVED"]])
        assert await totals(db) == (held_before, zero)
        kept = ok[0]["link"]["keep"]
        owner, emptied = (both.web.id, both.tg_user) if kept == "WEB" else (both.tg_user, both.web.id)
        # Only the winning choice moved: one transfer per asset the discarded account held (3 when
        # the web account is kept, 2 when the Telegram one is: the web account has no shields)
        moved = [(emptied, owner, asset, amount) for asset, amount in sorted(before[emptied].items())]
        assert await merges(db) == moved and await merge_transfers(db) == len(before[emptied])
        assert (await holdings(db, owner))["COIN"] == 135 and await holdings(db, emptied) == {}
