"""Game results into COIN through the bot: ``парсинг`` / /parse in reply to a real GD Cards message,
bot-to-bot mode, /nick (a claim that links once proven or approved) and /ingestions — against the
real platform and the fake Bot API."""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import func, select

from bot.api import TelegramActor, actor_headers
from db.models import IngestedMessage, User
from resolvers.ingestion import training
from tests.bot.fake_telegram import BOT_ID, BOT_USERNAME
from tests.bot.harness import ALICE, BOB, OLGA, Harness, TgUser, chat_message, message_update

GROUP = -1001234567890
SENT_AT = 1763112727  # 14.11.2025 09:32:07 UTC
GD_BOT = TgUser(7001, "GDcards", "gdcardsBot", None, is_bot=True)
GUSYA_BOT = TgUser(7002, "Гуся Cards", "Goose_CardBot", None, is_bot=True)
OTHER_BOT = TgUser(7999, "Weather", "weather_bot", None, is_bot=True)

# Real messages from the chat history (export:id).
CARD_ENID = "messages4:10303"  # 🃏 НОВАЯ КАРТА 🃏 … Игрок: EnidBlaito … Очки: +1
CARD_LUCAS = "messages4:10305"  # … Игрок: LucasTeam … Очки: +2
CARD_ENID_2 = "messages4:10309"  # … Игрок: EnidBlaito … Очки: +1
PROFILE_ENID = "messages7:15474"  # ПРОФИЛЬ EnidBlaito: 135 points, 133.8 orbs
GUSYA_CARD = "messages12:25964"  # Очки • +3,000, Монеты • +5 (names no player)

PARSE_USAGE = "Reply парсинг (or /parse) to a game bot's message with your result to get COIN for it."
NICK_USAGE = (
    "Usage: /nick game nickname\n"
    "Games: gdcards (гд), gusya (гуся), shmalala (шмалала), mafia (мафия), bunker (бункер)\n"
    "Example: /nick gdcards EnidBlaito"
)
UPSERT = """mutation($input: AdminIngestionSourceUpsertInput!) {
  adminIngestionSourceUpsert(input: $input) { errors { code } }
}"""
THRESHOLD = """mutation($t: Float!) {
  adminIngestionSettingsUpdate(input: {reviewThreshold: $t}) { errors { code } }
}"""
SUBMIT = """mutation($input: IngestionSubmitInput!) { ingestionSubmit(input: $input) { status errors { code } } }"""
CLAIMS = "{ ingestionNicknameClaims(first: 50) { edges { node { id userId source nickname } } } }"
REVIEW = """mutation($id: ID!) {
  ingestionNicknameReview(input: {id: $id, decision: APPROVE}) { claim { status } errors { code } }
}"""
MINE = "{ myIngestionNicknames { source nickname } }"


def waits_for_proof(nickname: str, game: str) -> str:
    return (
        f"{nickname} in {game} is not linked to you yet: your claim waits for proof.\n"
        "To prove it, ask the game bot for your profile in a group where this bot counts game results"
        " by itself (it answers “Counted: …” there): the profile of"
        f" {nickname} answering your own command links the nickname to you."
        " Replying парсинг to a profile proves nothing.\n"
        f"A moderator may also approve your claim; if another player holds {nickname}, only a moderator"
        " decides."
    )


def linked(nickname: str, game: str) -> str:
    return f"{nickname} is your nickname in {game}. Reply парсинг to your results there to get COIN."


@pytest.fixture
def backend() -> str:
    """Bot behaviour on SQLite; the duplicate test also runs on PostgreSQL."""
    return "sqlite"


