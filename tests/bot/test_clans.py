"""/clan: your clan, joining, giving to the treasury, leaving, readable refusals."""

from __future__ import annotations

import pytest

from resolvers.clans import membership
from tests import factories
from tests.bot.harness import ALICE, BOB, Harness


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
        f"🏰 Owls (#{clan.id})\nLeader: alice\nMembers: 2 of 50\nLevel 1, 0 XP\nTreasury: 5 COIN"
    )
    assert await harness.command(BOB, "/clan give 500") == "You do not have enough coins."
    assert (
        await harness.command(BOB, f"/clan join {clan.id}") == "You are already in a clan: /clan leave first."
    )
    assert (
        await harness.command(ALICE, "/clan leave") == "Hand the leadership to another member before leaving."
    )
    assert await harness.command(BOB, "/clan leave") == "You left your clan."
