"""Every refusal of the board's mutations: its exact code and field, and a snapshot proving that
nothing changed anywhere."""

from __future__ import annotations

from typing import Any

from server.settings import Settings
from tests.gdboard.support import ADD, MOVE, REMOVE, REVIEW, SUBMIT, VIDEO, add, board, codes
from tests.server.support import running
from tests.snapshot import changed, snapshot


async def test_refusals_name_their_code_and_change_nothing(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        b = await board(db, settings.secret_key)
        ann, ben = b.players
        one = await add(gql, b.admin, "Tidal Wave", 86407629)
        await add(gql, b.admin, "Acheron", 73667628)
        gone = await add(gql, b.admin, "Gone", 5)
        await gql(REMOVE, {"id": gone["id"]}, token=b.admin.token)
        pending = (await gql(SUBMIT, {"pos": 1, "url": VIDEO}, token=ann.token))["data"]["gdSubmissionCreate"]
        done = (await gql(SUBMIT, {"pos": 2, "url": VIDEO}, token=ann.token))["data"]["gdSubmissionCreate"]
        done_id = done["submission"]["id"]
        await gql(REVIEW, {"id": done_id, "ok": True}, token=b.moderator.token)
        level = {"name": "X", "creator": "Y", "gd": "7", "diff": "HARD_DEMON"}
        url = {"pos": 1, "url": VIDEO}

        cases: list[tuple[str, str, dict[str, Any], Any, list[tuple[str, str | None]]]] = [
            (ADD, "gdLevelAdd", level | {"name": "  "}, b.admin, [("INVALID_NAME", "name")]),
            (ADD, "gdLevelAdd", level | {"name": "x" * 81}, b.admin, [("INVALID_NAME", "name")]),
            (ADD, "gdLevelAdd", level | {"creator": ""}, b.admin, [("INVALID_CREATOR", "creator")]),
            (ADD, "gdLevelAdd", level | {"gd": "abc"}, b.admin, [("INVALID_GD_ID", "gdId")]),
            (ADD, "gdLevelAdd", level | {"gd": "86407629"}, b.admin, [("DUPLICATE_LEVEL", "gdId")]),
            (ADD, "gdLevelAdd", level | {"pos": 4}, b.admin, [("INVALID_POSITION", "position")]),
            (ADD, "gdLevelAdd", level | {"pos": -1}, b.admin, [("INVALID_POSITION", "position")]),
            (MOVE, "gdLevelMove", {"id": one["id"], "pos": 3}, b.admin, [("INVALID_POSITION", "position")]),
            (MOVE, "gdLevelMove", {"id": one["id"], "pos": 0}, b.admin, [("INVALID_POSITION", "position")]),
            (MOVE, "gdLevelMove", {"id": gone["id"], "pos": 1}, b.admin, [("LEVEL_NOT_FOUND", "levelId")]),
            (REMOVE, "gdLevelRemove", {"id": gone["id"]}, b.admin, [("LEVEL_NOT_FOUND", "levelId")]),
            (REMOVE, "gdLevelRemove", {"id": "nope"}, b.admin, [("LEVEL_NOT_FOUND", "levelId")]),
            (SUBMIT, "gdSubmissionCreate", {"pos": 9, "url": VIDEO}, ben, [("LEVEL_NOT_FOUND", "position")]),
            (SUBMIT, "gdSubmissionCreate", {"id": gone["id"], "url": VIDEO}, ben, [("LEVEL_NOT_FOUND", "levelId")]),
            (SUBMIT, "gdSubmissionCreate", {"url": VIDEO}, ben, [("LEVEL_NOT_FOUND", "levelId")]),
            (SUBMIT, "gdSubmissionCreate", url | {"url": "http://youtu.be/x"}, ben, [("INVALID_VIDEO_URL", "videoUrl")]),
            (SUBMIT, "gdSubmissionCreate", url | {"url": "youtube.com/x"}, ben, [("INVALID_VIDEO_URL", "videoUrl")]),
            (SUBMIT, "gdSubmissionCreate", url | {"url": "https://a b.com"}, ben, [("INVALID_VIDEO_URL", "videoUrl")]),
            (SUBMIT, "gdSubmissionCreate", url | {"url": "https://u:p@x.com/"}, ben, [("INVALID_VIDEO_URL", "videoUrl")]),
            (SUBMIT, "gdSubmissionCreate", url | {"url": "https://localhost/"}, ben, [("INVALID_VIDEO_URL", "videoUrl")]),
            (SUBMIT, "gdSubmissionCreate", url | {"url": "https://x.com/" + "a" * 500}, ben, [("INVALID_VIDEO_URL", "videoUrl")]),
            (SUBMIT, "gdSubmissionCreate", url, ann, [("ALREADY_PENDING", "levelId")]),
            (SUBMIT, "gdSubmissionCreate", url | {"pos": 2}, ann, [("ALREADY_COMPLETED", "levelId")]),
            (REVIEW, "gdSubmissionReview", {"id": "999999", "ok": True}, b.moderator, [("SUBMISSION_NOT_FOUND", "submissionId")]),
            (REVIEW, "gdSubmissionReview", {"id": done_id, "ok": False, "reason": "late"}, b.moderator, [("ALREADY_REVIEWED", "submissionId")]),
            (REVIEW, "gdSubmissionReview", {"id": pending["submission"]["id"], "ok": False}, b.moderator, [("REASON_REQUIRED", "reason")]),
            (REVIEW, "gdSubmissionReview", {"id": pending["submission"]["id"], "ok": False, "reason": " "}, b.moderator, [("REASON_REQUIRED", "reason")]),
            (REVIEW, "gdSubmissionReview", {"id": pending["submission"]["id"], "ok": False, "reason": "r" * 281}, b.moderator, [("INVALID_REASON", "reason")]),
        ]  # fmt: skip
        for document, name, variables, who, expected in cases:
            before = await snapshot(db)
            body = await gql(document, variables, token=who.token)
            assert "errors" not in body, (name, variables, body)
            payload = body["data"][name]
            assert codes(payload) == expected, (name, variables, payload)
            assert changed(before, await snapshot(db)) == {}, (name, variables)
