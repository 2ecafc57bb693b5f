"""Mini-games in a group through the bot: /cities, /join, /go, cities as plain messages (refusals
explained with the tries left), chatter of others left alone, /game, /leave; one game per chat."""

from __future__ import annotations

from typing import Any

import pytest

from resolvers.games import cities
from tests.bot.harness import ALICE, BOB, OLGA, Harness, TgUser, message_update

GROUP: dict[str, Any] = {"chat_type": "supergroup", "chat_id": -100555}
CAROL = TgUser(1009, "Carol", "carol", "en")


@pytest.fixture(scope="module", autouse=True)
def atlas() -> cities.Index:
    """The city atlas loads once per process (seconds the first time): before the bot's first move,
    whose API call would otherwise wait for it."""
    return cities.index()


async def said(harness: Harness, user: TgUser, text: str, **kw: Any) -> list[str]:
    calls = await harness.deliver(message_update(harness.next_id(), user, text, **kw))
    return [str(c.params["text"]) for c in calls if c.method == "sendMessage"]


async def test_a_game_of_cities_in_a_group_with_plain_messages(harness: Harness) -> None:
    opened = await harness.command(ALICE, "/cities", **GROUP)
    assert opened == "🎮 Cities: waiting for players (@alice). /join to play, the host sends /go."
    busy = await harness.command(BOB, "/killer", **GROUP)
    assert busy == "This chat already has a game: /join it or wait for its end."
    assert "@alice, @bob" in await harness.command(BOB, "/join", **GROUP)
    assert await harness.command(BOB, "/go", **GROUP) == "Only the player who opened the game can start it."
    started = await harness.command(ALICE, "/go", **GROUP)
    assert started.startswith("🎮 Cities") and started.endswith("Turn: @alice")
    # A city as a plain message is alice's move
    assert (await said(harness, ALICE, "Москва", **GROUP))[0].startswith("✅ @alice: Москва\n")
    # Someone not playing, or a player out of turn, chats freely
    assert await said(harness, CAROL, "привет всем", **GROUP) == []
    assert await said(harness, ALICE, "Анапа", **GROUP) == []
    # A refused city is explained, with the tries left
    assert await said(harness, BOB, "Тула", **GROUP) == [
        "Wrong letter: the city must start with the last letter of the previous one.\n"
        "Tries left: 2. Turn: @bob"
    ]
    moved = await harness.command(BOB, "/move архангельск", **GROUP)
    assert moved.startswith("✅ @bob: Архангельск\n") and "Next letter: «К»" in moved
    shown = await harness.command(CAROL, "/game", **GROUP)
    assert "Last city: Архангельск" in shown and shown.endswith("Turn: @alice")
    # alice gives up: bob wins
    ended = await harness.command(ALICE, "/leave", **GROUP)
    assert ended.startswith("🏆 Cities: @bob wins! +50 COIN")
    assert await harness.balance(BOB) == 50
    assert await said(harness, BOB, "Казань", **GROUP) == []
    assert (
        await harness.command(BOB, "/game", **GROUP)
        == "No game in this chat. Start one: /cities, /killer or /gd"
    )


async def test_killer_words_in_russian_and_games_only_in_groups(harness: Harness) -> None:
    assert await harness.command(OLGA, "/gd") == (
        "Игры идут в группе: добавьте меня в группу и отправьте команду там."
    )
    opened = await harness.command(OLGA, "/killer deadly", chat_type="supergroup", chat_id=-100777)
    assert opened.startswith("🎮 Убийца слов")
    started = await harness.command(OLGA, "/go", chat_type="supergroup", chat_id=-100777)
    assert "Тема:" in started and "Ход: @olga" in started
    guessed = await harness.command(OLGA, "/move а", chat_type="supergroup", chat_id=-100777)
    assert "«А»" in guessed
