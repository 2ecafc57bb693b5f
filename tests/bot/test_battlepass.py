"""/pass: the pass's level, XP, premium and the season's end; buttons buy premium and levels once
per press; refusals read as sentences, in English and Russian."""

from __future__ import annotations

from tests.bot.harness import ALICE, OLGA, Harness, message_update


async def test_pass_shows_the_season_and_buttons_buy_once_per_press(harness: Harness) -> None:
    await harness.command(ALICE, "/start")
    admin = await harness.admin()
    await harness.grant(admin, ALICE, 1000)
    calls = await harness.deliver(message_update(harness.next_id(), ALICE, "/pass"))
    (message,) = [c for c in calls if c.method == "sendMessage"]
    lines = str(message.params["text"]).splitlines()
    assert lines[:4] == [
        "🎟 Battle pass · season 1",
        "Level 0 of 100 · 0 XP",
        "Next level at 1,000 XP.",
        "Premium: no (free track only)",
    ]
    assert lines[4].startswith("The season ends ")
    buttons = message.params["reply_markup"]["inline_keyboard"]
    assert [[(b["text"], b["callback_data"]) for b in row] for row in buttons] == [
        [("⭐ Premium for 500 COIN", "bp:premium")],
        [("+1 level(s) for 150 COIN", "bp:levels:1"), ("+5 level(s) for 750 COIN", "bp:levels:5")],
    ]
    # Two levels, then premium: each press once, even when Telegram delivers it again
    pressed = await harness.press(ALICE, "bp:levels:1", update_id=900)
    assert pressed[1].params["text"] == "🎟 Your pass is now level 1; its rewards are paid."
    await harness.press(ALICE, "bp:levels:1", update_id=900)
    await harness.press(ALICE, "bp:levels:1", update_id=901)
    assert await harness.balance(ALICE) == 1000 - 300 + 20
    pressed = await harness.press(ALICE, "bp:premium", update_id=902)
    assert pressed[1].params["text"] == (
        "⭐ Premium is yours this season.\nThe premium rewards of levels 1–2 are paid."
    )
    assert await harness.balance(ALICE) == 1000 - 300 + 20 - 500 + 50
    refused = await harness.press(ALICE, "bp:premium")
    assert refused[1].params["text"] == "Your pass is already premium this season."
    assert "Premium: yes" in await harness.command(ALICE, "/pass")


async def test_pass_asks_before_buying_and_speaks_russian(harness: Harness) -> None:
    await harness.command(ALICE, "/start")
    calls = await harness.deliver(message_update(harness.next_id(), ALICE, "/pass levels 3"))
    (message,) = [c for c in calls if c.method == "sendMessage"]
    assert message.params["text"] == "Buy 3 level(s) for 450 COIN?"
    assert message.params["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "bp:levels:3"
    refused = await harness.press(ALICE, "bp:levels:3")
    assert refused[1].params["text"] == "You do not have enough money for that."
    assert (await harness.command(ALICE, "/pass premium")).startswith("Buy premium for 500 COIN?")
    assert (await harness.command(ALICE, "/pass nonsense")).startswith("Usage: /pass")
    await harness.command(OLGA, "/start")
    assert (await harness.command(OLGA, "/pass")).startswith("🎟 Боевой пропуск · сезон 1\nУровень 0 из 100")
