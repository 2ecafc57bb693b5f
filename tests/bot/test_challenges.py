"""/challenges: the three groups with progress and rewards, a claim counted through the consumer,
the streaks, Russian texts."""

from __future__ import annotations

from resolvers import challenges, outbox
from tests import factories
from tests.bot.harness import ALICE, OLGA, Harness
from workers import challenges as challenge_jobs


async def test_challenges_lists_three_groups_and_counts_a_daily_claim(harness: Harness) -> None:
    await harness.command(ALICE, "/start")
    shown = (await harness.command(ALICE, "/challenges")).splitlines()
    assert shown[0] == "🎯 Challenges: 0 of 11 done"
    headings = [
        n for n, text in enumerate(shown) if text.startswith(("Today (", "This week (", "This month ("))
    ]
    assert [shown[n].split(" (")[0] for n in headings] == ["Today", "This week", "This month"]
    assert [headings[1] - headings[0], headings[2] - headings[1]] == [5, 7]
    assert all(
        s.startswith("▫️ ") and "— 0/" in s and " COIN, +" in s
        for s in shown[headings[0] + 1 : headings[0] + 4]
    )
    assert shown[-1] == "🔥 Streaks (all done, in a row): 0 days · 0 weeks · 0 months"
    # A daily claim moves every "Daily bonus claims" challenge once the consumer has read it
    await harness.command(ALICE, "/daily")
    assert outbox.CONSUMERS[challenges.CONSUMER] is challenge_jobs.count_progress
    await outbox.relay(harness.db, challenges.CONSUMER, clock=factories.CLOCK)
    after = await harness.command(ALICE, "/challenges")
    for text in after.splitlines():
        if text.startswith("✅ Daily bonus claims — 1/1"):
            break
        assert not text.startswith("▫️ Daily bonus claims — 0/")
    else:
        assert "Daily bonus claims" not in after.split("This week")[0]


async def test_challenges_in_russian(harness: Harness) -> None:
    await harness.command(OLGA, "/start")
    shown = (await harness.command(OLGA, "/challenges")).splitlines()
    assert shown[0] == "🎯 Испытания: пройдено 0 из 11"
    assert any(s.startswith("Сегодня (до ") for s in shown)
    assert shown[-1].startswith("🔥 Серии (всё пройдено подряд): дней — 0")
