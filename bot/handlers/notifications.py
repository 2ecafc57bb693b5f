"""/notifications: the unread ones, with a "Mark all as read" button."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from bot.context import Context, actor_for, api, reply, texts
from bot.messages import payload_errors_text

PAGE = 10
MARK_READ = "notif:read"


async def notifications(update: Update, context: Context) -> None:
    _ = texts(update)
    page = await api(context).notifications(actor_for(update), first=PAGE, unread_only=True)
    if not page["edges"]:
        await reply(update, _("No new notifications."))
        return
    lines = [_("Unread notifications: {count}", count=_.number(page["unreadCount"]))]
    for edge in page["edges"]:
        note = edge["node"]
        line = f"• {_.when(note['createdAt'])} — {note['title']}"
        if note["body"]:
            line += f"\n    {note['body']}"
        lines.append(line)
    markup = InlineKeyboardMarkup([[InlineKeyboardButton(_("Mark all as read"), callback_data=MARK_READ)]])
    await reply(update, "\n".join(lines), markup=markup)


async def mark_all_read(update: Update, context: Context) -> None:
    query = update.callback_query
    assert query is not None
    _ = texts(update)
    result = await api(context).notifications_mark_all_read(actor_for(update))
    if result["errors"]:
        text = payload_errors_text(_, result["errors"])
    else:
        text = _("Marked as read: {count}.", count=_.number(result["count"]))
    await query.answer(text[:200])
    if query.message is not None:
        await query.edit_message_text(text)


def handlers() -> list[BaseHandler]:  # type: ignore[type-arg]
    return [
        CommandHandler("notifications", notifications),
        CallbackQueryHandler(mark_all_read, pattern=f"^{MARK_READ}$"),
    ]
