"""/profile: your own, another player's as their privacy allows, an unknown name, Russian texts."""

from __future__ import annotations

import pytest

from tests.bot.harness import ALICE, BOB, OLGA, Harness, actor_headers

UPDATE = "mutation($b: String!) { profileUpdate(input: {bio: $b, privacy: {balance: NOBODY}}) { errors { code } } }"


@pytest.fixture
def backend() -> str:
    """Bot behaviour, not storage: the domain's own tests run on both databases."""
    return "sqlite"


async def test_profile_shows_yours_and_another_players_as_their_privacy_allows(harness: Harness) -> None:
    await harness.command(ALICE, "/start")
    await harness.command(BOB, "/start")
    admin = await harness.admin()
    await harness.grant(admin, ALICE, 70)
    alice = (await harness.me(ALICE))["username"]
    mine = (await harness.command(ALICE, "/profile")).splitlines()
    assert mine[0] == f"👤 {alice}"
    assert mine[1:4] == [
        "⭐ Level 1 · 0 XP · bronze",
        "🏆 Achievements: 0 · 👥 Friends: 0",
        "💰 Balance: 70 COIN",
    ]
    body = await harness.gql(
        UPDATE,
        {"b": "Chess at night"},
        headers=actor_headers(harness.settings.telegram_service_key, ALICE.actor()),
    )
    assert body["data"]["profileUpdate"]["errors"] == []
    seen = (await harness.command(BOB, f"/profile @{alice}")).splitlines()
    assert seen[:2] == [f"👤 {alice}", "Chess at night"] and "💰 Balance: hidden" in seen
    assert await harness.command(BOB, "/profile @nobody_here") == "There is no player named nobody_here."
    assert await harness.command(BOB, "/profile a b") == "Usage: /profile [@username]"


async def test_profile_in_russian(harness: Harness) -> None:
    await harness.command(OLGA, "/start")
    lines = (await harness.command(OLGA, "/profile")).splitlines()
    assert lines[1:4] == [
        "⭐ Уровень 1 · 0 опыта · bronze",
        "🏆 Достижения: 0 · 👥 Друзья: 0",
        "💰 Баланс: 0 COIN",
    ]
