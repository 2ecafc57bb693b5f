"""/top: the coin leaderboard against the fake Bot API, with the player's own place, in en and ru."""

from __future__ import annotations

import pytest

from tests.bot.harness import ALICE, BOB, OLGA, Harness


@pytest.fixture
def backend() -> str:
    """Bot behaviour, not storage: the leaderboard's own tests run on both databases."""
    return "sqlite"


async def test_top_lists_the_richest_and_your_place(harness: Harness) -> None:
    for user in (ALICE, BOB, OLGA):
        await harness.command(user, "/start")
    admin = await harness.admin()
    await harness.grant(admin, ALICE, 40)
    await harness.grant(admin, BOB, 90)
    await harness.grant(admin, OLGA, 15)
    assert await harness.command(ALICE, "/top") == (
        "Richest players:\n🥇 bob — 90\n🥈 alice — 40\n🥉 olga — 15\n\nYou: #2 with 40"
    )
    assert await harness.command(BOB, "/top week") == (
        "Top earners this week:\n🥇 bob — 90\n🥈 alice — 40\n🥉 olga — 15\n\nYou: #1 with 90"
    )
    assert await harness.command(OLGA, "/top день") == (
        "Больше всех заработали сегодня (UTC):\n🥇 bob — 90\n🥈 alice — 40\n🥉 olga — 15\n\nВы: №3, 15"
    )


async def test_top_usage_and_an_empty_board(harness: Harness) -> None:
    await harness.command(ALICE, "/start")
    assert await harness.command(ALICE, "/top year") == "Usage: /top, or /top day, /top week, /top month"
    assert await harness.command(ALICE, "/top month") == "Top earners this month:\nNobody yet."
