"""Reports, the moderators' queue, export, and the 90-day retention job on a moved clock."""

from __future__ import annotations

import json

from server.settings import Settings
from tests import factories
from tests.chat.support import (
    EXPORT,
    JOB_RUN,
    MESSAGES,
    REPORT,
    REPORTS,
    RESOLVE,
    advance,
    codes,
    manual,
    send,
    token,
)
from tests.server.support import running
from tests.snapshot import changed, snapshot


async def test_reports_wait_in_the_queue_until_a_moderator_resolves_them(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        ann, ben, cat = await factories.players(db, "ann", "ben", "cat", secret=settings.secret_key)
        mod = await factories.player(db, "mod", role="moderator", secret=settings.secret_key)
        assert ann.token and ben.token and cat.token and mod.token
        rude = (await send(gql, ann.token, "global", "you are all losers"))["message"]["id"]
        spam = (await send(gql, ann.token, "global", "buy cheap coins"))["message"]["id"]
        private = (await send(gql, ann.token, f"dm:{ben.id}", "secret"))["message"]["id"]
        report = (await gql(REPORT, {"m": rude, "r": "insults"}, token=ben.token))["data"]["chatReport"]
        assert report["errors"] == [] and report["report"]["status"] == "open"
        assert (await gql(REPORT, {"m": rude, "r": "me too"}, token=cat.token))["data"]["chatReport"][
            "errors"
        ] == []
        refusals = [
            (ben.token, rude, "again", "ALREADY_REPORTED"),
            (ann.token, rude, "mine", "SELF_REPORT"),
            (cat.token, private, "peek", "UNKNOWN_MESSAGE"),
            (cat.token, "999999", "none", "UNKNOWN_MESSAGE"),
            (cat.token, spam, " ", "INVALID_REASON"),
        ]
        for who, message, reason, code in refusals:
            before = await snapshot(db)
            body = await gql(REPORT, {"m": message, "r": reason}, token=who)
            assert codes(body["data"]["chatReport"]) == [code]
            assert changed(before, await snapshot(db)) == {}
        queue = (await gql(REPORTS, token=mod.token))["data"]["chatReports"]
        assert [(r["reason"], r["reporter"]["username"]) for r in queue] == [
            ("insults", "ben"),
            ("me too", "cat"),
        ]
        assert queue[0]["message"]["text"] == "you are all losers"
        # Deleting the message resolves both reports and hides it from the channel
        resolved = await gql(RESOLVE, {"r": queue[0]["id"], "a": "DELETE"}, token=mod.token)
        assert resolved["data"]["chatReportResolve"]["report"]["status"] == "deleted"
        assert (await gql(REPORTS, token=mod.token))["data"]["chatReports"] == []
        texts = [
            m["text"] for m in (await gql(MESSAGES, {"c": "global"}, token=cat.token))["data"]["chatMessages"]
        ]
        assert texts == ["buy cheap coins"]
        before = await snapshot(db)
        again = await gql(RESOLVE, {"r": queue[1]["id"], "a": "DISMISS"}, token=mod.token)
        assert codes(again["data"]["chatReportResolve"]) == ["ALREADY_RESOLVED"]
        assert changed(before, await snapshot(db)) == {}
        # Muting the author from the queue
        spam_report = (await gql(REPORT, {"m": spam, "r": "spam"}, token=cat.token))["data"]["chatReport"]
        muted = await gql(RESOLVE, {"r": spam_report["report"]["id"], "a": "MUTE", "m": 30}, token=mod.token)
        assert muted["data"]["chatReportResolve"]["report"]["status"] == "muted"
        assert codes(await send(gql, ann.token, "global", "hello")) == ["MUTED"]
        # The export has every message of the conversation, deleted ones too, as JSON lines
        lines = (await gql(EXPORT, {"c": "global"}, token=mod.token))["data"]["chatExport"].splitlines()
        exported = [json.loads(line) for line in lines]
        assert [(e["text"], e["username"], e["deleted"]) for e in exported] == [
            ("you are all losers", "ann", True),
            ("buy cheap coins", "ann", False),
        ]
        low, high = sorted((ann.id, ben.id))
        dm = (await gql(EXPORT, {"c": f"dm:{low}:{high}"}, token=mod.token))["data"]["chatExport"]
        assert [json.loads(line)["text"] for line in dm.splitlines()] == ["secret"]


async def test_messages_older_than_90_days_are_deleted_by_the_retention_job(settings: Settings) -> None:
    async with running(manual(settings)) as (app, gql):
        db = app.state.services.db
        ann = await factories.player(db, "ann", secret=settings.secret_key)
        admin = await factories.admin(db, "boss", secret=settings.secret_key)
        assert ann.token and admin.token
        jobs = (await gql("{ adminJobs { name } }", token=admin.token))["data"]["adminJobs"]
        assert "chat_retention" in [j["name"] for j in jobs]
        old = (await send(gql, ann.token, "global", "from long ago"))["message"]["id"]
        await gql(REPORT, {"m": old, "r": "old"}, token=admin.token)
        await advance(gql, admin.token, 89 * 86400)
        fresh = token(app, settings, ann)
        await send(gql, fresh, "global", "recent")
        boss = token(app, settings, admin)
        run = (await gql(JOB_RUN, {"n": "chat_retention"}, token=boss))["data"]["adminJobRun"]
        assert run["errors"] == [] and run["report"] == {"deleted": 0}
        await advance(gql, boss, 2 * 86400)
        boss = token(app, settings, admin)
        run = (await gql(JOB_RUN, {"n": "chat_retention"}, token=boss))["data"]["adminJobRun"]
        assert run["report"] == {"deleted": 1}
        read = (await gql(MESSAGES, {"c": "global"}, token=boss))["data"]["chatMessages"]
        assert [m["text"] for m in read] == ["recent"]
        assert (await gql(REPORTS, token=boss))["data"]["chatReports"] == []
        # A second run finds nothing more
        again = (await gql(JOB_RUN, {"n": "chat_retention"}, token=boss))["data"]["adminJobRun"]
        assert again["report"] == {"deleted": 0}
