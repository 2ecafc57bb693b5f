"""/gd_level, /gd_leaderboard and /submit: a level's card, the board's leaderboard after an approval,
a completion sent from the bot, readable refusals and usage, Russian texts."""

from __future__ import annotations

import pytest

from tests.bot.harness import ALICE, OLGA, Harness

ADD = (
    'mutation($name: String!, $gd: ID!) { gdLevelAdd(input: {name: $name, creator: "Zoink", gdId: $gd,'
    " difficulty: EXTREME_DEMON}) { level { id } errors { code } } }"
)
QUEUE = "{ gdSubmissions { edges { node { id player { username } } } } }"
REVIEW = (
    "mutation($id: ID!) { gdSubmissionReview(input: {submissionId: $id, approve: true})"
    " { submission { status } errors { code } } }"
)


@pytest.fixture
def backend() -> str:
    """Bot behaviour, not storage: the board's own tests run on both databases."""
    return "sqlite"


async def test_players_submit_from_the_bot_and_see_the_board(harness: Harness) -> None:
    for user in (ALICE, OLGA):
        await harness.command(user, "/start")
    admin = await harness.admin()
    for name, gd in (("Tidal Wave", "86407629"), ("Acheron", "73667628")):
        assert (await harness.gql(ADD, {"name": name, "gd": gd}, token=admin))["data"]["gdLevelAdd"][
            "errors"
        ] == []
    assert await harness.command(ALICE, "/gd_level 2") == (
        "#2 Acheron by Zoink\nExtreme Demon · ID 73667628 · 238 points"
    )
    assert await harness.command(ALICE, "/gd_leaderboard") == (
        "No completions are approved yet. Be the first: /submit <position> <video url>"
    )
    assert await harness.command(ALICE, "/submit 1 https://youtu.be/abc") == (
        "Your completion of #1 Tidal Wave is sent; a moderator will review it."
    )
    assert await harness.command(ALICE, "/submit 1 https://youtu.be/abc") == (
        "Your submission for this level is already waiting for a moderator."
    )
    queue = (await harness.gql(QUEUE, token=admin))["data"]["gdSubmissions"]["edges"]
    assert [e["node"]["player"]["username"] for e in queue] == ["alice"]
    done = await harness.gql(REVIEW, {"id": queue[0]["node"]["id"]}, token=admin)
    assert done["data"]["gdSubmissionReview"]["errors"] == []
    assert await harness.command(ALICE, "/gd_leaderboard") == (
        "The levels board's leaderboard:\n1. alice — 250 points · 1 levels · hardest #1 Tidal Wave"
    )
    assert await harness.command(ALICE, "/submit 1 https://youtu.be/abc") == (
        "Your completion of this level is already approved."
    )
    # olga reads Russian
    assert await harness.command(OLGA, "/gd_level 1") == (
        "#1 Tidal Wave от Zoink\nExtreme Demon · ID 86407629 · 250 очков"
    )
    assert await harness.command(OLGA, "/submit 2 http://youtu.be/x") == (
        "Нужна https-ссылка на видео (YouTube, Twitch, …)."
    )


async def test_usage_and_unknown_positions(harness: Harness) -> None:
    assert await harness.command(ALICE, "/gd_level") == "Usage: /gd_level <position>\nExample: /gd_level 1"
    assert await harness.command(ALICE, "/gd_level 7") == (
        "There is no level at that position. See /gd_leaderboard or the web board."
    )
    assert await harness.command(ALICE, "/submit 7") == (
        "Usage: /submit <position> <video url>\nExample: /submit 3 https://youtu.be/…"
    )
    assert await harness.command(ALICE, "/submit 7 https://youtu.be/x") == (
        "There is no level at that position. See /gd_leaderboard or the web board."
    )
