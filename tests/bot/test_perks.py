"""The group perks against the fake Bot API: the 6th sticker in an hour is deleted (not for a holder
of the sticker perk), "admin for a day" promotes with a custom title and demotes at expiry (the
jobs, on the movable clock), /everyone mentions once; /grant for admins only."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import update

from bot.api import actor_headers
from db.engine import Database
from db.models import User
from server.settings import Settings
from tests.bot.conftest import bot_settings
from tests.bot.fake_telegram import FakeTelegram
from tests.bot.harness import ALICE, BOB, OLGA, TOKEN, Harness, TgUser, message_update
from tests.conftest import LiveServer, free_port
from workers import perks as perk_jobs  # noqa: F401  (registers the consumer and the jobs)

GROUP = -100555
CREATE = """mutation($k: PerkKind!) { perkItemCreate(input: {kind: $k, price: 10}) {
  item { id } errors { code } } }"""
BUY = """mutation($i: ID!) { shopPurchase(input: {itemId: $i}) { errors { code } } }"""
JOB_RUN = "mutation($n: String!) { adminJobRun(input: {name: $n}) { report errors { code } } }"
ADVANCE = "mutation($s: Int!) { adminClockAdvance(input: {seconds: $s}) { errors { code } } }"
LOGIN = 'mutation { authLogin(input: {username: "admin", password: "password123"}) { accessToken } }'


class GroupTelegram(FakeTelegram):
    """The fake Bot API with the group methods the perks use."""

    admins: set[int]

    def _m_deleteMessage(self, params: dict[str, Any]) -> Any:
        return True

    def _m_getChatMember(self, params: dict[str, Any]) -> Any:
        user = int(params["user_id"])
        status = "administrator" if user in getattr(self, "admins", set()) else "member"
        return {"status": status, "user": {"id": user, "is_bot": False, "first_name": "X"}}

    def _m_promoteChatMember(self, params: dict[str, Any]) -> Any:
        return True

    def _m_setChatAdministratorCustomTitle(self, params: dict[str, Any]) -> Any:
        return True


@pytest.fixture
def fake_tg() -> Iterator[FakeTelegram]:
    fake = GroupTelegram(token=TOKEN)
    server = LiveServer(fake.app(), free_port()).start()
    fake.url = server.url
    yield fake
    server.stop()


@pytest.fixture
async def group(
    tmp_path: Path,
    database_url: str,
    fake_tg: FakeTelegram,
    live_server_factory: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> AsyncIterator[Harness]:
    monkeypatch.setenv("LUCAS_TELEGRAM_GROUP_ID", str(GROUP))
    server = live_server_factory(bot_settings(tmp_path, database_url, fake_tg, clock_mode="manual"))
    settings: Settings = server.server.config.app.state.settings
    db = Database(database_url)
    async with httpx.AsyncClient(base_url=server.url, timeout=30) as http:
        yield Harness(fake=fake_tg, url=server.url, settings=settings, http=http, db=db)
    await db.dispose()


def sticker(update_id: int, user: TgUser, chat_id: int = GROUP) -> dict[str, Any]:
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "supergroup", "title": "LucasTeam"},
            "from": user.json(),
            "sticker": {
                "file_id": f"s{update_id}",
                "file_unique_id": f"u{update_id}",
                "type": "regular",
                "width": 512,
                "height": 512,
                "is_animated": False,
                "is_video": False,
            },
        },
    }


async def deleted_after(h: Harness, user: TgUser, count: int, chat_id: int = GROUP) -> list[int]:
    """Sends ``count`` stickers; the message ids the bot deleted."""
    out = []
    for _ in range(count):
        calls = await h.deliver(sticker(h.next_id(), user, chat_id))
        out += [int(c.params["message_id"]) for c in calls if c.method == "deleteMessage"]
    return out


async def run(h: Harness, job: str) -> dict[str, Any]:
    body = await h.gql(JOB_RUN, {"n": job}, token=await h.admin())
    assert body["data"]["adminJobRun"]["errors"] == [], body
    return dict(body["data"]["adminJobRun"]["report"])


async def advance(h: Harness, seconds: int) -> None:
    body = await h.gql(ADVANCE, {"s": seconds}, token=await h.admin())
    assert body["data"]["adminClockAdvance"]["errors"] == []
    h.admin_token = (await h.gql(LOGIN))["data"]["authLogin"]["accessToken"]  # the old one expired


async def buy(h: Harness, user: TgUser, kind: str) -> None:
    admin = await h.admin()
    item = (await h.gql(CREATE, {"k": kind}, token=admin))["data"]["perkItemCreate"]["item"]["id"]
    await h.grant(admin, user, 10)
    headers = actor_headers(h.settings.telegram_service_key, user.actor())
    body = await h.gql(BUY, {"i": item}, headers=headers)
    assert body["data"]["shopPurchase"]["errors"] == []


async def test_the_sixth_sticker_in_an_hour_is_deleted_unless_the_perk_runs(group: Harness) -> None:
    h = group
    ids = [h.next_id() + 1 + i for i in range(6)]
    deleted = await deleted_after(h, BOB, 6)
    assert deleted == [ids[5]]
    assert [c.params["chat_id"] for c in h.fake.sent("deleteMessage")] == [str(GROUP)]
    # stickers elsewhere are none of the bot's business
    assert await deleted_after(h, BOB, 3, chat_id=-100999) == []
    # the next hour starts afresh
    await advance(h, 3600)
    assert await deleted_after(h, BOB, 5) == []
    # a holder of "stickers without limit" keeps them all
    await buy(h, ALICE, "STICKERS")
    await run(h, "perks_telegram")
    assert await deleted_after(h, ALICE, 8) == []


async def test_admin_for_a_day_promotes_with_a_title_and_demotes_at_expiry(group: Harness) -> None:
    h = group
    await buy(h, OLGA, "ADMIN")
    h.fake.clear()
    report = await run(h, "perks_telegram")
    assert report["promoted"] == 1
    methods = [(c.method, c.params) for c in h.fake.calls]
    assert [m for m, _ in methods] == [
        "getChatMember",
        "promoteChatMember",
        "setChatAdministratorCustomTitle",
    ]
    promote, title = methods[1][1], methods[2][1]
    assert (int(promote["chat_id"]), int(promote["user_id"])) == (GROUP, OLGA.id)
    assert promote["can_manage_chat"] is True and promote["can_delete_messages"] is False
    assert title["custom_title"] == "Admin for a day"
    # a repeat (or a restart) does nothing more
    h.fake.clear()
    assert (await run(h, "perks_telegram"))["promoted"] == 0
    assert h.fake.calls == []
    # a day later perks_expire ends the effect and demotes
    await advance(h, 24 * 3600 + 1)
    h.fake.clear()
    expired = await run(h, "perks_expire")
    assert (expired["ended"], expired["demoted"]) == (1, 1)
    demote = [c.params for c in h.fake.calls if c.method == "promoteChatMember"]
    assert len(demote) == 1 and int(demote[0]["user_id"]) == OLGA.id
    assert not any(v is True for k, v in demote[0].items() if k.startswith("can_"))
    h.fake.clear()
    assert (await run(h, "perks_expire"))["demoted"] == 0 and h.fake.calls == []


async def test_an_admin_already_is_never_demoted(group: Harness) -> None:
    h = group
    h.fake.admins = {ALICE.id}  # type: ignore[attr-defined]
    await buy(h, ALICE, "ADMIN")
    assert (await run(h, "perks_telegram"))["kept"] == 1
    await advance(h, 25 * 3600)
    h.fake.clear()
    assert (await run(h, "perks_expire"))["demoted"] == 0
    assert h.fake.sent("promoteChatMember") == []


async def test_everyone_mentions_the_known_members_once(group: Harness) -> None:
    h = group
    for user in (ALICE, OLGA):
        await h.command(user, "/start")
    text = "/everyone game night at 8"
    assert await h.command(BOB, text, chat_id=GROUP, chat_type="supergroup") == (
        "You have no “mention everyone” perk. Buy one in the /shop."
    )
    await buy(h, BOB, "MENTION")
    await run(h, "perks_telegram")
    calls = await h.deliver(message_update(h.next_id(), BOB, text, chat_id=GROUP, chat_type="supergroup"))
    sent = [c.params for c in calls if c.method == "sendMessage"]
    assert [int(s["chat_id"]) for s in sent] == [GROUP, GROUP]
    assert sent[0]["text"] == "📣 @bob: game night at 8"
    assert sent[1]["parse_mode"] == "HTML"
    assert f'tg://user?id={ALICE.id}">@alice</a>' in sent[1]["text"]
    assert f'tg://user?id={OLGA.id}">@olga</a>' in sent[1]["text"]
    assert str(BOB.id) not in sent[1]["text"]
    # used up
    assert "perk" in await h.command(BOB, text, chat_id=GROUP, chat_type="supergroup")
    # only in the group
    assert await h.command(BOB, "/everyone hi") == "/everyone works in the community group only."


async def test_grant_is_for_admins(group: Harness) -> None:
    h = group
    await h.command(BOB, "/start")
    assert await h.command(ALICE, "/grant @bob 50 tournament win") == "Only admins can grant coins."
    assert await h.balance(BOB) == 0
    me = await h.me(ALICE)
    async with h.db.transaction() as session:
        await session.execute(update(User).where(User.id == int(me["id"])).values(role="admin"))  # type: ignore[arg-type]
    assert await h.command(ALICE, "/grant @bob 50 tournament win") == "Granted 50 COIN to bob: tournament win"
    assert await h.balance(BOB) == 50
    # a redelivered update grants nothing twice
    update_id = h.next_id()
    await h.command(ALICE, "/grant @bob 5 quiz", update_id=update_id)
    await h.command(ALICE, "/grant @bob 5 quiz", update_id=update_id)
    assert await h.balance(BOB) == 55
    assert await h.command(ALICE, "/grant @bob lots") == "Usage: /grant @username amount reason"
    olga_ru = TgUser(OLGA.id, OLGA.first_name, OLGA.username, "ru")
    assert await h.command(olga_ru, "/grant @bob 5 x") == "Начислять монеты могут только администраторы."


async def test_community_commands_answer_in_russian_and_english(group: Harness) -> None:
    h = group
    olga_ru = TgUser(OLGA.id, OLGA.first_name, OLGA.username, "ru")
    for user in (ALICE, olga_ru):
        await h.command(user, "/start")
    english, russian = await h.command(ALICE, "/help"), await h.command(olga_ru, "/help")
    for command in ("/top", "/friends", "/clan", "/grant", "/everyone"):
        assert f"\n{command} — " in english and f"\n{command} — " in russian
    assert "admins: give coins" in english and "админам: начислить монеты" in russian
    assert (await h.command(ALICE, "/top")).startswith("Richest players:")
    assert (await h.command(olga_ru, "/top")).startswith("Самые богатые игроки:")
    assert (await h.command(ALICE, "/clan")).startswith("You are not in a clan.")
    assert (await h.command(olga_ru, "/clan")).startswith("Вы не состоите в клане.")
    assert (await h.command(ALICE, "/friends")) != (await h.command(olga_ru, "/friends"))
