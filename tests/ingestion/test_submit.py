"""Submitting real game-bot messages through the API, as the Telegram bot does."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from db.models import AuditEntry, Event, IngestionCredit, Notification, Transfer
from server.settings import Settings
from tests.conftest import GraphQLClient
from tests.ingestion.support import (
    GD_CARD,
    GD_CHEST,
    GD_PROFILE_1,
    GD_PROFILE_2,
    GUSYA_CARD,
    KARMA,
    MAFIA_END,
    bot_headers,
    coin_of,
    configure_bots,
    link_as,
    message,
    rules_only,
    submit_as,
    world,
)
from tests.ledger.helpers import assert_sound

__all__ = ["rules_only"]

ENID, LUCAS, ROMAN, OLEG = 501, 502, 503, 504


async def _setup(app: Any, gql: GraphQLClient, settings: Settings) -> None:
    await configure_bots(app.state.services.db)
    for tg, source, nick in (
        (ENID, "GDCARDS", "EnidBlaito"),
        (LUCAS, "GDCARDS", "LucasTeam"),
        (ROMAN, "SHMALALA", "Roman Khrushchev"),
        (OLEG, "TRUE_MAFIA", "Олег Чекмарев"),
    ):
        result = await link_as(app, gql, settings, tg, source, nick)
        assert result["errors"] == [] and result["nickname"]["status"] == "LINKED", result


async def test_gd_card_credits_points_times_two_with_event_notification_audit(
    app: Any, gql: GraphQLClient, settings: Settings
) -> None:
    await _setup(app, gql, settings)
    result = await submit_as(gql, settings, ENID, GD_CARD, msg_id=10303)
    assert result["errors"] == []
    assert result["status"] == "CREDITED" and result["creditedCoin"] == 2
    me = (await gql("{ me { username } }", headers=bot_headers(settings, ENID)))["data"]["me"]
    assert result["credits"] == [{"username": me["username"], "amount": 2}]
    node = result["ingestion"]
    assert node["messageRef"] == "tg:-1001234567890:10303"
    assert (node["source"], node["kind"], node["players"]) == ("GDCARDS", "CARD", ["EnidBlaito"])
    assert node["amounts"] == [{"currency": "points", "amount": "1"}]
    assert node["status"] == "CREDITED" and node["creditedCoin"] == 2 and node["viaBotToBot"] is False
    assert await coin_of(gql, settings, ENID) == 2
    db = app.state.services.db
    async with db.reader() as s:
        transfer = (await s.execute(select(Transfer).where(Transfer.kind == "ingestion"))).scalar_one()
        assert (transfer.amount, transfer.asset, transfer.ref) == (2, "COIN", "tg:-1001234567890:10303")
        event = (await s.execute(select(Event).where(Event.kind == "wallet.credit"))).scalar_one()
        assert event.payload["transfer_id"] == transfer.id and event.payload["source"] == "gdcards"
        note = (
            await s.execute(select(Notification).where(Notification.kind == "ingestion.credited"))
        ).scalar_one()
        assert note.title == "+2 COIN"
        audit = (
            await s.execute(select(AuditEntry).where(AuditEntry.action == "ingestion.credit"))
        ).scalar_one()
        assert audit.data["credits"][0]["amount"] == 2
    body = await gql(
        "{ adminEconomySupply { asset minted held balanced } }", token=(await _admin_token(app, gql))
    )
    assert {"asset": "COIN", "minted": 2, "held": 2, "balanced": True} in body["data"]["adminEconomySupply"]
    await assert_sound(db)


async def _admin_token(app: Any, gql: GraphQLClient) -> str:
    from tests.conftest import make_admin

    token, _ = await make_admin(app, gql, "ingestadmin")
    return token


async def test_profile_sets_a_baseline_then_credits_only_the_increase(
    app: Any, gql: GraphQLClient, settings: Settings
) -> None:
    await _setup(app, gql, settings)
    first = await submit_as(gql, settings, ENID, GD_PROFILE_1, msg_id=15474)
    assert first["errors"] == [] and first["status"] == "CREDITED" and first["creditedCoin"] == 0
    assert first["ingestion"]["totals"] == [
        {"currency": "points", "amount": "135"},
        {"currency": "orbs", "amount": "133.8"},
    ]
    second = await submit_as(gql, settings, ENID, GD_PROFILE_2, msg_id=18784)
    # (284 − 135) × 2 + (196.2 − 133.8) × 2 = 298 + 124.8 → 422, 0.8 carried
    assert second["errors"] == [] and second["creditedCoin"] == 422
    assert await coin_of(gql, settings, ENID) == 422
    # The carried 0.8 and a card's +1 point (× 2) make 2.8 → 2 more, 0.8 still carried.
    card = await submit_as(gql, settings, ENID, GD_CARD, msg_id=10303)
    assert card["creditedCoin"] == 2
    # The card moved the baseline: the same profile again pays nothing, the next point pays 2.
    _, text = message(GD_PROFILE_2)
    again = await submit_as(gql, settings, ENID, source="gdcards", text=text, msg_id=99001)
    assert again["status"] == "CREDITED" and again["creditedCoin"] == 0
    await assert_sound(app.state.services.db)


async def test_chest_fraction_is_floored_and_carried(
    app: Any, gql: GraphQLClient, settings: Settings
) -> None:
    await _setup(app, gql, settings)
    _, text = message(GD_CHEST)  # 1.1 orbs × 2 = 2.2
    paid = [
        (await submit_as(gql, settings, LUCAS, source="gdcards", text=text, msg_id=200 + i))["creditedCoin"]
        for i in range(5)
    ]
    assert paid == [2, 2, 2, 2, 3]  # 11 = floor(5 × 2.2), nothing lost, nothing over-credited
    assert await coin_of(gql, settings, LUCAS) == 11


async def test_karma_like_credits_ten(app: Any, gql: GraphQLClient, settings: Settings) -> None:
    await _setup(app, gql, settings)
    result = await submit_as(gql, settings, ROMAN, KARMA, msg_id=29607)
    assert result["errors"] == [] and result["ingestion"]["kind"] == "KARMA" and result["creditedCoin"] == 10
    dislike = message(KARMA)[1].replace("Лайк! Вы повысили", "Дизлайк! Вы понизили")
    refused = await submit_as(gql, settings, ROMAN, source="shmalala", text=dislike, msg_id=29608)
    assert refused["status"] == "REFUSED" and refused["errors"][0]["code"] == "NOTHING_TO_CREDIT"
    assert await coin_of(gql, settings, ROMAN) == 10


async def test_true_mafia_game_end_credits_the_winner(
    app: Any, gql: GraphQLClient, settings: Settings
) -> None:
    await _setup(app, gql, settings)
    result = await submit_as(gql, settings, OLEG, MAFIA_END, msg_id=13414)
    assert result["errors"] == [] and result["ingestion"]["kind"] == "GAME_END"
    assert result["ingestion"]["players"] == ["Олег Чекмарев"] and result["creditedCoin"] == 15


async def test_gusya_card_belongs_to_whoever_sent_the_command(
    app: Any, gql: GraphQLClient, settings: Settings
) -> None:
    await _setup(app, gql, settings)
    other = await submit_as(gql, settings, LUCAS, GUSYA_CARD, msg_id=25964, replyToTelegramId=str(ENID))
    assert other["status"] == "REFUSED" and other["errors"][0]["code"] == "WRONG_PLAYER"
    mine = await submit_as(gql, settings, ENID, GUSYA_CARD, msg_id=25964, replyToTelegramId=str(ENID))
    # 3000 points × 0.001 + 5 coins × 0.5 = 5.5 → 5
    assert mine["errors"] == [] and mine["creditedCoin"] == 5


async def test_non_bot_sender_is_refused_and_changes_nothing(
    app: Any, gql: GraphQLClient, settings: Settings
) -> None:
    await _setup(app, gql, settings)
    before = await world(app.state.services.db)
    _, text = message(GD_CARD)
    for sender in (ENID, 123456, BOT := 7999):
        result = await submit_as(
            gql, settings, ENID, source="gdcards", text=text, msg_id=10303, sender=sender
        )
        assert result == {
            "status": "REFUSED",
            "creditedCoin": 0,
            "credits": [],
            "ingestion": None,
            "errors": [
                {
                    "code": "NOT_A_GAME_BOT",
                    "field": "senderTelegramId",
                    "message": "This message was not sent by a game bot we credit.",
                }
            ],
        }, BOT
    assert await world(app.state.services.db) == before


async def test_disabled_source_is_refused(app: Any, gql: GraphQLClient, settings: Settings) -> None:
    await _setup(app, gql, settings)
    token = await _admin_token(app, gql)
    body = await gql(
        "mutation { adminIngestionSourceUpsert(input: {source: GDCARDS, enabled: false}) "
        "{ errors { code } } }",
        token=token,
    )
    assert body["data"]["adminIngestionSourceUpsert"]["errors"] == []
    result = await submit_as(gql, settings, ENID, GD_CARD, msg_id=10303)
    assert result["errors"][0]["code"] == "NOT_A_GAME_BOT"


async def test_wrong_player_is_refused_and_changes_nothing(
    app: Any, gql: GraphQLClient, settings: Settings
) -> None:
    await _setup(app, gql, settings)
    before = await world(app.state.services.db)
    result = await submit_as(gql, settings, LUCAS, GD_CARD, msg_id=10303)  # the card is EnidBlaito's
    assert result["status"] == "REFUSED" and result["ingestion"] is None
    assert [e["code"] for e in result["errors"]] == ["WRONG_PLAYER"]
    assert "EnidBlaito" in result["errors"][0]["message"]
    assert await world(app.state.services.db) == before
    # The rightful player can still have it credited afterwards.
    assert (await submit_as(gql, settings, ENID, GD_CARD, msg_id=10303))["creditedCoin"] == 2


async def test_duplicate_pays_once_whoever_sends_it(app: Any, gql: GraphQLClient, settings: Settings) -> None:
    await _setup(app, gql, settings)
    first = await submit_as(gql, settings, ENID, GD_CARD, msg_id=10303)
    assert first["status"] == "CREDITED"
    before = await world(app.state.services.db)
    for tg, mode in ((ENID, False), (LUCAS, False), (ENID, True), (999, True)):
        again = await submit_as(gql, settings, tg, GD_CARD, msg_id=10303, viaBotToBot=mode)
        assert again["status"] == "DUPLICATE" and again["errors"] == [] and again["creditedCoin"] == 0
        assert again["ingestion"]["id"] == first["ingestion"]["id"]
        assert again["ingestion"]["status"] == "CREDITED"
    after = await world(app.state.services.db)
    after["counts"]["AuditEntry"] = before["counts"]["AuditEntry"]  # the new Telegram user 999's link
    assert after == before
    assert await coin_of(gql, settings, ENID) == 2


async def test_bot_to_bot_credits_the_named_linked_player(
    app: Any, gql: GraphQLClient, settings: Settings
) -> None:
    await _setup(app, gql, settings)
    bot_self = 424242  # the LucasTeam bot acting as itself
    result = await submit_as(gql, settings, bot_self, GD_CARD, msg_id=10303, viaBotToBot=True)
    assert result["errors"] == [] and result["status"] == "CREDITED"
    assert result["creditedCoin"] == 0 and result["ingestion"]["viaBotToBot"] is True
    assert await coin_of(gql, settings, ENID) == 2
    unlinked = await submit_as(gql, settings, bot_self, GD_CHEST, msg_id=10307, chat=5, viaBotToBot=True)
    assert unlinked["status"] == "CREDITED"  # LucasTeam is linked
    _, text = message(GD_CARD)
    nobody = await submit_as(
        gql,
        settings,
        bot_self,
        source="gdcards",
        msg_id=1,
        viaBotToBot=True,
        text=text.replace("EnidBlaito", "SomeoneElse"),
    )
    assert nobody["errors"][0]["code"] == "WRONG_PLAYER"


async def test_other_messages_credit_nothing(app: Any, gql: GraphQLClient, settings: Settings) -> None:
    await _setup(app, gql, settings)
    before = await world(app.state.services.db)
    result = await submit_as(gql, settings, ENID, "messages4:10292", msg_id=10292)  # a GD Cards notice
    assert result["status"] == "REFUSED" and result["errors"][0]["code"] == "NOTHING_TO_CREDIT"
    assert await world(app.state.services.db) == before


async def test_my_ingestions_lists_what_was_credited(
    app: Any, gql: GraphQLClient, settings: Settings
) -> None:
    await _setup(app, gql, settings)
    await submit_as(gql, settings, ENID, GD_CARD, msg_id=10303)
    await submit_as(gql, settings, ENID, GD_PROFILE_1, msg_id=15474)
    await submit_as(gql, settings, 424242, GD_PROFILE_2, msg_id=18784, viaBotToBot=True)
    query = """query($after: String) { myIngestions(first: 2, after: $after) {
      edges { node { messageRef source kind creditedCoin status } } pageInfo { hasNextPage endCursor } } }"""
    headers = bot_headers(settings, ENID)
    page = (await gql(query, headers=headers))["data"]["myIngestions"]
    assert [e["node"] for e in page["edges"]] == [
        {
            "messageRef": "tg:-1001234567890:18784",
            "source": "GDCARDS",
            "kind": "PROFILE",
            "creditedCoin": 422,
            "status": "CREDITED",
        },
        {
            "messageRef": "tg:-1001234567890:15474",
            "source": "GDCARDS",
            "kind": "PROFILE",
            "creditedCoin": 0,
            "status": "CREDITED",
        },
    ]
    assert page["pageInfo"]["hasNextPage"] is True
    rest = (await gql(query, {"after": page["pageInfo"]["endCursor"]}, headers=headers))["data"][
        "myIngestions"
    ]
    assert [e["node"]["creditedCoin"] for e in rest["edges"]] == [2]
    assert rest["pageInfo"]["hasNextPage"] is False
    other = (await gql(query, headers=bot_headers(settings, LUCAS)))["data"]["myIngestions"]
    assert other["edges"] == []
    async with app.state.services.db.reader() as s:
        assert len((await s.execute(select(IngestionCredit))).scalars().all()) == 3


async def test_invalid_input_is_refused(app: Any, gql: GraphQLClient, settings: Settings) -> None:
    await _setup(app, gql, settings)
    cases = [
        ({"chatId": "abc"}, "INVALID_CHAT_ID"),
        ({"messageId": -3}, "INVALID_MESSAGE_ID"),
        ({"text": "   "}, "INVALID_TEXT"),
        ({"text": "x" * 20001}, "INVALID_TEXT"),
        ({"senderTelegramId": "bot"}, "INVALID_TELEGRAM_ID"),
        ({"replyToTelegramId": "0"}, "INVALID_TELEGRAM_ID"),
    ]
    from tests.ingestion.support import SUBMIT, submit_input

    for override, code in cases:
        payload = {**submit_input(GD_CARD, msg_id=10303), **override}
        body = await gql(SUBMIT, {"input": payload}, headers=bot_headers(settings, ENID))
        assert body["data"]["ingestionSubmit"]["errors"][0]["code"] == code, override


async def test_lists_take_a_fixed_number_of_queries(app: Any, gql: GraphQLClient, settings: Settings) -> None:
    from tests.server.support import count_statements

    await _setup(app, gql, settings)
    db = app.state.services.db
    query = "{ myIngestions(first: 20) { edges { node { messageRef creditedCoin players amounts { amount } } } } }"
    headers = bot_headers(settings, LUCAS)
    _, text = message(GD_CHEST)
    ids = iter(range(300, 400))
    counts = []
    for n in (1, 6):
        while len((await gql(query, headers=headers))["data"]["myIngestions"]["edges"]) < n:
            await submit_as(gql, settings, LUCAS, source="gdcards", text=text, msg_id=next(ids))
        with count_statements(db) as seen:
            body = await gql(query, headers=headers)
        assert len(body["data"]["myIngestions"]["edges"]) == n
        counts.append(len([s for s in seen if s.lstrip().upper().startswith("SELECT")]))
    assert counts[0] == counts[1]
