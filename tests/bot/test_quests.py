"""/quests: the log with Accept buttons, /quests <number>, progress from events, readable refusals."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from db.models.quests import Quest
from resolvers import outbox
from resolvers.quests import common
from tests import factories
from tests.bot.harness import ALICE, BOB, OLGA, Harness, message_update
from workers import quests as quest_jobs


@pytest.fixture
def backend() -> str:
    """Bot behaviour, not storage: the quests domain's own tests run on both databases."""
    return "sqlite"


async def quest_ids(harness: Harness) -> dict[str, str]:
    async with harness.db.reader() as session:
        return {q.key: str(q.id) for q in (await session.execute(select(Quest))).scalars()}


async def test_quests_lists_the_log_accepts_with_a_button_and_shows_progress(harness: Harness) -> None:
    for user in (ALICE, BOB):
        await harness.command(user, "/start")
    ids = await quest_ids(harness)
    calls = await harness.deliver(message_update(harness.next_id(), ALICE, "/quests"))
    (message,) = [c for c in calls if c.method == "sendMessage"]
    assert message.params["text"] == (
        "Available quests:\n"
        f"#{ids['first-steps']} First steps (story) — 20 COIN, 50 XP\n"
        f"#{ids['daily-routine']} Daily routine (daily) — 10 COIN, 20 XP"
    )
    first, _daily = message.params["reply_markup"]["inline_keyboard"]
    assert first[0]["text"] == "▶ First steps"
    calls = await harness.press(ALICE, first[0]["callback_data"])
    assert [c.method for c in calls] == ["answerCallbackQuery", "sendMessage"]
    assert calls[1].params["text"] == "Quest accepted: First steps. Progress: 0/1."
    # The button again: already on it
    calls = await harness.press(ALICE, first[0]["callback_data"])
    assert calls[1].params["text"] == "You are already on this quest."
    # A payment completes it (counted by the quests consumer) and unlocks the next ones
    admin = await harness.admin()
    await harness.grant(admin, ALICE, 5)
    assert (await harness.command(ALICE, "/pay @bob 1")).startswith("Sent 1 COIN")
    assert outbox.CONSUMERS[common.CONSUMER] is quest_jobs.count_progress
    await outbox.relay(harness.db, common.CONSUMER, clock=factories.CLOCK)
    log = await harness.command(ALICE, "/quests")
    assert log.startswith("Available quests:\n")
    assert f"#{ids['window-shopping']} Window shopping (story) — 30 COIN, 75 XP" in log
    assert log.endswith("Completed: 1")
    assert await harness.balance(ALICE) == 5 - 1 + 20


async def test_quests_refusals_and_usage_are_readable(harness: Harness) -> None:
    await harness.command(ALICE, "/start")
    ids = await quest_ids(harness)
    assert await harness.command(ALICE, "/quests 999999") == "There is no such quest."
    assert await harness.command(ALICE, f"/quests #{ids['generous-soul']}") == (
        "This quest is locked: complete the quests before it first."
    )
    assert await harness.command(ALICE, "/quests abc") == (
        "Usage: /quests, or /quests <number> to accept quest #number"
    )
    assert (await harness.command(ALICE, f"/quests {ids['daily-routine']}")).startswith("Quest accepted")
    active = await harness.command(ALICE, "/quests")
    assert active.startswith("Active quests:\n• Daily routine: 0/1\n\nAvailable quests:")


async def test_quests_in_russian(harness: Harness) -> None:
    await harness.command(OLGA, "/start")
    text = await harness.command(OLGA, "/quests")
    assert text.startswith("Доступные задания:\n")
    assert "(сюжетное)" in text
    assert await harness.command(OLGA, "/quests 999999") == "Такого задания нет."
