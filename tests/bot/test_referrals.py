"""/ref: the code and its deep link, joining with a friend's code, refusals, Russian texts."""

from __future__ import annotations

import re

from tests.bot.fake_telegram import BOT_USERNAME
from tests.bot.harness import ALICE, BOB, OLGA, Harness, message_update


async def test_ref_shows_the_code_and_link_and_a_new_player_joins_with_it(harness: Harness) -> None:
    await harness.command(ALICE, "/start")
    shown = (await harness.command(ALICE, "/ref")).splitlines()
    found = re.fullmatch(r"Your referral code: ([A-Z2-9]{8})", shown[0])
    assert found is not None
    code = found.group(1)
    assert shown[1] == f"Invite link: https://t.me/{BOT_USERNAME}?start=ref_{code}"
    assert shown[2] == "You get 200 COIN when an invited player reaches level 10."
    assert shown[-1] == "New here? Join with a friend's code: /ref CODE"
    # Bob (a new account) joins with it; a second time is refused readably
    await harness.command(BOB, "/start")
    assert await harness.command(BOB, f"/ref ref_{code.lower()}") == "You joined with the code of alice."
    assert await harness.command(BOB, f"/ref {code}") == "You already joined with a referral code."
    assert (await harness.command(BOB, "/ref")).splitlines()[-1] == (
        "You joined with the code of alice (pending)."
    )
    # Alice's own code, or an unknown one
    mine = await harness.command(ALICE, f"/ref {code}")
    assert mine == "This referral code is not valid (unknown, or your own)."
    assert (await harness.command(ALICE, "/ref ZZZZZZZZ")) == mine
    assert "pending: 1" in (await harness.command(ALICE, "/ref")).splitlines()[3]


async def test_ref_in_russian(harness: Harness) -> None:
    await harness.command(OLGA, "/start")
    shown = (await harness.command(OLGA, "/ref")).splitlines()
    assert shown[0].startswith("Ваш реферальный код: ")
    assert shown[1].startswith("Ссылка-приглашение: https://t.me/")


async def test_an_invite_link_joins_with_the_code_on_the_first_start(harness: Harness) -> None:
    await harness.command(ALICE, "/start")
    code = (await harness.command(ALICE, "/ref")).splitlines()[0].rsplit(" ", 1)[1]
    # Bob opens t.me/<bot>?start=ref_<code>: Telegram sends "/start ref_<code>"
    calls = await harness.deliver(message_update(harness.next_id(), BOB, f"/start ref_{code}"))
    replies = [c.params["text"] for c in calls if c.method == "sendMessage"]
    assert replies[0].startswith("Welcome to LucasTeam, bob!")
    assert replies[1:] == ["You joined with the code of alice."]
    assert (await harness.command(BOB, "/ref")).splitlines()[
        -1
    ] == "You joined with the code of alice (pending)."
    # A plain /start later changes nothing more
    assert (await harness.command(BOB, "/start")).startswith("Welcome to LucasTeam, bob!")
