"""The levels board end to end: admins order the list, players submit completions with a video,
moderators decide, the player is notified, and the leaderboard follows the points by position."""

from __future__ import annotations

from sqlalchemy import select
from sqlmodel import col

from db.models import Event
from resolvers import gdboard
from server.settings import Settings
from tests.gdboard.support import (
    BOARD,
    MINE,
    MOVE,
    NOTES,
    ONE,
    QUEUE,
    REMOVE,
    REVIEW,
    SUBMIT,
    VIDEO,
    add,
    board,
    names,
)
from tests.server.support import running


def test_points_fall_from_250_at_the_top_and_never_reach_zero() -> None:
    assert [gdboard.points(p) for p in (1, 2, 3, 10)] == [250, 238, 226, 158]
    assert gdboard.points(500) == 1
    assert gdboard.points(None) == 0
    assert all(gdboard.points(p) >= gdboard.points(p + 1) for p in range(1, 200))


def test_video_links_are_https_and_known_sites_are_named() -> None:
    assert gdboard.video_host("https://youtu.be/x") == "youtu.be"
    assert gdboard.video_host("https://www.twitch.tv/videos/1") == "twitch.tv"
    assert gdboard.video_host("https://example.org/clip.mp4") is None
    assert gdboard.check_video_url(" https://example.org/clip.mp4 ") == "https://example.org/clip.mp4"


