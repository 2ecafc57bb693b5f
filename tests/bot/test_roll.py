"""/roll: dice in a private chat and in a group, spaced terms, kept and dropped dice, readable
refusals in English and Russian; each roll lands in the player's own log."""

from __future__ import annotations

import re

from bot.api import actor_headers
from bot.handlers.dnd import split_roll
from tests.bot.fake_telegram import BOT_USERNAME
from tests.bot.harness import ALICE, BOB, OLGA, Harness, TgUser

MY_ROLLS = "{ myDiceRolls(first: 10) { edges { node { notation total reason rolls } } } }"
GROUP = {"chat_type": "supergroup", "chat_id": -100777}
INVALID = (
    "That is not a roll I can make: at most 100 dice of up to 1000 sides. "
    "Examples: /roll d20 · /roll 2d6+3 attack · /roll 4d6kh3 · /roll 1d20+1d4+2"
)


async def my_rolls(harness: Harness, user: TgUser) -> list[dict[str, object]]:
    headers = actor_headers(harness.settings.telegram_service_key, user.actor())
    body = await harness.gql(MY_ROLLS, headers=headers)
    return [e["node"] for e in body["data"]["myDiceRolls"]["edges"]]


def dice_of(reply: str) -> list[list[int]]:
    return [[int(v) for v in re.findall(r"\d+", group)] for group in re.findall(r"\[([^\]]*)\]", reply)]


async def test_roll_with_a_reason_in_a_group(harness: Harness) -> None:
    reply = await harness.command(ALICE, "/roll 2d6+3 attack", **GROUP)

    match = re.fullmatch(r"🎲 @alice rolls 2d6\+3 for “attack”: \[(\d), (\d)\] \+ 3 = (\d+)", reply)
    assert match is not None, reply
    first, second, total = (int(g) for g in match.groups())
    assert 1 <= first <= 6 and 1 <= second <= 6 and total == first + second + 3
    assert await my_rolls(harness, ALICE) == [
        {"notation": "2d6+3", "total": total, "reason": "attack", "rolls": [first, second]}
    ]


async def test_roll_addressed_to_our_bot_in_a_group_and_spaced_terms(harness: Harness) -> None:
    reply = await harness.command(BOB, f"/roll@{BOT_USERNAME} 1d20 + 1d4 - 2 sneak attack", **GROUP)

    match = re.fullmatch(
        r"🎲 @bob rolls 1d20\+1d4-2 for “sneak attack”: \[(\d+)\] \+ \[(\d)\] − 2 = (-?\d+)", reply
    )
    assert match is not None, reply
    d20, d4, total = (int(g) for g in match.groups())
    assert total == d20 + d4 - 2


async def test_roll_shows_dropped_dice_in_parentheses(harness: Harness) -> None:
    reply = await harness.command(ALICE, "/roll 4d6kh3")

    assert reply.startswith("🎲 @alice rolls 4d6kh3: [")
    (values,) = dice_of(reply)
    dropped = re.findall(r"\((\d)\)", reply)
    assert len(values) == 4 and len(dropped) == 1 and int(dropped[0]) == min(values)
    assert reply.endswith(f"= {sum(values) - min(values)}")


async def test_roll_without_notation_rolls_a_d20(harness: Harness) -> None:
    reply = await harness.command(ALICE, "/roll")
    match = re.fullmatch(r"🎲 @alice rolls 1d20: \[(\d+)\] = (\d+)", reply)
    assert match is not None and match.group(1) == match.group(2) and 1 <= int(match.group(2)) <= 20


async def test_bad_rolls_are_explained_and_logged_nowhere(harness: Harness) -> None:
    assert await harness.command(ALICE, "/roll banana", **GROUP) == INVALID
    assert await harness.command(ALICE, "/roll 2d6+") == INVALID
    assert await harness.command(ALICE, "/roll 101d6") == INVALID
    assert await harness.command(ALICE, "/roll 1d1001") == INVALID
    assert await harness.command(ALICE, f"/roll d20 {'x' * 201}") == (
        "The reason is too long (200 characters at most)."
    )
    assert await my_rolls(harness, ALICE) == []


async def test_roll_in_russian(harness: Harness) -> None:
    reply = await harness.command(OLGA, "/roll d20 инициатива", **GROUP)
    assert re.fullmatch(r"🎲 @olga бросает d20 на «инициатива»: \[(\d+)\] = \1", reply), reply
    refused = await harness.command(OLGA, "/roll 0d6")
    assert refused.startswith("Такой бросок не сделать:")


def test_split_roll() -> None:
    assert split_roll("/roll") == ("1d20", None)
    assert split_roll("/roll 2d6+3 attack  the  orc") == ("2d6+3", "attack  the  orc")
    assert split_roll("/roll 2d6 + 3") == ("2d6+3", None)
    assert split_roll("/roll 1d20 +5 to hit") == ("1d20+5", "to hit")
    assert split_roll("/roll d20 2 handed") == ("d20", "2 handed")
