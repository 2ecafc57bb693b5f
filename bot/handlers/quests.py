"""/quests: the quest log (active with progress, available with Accept buttons, how many done);
/quests <number> or a button accepts a quest."""

from __future__ import annotations

import re

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import CallbackQueryHandler

from bot.context import Context, actor_for, api, command_text, reply, texts
from bot.domains import Domain, payload_errors_text
from bot.i18n import N_, Texts
from bot.operations.quest_accept import QUEST_ACCEPT
from bot.operations.quests import QUESTS, QuestsQuests

domain = Domain("quests", order=24)
domain.errors(
    "QuestError",
    {
        "QUEST_NOT_FOUND": N_("There is no such quest."),
        "QUEST_LOCKED": N_("This quest is locked: complete the quests before it first."),
        "QUEST_ALREADY_ACTIVE": N_("You are already on this quest."),
        "QUEST_ALREADY_COMPLETED": N_("You have completed this quest already."),
        "BRANCH_CLOSED": N_("You chose another path; this quest is closed to you."),
        "QUEST_NOT_ACTIVE": N_("You are not on this quest."),
    },
)

USAGE = N_("Usage: /quests, or /quests <number> to accept quest #number")
ACCEPT = "quest:accept:"
NUMBER = re.compile(r"#?([0-9]{1,12})")
TYPES = {"DAILY": N_("daily"), "STORY": N_("story"), "REPEATABLE": N_("repeatable")}


def reward_text(_: Texts, quest: QuestsQuests) -> str:
    reward = quest["reward"]
    parts = []
    if reward["currency"] and reward["amount"]:
        parts.append(_.money(reward["amount"], reward["currency"]))
    if reward["xp"]:
        parts.append(_("{xp} XP", xp=_.number(reward["xp"])))
    if reward["item"] is not None and reward["itemQuantity"]:
        parts.append(f"{_.number(reward['itemQuantity'])} × {reward['item']['name']}")
    return ", ".join(parts)


def log_text(_: Texts, quests: list[QuestsQuests]) -> str:
    active = [q for q in quests if q["status"] == "ACTIVE"]
    available = [q for q in quests if q["status"] == "AVAILABLE"]
    done = [q for q in quests if q["status"] == "COMPLETED"]
    lines: list[str] = []
    if active:
        lines.append(_("Active quests:"))
        for q in active:
            lines.append(
                _(
                    "• {title}: {progress}/{goal}",
                    title=q["title"],
                    progress=_.number(q["progress"]),
                    goal=_.number(q["goal"]),
                )
            )
    if available:
        if lines:
            lines.append("")
        lines.append(_("Available quests:"))
        for q in available:
            label = TYPES.get(q["type"])
            kind = _(label) if label else q["type"]
            lines.append(f"#{q['id']} {q['title']} ({kind}) — {reward_text(_, q)}")
    if not lines:
        lines.append(_("No quests for you right now. Come back tomorrow!"))
    if done:
        lines.append("")
        lines.append(_("Completed: {count}", count=_.number(len(done))))
    return "\n".join(lines)


def accept_buttons(_: Texts, quests: list[QuestsQuests]) -> InlineKeyboardMarkup | None:
    rows = [
        [InlineKeyboardButton(_("▶ {title}", title=q["title"]), callback_data=ACCEPT + q["id"])]
        for q in quests
        if q["status"] == "AVAILABLE"
    ][:10]
    return InlineKeyboardMarkup(rows) if rows else None


async def _accept(update: Update, context: Context, quest_id: str) -> str:
    _ = texts(update)
    request = QUEST_ACCEPT({"input": {"questId": quest_id}})
    result = (await api(context).execute(request, actor_for(update)))["questAccept"]
    if result["errors"] or result["quest"] is None:
        return payload_errors_text(_, result["errors"])
    quest = result["quest"]
    return _(
        "Quest accepted: {title}. Progress: {progress}/{goal}.",
        title=quest["title"],
        progress=_.number(quest["progress"]),
        goal=_.number(quest["goal"]),
    )


@domain.command("quests", N_("your quests; /quests <number> accepts one"))
async def quests(update: Update, context: Context) -> None:
    _ = texts(update)
    parts = command_text(update).split()
    if len(parts) > 2:
        await reply(update, _(USAGE))
        return
    if len(parts) == 2:
        number = NUMBER.fullmatch(parts[1])
        if number is None:
            await reply(update, _(USAGE))
            return
        await reply(update, await _accept(update, context, number.group(1)))
        return
    data = await api(context).execute(QUESTS({}), actor_for(update))
    await reply(update, log_text(_, data["quests"]), markup=accept_buttons(_, data["quests"]))


async def pressed(update: Update, context: Context) -> None:
    query = update.callback_query
    assert query is not None and query.data is not None
    text = await _accept(update, context, query.data.removeprefix(ACCEPT))
    await query.answer(text[:200])
    await reply(update, text)


domain.handler(CallbackQueryHandler(pressed, pattern=f"^{ACCEPT}[0-9]+$"))