async def test_admins_add_move_and_remove_levels_and_the_others_shift(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        b = await board(app.state.services.db, settings.secret_key, count=0)
        tidal = await add(gql, b.admin, "Tidal Wave", 86407629)
        await add(gql, b.admin, "Acheron", 73667628)
        slaughter = await add(gql, b.admin, "Slaughterhouse", 62283496, pos=1)
        assert slaughter["position"] == 1 and slaughter["points"] == 250
        assert await names(gql) == ["Slaughterhouse", "Tidal Wave", "Acheron"]
        # Moving Tidal Wave to the top shifts Slaughterhouse down
        moved = await gql(MOVE, {"id": tidal["id"], "pos": 1}, token=b.admin.token)
        assert moved["data"]["gdLevelMove"]["level"]["position"] == 1
        assert await names(gql) == ["Tidal Wave", "Slaughterhouse", "Acheron"]
        # Removing the top one closes the gap
        removed = await gql(REMOVE, {"id": tidal["id"]}, token=b.admin.token)
        assert removed["data"]["gdLevelRemove"]["level"] == tidal | {"position": None, "points": 0}
        assert await names(gql) == ["Slaughterhouse", "Acheron"]
        one = (await gql(ONE, {"p": 2}))["data"]["gdLevel"]
        assert (one["name"], one["position"], one["gdId"], one["difficulty"]) == (
            "Acheron",
            2,
            "73667628",
            "EXTREME_DEMON",
        )
        assert (await gql(ONE, {"p": 3}))["data"]["gdLevel"] is None


async def test_an_approved_completion_notifies_scores_and_appends_its_event(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        b = await board(db, settings.secret_key)
        ann, ben = b.players
        await add(gql, b.admin, "Tidal Wave", 86407629)
        acheron = await add(gql, b.admin, "Acheron", 73667628)
        # ann submits #2 by position and #1 by id; ben submits #2
        first = await gql(SUBMIT, {"pos": 2, "url": VIDEO}, token=ann.token)
        sub = first["data"]["gdSubmissionCreate"]["submission"]
        assert sub["status"] == "PENDING" and sub["videoHost"] == "youtube.com"
        assert sub["level"] == {"name": "Acheron", "position": 2} and sub["player"] == {"username": "ann"}
        await gql(SUBMIT, {"pos": 1, "url": "https://www.twitch.tv/videos/9"}, token=ann.token)
        bens = await gql(SUBMIT, {"id": acheron["id"], "url": "https://example.org/run.mp4"}, token=ben.token)
        assert bens["data"]["gdSubmissionCreate"]["errors"] == []
        # The moderators' queue, newest first
        queue = (await gql(QUEUE, {"s": "PENDING"}, token=b.moderator.token))["data"]["gdSubmissions"]
        assert [e["node"]["player"]["username"] for e in queue["edges"]] == ["ben", "ann", "ann"]
        # The moderator approves both of ann's
        for edge in queue["edges"][1:]:
            done = await gql(REVIEW, {"id": edge["node"]["id"], "ok": True}, token=b.moderator.token)
            assert done["data"]["gdSubmissionReview"]["submission"]["status"] == "APPROVED"
        # ...and rejects ben's with a reason
        ben_sub = queue["edges"][0]["node"]["id"]
        no = await gql(REVIEW, {"id": ben_sub, "ok": False, "reason": "no clicks"}, token=b.moderator.token)
        assert no["data"]["gdSubmissionReview"]["submission"]["reason"] == "no clicks"
        assert (await gql(QUEUE, {"s": "PENDING"}, token=b.moderator.token))["data"]["gdSubmissions"][
            "edges"
        ] == []
        # Both are notified
        ann_notes = (await gql(NOTES, token=ann.token))["data"]["notifications"]["edges"]
        assert {n["node"]["kind"] for n in ann_notes} == {"gdboard.approved"}
        assert any("238 points" in n["node"]["body"] for n in ann_notes)
        ben_notes = (await gql(NOTES, token=ben.token))["data"]["notifications"]["edges"]
        assert [(n["node"]["kind"], n["node"]["body"]) for n in ben_notes] == [
            ("gdboard.rejected", "Reason: no clicks")
        ]
        # The approval events: actor = the player, payload = level and points
        async with db.reader() as session:
            query = (
                select(Event).where(col(Event.kind) == "gdboard.completion_approved").order_by(col(Event.id))
            )
            found = (await session.execute(query)).scalars().all()
        assert [(e.actor_id, e.payload) for e in found] == [
            (ann.id, {"level_id": int(acheron["id"]) - 1, "points": 250}),
            (ann.id, {"level_id": int(acheron["id"]), "points": 238}),
        ]
        # The leaderboard: ann with 488 points, hardest Tidal Wave; ben not there
        assert (await gql(BOARD))["data"]["gdLeaderboard"] == [
            {
                "rank": 1,
                "points": 488,
                "completions": 2,
                "player": {"username": "ann"},
                "hardest": {"name": "Tidal Wave", "position": 1},
            }
        ]
        mine = (await gql(MINE, token=ann.token))["data"]
        assert mine["gdMyStanding"] == {"rank": 1, "points": 488}
        assert len(mine["gdMySubmissions"]["edges"]) == 2
        assert (await gql(MINE, token=ben.token))["data"]["gdMyStanding"] is None
        # A rejected player may submit again
        again = await gql(SUBMIT, {"pos": 2, "url": VIDEO}, token=ben.token)
        assert again["data"]["gdSubmissionCreate"]["errors"] == []


async def test_points_follow_the_level_when_it_moves(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        b = await board(app.state.services.db, settings.secret_key, count=1)
        await add(gql, b.admin, "A", 1)
        low = await add(gql, b.admin, "B", 2)
        sub = (await gql(SUBMIT, {"pos": 2, "url": VIDEO}, token=b.players[0].token))["data"]
        await gql(
            REVIEW, {"id": sub["gdSubmissionCreate"]["submission"]["id"], "ok": True}, token=b.moderator.token
        )
        assert (await gql(BOARD))["data"]["gdLeaderboard"][0]["points"] == 238
        await gql(MOVE, {"id": low["id"], "pos": 1}, token=b.admin.token)
        assert (await gql(BOARD))["data"]["gdLeaderboard"][0]["points"] == 250
        await gql(REMOVE, {"id": low["id"]}, token=b.admin.token)
        assert (await gql(BOARD))["data"]["gdLeaderboard"] == []
