"""/daily and /level: the bonus once a day, the streak, a redelivered update, Russian texts."""

from __future__ import annotations

from tests.bot.harness import ALICE, OLGA, Harness


async def test_daily_pays_once_a_day_and_level_shows_the_standing(harness: Harness) -> None:
    await harness.command(ALICE, "/start")
    reply = await harness.command(ALICE, "/daily", update_id=701)
    assert reply == "Daily bonus: +10 COIN. Streak: 1 days.\nTomorrow: 15 COIN."
    assert await harness.balance(ALICE) == 10
    # A redelivered update answers the same claim and pays nothing more
    assert (await harness.command(ALICE, "/daily", update_id=701)).startswith("Daily bonus: +10 COIN.")
    assert await harness.balance(ALICE) == 10
    # Another /daily the same day is refused readably
    again = await harness.command(ALICE, "/daily")
    assert again == "You have already claimed today's bonus. The next one opens at 00:00 UTC."
    assert await harness.balance(ALICE) == 10
    level = (await harness.command(ALICE, "/level")).splitlines()
    assert level[0] == "Level 1 · 0 XP (level 2 at 100 XP)"
    assert level[1] == "Loyalty: Bronze (+0 gifts a day, +0% daily bonus)"
    assert level[2] == "Next tier: Silver at 2,000 engagement (you have 0)"
    assert level[3] == "Streak: 1 days (best 1)"


async def test_daily_and_level_in_russian(harness: Harness) -> None:
    await harness.command(OLGA, "/start")
    level = await harness.command(OLGA, "/level")
    assert level.splitlines()[-1] == "Сегодняшний бонус ждёт: /daily"
    assert (await harness.command(OLGA, "/daily")).startswith("Ежедневный бонус: +10")
    assert (await harness.command(OLGA, "/daily")).startswith("Вы уже получили сегодняшний бонус.")
