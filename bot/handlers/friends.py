"""/friends: friends with who is online, and incoming requests with Accept and Decline buttons;
/friend @username: ask a player to be friends (accepts their request when they already asked)."""

from __future__ import annotations

import re

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import CallbackQueryHandler

from bot.context import Context, actor_for, api, command_text, reply, texts
from bot.domains import Domain, payload_errors_text
from bot.i18n import N_, Texts
from bot.operations.friend_request_accept import FRIEND_REQUEST_ACCEPT
from bot.operations.friend_request_decline import FRIEND_REQUEST_DECLINE
from bot.operations.friend_request_send import FRIEND_REQUEST_SEND
from bot.operations.friends import FRIENDS, FriendsData
from bot.recipients import recipient as find_recipient

domain = Domain("friends", order=18)
domain.errors(
    "FriendError",
    {
        "SELF": N_("You cannot be your own friend."),
        "NOT_FOUND": N_("There is no such player or request."),
        "ALREADY_FRIENDS": N_("You are already friends."),
        "REQUEST_EXISTS": N_("Your request is already waiting for an answer."),
        "BLOCKED": N_("This player cannot be asked to be friends."),
        "ALREADY_BLOCKED": N_("You already blocked this player."),
        "NOT_BLOCKED": N_("This player is not blocked."),
        "NOT_FRIENDS": N_("You are not friends."),
    },
)

FRIEND_USAGE = N_("Usage: /friend @username")
USERNAME = re.compile(r"@?([A-Za-z0-9_]{1,32})")
ACCEPT, DECLINE = "friend:accept:", "friend:decline:"
ONLINE, OFFLINE = "🟢", "⚪"


def friends_text(_: Texts, data: FriendsData) -> str:
    lines: list[str] = []
    shown = [f for f in data["friends"] if f["user"] is not None]
    if shown:
        online = sum(1 for f in shown if f["online"])
        lines.append(
            _("Friends: {count}, online: {online}", count=_.number(len(shown)), online=_.number(online))
        )
        for friend in sorted(
            shown, key=lambda f: (not f["online"], (f["user"] or {"username": ""})["username"])
        ):
            user = friend["user"]
            assert user is not None
            lines.append(f"{ONLINE if friend['online'] else OFFLINE} {user['username']}")
    else:
        lines.append(_("No friends yet. Ask someone with /friend @username"))
    if data["incoming"]:
        lines.append("")
        lines.append(_("Friend requests:"))
        for request in data["incoming"]:
            sender = request["sender"]
            lines.append("• " + (sender["username"] if sender is not None else "?"))
    return "\n".join(lines)


def request_buttons(_: Texts, data: FriendsData) -> InlineKeyboardMarkup | None:
    rows = []
    for request in data["incoming"][:10]:
        name = request["sender"]["username"] if request["sender"] is not None else "?"
        rows.append(
            [
                InlineKeyboardButton(_("✅ {name}", name=name), callback_data=ACCEPT + request["id"]),
                InlineKeyboardButton(_("✖ {name}", name=name), callback_data=DECLINE + request["id"]),
            ]
        )
    return InlineKeyboardMarkup(rows) if rows else None


@domain.command("friends", N_("your friends, who is online, and friend requests"))
async def friends(update: Update, context: Context) -> None:
    _ = texts(update)
    data = await api(context).execute(FRIENDS({}), actor_for(update))
    await reply(update, friends_text(_, data), markup=request_buttons(_, data))


@domain.command("friend", N_("ask a player to be friends: /friend @username"))
async def friend(update: Update, context: Context) -> None:
    _ = texts(update)
    parts = command_text(update).split()
    name = USERNAME.fullmatch(parts[1]) if len(parts) == 2 else None
    if name is None:
        await reply(update, _(FRIEND_USAGE))
        return
    actor = actor_for(update)
    found, shown = await find_recipient(context, actor, name.group(1))
    if found is None:
        await reply(update, _("There is no player @{username}.", username=shown))
        return
    request = FRIEND_REQUEST_SEND({"input": {"userId": found["id"]}})
    result = (await api(context).execute(request, actor))["friendRequestSend"]
    if result["errors"] or result["request"] is None:
        await reply(update, payload_errors_text(_, result["errors"]))
    elif result["request"]["status"] == "ACCEPTED":
        await reply(update, _("You and @{username} are friends now.", username=shown))
    else:
        await reply(update, _("Friend request sent to @{username}.", username=shown))


async def answer(update: Update, context: Context) -> None:
    query = update.callback_query
    assert query is not None and query.data is not None
    _ = texts(update)
    accepting = query.data.startswith(ACCEPT)
    ident = query.data.removeprefix(ACCEPT if accepting else DECLINE)
    client, actor = api(context), actor_for(update)
    if accepting:
        accepted = (await client.execute(FRIEND_REQUEST_ACCEPT({"input": {"requestId": ident}}), actor))[
            "friendRequestAccept"
        ]
        errors, request = accepted["errors"], accepted["request"]
    else:
        declined = (await client.execute(FRIEND_REQUEST_DECLINE({"input": {"requestId": ident}}), actor))[
            "friendRequestDecline"
        ]
        errors, request = declined["errors"], declined["request"]
    if errors or request is None:
        text = payload_errors_text(_, errors)
    else:
        name = request["sender"]["username"] if request["sender"] is not None else "?"
        text = (
            _("You and {username} are friends now.", username=name)
            if accepting
            else _("Request from {username} declined.", username=name)
        )
    await query.answer(text[:200])
    await reply(update, text)


domain.handler(CallbackQueryHandler(answer, pattern=f"^({ACCEPT}|{DECLINE})[0-9]+$"))
