"""The webhook: Telegram's secret token, malformed bodies, /start, /help and the language."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from bot.domains import commands as bot_commands
from db.models import TelegramLink, User
from tests.bot.harness import ALICE, OLGA, SECRET, Harness, TgUser, message_update


@pytest.fixture
def backend() -> str:
    """Bot behaviour, not storage: SQLite is enough here (wallet, shop and delivery run on both)."""
    return "sqlite"


async def count(harness: Harness, table: type) -> int:
    async with harness.db.reader() as session:
        return int((await session.execute(select(func.count()).select_from(table))).scalar_one())


async def test_wrong_or_missing_secret_is_refused_and_nothing_happens(harness: Harness) -> None:
    update = message_update(1, ALICE, "/start")
    wrong = await harness.post(update, secret=SECRET + "x")
    missing = await harness.post(update, secret=None)
    empty = await harness.post(update, secret="")

    assert (wrong.status_code, missing.status_code, empty.status_code) == (403, 403, 403)
    assert harness.fake.sent() == []
    assert await count(harness, TelegramLink) == 0
    assert await count(harness, User) == 0


async def test_malformed_bodies_are_refused(harness: Harness) -> None:
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
    not_json = await harness.http.post("/telegram/webhook", content=b"{nope", headers=headers)
    no_id = await harness.post({"message": {}})
    a_list = await harness.http.post("/telegram/webhook", json=[1, 2], headers=headers)

    assert (not_json.status_code, no_id.status_code, a_list.status_code) == (400, 400, 400)
    assert harness.fake.sent() == []


async def test_start_creates_and_links_the_account(harness: Harness) -> None:
    reply = await harness.command(ALICE, "/start")

    assert reply == "Welcome to LucasTeam, alice! Your account is ready.\nTry /balance, /shop or /help."
    async with harness.db.reader() as session:
        link = (await session.execute(select(TelegramLink))).scalar_one()
        user = await session.get(User, link.user_id)
    assert (link.telegram_id, link.chat_id, link.telegram_username) == (ALICE.id, ALICE.id, "alice")
    assert user is not None and user.username == "alice"
    # A second /start finds the same account.
    await harness.command(ALICE, "/start")
    assert await count(harness, TelegramLink) == 1


async def test_group_chats_are_never_linked_as_the_delivery_chat(harness: Harness) -> None:
    await harness.command(ALICE, "/start", chat_type="supergroup", chat_id=-100777)

    async with harness.db.reader() as session:
        link = (await session.execute(select(TelegramLink))).scalar_one()
    assert link.chat_id is None


async def test_start_without_a_telegram_username(harness: Harness) -> None:
    anonymous = TgUser(1999, "Anon", None, None)
    reply = await harness.command(anonymous, "/start")
    assert reply.startswith("Welcome to LucasTeam, tg1999!")


async def test_help_lists_every_command_in_english_and_russian(harness: Harness) -> None:
    english = await harness.command(ALICE, "/help")
    russian = await harness.command(OLGA, "/help")

    commands = [c.name for c in bot_commands()]
    assert {"start", "pay", "help"} <= set(commands)
    for text in (english, russian):
        assert [line.split(" ")[0] for line in text.splitlines()[1:]] == [f"/{c}" for c in commands]
    assert english.splitlines()[0] == "Commands:"
    assert "/pay — pay a player: /pay @username amount [memo]" in english
    assert russian.splitlines()[0] == "Команды:"
    assert "/pay — перевести игроку: /pay @имя сумма [комментарий]" in russian


async def test_language_follows_the_telegram_client(harness: Harness) -> None:
    variants = {
        "ru": "Ваш кошелёк пуст.",
        "ru-RU": "Ваш кошелёк пуст.",
        "en": "Your wallet is empty.",
        "de": "Your wallet is empty.",
        None: "Your wallet is empty.",
    }
    for number, (language, expected) in enumerate(variants.items()):
        user = TgUser(2000 + number, "U", f"user{number}", language)
        assert await harness.command(user, "/balance") == expected


async def test_bot_announces_its_commands_at_start(harness: Harness) -> None:
    menus = harness.fake.sent("setMyCommands")
    languages = sorted(str(c.params.get("language_code", "")) for c in menus)
    assert languages == ["", "ru"]
    assert len(harness.fake.sent("getMe")) == 1


async def test_commands_addressed_to_the_bot_in_groups(harness: Harness) -> None:
    reply = await harness.command(ALICE, "/help@lucas_test_bot", chat_type="group", chat_id=-5)
    assert reply.startswith("Commands:")
