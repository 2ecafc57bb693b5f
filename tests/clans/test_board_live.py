"""clanLeaderboardChanged(period) over a real WebSocket: the board again, live, when clan XP changes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from db.pubsub import subject_channel
from resolvers.clans import board
from tests.clans.support import CREATE
from tests.conftest import make_settings
from tests.events.test_subscriptions import (
    GRANT,
    bearer,
    http_client,
    local_subscribers,
    make_admin_via,
    receive,
    subscribe,
    ws_session,
)
from tests.server.support import wait_until

CHANGED = """subscription { clanLeaderboardChanged(period: WEEKLY) {
  period entries { rank score previousRank clan { name } } viewer { rank score } } }"""
WEEKLY = "{ clanLeaderboard(period: WEEKLY) { entries { score clan { name } } } }"
CONTRIBUTE = "mutation($a: Amount!) { clanContribute(input: {amount: $a}) { errors { code } } }"
RELAY = 'mutation { adminJobRun(input: {name: "outbox_relay"}) { errors { code } } }'


async def test_a_contribution_pushes_the_clan_board_to_a_watching_player(
    tmp_path: Path, database_url: str, live_server_factory: Any
) -> None:
    server = live_server_factory(make_settings(tmp_path, database_url))
    async with http_client(server) as gql:
        admin = await make_admin_via(gql, database_url)
        ann, ann_id = await gql.register("ann")
        ben, _ = await gql.register("ben")
        assert (await gql(GRANT, {"u": str(ann_id), "a": 50}, token=admin))["data"]["adminGrant"][
            "errors"
        ] == []
        made = await gql(CREATE, {"name": "Owls"}, token=ann)
        assert made["data"]["clanCreate"]["errors"] == []
        assert (await gql(RELAY, token=admin))["data"]["adminJobRun"]["errors"] == []
        before = {
            e["clan"]["name"]: e["score"]
            for e in (await gql(WEEKLY, token=ann))["data"]["clanLeaderboard"]["entries"]
        }
        async with ws_session(server, bearer(ann)) as mine, ws_session(server, bearer(ben)) as theirs:
            await subscribe(mine, CHANGED)
            await subscribe(theirs, CHANGED)
            await wait_until(
                lambda: local_subscribers(server, subject_channel(board.SUBJECT)) >= 2,
                what="two clan board subscribers",
            )
            # When ann gives 10 COIN to her clan's treasury and the consumers run
            assert (await gql(CONTRIBUTE, {"a": "10"}, token=ann))["data"]["clanContribute"]["errors"] == []
            assert (await gql(RELAY, token=admin))["data"]["adminJobRun"]["errors"] == []
            pushed = (await receive(mine))["payload"]["data"]["clanLeaderboardChanged"]
            seen = (await receive(theirs))["payload"]["data"]["clanLeaderboardChanged"]
    # Then both see the board again with the clan's new XP; only ann has a clan of her own on it
    score = before.get("Owls", 0) + 5
    entry = {"rank": 1, "score": score, "previousRank": None, "clan": {"name": "Owls"}}
    assert pushed == {"period": "WEEKLY", "entries": [entry], "viewer": {"rank": 1, "score": score}}
    assert seen == {"period": "WEEKLY", "entries": [entry], "viewer": None}


async def test_the_clan_board_subscription_needs_a_signed_in_player(
    tmp_path: Path, database_url: str, live_server_factory: Any
) -> None:
    server = live_server_factory(make_settings(tmp_path, database_url))
    async with ws_session(server, {}) as ws:
        await subscribe(ws, CHANGED)
        refused = await receive(ws)
    assert refused["type"] == "error"
    assert refused["payload"][0]["extensions"]["code"] == "UNAUTHENTICATED"
