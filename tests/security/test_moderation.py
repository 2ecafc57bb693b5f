"""Finding 3: a moderator paid themselves 10^12 COIN by correcting their own pending submission, and
moved another player's nickname by approving their own claim. Nobody decides their own case, and a
correction worth more than a moderator's bound needs an admin."""

from __future__ import annotations

from typing import Any

from server.settings import Settings
from tests.conftest import GraphQLClient, make_admin
from tests.ingestion.support import (
    GD_CARD,
    bot_headers,
    claim_as,
    coin_of,
    configure_bots,
    rules_only,
    submit_as,
    world,
)
from tests.security.support import REVIEW_CLAIM, link, telegram_user_id
from tests.server.support import set_role

__all__ = ["rules_only"]

MOD, ENID = 701, 702
REVIEW = """mutation($input: IngestionReviewInput!) { ingestionReview(input: $input) {
  ingestion { status creditedCoin } errors { code field message } } }"""


def correct(ingestion_id: str, points: str) -> dict[str, Any]:
    return {
        "id": ingestion_id,
        "decision": "CORRECT",
        "kind": "CARD",
        "players": ["EnidBlaito"],
        "amounts": [{"currency": "points", "amount": points}],
    }


async def _pending(app: Any, gql: GraphQLClient, settings: Settings, telegram_id: int) -> tuple[str, str]:
    """An admin token, and a message of EnidBlaito's submitted by ``telegram_id`` waiting for review."""
    admin, _ = await make_admin(app, gql)
    body = await gql(
        "mutation { adminIngestionSettingsUpdate(input: {reviewThreshold: 0.98}) { errors { code } } }",
        token=admin,
    )
    assert body["data"]["adminIngestionSettingsUpdate"]["errors"] == []
    queued = await submit_as(gql, settings, telegram_id, GD_CARD, msg_id=10303)
    assert queued["status"] == "PENDING_REVIEW", queued
    return admin, queued["ingestion"]["id"]


async def test_a_moderator_cannot_review_their_own_submission(
    app: Any, gql: GraphQLClient, settings: Settings
) -> None:
    await configure_bots(app.state.services.db)
    await link(app, gql, settings, MOD, "GDCARDS", "EnidBlaito")
    await set_role(app.state.services.db, await telegram_user_id(gql, settings, MOD), "moderator")
    _, ingestion_id = await _pending(app, gql, settings, MOD)
    before = await world(app.state.services.db)
    for decision in (correct(ingestion_id, "500000000000"), {"id": ingestion_id, "decision": "APPROVE"}):
        body = await gql(REVIEW, {"input": decision}, headers=bot_headers(settings, MOD))
        assert body["data"]["ingestionReview"]["ingestion"] is None
        assert [e["code"] for e in body["data"]["ingestionReview"]["errors"]] == ["NOT_ALLOWED"]
    assert await world(app.state.services.db) == before
    assert await coin_of(gql, settings, MOD) == 0


async def test_a_large_correction_needs_an_admin(app: Any, gql: GraphQLClient, settings: Settings) -> None:
    await configure_bots(app.state.services.db)
    await link(app, gql, settings, ENID, "GDCARDS", "EnidBlaito")
    moderator, _ = await gql.register("moderator")
    await set_role(
        app.state.services.db,
        int((await gql("{ me { id } }", token=moderator))["data"]["me"]["id"]),
        "moderator",
    )
    admin, ingestion_id = await _pending(app, gql, settings, ENID)
    before = await world(app.state.services.db)
    refused = (await gql(REVIEW, {"input": correct(ingestion_id, "500000000000")}, token=moderator))["data"]
    assert [e["code"] for e in refused["ingestionReview"]["errors"]] == ["AMOUNT_TOO_LARGE"]
    assert await world(app.state.services.db) == before
    allowed = (await gql(REVIEW, {"input": correct(ingestion_id, "5000")}, token=admin))["data"]
    assert allowed["ingestionReview"]["errors"] == []
    assert allowed["ingestionReview"]["ingestion"]["creditedCoin"] == 10000
    assert await coin_of(gql, settings, ENID) == 10000


async def test_a_small_correction_by_a_moderator_pays(
    app: Any, gql: GraphQLClient, settings: Settings
) -> None:
    await configure_bots(app.state.services.db)
    await link(app, gql, settings, ENID, "GDCARDS", "EnidBlaito")
    moderator, _ = await gql.register("moderator")
    await set_role(
        app.state.services.db,
        int((await gql("{ me { id } }", token=moderator))["data"]["me"]["id"]),
        "moderator",
    )
    _, ingestion_id = await _pending(app, gql, settings, ENID)
    body = (await gql(REVIEW, {"input": correct(ingestion_id, "3")}, token=moderator))["data"]
    assert (
        body["ingestionReview"]["errors"] == [] and body["ingestionReview"]["ingestion"]["creditedCoin"] == 6
    )


async def test_a_moderator_cannot_approve_their_own_nickname_claim(
    app: Any, gql: GraphQLClient, settings: Settings
) -> None:
    await configure_bots(app.state.services.db)
    await link(app, gql, settings, ENID, "GDCARDS", "EnidBlaito")
    await set_role(app.state.services.db, await telegram_user_id(gql, settings, MOD), "moderator")
    claim = await claim_as(gql, settings, MOD, "GDCARDS", "EnidBlaito")
    assert claim["nickname"]["status"] == "PENDING_REVIEW"
    before = await world(app.state.services.db)
    body = await gql(
        REVIEW_CLAIM, {"id": claim["nickname"]["claimId"], "d": "APPROVE"}, headers=bot_headers(settings, MOD)
    )
    assert [e["code"] for e in body["data"]["ingestionNicknameReview"]["errors"]] == ["NOT_ALLOWED"]
    assert await world(app.state.services.db) == before
    nicks = await gql("{ myIngestionNicknames { nickname } }", headers=bot_headers(settings, ENID))
    assert nicks["data"]["myIngestionNicknames"] == [{"nickname": "EnidBlaito"}]
