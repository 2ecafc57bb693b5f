"""The ``tournament_deadlines`` job on a moved clock: reminders an hour before a match's deadline,
no-shows forfeited after it (the one who reported wins, else the better seed), disputes left to a
moderator, and the prizes paid when the last match is forfeited. Repeated runs change nothing."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from server.settings import Settings
from tests import factories
from tests.server.support import running
from tests.tournaments.support import (
    ADVANCE,
    JOB_RUN,
    NOTES,
    REPORT,
    START,
    arena,
    created,
    joined_all,
    one,
    token,
)

HOUR = 3600


async def job(gql: Any, admin: str) -> dict[str, int]:
    body = await gql(JOB_RUN, {"n": "tournament_deadlines"}, token=admin)
    assert body["data"]["adminJobRun"]["errors"] == [], body
    return dict(body["data"]["adminJobRun"]["report"])


async def test_no_shows_are_forfeited_by_the_deadline_job_on_a_moved_clock(settings: Settings) -> None:
    async with running(replace(settings, clock_mode="manual")) as (app, gql):
        db, clock, secret = app.state.services.db, app.state.services.clock, settings.secret_key
        m = await arena(db, secret, count=4, clock=clock)
        ann, ben, cid, dan = m.players
        t = await created(gql, m.admin, fee="10")
        await joined_all(gql, t["id"], m.players)
        started = (await gql(START, {"id": t["id"]}, token=m.moderator.token))["data"]["tournamentStart"]
        first = [x for x in started["tournament"]["matches"] if x["round"] == 1 and x["bracket"] == "WINNERS"]
        a, b = first
        assert {p["id"] for p in a["players"]} == {str(ann.id), str(dan.id)}
        # ann reports her win, dan says nothing; ben and cid each claim the win
        await gql(REPORT, {"m": a["id"], "w": ann.id}, token=ann.token)
        await gql(REPORT, {"m": b["id"], "w": ben.id}, token=ben.token)
        disputed = await gql(REPORT, {"m": b["id"], "w": cid.id}, token=cid.token)
        assert disputed["data"]["tournamentReportResult"]["match"]["status"] == "DISPUTED"
        admin = token(m.admin, secret, clock)
        assert await job(gql, admin) == {"forfeited": 0, "reminded": 0, "finished": 0, "failed": 0}
        # An hour before the deadline dan is reminded, once
        await gql(ADVANCE, {"s": 23 * HOUR + 60}, token=admin)
        admin = token(m.admin, secret, clock)
        assert await job(gql, admin) == {"forfeited": 0, "reminded": 1, "finished": 0, "failed": 0}
        assert await job(gql, admin) == {"forfeited": 0, "reminded": 0, "finished": 0, "failed": 0}
        notes = (await gql(NOTES, token=token(dan, secret, clock)))["data"]["notifications"]["edges"]
        assert notes[0]["node"]["kind"] == "tournament.reminder"
        # Past it, dan forfeits; the disputed match waits for a moderator
        await gql(ADVANCE, {"s": HOUR}, token=admin)
        admin = token(m.admin, secret, clock)
        assert await job(gql, admin) == {"forfeited": 1, "reminded": 0, "finished": 0, "failed": 0}
        assert await job(gql, admin) == {"forfeited": 0, "reminded": 0, "finished": 0, "failed": 0}
        now = await one(gql, t["id"])
        a_now, b_now = (next(x for x in now["matches"] if x["id"] == y["id"]) for y in (a, b))
        assert a_now["winner"] == {"id": str(ann.id)} and a_now["decidedBy"] == "FORFEIT"
        assert b_now["status"] == "DISPUTED"
        decided = await gql(REPORT, {"m": b["id"], "w": ben.id}, token=token(m.moderator, secret, clock))
        assert decided["data"]["tournamentReportResult"]["match"]["decidedBy"] == "MODERATOR"
        # Nobody plays the final or the bronze match: the better seeds go through and the prizes are paid
        await gql(ADVANCE, {"s": 25 * HOUR}, token=admin)
        admin = token(m.admin, secret, clock)
        assert await job(gql, admin) == {"forfeited": 2, "reminded": 0, "finished": 1, "failed": 0}
        assert await job(gql, admin) == {"forfeited": 0, "reminded": 0, "finished": 0, "failed": 0}
        done = await one(gql, t["id"])
        assert done["status"] == "FINISHED"
        places = {e["user"]["id"]: (e["place"], e["prize"]) for e in done["players"]}
        assert places == {
            str(ann.id): (1, 20),
            str(ben.id): (2, 12),
            str(cid.id): (3, 8),
            str(dan.id): (None, 0),
        }
        assert [await factories.balance(db, p) for p in m.players] == [110, 102, 98, 90]
