"""Notifications delivered to Telegram by workers/telegram.py: exactly one message per
notification in the normal case, retries only when Telegram surely did not send, and ambiguous
cases reported instead of resent."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, update

from db.models import AuditEntry, ConsumerOffset, Delivery
from resolvers.clock import ManualClock
from resolvers.outbox import relay
from tests.bot.harness import ALICE, BOB, OLGA, TOKEN, Harness
from workers import runtime
from workers import telegram as tg


@pytest.fixture
def clock() -> ManualClock:
    # Ahead of the server's clock, past the relay's lag for PostgreSQL.
    return ManualClock(datetime.now(UTC) + timedelta(minutes=1))


@pytest.fixture(autouse=True)
def no_pause() -> None:
    tg._paused_until.clear()


async def run(harness: Harness, clock: ManualClock) -> tg.Report:
    await relay(harness.db, "telegram", clock=clock)
    return await tg.deliver_pending(
        harness.db, token=TOKEN, api_url=harness.settings.telegram_api_url, clock=clock
    )


async def deliveries(harness: Harness) -> list[Delivery]:
    async with harness.db.reader() as session:
        return list((await session.execute(select(Delivery).order_by(Delivery.id))).scalars())  # type: ignore[arg-type]


async def linked_alice_with_grant(harness: Harness) -> None:
    await harness.command(ALICE, "/start")
    await harness.grant(await harness.admin(), ALICE, 100)
    harness.fake.clear()


async def test_a_notification_reaches_the_linked_chat_exactly_once(
    harness: Harness, clock: ManualClock
) -> None:
    await linked_alice_with_grant(harness)

    report = await run(harness, clock)

    assert report == tg.Report(sent=1)
    assert harness.fake.texts() == ["+100 COIN\nwelcome"]
    assert int(harness.fake.sent()[0].params["chat_id"]) == ALICE.id
    (row,) = await deliveries(harness)
    assert (row.channel, row.status, row.attempts, row.last_error) == ("telegram", "sent", 0, None)
    assert row.ref.startswith("notification:") and row.sent_at is not None

    # The relay and the job run again (a repeat, a redelivered message): nothing more is sent.
    await run(harness, clock)
    async with harness.db.transaction() as session:  # even if the relay re-read the events
        await session.execute(update(ConsumerOffset).values(last_event_id=0))  # type: ignore[attr-defined]
    assert await run(harness, clock) == tg.Report()
    assert len(harness.fake.sent()) == 1
    assert len(await deliveries(harness)) == 1


async def test_payments_notify_the_recipient_not_unlinked_users(harness: Harness, clock: ManualClock) -> None:
    await linked_alice_with_grant(harness)
    await harness.gql.register("webonly")  # an account without Telegram
    await harness.command(BOB, "/start")
    await harness.command(ALICE, "/pay @bob 5 ta")
    await harness.command(ALICE, "/pay @webonly 5")
    harness.fake.clear()

    await run(harness, clock)

    by_chat = {int(c.params["chat_id"]): c.params["text"] for c in harness.fake.sent()}
    assert by_chat == {ALICE.id: "+100 COIN\nwelcome", BOB.id: "+5 COIN\nalice sent you 5 COIN: ta"}
    assert len(await deliveries(harness)) == 2


async def test_a_notification_reaches_each_reader_in_their_language(
    harness: Harness, clock: ManualClock
) -> None:
    await linked_alice_with_grant(harness)
    await harness.command(OLGA, "/start")  # her Telegram speaks Russian
    await harness.command(BOB, "/start")
    await harness.command(ALICE, "/pay @olga 5 спасибо")
    await harness.command(ALICE, "/pay @bob 3")
    harness.fake.clear()

    await run(harness, clock)

    by_chat = {int(c.params["chat_id"]): c.params["text"] for c in harness.fake.sent()}
    assert by_chat[OLGA.id] == "+5 COIN\nalice перевёл вам 5 COIN: спасибо"
    assert by_chat[BOB.id] == "+3 COIN\nalice sent you 3 COIN"


async def test_an_answer_that_is_not_the_bot_api_is_reported_not_resent(
    harness: Harness, clock: ManualClock
) -> None:
    await linked_alice_with_grant(harness)
    harness.fake.gateway_error("sendMessage")

    assert await run(harness, clock) == tg.Report(unknown=1)
    assert await run(harness, clock) == tg.Report()

    assert len(harness.fake.sent()) == 1
    (row,) = await deliveries(harness)
    assert (row.status, row.last_error) == ("unknown", "HTTP 502 without a Bot API answer")


async def test_concurrent_runs_send_once(harness: Harness, clock: ManualClock) -> None:
    await linked_alice_with_grant(harness)
    await relay(harness.db, "telegram", clock=clock)

    reports = await asyncio.gather(
        *(
            tg.deliver_pending(
                harness.db, token=TOKEN, api_url=harness.settings.telegram_api_url, clock=clock
            )
            for _ in range(3)
        )
    )

    assert sum(r.sent for r in reports) == 1
    assert len(harness.fake.sent()) == 1


async def test_flood_control_puts_the_delivery_back_and_pauses(harness: Harness, clock: ManualClock) -> None:
    await linked_alice_with_grant(harness)
    harness.fake.flood_once("sendMessage", 30)

    assert await run(harness, clock) == tg.Report(defer=1)
    (row,) = await deliveries(harness)
    assert (row.status, row.attempts, row.sent_at) == ("pending", 0, None)
    assert await run(harness, clock) == tg.Report()  # paused: Telegram is not asked again
    assert len(harness.fake.sent()) == 1

    clock.advance(seconds=31)
    assert await run(harness, clock) == tg.Report(sent=1)
    assert harness.fake.texts() == ["+100 COIN\nwelcome", "+100 COIN\nwelcome"]  # the 429, then the send
    first, second = harness.fake.sent()
    assert first.params == second.params


async def test_a_blocked_bot_fails_for_good(harness: Harness, clock: ManualClock) -> None:
    await linked_alice_with_grant(harness)
    harness.fake.fail_always("sendMessage", 403, "Forbidden: bot was blocked by the user")

    assert await run(harness, clock) == tg.Report(failed=1)
    assert await run(harness, clock) == tg.Report()
    (row,) = await deliveries(harness)
    assert (row.status, row.attempts) == ("failed", tg.MAX_ATTEMPTS)
    assert row.last_error == "403: Forbidden: bot was blocked by the user"
    assert len(harness.fake.sent()) == 1


async def test_telegram_errors_are_retried_up_to_the_limit(harness: Harness, clock: ManualClock) -> None:
    await linked_alice_with_grant(harness)
    harness.fake.fail_always("sendMessage", 500, "Internal Server Error")

    for attempt in range(1, tg.MAX_ATTEMPTS + 1):
        assert await run(harness, clock) == tg.Report(failed=1)
        (row,) = await deliveries(harness)
        assert (row.status, row.attempts) == ("failed", attempt)
    assert await run(harness, clock) == tg.Report()
    assert len(harness.fake.sent()) == tg.MAX_ATTEMPTS


async def test_an_unreachable_bot_api_burns_no_attempts(harness: Harness, clock: ManualClock) -> None:
    await linked_alice_with_grant(harness)
    await relay(harness.db, "telegram", clock=clock)
    closed = "http://127.0.0.1:9/bot"  # the discard port: connection refused

    report = await tg.deliver_pending(harness.db, token=TOKEN, api_url=closed, clock=clock)

    assert report == tg.Report(defer=1)
    (row,) = await deliveries(harness)
    assert (row.status, row.attempts) == ("pending", 0)


async def test_a_crash_while_sending_is_reported_not_resent(harness: Harness, clock: ManualClock) -> None:
    await linked_alice_with_grant(harness)
    await relay(harness.db, "telegram", clock=clock)
    # As if a worker claimed the row, called the Bot API and died before marking it sent.
    async with harness.db.transaction() as session:
        await session.execute(update(Delivery).values(status="sending", sent_at=clock.now()))
    assert await run(harness, clock) == tg.Report()  # still in flight, perhaps

    clock.advance(minutes=11)
    assert await run(harness, clock) == tg.Report(unknown=1)
    assert await run(harness, clock) == tg.Report()

    assert harness.fake.sent() == []
    (row,) = await deliveries(harness)
    assert (row.status, row.last_error) == ("unknown", "interrupted while sending")
    async with harness.db.reader() as session:
        entries = list(
            (
                await session.execute(
                    select(AuditEntry).where(AuditEntry.action == "telegram.delivery_unknown")
                )
            ).scalars()
        )
    assert [(e.subject, e.data["ref"]) for e in entries] == [(f"delivery:{row.id}", row.ref)]


async def test_a_notification_read_before_its_turn_is_skipped(harness: Harness, clock: ManualClock) -> None:
    await linked_alice_with_grant(harness)
    await harness.press(ALICE, "notif:read")
    harness.fake.clear()

    assert await run(harness, clock) == tg.Report(skipped=1)
    assert harness.fake.sent() == []


async def test_old_notifications_are_not_pushed(harness: Harness, clock: ManualClock) -> None:
    await linked_alice_with_grant(harness)
    await relay(harness.db, "telegram", clock=clock)
    clock.advance(days=2)

    assert await run(harness, clock) == tg.Report(skipped=1)
    assert harness.fake.sent() == []
    (row,) = await deliveries(harness)
    assert (row.status, row.last_error) == ("skipped", "too old to deliver")


async def test_the_scheduled_job_uses_the_worker_runtime(harness: Harness, clock: ManualClock) -> None:
    await linked_alice_with_grant(harness)
    await relay(harness.db, "telegram", clock=clock)
    runtime.configure(harness.settings, clock=clock)
    try:
        await tg.telegram_deliver()
        await tg.telegram_deliver()
    finally:
        await runtime.get().db.dispose()
        runtime._runtime = None

    assert harness.fake.texts() == ["+100 COIN\nwelcome"]
