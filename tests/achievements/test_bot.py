"""/achievements: the list with progress and tiers, featuring, a refusal, Russian texts."""

from __future__ import annotations

import pytest

from resolvers import events, outbox
from resolvers.achievements import catalog, counting
from tests import factories
from tests.bot.harness import ALICE, OLGA, Harness
from workers import achievements as _registered  # noqa: F401


@pytest.fixture
def backend() -> str:
    """Bot behaviour, not storage: the domain's own tests run on both databases."""
    return "sqlite"


async def test_achievements_lists_progress_and_features_unlocked_ones(harness: Harness) -> None:
    await harness.command(ALICE, "/start")
    alice = int((await harness.me(ALICE))["id"])
    async with harness.db.transaction() as session:
        await events.append(session, kind="shop.purchase", clock=factories.CLOCK, actor_id=alice)
    await outbox.relay(harness.db, counting.CONSUMER, clock=factories.CLOCK)
    lines = (await harness.command(ALICE, "/achievements")).splitlines()
    assert lines[0] == f"🏆 Achievements: 1 of {len(catalog.CATALOG)} unlocked"
    assert "🥉 Shopper (shopper) — 1/10" in lines
    assert "▫️ First transfer (first_transfer) — 0/1" in lines
    assert "❔ Hidden achievement" in lines
    assert await harness.command(ALICE, "/achievements feature whale") == (
        "Only unlocked achievements can be featured."
    )
    assert await harness.command(ALICE, "/achievements feature Shopper") == "Featured: Shopper"
    assert "🥉 ⭐ Shopper (shopper) — 1/10" in (await harness.command(ALICE, "/achievements")).splitlines()
    assert await harness.command(ALICE, "/achievements feature") == "Nothing featured now."


async def test_achievements_in_russian(harness: Harness) -> None:
    await harness.command(OLGA, "/start")
    lines = (await harness.command(OLGA, "/achievements")).splitlines()
    assert lines[0] == f"🏆 Достижения: получено 0 из {len(catalog.CATALOG)}"
    assert "▫️ Покупатель (shopper) — 0/1" in lines
    assert "❔ Скрытое достижение" in lines