@pytest.fixture(autouse=True)
def rules_only(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The parser's rules alone (0.97 for these cards, above the 0.8 review threshold): fast."""
    monkeypatch.setenv("LUCAS_PARSER_MODEL", "off")
    yield


@functools.cache
def history() -> dict[str, dict[str, Any]]:
    rows = {}
    with open(training.DEFAULT_HISTORY, encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            rows[f"{row['export']}:{row['id']}"] = row
    return rows


def game_message(key: str, *, sender: TgUser = GD_BOT, message_id: int | None = None) -> dict[str, Any]:
    """A real game-bot message as it sits in the group (the replied-to message of a ``парсинг``)."""
    row = history()[key]
    return chat_message(
        message_id or int(row["id"]),
        sender,
        row["text"],
        chat_id=GROUP,
        chat_type="supergroup",
        date=SENT_AT,
    )


def in_group(update_id: int, user: TgUser, text: str, **kw: Any) -> dict[str, Any]:
    return message_update(update_id, user, text, chat_id=GROUP, chat_type="supergroup", **kw)


async def parse(harness: Harness, user: TgUser, replied: dict[str, Any] | None, **kw: Any) -> str:
    """``user`` writes ``парсинг`` in the group in reply to ``replied``; the bot's one answer."""
    text = kw.pop("text", "парсинг")
    calls = await harness.deliver(
        in_group(kw.pop("update_id", harness.next_id()), user, text, reply_to=replied)
    )
    replies = [c for c in calls if c.method == "sendMessage"]
    assert len(replies) == 1, [(c.method, c.params) for c in calls]
    assert int(replies[0].params["chat_id"]) == GROUP
    return str(replies[0].params["text"])


async def count(harness: Harness, model: Any) -> int:
    async with harness.db.reader() as session:
        return int((await session.execute(select(func.count()).select_from(model))).scalar_one())


async def nicknames_of(harness: Harness, user: TgUser) -> list[str]:
    headers = actor_headers(harness.settings.telegram_service_key, user.actor())
    body = await harness.gql(MINE, headers=headers)
    return [f"{n['source']}:{n['nickname']}" for n in body["data"]["myIngestionNicknames"]]


async def link(harness: Harness, moderator: str, user: TgUser, command: str) -> str:
    """``user`` claims a nickname with ``command`` and a moderator approves the claim through the
    API (the way a player gets a nickname without the game bot's proof); the bot's reply to it."""
    reply = await harness.command(user, command)
    user_id = (await harness.me(user))["id"]
    body = await harness.gql(CLAIMS, token=moderator)
    (claim,) = [
        e["node"] for e in body["data"]["ingestionNicknameClaims"]["edges"] if e["node"]["userId"] == user_id
    ]
    body = await harness.gql(REVIEW, {"id": claim["id"]}, token=moderator)
    assert body["data"]["ingestionNicknameReview"] == {"claim": {"status": "APPROVED"}, "errors": []}
    return reply


@pytest.fixture
async def gd_bot(harness: Harness) -> str:
    """An admin has set GD Cards' Telegram id; nobody holds a nickname. Returns the admin's token."""
    admin = await harness.admin()
    body = await harness.gql(
        UPSERT,
        {"input": {"source": "GDCARDS", "telegramId": str(GD_BOT.id), "username": "gdcardsBot"}},
        token=admin,
    )
    assert body["data"]["adminIngestionSourceUpsert"]["errors"] == []
    return admin


@pytest.fixture
async def gd(harness: Harness, gd_bot: str) -> str:
    """GD Cards is set and alice holds EnidBlaito: her /nick claim, approved by a moderator (the
    admin). Returns the admin's token."""
    assert await link(harness, gd_bot, ALICE, "/nick gdcards EnidBlaito") == waits_for_proof(
        "EnidBlaito", "GD Cards"
    )
    assert await nicknames_of(harness, ALICE) == ["GDCARDS:EnidBlaito"]
    return gd_bot


# --- парсинг -----------------------------------------------------------------------------------


async def test_parse_reply_credits_the_player(harness: Harness, gd: str) -> None:
    reply = await parse(harness, ALICE, game_message(CARD_ENID))

    assert reply == "+2 COIN: GD Cards · card (points +1)"
    assert await harness.balance(ALICE) == 2
    # What was sent is the replied-to message's provenance, as Telegram gave it.
    async with harness.db.reader() as session:
        row = (await session.execute(select(IngestedMessage))).scalar_one()
    alice_id = (await harness.me(ALICE))["id"]
    assert (row.chat_id, row.message_id, row.sender_telegram_id) == (GROUP, 10303, GD_BOT.id)
    assert (row.sender_username, str(row.submitter_id), row.via_bot_to_bot) == ("gdcardsBot", alice_id, False)
    assert row.message_date is not None
    assert row.message_date.replace(tzinfo=UTC) == datetime.fromtimestamp(SENT_AT, UTC)
    listed = await harness.command(ALICE, "/ingestions")
    lines = listed.splitlines()
    assert lines[0] == "Your game results, newest first:"
    assert lines[1].startswith("• ") and lines[1].endswith(" · GD Cards · card · EnidBlaito · +2 COIN")
    assert len(lines) == 2


async def test_parse_spellings_and_russian(harness: Harness, gd: str) -> None:
    assert (await link(harness, gd, OLGA, "/nick гд LucasTeam")).startswith(
        "LucasTeam в GD Cards ещё не привязан к вам: заявка ждёт подтверждения.\n"
    )
    assert await harness.command(OLGA, "/nick гд LucasTeam") == (
        "LucasTeam — ваш ник в GD Cards. Отвечайте «парсинг» на свои результаты там, чтобы получать COIN."
    )
    lucas = game_message(CARD_LUCAS)
    assert await parse(harness, OLGA, lucas, text="  ПАРСИНГ \n") == "+4 COIN: GD Cards · карта (очки +2)"
    for text in ["/parse", f"/parse@{BOT_USERNAME}", "Парсинг"]:
        assert (
            await parse(harness, OLGA, lucas, text=text)
            == "Это сообщение уже засчитано. Вы получили за него 4 COIN."
        )
    assert await harness.balance(OLGA) == 4
    # A command addressed to another bot is not ours.
    calls = await harness.deliver(in_group(harness.next_id(), OLGA, "/parse@other_bot", reply_to=lucas))
    assert calls == []


async def test_a_first_profile_records_the_baseline(harness: Harness, gd: str) -> None:
    reply = await parse(harness, ALICE, game_message(PROFILE_ENID))

    assert reply == (
        "GD Cards · profile: your totals are recorded (0 COIN now). From here on, what they grow by is credited."
    )
    assert await harness.balance(ALICE) == 0
    assert await count(harness, IngestedMessage) == 1


async def test_an_unsure_parse_goes_to_a_moderator(harness: Harness, gd: str) -> None:
    body = await harness.gql(THRESHOLD, {"t": 0.99}, token=gd)
    assert body["data"]["adminIngestionSettingsUpdate"]["errors"] == []

    reply = await parse(harness, ALICE, game_message(CARD_ENID))

    assert reply == "GD Cards · card (points +1): sent to a moderator, who checks it before it is credited."
    assert await harness.balance(ALICE) == 0
    again = await parse(harness, ALICE, game_message(CARD_ENID))
    assert again == "This message is already waiting for a moderator."
    listed = (await harness.command(ALICE, "/credits")).splitlines()
    assert listed[1].endswith(" · GD Cards · card · EnidBlaito · waiting for a moderator")


async def test_a_humans_message_is_refused(harness: Harness, gd: str) -> None:
    # Bob pastes the card's text himself: the text is a card, the sender is not a game bot.
    pasted = game_message(CARD_ENID, sender=BOB, message_id=555)

    reply = await parse(harness, ALICE, pasted)

    assert reply == "Only messages of the game bots are counted."
    assert await harness.balance(ALICE) == 0
    assert await count(harness, IngestedMessage) == 0


async def test_someone_elses_card_is_refused(harness: Harness, gd: str) -> None:
    reply = await parse(harness, ALICE, game_message(CARD_LUCAS))

    assert reply == "This result is not yours. Link your in-game nickname: /nick game nickname"
    assert await harness.balance(ALICE) == 0
    assert await count(harness, IngestedMessage) == 0
    # Refusals store nothing: once the nickname is linked, the same message counts.
    await link(harness, gd, BOB, "/nick gd LucasTeam")
    assert await parse(harness, BOB, game_message(CARD_LUCAS)) == "+4 COIN: GD Cards · card (points +2)"


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
async def test_a_message_is_paid_once(harness: Harness, gd: str) -> None:
    card = game_message(CARD_ENID)
    first = await parse(harness, ALICE, card, update_id=8001)

    redelivered = await parse(harness, ALICE, card, update_id=8001)
    by_bob = await parse(harness, BOB, card)
    # Bot-to-bot delivery of the same message changes nothing either, and says nothing.
    calls = await harness.deliver({"update_id": harness.next_id(), "message": card})

    assert first == "+2 COIN: GD Cards · card (points +1)"
    assert redelivered == "This message was already counted. You got 2 COIN for it."
    assert by_bob == "This message was already counted."
    assert [c for c in calls if c.method == "sendMessage"] == []
    assert (await harness.balance(ALICE), await harness.balance(BOB)) == (2, 0)
    assert await count(harness, IngestedMessage) == 1


async def test_parse_without_a_reply_shows_usage_and_calls_nothing(harness: Harness) -> None:
    users = await count(harness, User)
    assert await parse(harness, ALICE, None) == PARSE_USAGE
    assert await parse(harness, ALICE, None, text="/parse") == PARSE_USAGE
    assert await harness.command(ALICE, "/parse") == PARSE_USAGE  # in the private chat too
    # No API call was made: the service key would have created alice's account.
    assert await count(harness, User) == users


async def test_a_reply_without_text_is_not_sent(harness: Harness, gd: str) -> None:
    sticker = game_message(CARD_ENID)
    del sticker["text"]
    sticker["sticker"] = {
        "file_id": "s1",
        "file_unique_id": "u1",
        "type": "regular",
        "width": 512,
        "height": 512,
        "is_animated": False,
        "is_video": False,
    }
    assert await parse(harness, ALICE, sticker) == "This message has no text the bot can read."
    assert await count(harness, IngestedMessage) == 0


async def test_ordinary_group_chat_is_neither_answered_nor_counted(harness: Harness) -> None:
    # With privacy mode off the bot sees every group message; chatting costs no command tokens.
    for _ in range(12):
        assert await harness.deliver(in_group(harness.next_id(), ALICE, "hello")) == []
    assert (await harness.command(ALICE, "/help")).startswith("Commands:")


# --- bot-to-bot ---------------------------------------------------------------------------------


def bot_to_bot(
    key: str,
    command_by: TgUser,
    *,
    sender: TgUser = GD_BOT,
    command: str = "/card",
    message_id: int | None = None,
) -> dict[str, Any]:
    """The game bot's message delivered to our bot itself, answering a player's command."""
    message = game_message(key, sender=sender, message_id=message_id)
    message["reply_to_message"] = chat_message(
        int(message["message_id"]) - 1, command_by, command, chat_id=GROUP, chat_type="supergroup"
    )
    return {"update_id": int(message["message_id"]) + 100_000, "message": message}


async def test_bot_to_bot_credits_the_named_player(harness: Harness, gd: str) -> None:
    calls = await harness.deliver(bot_to_bot(CARD_ENID_2, ALICE))

    (sent,) = [c for c in calls if c.method == "sendMessage"]
    assert sent.params["text"] == "Counted: GD Cards · card (points +1) — EnidBlaito"
    assert sent.params["reply_parameters"]["message_id"] == 10309
    assert await harness.balance(ALICE) == 2
    # It is alice's, though she never asked: /ingestions lists it.
    listed = (await harness.command(ALICE, "/ingestions")).splitlines()
    assert len(listed) == 2 and listed[1].endswith(" · GD Cards · card · EnidBlaito · +2 COIN")
    # The bot acted as itself.
    headers = actor_headers(harness.settings.telegram_service_key, TelegramActor(telegram_id=BOT_ID))
    body = await harness.gql("{ me { username } }", headers=headers)
    assert body["data"]["me"]["username"] == BOT_USERNAME

    # Redelivered: already paid, nothing said. A card of an unlinked player: refused, nothing said.
    again = await harness.deliver(bot_to_bot(CARD_ENID_2, ALICE))
    unlinked = await harness.deliver(bot_to_bot(CARD_LUCAS, BOB))
    assert [c for c in again + unlinked if c.method == "sendMessage"] == []
    assert (await harness.balance(ALICE), await harness.balance(BOB)) == (2, 0)
    assert await count(harness, IngestedMessage) == 1


async def test_bot_to_bot_speaks_the_players_language(harness: Harness, gd: str) -> None:
    await link(harness, gd, OLGA, "/nick gd LucasTeam")
    calls = await harness.deliver(bot_to_bot(CARD_LUCAS, OLGA))
    (sent,) = [c for c in calls if c.method == "sendMessage"]
    assert sent.params["text"] == "Засчитано: GD Cards · карта (очки +2) — LucasTeam"
    assert await harness.balance(OLGA) == 4


async def test_a_gusya_card_belongs_to_whoever_sent_the_command(harness: Harness, gd: str) -> None:
    body = await harness.gql(
        UPSERT, {"input": {"source": "GUSYA_CARDS", "telegramId": str(GUSYA_BOT.id)}}, token=gd
    )
    assert body["data"]["adminIngestionSourceUpsert"]["errors"] == []

    calls = await harness.deliver(bot_to_bot(GUSYA_CARD, ALICE, sender=GUSYA_BOT))

    (sent,) = [c for c in calls if c.method == "sendMessage"]
    assert sent.params["text"] == "Counted: Гуся Cards · card (points +3000, coins +5)"
    assert await harness.balance(ALICE) == 5  # 3,000 × 0.001 + 5 × 0.5 = 5.5: 5 paid, 0.5 carried
    # In reply mode Telegram does not say who sent the game bot's command: no one to credit.
    other = game_message(GUSYA_CARD, sender=GUSYA_BOT, message_id=25_999)
    reply = await parse(harness, ALICE, other)
    assert reply == "This result is not yours. Link your in-game nickname: /nick game nickname"
    assert await harness.balance(ALICE) == 5


async def test_other_bots_are_ignored_silently(harness: Harness, gd: str) -> None:
    weather = await harness.deliver(bot_to_bot(CARD_ENID_2, ALICE, sender=OTHER_BOT))
    # A bot's command never reaches the command handlers either.
    command = await harness.deliver(in_group(harness.next_id(), OTHER_BOT, "/balance"))

    assert [c for c in weather + command if c.method == "sendMessage"] == []
    assert await harness.balance(ALICE) == 0
    assert await count(harness, IngestedMessage) == 0


# --- /nick and /ingestions ------------------------------------------------------------------------


async def test_nick_usage_and_errors(harness: Harness, gd: str) -> None:
    for text in ["/nick", "/nick gd", "/nick   "]:
        assert await harness.command(ALICE, text) == NICK_USAGE, text
    assert await harness.command(ALICE, "/nick chess Magnus") == "There is no game “chess”.\n" + NICK_USAGE
    assert await harness.command(ALICE, "/nick gd " + "x" * 65) == "A nickname is 1 to 64 characters."
    assert await harness.command(OLGA, "/nick") == (
        "Использование: /nick игра ник\n"
        "Игры: gdcards (гд), gusya (гуся), shmalala (шмалала), mafia (мафия), bunker (бункер)\n"
        "Пример: /nick гд EnidBlaito"
    )


async def test_a_claim_links_nothing_until_the_game_bots_profile_answers_the_claimant(
    harness: Harness, gd_bot: str
) -> None:
    assert await harness.command(ALICE, "/nick gd EnidBlaito") == waits_for_proof("EnidBlaito", "GD Cards")
    assert await nicknames_of(harness, ALICE) == []
    # Pending, she is credited for nothing, and a парсинг reply to the profile cannot prove it: a
    # reply carries no word of whose command the profile answered.
    refused = "This result is not yours. Link your in-game nickname: /nick game nickname"
    assert await parse(harness, ALICE, game_message(CARD_ENID)) == refused
    assert await parse(harness, ALICE, game_message(PROFILE_ENID)) == refused
    # EnidBlaito's profile answering someone else's command proves nothing either.
    other = await harness.deliver(
        bot_to_bot(PROFILE_ENID, BOB, command="/profile@gdcardsBot", message_id=15_400)
    )
    assert [c for c in other if c.method == "sendMessage"] == []
    assert (await nicknames_of(harness, ALICE), await count(harness, IngestedMessage)) == ([], 0)

    # The game bot's profile answering alice's own command, seen in bot-to-bot mode, links it.
    calls = await harness.deliver(bot_to_bot(PROFILE_ENID, ALICE, command="/profile@gdcardsBot"))

    (sent,) = [c for c in calls if c.method == "sendMessage"]
    assert sent.params["text"] == "Counted: GD Cards · profile — EnidBlaito"
    assert await nicknames_of(harness, ALICE) == ["GDCARDS:EnidBlaito"]
    assert await harness.command(ALICE, "/nick gd enidblaito") == linked("EnidBlaito", "GD Cards")
    assert await parse(harness, ALICE, game_message(CARD_ENID)) == "+2 COIN: GD Cards · card (points +1)"
    assert await harness.balance(ALICE) == 2


async def test_nick_held_by_another_player_stays_theirs(harness: Harness, gd: str) -> None:
    reply = await harness.command(BOB, "/nick GD_Cards enidblaito")
    assert reply == waits_for_proof("enidblaito", "GD Cards")
    assert await parse(harness, BOB, game_message(CARD_ENID, message_id=10_400)) == (
        "This result is not yours. Link your in-game nickname: /nick game nickname"
    )
    # alice still holds EnidBlaito.
    assert await parse(harness, ALICE, game_message(CARD_ENID)) == "+2 COIN: GD Cards · card (points +1)"
    assert (await harness.balance(ALICE), await harness.balance(BOB)) == (2, 0)
    # A nickname with a space, in another game, by its Russian name.
    assert await harness.command(BOB, "/nick Мафия Олег  Чекмарев") == waits_for_proof(
        "Олег Чекмарев", "True Mafia"
    )
    assert await nicknames_of(harness, BOB) == []


async def test_nick_in_a_game_without_profiles_waits_for_a_moderator(harness: Harness, gd: str) -> None:
    for n in range(5):
        assert await harness.command(BOB, f"/nick шмалала Рыбак{n}") == (
            f"Рыбак{n} in Shmalala is not linked to you yet: your claim waits for a moderator,"
            " who links it if the nickname is yours."
        )
    # Waiting claims count towards the five a game allows.
    assert await harness.command(BOB, "/nick шмалала Рыбак5") == (
        "You have linked or claimed as many nicknames in this game as allowed."
    )
    assert await harness.command(OLGA, "/nick шмалала Ольга") == (
        "Ольга в Shmalala ещё не привязан к вам: заявку рассмотрит модератор и привяжет ник, если он ваш."
    )


async def test_ingestions_page_with_an_older_button(harness: Harness, gd: str) -> None:
    assert await harness.command(BOB, "/ingestions") == (
        "No game results yet. Reply парсинг to a game bot's message with your result."
    )
    # Eleven cards through the API (eleven commands at once would trip the per-user limit).
    text = history()[CARD_ENID]["text"]
    headers = actor_headers(harness.settings.telegram_service_key, ALICE.actor())
    for n in range(11):
        message = {
            "chatId": str(GROUP),
            "messageId": 20_000 + n,
            "senderTelegramId": str(GD_BOT.id),
            "text": text,
        }
        body = await harness.gql(SUBMIT, {"input": message}, headers=headers)
        assert body["data"]["ingestionSubmit"] == {"status": "CREDITED", "errors": []}

    calls = await harness.deliver(message_update(harness.next_id(), ALICE, "/ingestions"))
    (sent,) = [c for c in calls if c.method == "sendMessage"]
    assert len(sent.params["text"].splitlines()) == 11
    (button,) = sent.params["reply_markup"]["inline_keyboard"][0]
    assert button["text"] == "Older ▸" and button["callback_data"].startswith("ingest:")

    calls = await harness.press(ALICE, button["callback_data"])
    assert [c.method for c in calls] == ["answerCallbackQuery", "sendMessage"]
    older = calls[1].params["text"].splitlines()
    assert len(older) == 2 and older[1].endswith(" · GD Cards · card · EnidBlaito · +2 COIN")
    assert "reply_markup" not in calls[1].params
    assert await harness.balance(ALICE) == 22


async def test_help_lists_the_ingestion_commands(harness: Harness) -> None:
    lines = (await harness.command(ALICE, "/help")).splitlines()
    assert "/parse — reply to a game bot's result to get COIN for it (or write парсинг)" in lines
    assert "/nick — link your in-game nickname: /nick game nickname" in lines
    assert "/ingestions — your game results and the COIN they paid (also /credits)" in lines
    russian = (await harness.command(OLGA, "/help")).splitlines()
    assert "/nick — привязать игровой ник: /nick игра ник" in russian
    # Telegram's command menu, in both languages.
    menus = {
        str(c.params.get("language_code", "")): c.params["commands"]
        for c in harness.fake.sent("setMyCommands")
    }
    for language, menu in menus.items():
        assert {"parse", "nick", "ingestions"} <= {c["command"] for c in menu}, language
    assert {"command": "nick", "description": "привязать игровой ник: /nick игра ник"} in menus["ru"]
