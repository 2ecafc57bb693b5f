"""/link in the bot, against the fake Bot API: a code links at once, or the player chooses which
account to keep with a button or /link keep web|telegram; refusals read in Russian and English."""

from __future__ import annotations

from typing import Any

from tests.bot.harness import ALICE, BOB, OLGA, Harness, message_update
from tests.snapshot import changed, snapshot

CODE_CREATE = "mutation { linkCodeCreate { code errors { code } } }"
PENDING = "{ linkPending { id status } }"
AUDIT = ("audit_log", "audit_head")  # first contact is audited and sealed after commit
USAGE = (
    "To link this Telegram account with your web account, open Settings → Link Telegram in the web "
    "app, create a code and send it here: /link CODE"
)


async def web_player(harness: Harness, username: str, coins: int = 0) -> tuple[str, str]:
    """A player registered on the web, holding ``coins``; their token and a fresh code."""
    token, user_id = await harness.gql.register(username)
    if coins:
        admin = await harness.admin()
        grant = 'mutation($u: ID!, $a: Amount!) { adminGrant(input: {userId: $u, amount: $a, reason: "w"}) { errors { code } } }'
        body = await harness.gql(grant, {"u": str(user_id), "a": coins}, token=admin)
        assert body["data"]["adminGrant"]["errors"] == []
    body = await harness.gql(CODE_CREATE, token=token)
    return token, str(body["data"]["linkCodeCreate"]["code"])


async def choice(harness: Harness, user: Any, text: str) -> Any:
    calls = await harness.deliver(message_update(harness.next_id(), user, text))
    (message,) = [c for c in calls if c.method == "sendMessage"]
    return message


async def test_link_with_a_code_from_the_web_app(harness: Harness) -> None:
    await harness.command(ALICE, "/start")
    _, code = await web_player(harness, "webalice", coins=20)

    reply = await harness.command(ALICE, f"/link {code}")

    assert reply == "Linked: this Telegram account now uses the account webalice."
    assert (await harness.me(ALICE))["username"] == "webalice"
    assert await harness.balance(ALICE) == 20
    # The code again, from another Telegram user: used
    await harness.command(BOB, "/start")
    assert await harness.command(BOB, f"/link {code}") == (
        "This code was already used: create a new one in the web app."
    )


async def test_both_accounts_have_a_history_and_the_button_keeps_the_web_one(harness: Harness) -> None:
    await harness.command(BOB, "/start")
    admin = await harness.admin()
    await harness.grant(admin, BOB, 30)
    token, code = await web_player(harness, "webbob", coins=10)

    message = await choice(harness, BOB, f"/link {code}")

    assert message.params["text"] == (
        "This Telegram account already has an account with a history. Choose which account to keep:\n"
        "🌐 Web account webbob: 10 COIN\n"
        "✈️ Telegram account bob: 30 COIN\n"
        "The other account's coins and items move to the one you keep; the other account is closed."
    )
    keep_web, keep_tg = (row[0] for row in message.params["reply_markup"]["inline_keyboard"])
    assert keep_web["text"] == "Keep webbob (web)" and keep_tg["text"] == "Keep bob (Telegram)"
    # The web app sees the same pending choice
    pending = (await harness.gql(PENDING, token=token))["data"]["linkPending"]
    assert [p["status"] for p in pending] == ["PENDING"]

    calls = await harness.press(BOB, keep_web["callback_data"])

    assert [c.method for c in calls] == ["answerCallbackQuery", "sendMessage"]
    assert calls[1].params["text"] == "Linked: this Telegram account now uses the account webbob."
    assert (await harness.me(BOB))["username"] == "webbob"
    assert await harness.balance(BOB) == 40
    # The button pressed twice moves nothing more; the other button is refused
    before = await snapshot(harness.db)
    calls = await harness.press(BOB, keep_web["callback_data"])
    assert calls[1].params["text"] == "Linked: this Telegram account now uses the account webbob."
    calls = await harness.press(BOB, keep_tg["callback_data"])
    assert calls[1].params["text"] == "This choice was already made."
    assert changed(before, await snapshot(harness.db)) == {}
    assert await harness.balance(BOB) == 40


async def test_keep_the_telegram_account_by_command(harness: Harness) -> None:
    await harness.command(ALICE, "/start")
    admin = await harness.admin()
    await harness.grant(admin, ALICE, 5)
    _, code = await web_player(harness, "webalice", coins=7)
    await choice(harness, ALICE, f"/link {code}")
    # /link alone shows the waiting choice again
    again = await choice(harness, ALICE, "/link")
    assert again.params["text"].startswith("This Telegram account already has an account")

    reply = await harness.command(ALICE, "/link keep telegram")

    assert reply == "Linked: this Telegram account now uses the account alice."
    assert (await harness.me(ALICE))["username"] == "alice"
    assert await harness.balance(ALICE) == 12
    assert await harness.command(ALICE, "/link keep web") == "Nothing is waiting for your choice."


async def test_refusals_and_usage_in_english_and_russian(harness: Harness) -> None:
    await harness.command(ALICE, "/start")
    await harness.command(OLGA, "/start")
    before = await snapshot(harness.db, ignore=AUDIT)
    assert await harness.command(ALICE, "/link") == USAGE
    assert (
        await harness.command(ALICE, "/link ZZZZZZZZ") == "This code is not valid: check it in the web app."
    )
    assert (
        await harness.command(OLGA, "/link ZZZZZZZZ")
        == "Этот код недействителен: проверьте его в веб-приложении."
    )
    assert (await harness.command(OLGA, "/link")).startswith("Чтобы привязать этот Telegram-аккаунт")
    assert changed(before, await snapshot(harness.db, ignore=AUDIT)) == {}
