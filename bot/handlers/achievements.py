"""/achievements: every achievement with its progress; /achievements feature <keys>: the profile's five."""

from __future__ import annotations

from telegram import Update

from bot.context import Context, actor_for, api, command_text, reply, texts
from bot.domains import Domain, payload_errors_text
from bot.i18n import N_, Texts
from bot.operations.achievements import ACHIEVEMENTS, AchievementsAchievements
from bot.operations.achievements_feature import ACHIEVEMENTS_FEATURE

domain = Domain("achievements", order=24)
domain.errors(
    "AchievementError",
    {
        "TOO_MANY_FEATURED": N_("You can feature at most 5 achievements."),
        "DUPLICATE_ACHIEVEMENT": N_("Name each achievement once."),
        "UNKNOWN_ACHIEVEMENT": N_("There is no such achievement; /achievements lists their keys."),
        "NOT_UNLOCKED": N_("Only unlocked achievements can be featured."),
    },
)

TIERS = {"bronze": "🥉", "silver": "🥈", "gold": "🥇"}
FEATURE_WORDS = ("feature", "показать")


def line(_: Texts, a: AchievementsAchievements) -> str:
    star = "⭐ " if a["featured"] else ""
    if a["hidden"]:
        return _("❔ {title}", title=a["title"])
    mark = TIERS.get(a["tier"] or "", "✅") if a["unlocked"] else "▫️"
    if a["completed"]:
        return _("{mark} {star}{title} ({key}) — done", mark=mark, star=star, title=a["title"], key=a["key"])
    return _(
        "{mark} {star}{title} ({key}) — {progress}/{goal}",
        mark=mark,
        star=star,
        title=a["title"],
        key=a["key"],
        progress=_.number(min(a["progress"], a["goal"] or 0)),
        goal=_.number(a["goal"] or 0),
    )


def list_text(_: Texts, found: list[AchievementsAchievements]) -> str:
    unlocked = sum(1 for a in found if a["unlocked"])
    lines = [
        _("🏆 Achievements: {done} of {all} unlocked", done=_.number(unlocked), all=_.number(len(found)))
    ]
    lines += [line(_, a) for a in found]
    lines.append("")
    lines.append(_("Feature up to 5 on your profile: /achievements feature <key> <key> …"))
    return "\n".join(lines)


@domain.command(
    "achievements", N_("your achievements and progress; /achievements feature <keys> to show off")
)
async def achievements(update: Update, context: Context) -> None:
    _ = texts(update)
    client, actor = api(context), actor_for(update)
    words = command_text(update).split()[1:]
    if words and words[0].lower() in FEATURE_WORDS:
        done = (
            await client.execute(
                ACHIEVEMENTS_FEATURE({"input": {"keys": [w.lower() for w in words[1:]]}}), actor
            )
        )["achievementsFeature"]
        if done["errors"]:
            await reply(update, payload_errors_text(_, done["errors"]))
            return
        titles = ", ".join(a["title"] for a in done["featured"])
        await reply(update, _("Featured: {titles}", titles=titles) if titles else _("Nothing featured now."))
        return
    found = (await client.execute(ACHIEVEMENTS({"language": _.language}), actor))["achievements"]
    await reply(update, list_text(_, found))
