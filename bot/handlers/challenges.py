"""/challenges: today's, this week's and this month's challenges, their progress and rewards, the streaks."""

from __future__ import annotations

from telegram import Update

from bot.context import Context, actor_for, api, reply, texts
from bot.domains import Domain
from bot.i18n import N_, Texts
from bot.operations.challenges import CHALLENGES, ChallengesChallenges, ChallengesData

domain = Domain("challenges", order=23)

KINDS = {
    "daily": N_("Daily bonus claims"),
    "payments": N_("Payments"),
    "purchases": N_("Shop purchases"),
    "gifts": N_("Gifts sent"),
    "trades": N_("Trade offers made or accepted"),
    "auctions": N_("Auction bids and lots"),
    "bank": N_("Bank deposits"),
    "dnd": N_("D&D dice rolls"),
}
HEADINGS = {
    "DAILY": N_("Today (until {when} UTC)"),
    "WEEKLY": N_("This week (until {when} UTC)"),
    "MONTHLY": N_("This month (until {when} UTC)"),
}
COIN = "COIN"


def line(_: Texts, c: ChallengesChallenges) -> str:
    label = KINDS.get(c["kind"])
    kind = _(label) if label is not None else c["kind"]
    return _(
        "{mark} {kind} — {progress}/{goal} · +{reward}, +{xp} XP",
        mark="✅" if c["completed"] else "▫️",
        kind=kind,
        progress=_.number(c["progress"]),
        goal=_.number(c["goal"]),
        reward=_.money(c["reward"], COIN),
        xp=_.number(c["xpReward"]),
    )


def challenges_text(_: Texts, data: ChallengesData) -> str:
    found = data["challenges"]
    done = sum(1 for c in found if c["completed"])
    lines = [_("🎯 Challenges: {done} of {all} done", done=_.number(done), all=_.number(len(found)))]
    for period, heading in HEADINGS.items():
        group = [c for c in found if c["period"] == period]
        if not group:
            continue
        lines.append("")
        lines.append(_(heading, when=_.when(group[0]["expiresAt"])))
        lines += [line(_, c) for c in group]
    lines.append("")
    lines.append(
        _(
            "🔥 Streaks (all done, in a row): {daily} days · {weekly} weeks · {monthly} months",
            daily=_.number(data["daily"]["current"]),
            weekly=_.number(data["weekly"]["current"]),
            monthly=_.number(data["monthly"]["current"]),
        )
    )
    return "\n".join(lines)


@domain.command("challenges", N_("your daily, weekly and monthly challenges"))
async def challenges(update: Update, context: Context) -> None:
    _ = texts(update)
    data = await api(context).execute(CHALLENGES({}), actor_for(update))
    await reply(update, challenges_text(_, data))
