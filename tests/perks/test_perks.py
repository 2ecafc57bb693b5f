"""Group perks through the API: perk items on sale, effects started by the durable consumer from
purchases (once per event, stacked), ended by ``perks_expire`` on the movable clock, kept across a
restart; the sticker limit and the one-time mention the bot asks for."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlmodel import col

from bot.api import TelegramActor, actor_headers
from db.models import Event
from resolvers import outbox, perks
from resolvers.accounts import tokens
from server.settings import Settings
from tests import factories
from tests.server.support import running
from tests.snapshot import changed, snapshot
from workers import perks as perk_jobs  # noqa: F401  (registers the consumer and the jobs)

CREATE = """mutation($k: PerkKind!, $p: Amount) { perkItemCreate(input: {kind: $k, price: $p}) {
  item { id name price tradeable } errors { code field } } }"""
BUY = """mutation($i: ID!, $q: Int!) { shopPurchase(input: {itemId: $i, quantity: $q}) {
  quantity errors { code } } }"""
MY = "{ myPerks { kind startsAt expiresAt usesLeft active item { name } } }"
ADVANCE = "mutation($s: Int!) { adminClockAdvance(input: {seconds: $s}) { now errors { code } } }"
JOB_RUN = "mutation($n: String!) { adminJobRun(input: {name: $n}) { report errors { code } } }"
STICKER = """mutation { perkStickerSent(input: {chatId: "-100777"}) {
  allowed unlimited count errors { code } } }"""
MENTION = """mutation { perkMentionUse(input: {chatId: "-100777"}) {
  members { telegramId telegramUsername username } usesLeft errors { code } } }"""
NOTES = "{ notifications(first: 5) { edges { node { kind title body } } } }"
HOUR = 3600


def at(raw: str) -> datetime:
    return datetime.fromisoformat(raw)


class World:
    def __init__(self, app: Any, gql: Any, settings: Settings) -> None:
        self.app, self.gql, self.settings = app, gql, settings
        self.db = app.state.services.db
        self.clock = app.state.services.clock

    def token(self, who: factories.Player) -> str:
        return tokens.issue_access_token(
            secret=self.settings.secret_key, user_id=who.id, now=self.clock.now(), minutes=15
        )

    def tg(self, telegram_id: int, username: str | None = None) -> dict[str, str]:
        actor = TelegramActor(telegram_id=telegram_id, username=username, language="en")
        return actor_headers(self.settings.telegram_service_key, actor)

    async def run(self, admin: factories.Player, job: str) -> dict[str, Any]:
        body = await self.gql(JOB_RUN, {"n": job}, token=self.token(admin))
        assert body["data"]["adminJobRun"]["errors"] == [], body
        return dict(body["data"]["adminJobRun"]["report"])

    async def advance(self, admin: factories.Player, seconds: int) -> None:
        body = await self.gql(ADVANCE, {"s": seconds}, token=self.token(admin))
        assert body["data"]["adminClockAdvance"]["errors"] == []

    async def perk_items(self, admin: factories.Player) -> dict[str, str]:
        ids = {}
        for kind in ("STICKERS", "ADMIN", "MENTION"):
            body = await self.gql(CREATE, {"k": kind, "p": 10}, token=self.token(admin))
            payload = body["data"]["perkItemCreate"]
            assert payload["errors"] == [] and payload["item"]["tradeable"] is False, payload
            ids[kind] = payload["item"]["id"]
        return ids


async def test_purchases_start_effects_once_stacked_and_the_job_ends_them(settings: Settings) -> None:
    settings = replace(settings, clock_mode="manual")
    async with running(settings) as (app, gql):
        w = World(app, gql, settings)
        boss = await factories.admin(w.db, "boss")
        alice = await factories.player(w.db, "alice", coins=100)
        items = await w.perk_items(boss)
        shop = await gql("{ shopItems { edges { node { name price } } } }")
        assert [e["node"] for e in shop["data"]["shopItems"]["edges"]] == [
            {"name": "Stickers without limit (24 h)", "price": 10},
            {"name": "Admin for a day", "price": 10},
            {"name": "Mention everyone once", "price": 10},
        ]
        bought = await gql(BUY, {"i": items["STICKERS"], "q": 1}, token=w.token(alice))
        assert bought["data"]["shopPurchase"] == {"quantity": 1, "errors": []}
        assert (await gql(MY, token=w.token(alice)))["data"]["myPerks"] == []  # the consumer has not run
        assert (await w.run(boss, "perks_telegram"))["relayed"] >= 1
        first = (await gql(MY, token=w.token(alice)))["data"]["myPerks"]
        assert len(first) == 1 and first[0]["kind"] == "STICKERS" and first[0]["active"] is True
        assert at(first[0]["expiresAt"]) - at(first[0]["startsAt"]) == timedelta(hours=24)
        # a second purchase (of two) runs after the first: 48 hours more
        await gql(BUY, {"i": items["STICKERS"], "q": 2}, token=w.token(alice))
        await w.run(boss, "perks_telegram")
        both = (await gql(MY, token=w.token(alice)))["data"]["myPerks"]
        assert [p["active"] for p in both] == [True, False]
        assert both[1]["startsAt"] == first[0]["expiresAt"]
        assert at(both[1]["expiresAt"]) - at(both[1]["startsAt"]) == timedelta(hours=48)
        # re-reading the events starts nothing twice
        before = await snapshot(w.db)
        async with w.db.transaction() as session:
            purchases = (
                await session.execute(select(Event).where(col(Event.kind) == "shop.purchase"))
            ).scalars()
            for event in list(purchases):
                await perks.start_from_purchase(session, event)
        await outbox.relay(w.db, perks.CONSUMER, clock=w.clock)
        assert set(changed(before, await snapshot(w.db))) <= {"consumer_offsets"}
        # nothing ends before the expiry; a day later the first ends, the second runs
        assert (await w.run(boss, "perks_expire")) == {"ended": 0}
        await w.advance(boss, 24 * HOUR + 60)
        assert (await w.run(boss, "perks_expire")) == {"ended": 1}
        assert (await w.run(boss, "perks_expire")) == {"ended": 0}
        left = (await gql(MY, token=w.token(alice)))["data"]["myPerks"]
        assert [(p["kind"], p["active"]) for p in left] == [("STICKERS", True)]
        notes = await gql(NOTES, token=w.token(alice))
        assert [n["node"]["title"] for n in notes["data"]["notifications"]["edges"]] == [
            "Perk ended: Stickers without limit (24 h)",
            "Perk started: Stickers without limit (24 h)",
            "Perk started: Stickers without limit (24 h)",
            "+100 COIN",
        ]
        russian = await gql(NOTES, token=w.token(alice), headers={"accept-language": "ru"})
        assert russian["data"]["notifications"]["edges"][0]["node"]["title"] == (
            "Перк закончился: Stickers without limit (24 h)"
        )
    # a restart: the effect is a row, read again by a new process
    async with running(settings) as (app, gql):
        w = World(app, gql, settings)
        await w.clock.refresh(w.db)
        again = (await gql(MY, token=w.token(alice)))["data"]["myPerks"]
        assert again == left


async def test_stickers_beyond_five_an_hour_are_refused_unless_the_perk_runs(settings: Settings) -> None:
    settings = replace(settings, clock_mode="manual")
    async with running(settings) as (app, gql):
        w = World(app, gql, settings)
        boss = await factories.admin(w.db, "boss")
        olga = w.tg(2001, "olga")
        counts = [(await gql(STICKER, headers=olga))["data"]["perkStickerSent"] for _ in range(6)]
        assert [(c["allowed"], c["count"]) for c in counts] == [
            (True, 1),
            (True, 2),
            (True, 3),
            (True, 4),
            (True, 5),
            (False, 6),
        ]
        # the next hour starts afresh
        await w.advance(boss, HOUR)
        assert (await gql(STICKER, headers=olga))["data"]["perkStickerSent"]["allowed"] is True
        # a player with the perk is never limited (nor counted)
        items = await w.perk_items(boss)
        dmitry = w.tg(2002, "dmitry")
        me = await gql("{ me { id } }", headers=dmitry)
        await factories.grant(w.db, int(me["data"]["me"]["id"]), 50)
        assert (await gql(BUY, {"i": items["STICKERS"], "q": 1}, headers=dmitry))["data"]["shopPurchase"][
            "errors"
        ] == []
        await w.run(boss, "perks_telegram")
        for _ in range(7):
            check = (await gql(STICKER, headers=dmitry))["data"]["perkStickerSent"]
            assert (check["allowed"], check["unlimited"]) == (True, True)
        # only the bot reports stickers: a player's own call is refused and changes nothing
        alice = await factories.player(w.db, "alice")
        before = await snapshot(w.db)
        refused = await gql(STICKER, token=w.token(alice))
        assert refused["data"]["perkStickerSent"]["errors"] == [{"code": "NOT_ALLOWED"}]
        assert changed(before, await snapshot(w.db)) == {}


async def test_mention_everyone_is_used_once(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        w = World(app, gql, settings)
        boss = await factories.admin(w.db, "boss")
        items = await w.perk_items(boss)
        ivan, petr, anna = w.tg(3001, "ivan"), w.tg(3002, "petr"), w.tg(3003)
        for headers in (petr, anna):
            await gql("{ me { id } }", headers=headers)
        me = await gql("{ me { id } }", headers=ivan)
        before = await snapshot(w.db)
        refused = await gql(MENTION, headers=ivan)
        assert refused["data"]["perkMentionUse"]["errors"] == [{"code": "NO_PERK"}]
        assert changed(before, await snapshot(w.db)) == {}
        await factories.grant(w.db, int(me["data"]["me"]["id"]), 50)
        await gql(BUY, {"i": items["MENTION"], "q": 1}, headers=ivan)
        await w.run(boss, "perks_telegram")
        mine = (await gql(MY, headers=ivan))["data"]["myPerks"]
        assert [(p["kind"], p["usesLeft"], p["expiresAt"]) for p in mine] == [("MENTION", 1, None)]
        used = (await gql(MENTION, headers=ivan))["data"]["perkMentionUse"]
        assert used["errors"] == [] and used["usesLeft"] == 0
        assert used["members"] == [
            {"telegramId": "3002", "telegramUsername": "petr", "username": "petr"},
            {"telegramId": "3003", "telegramUsername": None, "username": "tg3003"},
        ]
        assert (await gql(MY, headers=ivan))["data"]["myPerks"] == []
        before = await snapshot(w.db)
        again = await gql(MENTION, headers=ivan)
        assert again["data"]["perkMentionUse"]["errors"] == [{"code": "NO_PERK"}]
        assert changed(before, await snapshot(w.db)) == {}


async def test_concurrent_stickers_keep_at_most_five(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        w = World(app, gql, settings)
        vera = w.tg(4001, "vera")
        await gql("{ me { id } }", headers=vera)
        checks = await asyncio.gather(*(gql(STICKER, headers=vera) for _ in range(12)))
        allowed = [c["data"]["perkStickerSent"]["allowed"] for c in checks]
        assert allowed.count(True) == 5 and allowed.count(False) == 7


async def test_other_purchases_start_nothing(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        w = World(app, gql, settings)
        boss = await factories.admin(w.db, "boss")
        alice = await factories.player(w.db, "alice", coins=100)
        sword = await factories.item(w.db, price=5)
        body = await gql(BUY, {"i": str(sword.id), "q": 2}, token=w.token(alice))
        assert body["data"]["shopPurchase"]["errors"] == []
        assert (await w.run(boss, "perks_telegram"))["relayed"] >= 1
        assert (await gql(MY, token=w.token(alice)))["data"]["myPerks"] == []
