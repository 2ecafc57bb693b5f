"""Finding 7: the first claim of a nickname won it, so a web-only account took another player's
in-game nickname and received their card's coins. A new link needs proof (the game bot's profile
answering the claimant's own command, whose author Telegram confirms) or a moderator."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from server.settings import Settings
from tests.conftest import GraphQLClient
from tests.ingestion.support import (
    CLAIM,
    GD_CARD,
    GD_PROFILE_1,
    bot_headers,
    claim_as,
    coin_of,
    configure_bots,
    rules_only,
    submit_as,
)
from tests.security.support import REVIEW_CLAIM, moderator

__all__ = ["rules_only"]

ENID, THIEF = 801, 802
MINE = "{ myIngestionNicknames { nickname } }"


async def test_a_web_account_cannot_take_a_nickname_by_claiming_it_first(
    app: Any, gql: GraphQLClient, settings: Settings
) -> None:
    await configure_bots(app.state.services.db)
    web, _ = await gql.register("webonly")
    body = await gql(CLAIM, {"source": "GDCARDS", "nickname": "EnidBlaito"}, token=web)
    claim = body["data"]["ingestionNicknameClaim"]
    assert claim["errors"] == [] and claim["nickname"]["status"] == "PENDING_REVIEW"
    assert (await gql(MINE, token=web))["data"]["myIngestionNicknames"] == []
    # the card of the real EnidBlaito, seen by the bot itself: nobody holds the nickname, nobody is paid
    card = await submit_as(gql, settings, 424242, GD_CARD, msg_id=10303, viaBotToBot=True)
    assert [e["code"] for e in card["errors"]] == ["WRONG_PLAYER"]


async def test_the_game_bots_profile_answering_the_claimant_proves_the_claim(
    app: Any, gql: GraphQLClient, settings: Settings
) -> None:
    await configure_bots(app.state.services.db)
    pending = await claim_as(gql, settings, ENID, "GDCARDS", "EnidBlaito")
    assert pending["nickname"]["status"] == "PENDING_REVIEW"
    # someone else's command answered by EnidBlaito's profile proves nothing for ENID
    other = await submit_as(
        gql,
        settings,
        ENID,
        GD_PROFILE_1,
        msg_id=15000,
        replyToTelegramId=str(THIEF),
        date=datetime(2025, 1, 1, tzinfo=UTC).isoformat(),
    )
    assert [e["code"] for e in other["errors"]] == ["WRONG_PLAYER"]
    assert (await gql(MINE, headers=bot_headers(settings, ENID)))["data"]["myIngestionNicknames"] == []
    # the profile answering ENID's own command links it (and sets the baseline)
    proof = await submit_as(gql, settings, ENID, GD_PROFILE_1, msg_id=15474, replyToTelegramId=str(ENID))
    assert proof["errors"] == [] and proof["status"] == "CREDITED"
    assert (await gql(MINE, headers=bot_headers(settings, ENID)))["data"]["myIngestionNicknames"] == [
        {"nickname": "EnidBlaito"}
    ]
    card = await submit_as(gql, settings, ENID, GD_CARD, msg_id=10303)
    assert card["creditedCoin"] == 2 and await coin_of(gql, settings, ENID) == 2


async def test_a_moderator_links_a_pending_claim(app: Any, gql: GraphQLClient, settings: Settings) -> None:
    await configure_bots(app.state.services.db)
    token, _ = await moderator(app, gql)
    pending = await claim_as(gql, settings, ENID, "GDCARDS", "EnidBlaito")
    queue = await gql("{ ingestionNicknameClaims { edges { node { id nickname holderId } } } }", token=token)
    assert [e["node"]["nickname"] for e in queue["data"]["ingestionNicknameClaims"]["edges"]] == [
        "EnidBlaito"
    ]
    body = await gql(REVIEW_CLAIM, {"id": pending["nickname"]["claimId"], "d": "APPROVE"}, token=token)
    assert body["data"]["ingestionNicknameReview"]["errors"] == []
    assert (await gql(MINE, headers=bot_headers(settings, ENID)))["data"]["myIngestionNicknames"] == [
        {"nickname": "EnidBlaito"}
    ]
