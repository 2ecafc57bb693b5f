"""/notifications and the "Mark all as read" button."""

from __future__ import annotations

import pytest

from tests.bot.harness import ALICE, OLGA, Harness, message_update


@pytest.fixture
def backend() -> str:
    """Bot behaviour, not storage: SQLite is enough here (wallet, shop and delivery run on both)."""
    return "sqlite"


async def test_unread_notifications_and_mark_all_read(harness: Harness) -> None:
    assert await harness.command(ALICE, "/notifications") == "No new notifications."
    admin = await harness.admin()
    await harness.grant(admin, ALICE, 100)

    calls = await harness.deliver(message_update(harness.next_id(), ALICE, "/notifications"))
    (message,) = [c for c in calls if c.method == "sendMessage"]
    lines = message.params["text"].splitlines()
    assert lines[0] == "Unread notifications: 1"
    assert lines[1].startswith("• ") and lines[1].endswith(" — +100 COIN")
    assert lines[2] == "    welcome"
    (button,) = message.params["reply_markup"]["inline_keyboard"][0]
    assert button == {"text": "Mark all as read", "callback_data": "notif:read"}

    calls = await harness.press(ALICE, "notif:read")
    assert [c.method for c in calls] == ["answerCallbackQuery", "editMessageText"]
    assert calls[1].params["text"] == "Marked as read: 1."
    assert await harness.command(ALICE, "/notifications") == "No new notifications."

    calls = await harness.press(ALICE, "notif:read")
    assert calls[1].params["text"] == "Marked as read: 0."


async def test_notifications_in_russian(harness: Harness) -> None:
    admin = await harness.admin()
    await harness.grant(admin, OLGA, 5)
    text = await harness.command(OLGA, "/notifications")
    assert text.startswith("Непрочитанных уведомлений: 1")
    calls = await harness.press(OLGA, "notif:read")
    assert calls[1].params["text"] == "Отмечено прочитанными: 1."
