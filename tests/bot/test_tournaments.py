"""/tournaments and /tournament: joining by button (the fee held), the bracket shown round by round,
reporting a result by button from both sides, readable refusals, Russian texts."""

from __future__ import annotations

import pytest

from tests.bot.harness import ALICE, BOB, OLGA, Harness, message_update

CREATE = (
    'mutation { tournamentCreate(input: {name: "Friday Cup", format: SINGLE_ELIMINATION, entryFee: 10,'
    " maxPlayers: 4}) { tournament { id } errors { code } } }"
)
START = "mutation($id: ID!) { tournamentStart(input: {tournamentId: $id}) { errors { code } } }"


@pytest.fixture
def backend() -> str:
    """Bot behaviour, not storage: the tournament domain's own tests run on both databases."""
    return "sqlite"


async def test_players_join_and_report_their_match_from_the_bot(harness: Harness) -> None:
    for user in (ALICE, BOB, OLGA):
        await harness.command(user, "/start")
    admin = await harness.admin()
    for user in (ALICE, BOB):
        await harness.grant(admin, user, 100)
    body = await harness.gql(CREATE, token=admin)
    ident = body["data"]["tournamentCreate"]["tournament"]["id"]
    # alice sees it with a Join button and presses it; the fee is held
    calls = await harness.deliver(message_update(harness.next_id(), ALICE, "/tournaments"))
    (message,) = [c for c in calls if c.method == "sendMessage"]
    assert (
        f"#{ident} Friday Cup — registration open · 0/4 players · entry 10 COIN · pool 0 COIN"
        in message.params["text"]
    )
    join, bracket = message.params["reply_markup"]["inline_keyboard"][0]
    assert join["text"] == f"Join #{ident}" and bracket["text"] == f"Bracket #{ident}"
    calls = await harness.press(ALICE, join["callback_data"])
    assert calls[-1].params["text"].startswith("You are in Friday Cup (1/4)")
    assert await harness.balance(ALICE) == 90
    again = await harness.press(ALICE, join["callback_data"])
    assert again[-1].params["text"] == "You are registered already."
    # olga has no coins: the refusal is in Russian
    reply = await harness.command(OLGA, f"/tournament {ident}")
    assert reply.startswith(f"#{ident} Friday Cup — идёт регистрация")
    calls = await harness.press(OLGA, join["callback_data"])
    assert calls[-1].params["text"] == "У вас не хватает на взнос."
    calls = await harness.press(BOB, join["callback_data"])
    assert calls[-1].params["text"].startswith("You are in Friday Cup (2/4)")
    assert (await harness.gql(START, {"id": ident}, token=admin))["data"]["tournamentStart"]["errors"] == []
    # The bracket shows the match with report buttons for its players
    calls = await harness.deliver(message_update(harness.next_id(), ALICE, f"/tournament {ident}"))
    (message,) = [c for c in calls if c.method == "sendMessage"]
    assert "— Round 1\nalice vs bob" in message.params["text"]
    mine, theirs = message.params["reply_markup"]["inline_keyboard"][0]
    assert mine["text"] == "I won" and theirs["text"] == "bob won"
    calls = await harness.press(ALICE, mine["callback_data"])
    assert calls[-1].params["text"] == "Your report is in; the result counts once your opponent agrees."
    calls = await harness.deliver(message_update(harness.next_id(), BOB, f"/tournament {ident}"))
    (message,) = [c for c in calls if c.method == "sendMessage"]
    alice_won = next(
        b for b in message.params["reply_markup"]["inline_keyboard"][0] if b["text"] == "alice won"
    )
    calls = await harness.press(BOB, alice_won["callback_data"])
    assert calls[-1].params["text"] == "Result recorded: alice goes through."
    reply = await harness.command(ALICE, f"/tournament {ident}")
    assert "alice vs bob → alice" in reply and "1. alice — 14 COIN" in reply and "2. bob — 6 COIN" in reply
    assert await harness.balance(ALICE) == 104


async def test_tournament_usage_and_unknown_numbers(harness: Harness) -> None:
    assert await harness.command(ALICE, "/tournament") == (
        "Usage: /tournament <number>\nExample: /tournament 3 (the numbers are in /tournaments)"
    )
    assert await harness.command(ALICE, "/tournament 999") == (
        "There is no tournament with that number. See /tournaments."
    )
    assert await harness.command(BOB, "/tournaments") == "No tournaments are open right now."
