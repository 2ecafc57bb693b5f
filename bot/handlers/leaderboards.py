"""/top [day|week|month]: the coin leaderboard (all time: coins held), with your own place."""

from __future__ import annotations

from telegram import Update

from bot.context import Context, actor_for, api, command_text, reply, texts
from bot.domains import Domain
from bot.i18n import N_, Texts
from bot.operations.leaderboard import LEADERBOARD, LeaderboardData, LeaderboardPeriod

domain = Domain("leaderboards", order=21)

SHOWN = 10
PERIODS: dict[str, LeaderboardPeriod] = {
    "day": "DAILY",
    "today": "DAILY",
    "день": "DAILY",
    "week": "WEEKLY",
    "неделя": "WEEKLY",
    "month": "MONTHLY",
    "месяц": "MONTHLY",
    "all": "ALL_TIME",
    "все": "ALL_TIME",
    "всё": "ALL_TIME",
}
TITLES = {
    "DAILY": N_("Top earners today (UTC):"),
    "WEEKLY": N_("Top earners this week:"),
    "MONTHLY": N_("Top earners this month:"),
    "ALL_TIME": N_("Richest players:"),
}
USAGE = N_("Usage: /top, or /top day, /top week, /top month")
MEDALS = {1: "🥇", 2: "🥈", 3: "🥉"}


def top_text(_: Texts, period: LeaderboardPeriod, data: LeaderboardData) -> str:
    board = data["leaderboard"]
    lines = [_(TITLES[period])]
    for entry in board["entries"]:
        name = entry["user"]["username"] if entry["user"] is not None else "?"
        place = MEDALS.get(entry["rank"], f"{entry['rank']}.")
        lines.append(_("{place} {name} — {score}", place=place, name=name, score=_.number(entry["score"])))
    if not board["entries"]:
        lines.append(_("Nobody yet."))
    viewer = board["viewer"]
    if viewer is not None:
        lines.append("")
        lines.append(
            _("You: #{rank} with {score}", rank=_.number(viewer["rank"]), score=_.number(viewer["score"]))
        )
    return "\n".join(lines)


@domain.command("top", N_("the coin leaderboard: /top, /top day, /top week, /top month"))
async def top(update: Update, context: Context) -> None:
    _ = texts(update)
    parts = command_text(update).split()
    word = parts[1].lower() if len(parts) == 2 else "all" if len(parts) == 1 else ""
    period = PERIODS.get(word)
    if period is None:
        await reply(update, _(USAGE))
        return
    data = await api(context).execute(LEADERBOARD({"period": period, "first": SHOWN}), actor_for(update))
    await reply(update, top_text(_, period, data))
