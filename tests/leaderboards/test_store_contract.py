"""The contract every leaderboard store meets, on both databases, with a hand-moved clock.

Only the SQL store ships (it serves the embedded and the scaled mode), so the list has one entry;
a store added later joins ``STORES`` and must pass the same scenario.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from db.engine import Database
from resolvers import leaderboards, ledger
from resolvers.clock import ManualClock
from resolvers.errors import DomainError
from resolvers.leaderboards import periods
from server.settings import Settings
from tests import factories
from tests.snapshot import changed, snapshot

STORES = ("sql",)
# A Wednesday
START = datetime(2026, 12, 2, 10, 0, tzinfo=UTC)


def board(entries: list[leaderboards.Standing]) -> list[tuple[int, int, int]]:
    return [(e.rank, e.user_id, e.score) for e in entries]


async def read(
    db: Database, clock: ManualClock, period: str, viewer: int | None = None, first: int = 100
) -> leaderboards.Board:
    async with db.reader() as session:
        return await leaderboards.leaderboard(
            session, board="coins", period=period, clock=clock, first=first, viewer_id=viewer
        )


@pytest.mark.parametrize("store", STORES)
async def test_ranks_earnings_by_period_and_holdings_all_time(settings: Settings, store: str) -> None:
    from server.app import create_app

    app = create_app(settings, migrate=False, start_workers=False)
    async with app.router.lifespan_context(app):
        db: Database = app.state.services.db
        clock = ManualClock(START)
        a, b, c, d = await factories.players(db, "ann", "ben", "cat", "dan", clock=clock)
        # Given on Wednesday ann earns 30, ben 50, cat 30 (a tie with ann), dan nothing
        for who, amount in ((a, 30), (b, 50), (c, 30)):
            await factories.grant(db, who, amount, clock=clock)
        # and ann gets 500 back from an escrow (a cancelled trade offer: not earnings)
        async with db.transaction() as session:
            leg = ledger.Leg(
                debit=("system", "escrow:trade:1"),
                credit=("user", a.id),
                asset="COIN",
                amount=500,
                kind="trade_return",
            )
            await ledger.post(session, [leg], clock=clock, actor_id=a.id)
        today = await read(db, clock, "DAILY", viewer=c.id)
        # Then ben leads; the tie is ordered by user id; the return does not count; dan is not ranked
        assert board(today.entries) == [(1, b.id, 50), (2, a.id, 30), (3, c.id, 30)]
        assert today.viewer == leaderboards.Standing(3, c.id, 30)
        assert (await read(db, clock, "DAILY", viewer=d.id)).viewer is None
        # All time ranks what is held (ann holds her 500 back)
        held = await read(db, clock, "ALL_TIME", viewer=a.id)
        assert board(held.entries) == [(1, a.id, 530), (2, b.id, 50), (3, c.id, 30)]
        # first limits the list; a viewer below it still gets their rank
        short = await read(db, clock, "DAILY", viewer=c.id, first=1)
        assert board(short.entries) == [(1, b.id, 50)] and short.viewer == leaderboards.Standing(3, c.id, 30)

        # When the clock passes midnight (Thursday) and cat earns 5
        clock.advance(days=1)
        await factories.grant(db, c, 5, clock=clock)
        # Then yesterday's earnings left DAILY but stay in WEEKLY and MONTHLY
        today = await read(db, clock, "DAILY", viewer=b.id)
        assert board(today.entries) == [(1, c.id, 5)]
        # each with their rank the day before (cat was 3rd), the viewer too though unranked today
        assert today.entries[0].previous_rank == 3 and today.viewer is None
        assert (await read(db, clock, "ALL_TIME")).entries[0].previous_rank is None
        assert board((await read(db, clock, "WEEKLY")).entries) == [
            (1, b.id, 50),
            (2, c.id, 35),
            (3, a.id, 30),
        ]
        assert [e.user_id for e in (await read(db, clock, "MONTHLY")).entries] == [b.id, c.id, a.id]
        # And from the next Monday the week is empty again (the month still counts them)
        clock.advance(days=4)
        assert clock.now().weekday() == 0
        assert (await read(db, clock, "WEEKLY")).entries == []
        assert (await read(db, clock, "DAILY")).entries == []
        assert len((await read(db, clock, "MONTHLY")).entries) == 3
        # a new week's earner shows last week's rank; someone unranked last week has none
        await factories.grant(db, b, 1, clock=clock)
        await factories.grant(db, d, 2, clock=clock)
        week = await read(db, clock, "WEEKLY", viewer=b.id)
        assert [(e.user_id, e.previous_rank) for e in week.entries] == [(d.id, None), (b.id, 1)]
        assert week.viewer == leaderboards.Standing(2, b.id, 1, previous_rank=1)


@pytest.mark.parametrize("store", STORES)
async def test_unknown_board_period_or_first_is_refused_and_changes_nothing(
    settings: Settings, store: str
) -> None:
    from server.app import create_app

    app = create_app(settings, migrate=False, start_workers=False)
    async with app.router.lifespan_context(app):
        db: Database = app.state.services.db
        clock = ManualClock(START)
        before = await snapshot(db)
        for board_name, period, first, code, field in (
            ("gems", "DAILY", 10, "UNKNOWN_BOARD", "board"),
            ("coins", "YEARLY", 10, "UNKNOWN_PERIOD", "period"),
            ("coins", "DAILY", 0, "INVALID_FIRST", "first"),
        ):
            with pytest.raises(DomainError) as refused:
                async with db.reader() as session:
                    await leaderboards.leaderboard(
                        session, board=board_name, period=period, clock=clock, first=first
                    )
            assert (refused.value.code, refused.value.field) == (code, field)
        assert changed(before, await snapshot(db)) == {}


def test_period_windows_start_at_midnight_monday_and_the_first_of_the_month() -> None:
    sunday_late = datetime(2026, 12, 6, 23, 59, tzinfo=UTC)
    assert periods.window("DAILY", sunday_late) == (
        datetime(2026, 12, 6, tzinfo=UTC),
        datetime(2026, 12, 7, tzinfo=UTC),
    )
    assert periods.window("WEEKLY", sunday_late) == (
        datetime(2026, 11, 30, tzinfo=UTC),
        datetime(2026, 12, 7, tzinfo=UTC),
    )
    assert periods.window("MONTHLY", sunday_late) == (
        datetime(2026, 12, 1, tzinfo=UTC),
        datetime(2027, 1, 1, tzinfo=UTC),
    )
    assert periods.window("ALL_TIME", sunday_late) is None
    assert periods.key("WEEKLY", sunday_late) == "WEEKLY:2026-11-30"
