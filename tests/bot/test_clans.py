"""/clan: your clan, joining, giving to the treasury, leaving, readable refusals."""

from __future__ import annotations

import pytest

from resolvers import outbox
from resolvers.clans import goals, membership, xp
from resolvers.clock import SystemClock
from tests import factories
from tests.bot.harness import ALICE, BOB, OLGA, Harness
from workers import clans as clan_jobs  # noqa: F401  (registers the consumer)


@pytest.fixture
def backend() -> str:
    """Bot behaviour, not storage: the clans domain's own tests run on both databases."""
    return "sqlite"


async def test_join_give_show_and_leave(harness: Harness) -> None:
    for user in (ALICE, BOB):
        await harness.command(user, "/start")
    assert await harness.command(BOB, "/clan") == "You are not in a clan. Join one with /clan join <id>."
    alice_id = int((await harness.me(ALICE))["id"])
    async with harness.db.transaction() as session:
        clan = await membership.create(session, actor_id=alice_id, name="Owls", clock=factories.CLOCK)
    await harness.grant(await harness.admin(), BOB, 20)
    assert await harness.command(BOB, f"/clan join {clan.id}") == "Welcome to Owls!"
    assert await harness.command(BOB, "/clan give 5") == "Thank you! Treasury: 5 COIN"
    assert await harness.command(BOB, "/clan") == (
        f"🏰 Owls (#{clan.id})\nLeader: alice\nMembers: 2 of 50\nLevel 1, 0 XP\nTreasury: 5 COIN\n"
        "No goals this week yet."
    )
    assert await harness.command(BOB, "/clan give 500") == "You do not have enough coins."
    assert (
        await harness.command(BOB, f"/clan join {clan.id}") == "You are already in a clan: /clan leave first."
    )
    assert (
        await harness.command(ALICE, "/clan leave") == "Hand the leadership to another member before leaving."
    )
    assert await harness.command(BOB, "/clan leave") == "You left your clan."


async def test_clan_shows_this_weeks_goals_and_their_progress_in_english_and_russian(
    harness: Harness,
) -> None:
    for user in (ALICE, OLGA):
        await harness.command(user, "/start")
    alice_id = int((await harness.me(ALICE))["id"])
    async with harness.db.transaction() as session:
        clan = await membership.create(session, actor_id=alice_id, name="Owls", clock=SystemClock())
    assert await harness.command(OLGA, f"/clan join {clan.id}") == "Добро пожаловать в Owls!"
    shown = await harness.command(ALICE, "/clan")
    assert shown.endswith("Treasury: 0 COIN\nNo goals this week yet.")
    # When the week's goals are given and alice gives 30 COIN to the treasury
    async with harness.db.transaction() as session:
        await goals.roll(session, clock=SystemClock())
    await harness.grant(await harness.admin(), ALICE, 40)
    assert await harness.command(ALICE, "/clan give 30") == "Thank you! Treasury: 30 COIN"
    await outbox.relay(harness.db, xp.CONSUMER, clock=SystemClock())
    # Then /clan lists them with their progress, in each reader's language
    assert (await harness.command(ALICE, "/clan")).split("\n")[-3:] == [
        "Goals this week:",
        "▫️ Members win 20 games: 0 of 20",
        "▫️ Contribute 5000 COIN to the treasury: 30 of 5,000",
    ]
    assert (await harness.command(OLGA, "/clan")).split("\n")[-3:] == [
        "Цели на неделю:",
        "▫️ Участники выиграли 20 игр: 0 из 20",
        "▫️ Внести в казну 5000 COIN: 30 из 5\xa0000",
    ]
