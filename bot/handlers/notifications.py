"""/notifications: the unread ones, with a "Mark all as read" button."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import CallbackQueryHandler

from bot.context import Context, actor_for, api, reply, texts
from bot.domains import Domain, payload_errors_text
from bot.i18n import N_
from bot.operations.notification_mark_read import NOTIFICATION_MARK_READ
from bot.operations.notifications import NOTIFICATIONS

domain = Domain("notifications", order=40)
domain.errors(
    "NotificationError",
    {
        "NOTHING_TO_MARK": N_("There is nothing to mark as read."),
        "TOO_MANY_IDS": N_("Too many notifications at once."),
        "NOT_FOUND": N_("No such notification."),
    },
)

PAGE = 10
MARK_READ = "notif:read"


@domain.command("notifications", N_("your unread notifications"))
async def notifications(update: Update, context: Context) -> None:
    _ = texts(update)
    request = NOTIFICATIONS({"first": PAGE, "unreadOnly": True})
    page = (await api(context).execute(request, actor_for(update)))["notifications"]
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
    request = NOTIFICATION_MARK_READ({"input": {"all": True}})
    result = (await api(context).execute(request, actor_for(update)))["notificationMarkRead"]
    if result["errors"]:
        text = payload_errors_text(_, result["errors"])
    else:
        text = _("Marked as read: {count}.", count=_.number(result["count"]))
    await query.answer(text[:200])
    if query.message is not None:
        await query.edit_message_text(text)


domain.handler(CallbackQueryHandler(mark_all_read, pattern=f"^{MARK_READ}$"))
