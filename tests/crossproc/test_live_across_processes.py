"""A subscriber on one ``serve`` process (A) receives what a mutation through another (B) did: two
real ``lucas serve`` processes, a ``lucas worker`` and a ``lucas scheduler`` on one PostgreSQL
database and one Redis (issue 10, "Proven across processes"). Each subscription is over a real
WebSocket (graphql-transport-ws); nothing is shared between A and B but the database and Redis.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from redis.asyncio import Redis

from resolvers.clans.xp import POINTS
from tests.crossproc.cluster import (
    Cluster,
    gql,
    next_matching,
    numsub,
    register,
    subscription,
    wait_subscribed,
)

A, B = 0, 1
GRANT = (
    'mutation($u: ID!, $a: Amount!) { adminGrant(input: {userId: $u, amount: $a, reason: "crossproc"})'
    " { errors { code } } }"
)
PAY = (
    "mutation($u: ID!, $a: Amount!) { walletTransfer(input: {toUserId: $u, amount: $a}) { errors { code } } }"
)
NOTIFICATIONS = "subscription { notificationReceived { kind title body data } }"
CHAT = 'subscription { chatMessage(channel: "global") { id text channel author { username } } }'
CHAT_SEND = 'mutation($t: String!) { chatSend(input: {channel: "global", text: $t}) { message { id text } errors { code } } }'
FEED = "subscription { feedUpdated { kind achievement tier user { username } } }"
BEFRIEND = "mutation($u: ID!) { friendRequestSend(input: {userId: $u}) { request { id } errors { code } } }"
ACCEPT = "mutation($r: ID!) { friendRequestAccept(input: {requestId: $r}) { errors { code } } }"
BOARD = (
    "subscription($b: String!) { leaderboardChanged(board: $b, period: ALL_TIME)"
    " { entries { rank score user { username } } } }"
)
CONTRIBUTION_XP = POINTS["clan.contributed"]
CLAN_CREATE = "mutation($n: String!) { clanCreate(input: {name: $n}) { clan { id } errors { code } } }"
CLAN_JOIN = "mutation($c: ID!) { clanJoin(input: {clanId: $c}) { errors { code } } }"
CLAN_CONTRIBUTE = (
    "mutation($a: Amount!, $k: String!) { clanContribute(input: {amount: $a, idempotencyKey: $k})"
    " { errors { code } } }"
)
CLAN_BOARD = (
    "subscription { clanLeaderboardChanged(period: WEEKLY)"
    " { period entries { rank score clan { name } } viewer { rank score } } }"
)


@pytest.fixture
async def redis(redis_url: str) -> AsyncIterator[Any]:
    client = Redis.from_url(redis_url)
    yield client
    await client.aclose()


@pytest.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(timeout=30) as client:
        yield client


async def funded(http: httpx.AsyncClient, cluster: Cluster, username: str, coins: int) -> tuple[str, int]:
    """A player registered through B and granted ``coins`` by the admin through B."""
    token, user_id = await register(http, cluster.graphql(B), username)
    body = await gql(http, cluster.graphql(B), GRANT, {"u": str(user_id), "a": coins}, cluster.admin_token)
    assert body["adminGrant"]["errors"] == []
    return token, user_id


def board_has(username: str, score: int) -> Any:
    def check(data: dict[str, Any]) -> bool:
        entries = data["leaderboardChanged"]["entries"]
        # every entry is a player of this cluster's database (not one another cluster left in Redis)
        assert all(e["user"] for e in entries), entries
        return any(e["user"]["username"] == username and e["score"] == score for e in entries)

    return check


async def test_a_payment_through_b_notifies_its_receiver_on_a(
    cluster: Cluster, redis: Any, http: httpx.AsyncClient
) -> None:
    # Given alice subscribed to her notifications on A, and bob with coins
    alice, alice_id = await register(http, cluster.graphql(A), "alice")
    bob, _ = await funded(http, cluster, "bob", 100)
    channel = f"lucas:user:{alice_id}"
    before = await numsub(redis, channel)
    async with subscription(cluster.ws(A), NOTIFICATIONS, token=alice) as ws:
        await wait_subscribed(redis, channel, above=before)
        # When bob pays her 30 through B
        paid = await gql(http, cluster.graphql(B), PAY, {"u": str(alice_id), "a": 30}, bob)
        assert paid["walletTransfer"]["errors"] == []
        # Then A delivers the notification B stored
        data = await next_matching(ws, lambda d: d["notificationReceived"]["kind"] == "wallet.received")
    note = data["notificationReceived"]
    assert note["title"] == "+30 COIN"
    assert note["body"] == "bob sent you 30 COIN"
    assert (note["data"]["from_username"], note["data"]["amount"]) == ("bob", 30)
    cluster.check_alive()


async def test_a_chat_message_sent_through_b_reaches_a_global_subscriber_on_a(
    cluster: Cluster, redis: Any, http: httpx.AsyncClient
) -> None:
    # Given heidi reading the global channel on A
    heidi, _ = await register(http, cluster.graphql(A), "heidi")
    ivan, _ = await register(http, cluster.graphql(B), "ivan")
    channel = "lucas:subject:chat:global"
    before = await numsub(redis, channel)
    text = f"hello from B {uuid.uuid4().hex[:8]}"
    async with subscription(cluster.ws(A), CHAT, token=heidi) as ws:
        await wait_subscribed(redis, channel, above=before)
        # When ivan writes there through B
        sent = await gql(http, cluster.graphql(B), CHAT_SEND, {"t": text}, ivan)
        assert sent["chatSend"]["errors"] == []
        # Then A delivers the message as B stored it
        data = await next_matching(ws, lambda d: d["chatMessage"]["text"] == text)
    assert data["chatMessage"] == {
        "id": sent["chatSend"]["message"]["id"],
        "text": text,
        "channel": "global",
        "author": {"username": "ivan"},
    }
    cluster.check_alive()


async def test_a_grant_through_b_moves_the_coins_board_watched_on_a(
    cluster: Cluster, redis: Any, http: httpx.AsyncClient
) -> None:
    # Given an anonymous watcher of the coins board on A
    channel = "lucas:subject:leaderboard:coins"
    before = await numsub(redis, channel)
    _, carol_id = await register(http, cluster.graphql(B), "carol")
    async with subscription(cluster.ws(A), BOARD, {"b": "coins"}) as ws:
        await wait_subscribed(redis, channel, above=before)
        # When the admin grants carol 777 through B (the worker's leaderboards consumer signals it)
        body = await gql(http, cluster.graphql(B), GRANT, {"u": str(carol_id), "a": 777}, cluster.admin_token)
        assert body["adminGrant"]["errors"] == []
        # Then A pushes the board with carol on it
        data = await next_matching(ws, board_has("carol", 777))
    assert [e["score"] for e in data["leaderboardChanged"]["entries"]] == sorted(
        (e["score"] for e in data["leaderboardChanged"]["entries"]), reverse=True
    )
    cluster.check_alive()


async def test_an_achievement_earned_through_b_moves_the_achievements_board_watched_on_a(
    cluster: Cluster, redis: Any, http: httpx.AsyncClient
) -> None:
    # Given a watcher of the achievements board (an event board: two durable consumers in a row)
    channel = "lucas:subject:leaderboard:achievements"
    before = await numsub(redis, channel)
    dave, _ = await funded(http, cluster, "dave", 50)
    _, erin_id = await register(http, cluster.graphql(A), "erin")
    async with subscription(cluster.ws(A), BOARD, {"b": "achievements"}) as ws:
        await wait_subscribed(redis, channel, above=before)
        # When dave makes his first transfer through B (the achievement "first_transfer", bronze)
        paid = await gql(http, cluster.graphql(B), PAY, {"u": str(erin_id), "a": 5}, dave)
        assert paid["walletTransfer"]["errors"] == []
        # Then A pushes the achievements board with dave's 10 points
        await next_matching(ws, board_has("dave", 10))
    cluster.check_alive()


async def test_a_friends_achievement_through_b_reaches_the_feed_watched_on_a(
    cluster: Cluster, redis: Any, http: httpx.AsyncClient
) -> None:
    # Given frank and grace, friends (asked on B, accepted on A), grace watching her feed on A
    frank, _ = await funded(http, cluster, "frank", 50)
    grace, grace_id = await register(http, cluster.graphql(A), "grace")
    asked = await gql(http, cluster.graphql(B), BEFRIEND, {"u": str(grace_id)}, frank)
    assert asked["friendRequestSend"]["errors"] == []
    request_id = asked["friendRequestSend"]["request"]["id"]
    accepted = await gql(http, cluster.graphql(A), ACCEPT, {"r": request_id}, grace)
    assert accepted["friendRequestAccept"]["errors"] == []
    channel = f"lucas:user:{grace_id}"
    before = await numsub(redis, channel)
    async with subscription(cluster.ws(A), FEED, token=grace) as ws:
        await wait_subscribed(redis, channel, above=before)
        # When frank makes his first transfer through B (the worker's achievements, then feed consumers)
        paid = await gql(http, cluster.graphql(B), PAY, {"u": str(grace_id), "a": 5}, frank)
        assert paid["walletTransfer"]["errors"] == []
        # Then grace sees frank's achievement in her feed, live on A
        # (his friendship made the achievement "friendly" too: it may come first)
        data = await next_matching(ws, lambda d: d["feedUpdated"]["achievement"] == "first_transfer")
    item = data["feedUpdated"]
    assert (item["kind"], item["user"]) == ("ACHIEVEMENT", {"username": "frank"})
    cluster.check_alive()


async def test_a_members_contribution_through_b_moves_the_clan_board_watched_on_a(
    cluster: Cluster, redis: Any, http: httpx.AsyncClient
) -> None:
    # Given judy's clan (created on A) with kate (registered, funded and joined through B),
    # judy watching this week's clan board on A
    judy, _ = await register(http, cluster.graphql(A), "judy")
    name = f"Owls {uuid.uuid4().hex[:8]}"
    made = await gql(http, cluster.graphql(A), CLAN_CREATE, {"n": name}, judy)
    assert made["clanCreate"]["errors"] == []
    kate, _ = await funded(http, cluster, "kate", 50)
    joined = await gql(http, cluster.graphql(B), CLAN_JOIN, {"c": made["clanCreate"]["clan"]["id"]}, kate)
    assert joined["clanJoin"]["errors"] == []
    channel = "lucas:subject:clan_board:xp"
    before = await numsub(redis, channel)
    async with subscription(cluster.ws(A), CLAN_BOARD, token=judy) as ws:
        await wait_subscribed(redis, channel, above=before)
        # When kate gives 10 COIN to the treasury through B (the worker's clans consumer credits
        # the clan with her XP and signals the board)
        given = await gql(http, cluster.graphql(B), CLAN_CONTRIBUTE, {"a": 10, "k": uuid.uuid4().hex}, kate)
        assert given["clanContribute"]["errors"] == []

        # Then A pushes the weekly board with the clan holding at least the contribution's XP
        # (earlier events of kate's, such as an achievement, may add a point or two)
        def credited(data: dict[str, Any]) -> bool:
            board = data["clanLeaderboardChanged"]
            return any(e["clan"]["name"] == name and e["score"] >= CONTRIBUTION_XP for e in board["entries"])

        data = await next_matching(ws, credited)
    board = data["clanLeaderboardChanged"]
    ours = next(e for e in board["entries"] if e["clan"]["name"] == name)
    assert board["period"] == "WEEKLY"
    assert board["viewer"] == {"rank": ours["rank"], "score": ours["score"]}
    cluster.check_alive()
