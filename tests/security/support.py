"""Helpers of the security regression tests (the ingestion ones reuse tests/ingestion/support)."""

from __future__ import annotations

from typing import Any

from server.settings import Settings
from tests.conftest import GraphQLClient
from tests.ingestion.support import bot_headers, claim_as
from tests.server.support import set_role

REVIEW_CLAIM = """mutation($id: ID!, $d: NicknameClaimDecision!) {
  ingestionNicknameReview(input: {id: $id, decision: $d}) { claim { status } errors { code field message } }
}"""


async def moderator(app: Any, gql: GraphQLClient, username: str = "moderator") -> tuple[str, int]:
    token, user_id = await gql.register(username)
    await set_role(app.state.services.db, user_id, "moderator")
    return token, user_id


async def link(
    app: Any, gql: GraphQLClient, settings: Settings, telegram_id: int, source: str, nickname: str
) -> None:
    """Links a nickname the way a player gets one: a claim, approved by a moderator when it waits."""
    result = await claim_as(gql, settings, telegram_id, source, nickname)
    assert result["errors"] == [], result
    if result["nickname"]["status"] == "LINKED":
        return
    token, _ = await moderator(app, gql, f"mod_{telegram_id}")
    body = await gql(REVIEW_CLAIM, {"id": result["nickname"]["claimId"], "d": "APPROVE"}, token=token)
    assert body["data"]["ingestionNicknameReview"]["errors"] == [], body


async def telegram_user_id(gql: GraphQLClient, settings: Settings, telegram_id: int) -> int:
    body = await gql("{ me { id } }", headers=bot_headers(settings, telegram_id))
    return int(body["data"]["me"]["id"])
