"""The group's perks, enforced in the group set by ``LUCAS_TELEGRAM_GROUP_ID``: stickers beyond
the hourly limit are deleted (unless the sender holds "stickers without limit"), ``/everyone <text>``
spends a "mention everyone" perk; and ``/grant @user amount reason`` for admins. Promotions for
"admin for a day" are made by the ``perks_telegram`` job (it reads the effects, which are rows)."""

from __future__ import annotations

import html
import os

from telegram import Update
from telegram.constants import ParseMode
from telegram.ext import MessageHandler, filters

from bot.api import APIRequestError
from bot.context import Context, actor_for, api, command_text, idempotency_key, reply, texts
from bot.domains import Domain, payload_errors_text
from bot.i18n import N_
from bot.operations.perk_mention_use import PERK_MENTION_USE
from bot.operations.perk_sticker_sent import PERK_STICKER_SENT
from bot.operations.wallet_grant import WALLET_GRANT
from bot.recipients import recipient

domain = Domain("perks", order=47)
domain.errors(
    "PerkError",
    {
        "NO_PERK": N_("You have no “mention everyone” perk. Buy one in the /shop."),
        "NOT_ALLOWED": N_("Only the bot may do this."),
        "INVALID_CHAT": N_("This chat cannot be used."),
    },
)

MENTIONS_PER_MESSAGE = 20
GRANT_USAGE = N_("Usage: /grant @username amount reason")


def group_chat_id() -> int | None:
    raw = os.environ.get("LUCAS_TELEGRAM_GROUP_ID", "").strip()
    try:
        return int(raw) if raw else None
    except ValueError:
        return None


def in_group(update: Update) -> bool:
    chat, group = update.effective_chat, group_chat_id()
    return chat is not None and group is not None and chat.id == group


async def on_sticker(update: Update, context: Context) -> None:
    """A player's sticker in the group: the server counts it; over the limit the bot deletes it."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None or user.is_bot or not in_group(update):
        return
    request = PERK_STICKER_SENT({"input": {"chatId": str(message.chat_id)}})
    checked = (await api(context).execute(request, actor_for(update)))["perkStickerSent"]
    if checked["errors"] or checked["allowed"]:
        return
    await context.bot.delete_message(chat_id=message.chat_id, message_id=message.message_id)


domain.handler(MessageHandler(filters.Sticker.ALL & filters.ChatType.GROUPS, on_sticker))


def _mention(member: dict[str, object]) -> str:
    name = f"@{member['telegramUsername']}" if member["telegramUsername"] else str(member["username"])
    return f'<a href="tg://user?id={int(str(member["telegramId"]))}">{html.escape(name)}</a>'


@domain.command("everyone", N_("mention everyone in the group once (a perk from the /shop): /everyone text"))
async def everyone(update: Update, context: Context) -> None:
    _ = texts(update)
    chat, user = update.effective_chat, update.effective_user
    if chat is None or user is None or not in_group(update):
        await reply(update, _("/everyone works in the community group only."))
        return
    parts = command_text(update).split(maxsplit=1)
    text = parts[1].strip() if len(parts) > 1 else ""
    if not text:
        await reply(update, _("Usage: /everyone text"))
        return
    used = (
        await api(context).execute(PERK_MENTION_USE({"input": {"chatId": str(chat.id)}}), actor_for(update))
    )["perkMentionUse"]
    if used["errors"]:
        await reply(update, payload_errors_text(_, used["errors"]))
        return
    who = f"@{user.username}" if user.username else user.first_name
    await chat.send_message(f"📣 {html.escape(who)}: {html.escape(text)}", parse_mode=ParseMode.HTML)
    members = [dict(m) for m in used["members"]]
    for start in range(0, len(members), MENTIONS_PER_MESSAGE):
        chunk = members[start : start + MENTIONS_PER_MESSAGE]
        await chat.send_message(" ".join(_mention(m) for m in chunk), parse_mode=ParseMode.HTML)
    if not members:
        await chat.send_message(_("Nobody else to mention yet."))


@domain.command("grant", N_("admins: give coins, /grant @username amount reason"))
async def grant(update: Update, context: Context) -> None:
    _ = texts(update)
    parts = command_text(update).split(maxsplit=3)
    if len(parts) < 4 or not parts[2].isdigit() or not parts[3].strip():
        await reply(update, _(GRANT_USAGE))
        return
    actor = actor_for(update)
    found, name = await recipient(context, actor, parts[1].lstrip("@"))
    if found is None:
        await reply(update, _("There is no player @{username}.", username=name.lstrip("@")))
        return
    request = WALLET_GRANT(
        {
            "input": {
                "userId": str(found["id"]),
                "amount": parts[2],
                "reason": parts[3].strip(),
                "idempotencyKey": idempotency_key(context, update),
            }
        }
    )
    try:
        granted = (await api(context).execute(request, actor))["walletGrant"]
    except APIRequestError as exc:
        if exc.code != "FORBIDDEN":
            raise
        await reply(update, _("Only admins can grant coins."))
        return
    if granted["errors"] or granted["transfer"] is None:
        await reply(update, payload_errors_text(_, granted["errors"]))
        return
    await reply(
        update,
        _(
            "Granted {amount} COIN to {name}: {reason}",
            amount=_.number(int(parts[2])),
            name=name,
            reason=parts[3].strip(),
        ),
    )
