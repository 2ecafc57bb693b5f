"""/friend and /friends: a request, the Accept button, who is online, readable refusals."""

from __future__ import annotations

import pytest

from tests.bot.harness import ALICE, BOB, OLGA, Harness, message_update


@pytest.fixture
def backend() -> str:
    """Bot behaviour, not storage: the friends domain's own tests run on both databases."""
    return "sqlite"


async def test_a_request_accepted_with_the_button(harness: Harness) -> None:
    for user in (ALICE, BOB):
        await harness.command(user, "/start")
    assert await harness.command(ALICE, "/friend @bob") == "Friend request sent to @bob."
    calls = await harness.deliver(message_update(harness.next_id(), BOB, "/friends"))
    (message,) = [c for c in calls if c.method == "sendMessage"]
    assert message.params["text"] == (
        "No friends yet. Ask someone with /friend @username\n\nFriend requests:\n• alice"
    )
    accept, decline = message.params["reply_markup"]["inline_keyboard"][0]
    assert accept["text"] == "✅ alice" and decline["text"] == "✖ alice"
    assert accept["callback_data"].startswith("friend:accept:")

    calls = await harness.press(BOB, accept["callback_data"])
    assert [c.method for c in calls] == ["answerCallbackQuery", "sendMessage"]
    assert calls[1].params["text"] == "You and alice are friends now."
    assert await harness.command(ALICE, "/friends") == "Friends: 1, online: 0\n⚪ bob"
    # the button again: the request is no longer pending
    calls = await harness.press(BOB, accept["callback_data"])
    assert calls[1].params["text"] == "There is no such player or request."


async def test_declining_with_the_button(harness: Harness) -> None:
    for user in (ALICE, BOB):
        await harness.command(user, "/start")
    await harness.command(ALICE, "/friend bob")
    calls = await harness.deliver(message_update(harness.next_id(), BOB, "/friends"))
    (message,) = [c for c in calls if c.method == "sendMessage"]
    _, decline = message.params["reply_markup"]["inline_keyboard"][0]
    calls = await harness.press(BOB, decline["callback_data"])
    assert calls[1].params["text"] == "Request from alice declined."
    assert await harness.command(BOB, "/friends") == "No friends yet. Ask someone with /friend @username"


async def test_friend_refusals_are_readable(harness: Harness) -> None:
    for user in (ALICE, BOB):
        await harness.command(user, "/start")
    assert await harness.command(ALICE, "/friend") == "Usage: /friend @username"
    assert await harness.command(ALICE, "/friend @a-b") == "Usage: /friend @username"
    assert await harness.command(ALICE, "/friend @nobody") == "There is no player @nobody."
    assert await harness.command(ALICE, "/friend @alice") == "You cannot be your own friend."
    await harness.command(ALICE, "/friend @bob")
    assert await harness.command(ALICE, "/friend @bob") == "Your request is already waiting for an answer."
    # bob asking back accepts alice's request
    assert await harness.command(BOB, "/friend @alice") == "You and @alice are friends now."
    assert await harness.command(BOB, "/friend @alice") == "You are already friends."


async def test_friends_in_russian(harness: Harness) -> None:
    for user in (ALICE, OLGA):
        await harness.command(user, "/start")
    assert await harness.command(OLGA, "/friend @alice") == "Запрос в друзья отправлен @alice."
    assert await harness.command(OLGA, "/friend @olga") == "Нельзя дружить с самим собой."


async def test_a_gift_to_someone_who_blocked_you_is_refused_readably(harness: Harness) -> None:
    from resolvers import friends
    from tests import factories

    for user in (ALICE, BOB):
        await harness.command(user, "/start")
    await harness.grant(await harness.admin(), ALICE, 10)
    alice_id, bob_id = int((await harness.me(ALICE))["id"]), int((await harness.me(BOB))["id"])
    async with harness.db.transaction() as session:
        await friends.block(session, actor_id=bob_id, user_id=alice_id, clock=factories.CLOCK)
    assert await harness.command(ALICE, "/gift @bob 5") == "This player does not accept gifts from you."
    assert await harness.command(ALICE, "/friend @bob") == "This player cannot be asked to be friends."
    assert await harness.balance(ALICE) == 10
