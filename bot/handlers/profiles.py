"""/profile [@username]: a player's profile (yours without a name), as the owner lets you see it."""

from __future__ import annotations

from telegram import Update

from bot.context import Context, actor_for, api, command_text, current_user, reply, texts
from bot.domains import Domain
from bot.i18n import N_, Texts
from bot.operations.profile import PROFILE, ProfileProfile

domain = Domain("profiles", order=13)

BADGES = {
    "ADMIN": N_("Admin"),
    "MODERATOR": N_("Moderator"),
    "CLAN_LEADER": N_("Clan leader"),
    "TOP_10_COINS": N_("Top 10 by coins"),
    "LEVEL_10": N_("Level 10+"),
    "LEVEL_25": N_("Level 25+"),
    "LEVEL_50": N_("Level 50+"),
}


def profile_text(_: Texts, p: ProfileProfile) -> str:
    stats = p["stats"]
    lines = [_("👤 {name}", name=p["username"])]
    if p["bio"]:
        lines.append(p["bio"])
    lines.append(
        _(
            "⭐ Level {level} · {xp} XP · {tier}",
            level=_.number(stats["level"]),
            xp=_.number(stats["xp"]),
            tier=stats["tier"],
        )
    )
    lines.append(
        _(
            "🏆 Achievements: {n} · 👥 Friends: {friends}",
            n=_.number(stats["achievementsUnlocked"]),
            friends=_.number(stats["friendCount"]),
        )
    )
    balance = p["balance"]
    if balance is None:
        lines.append(_("💰 Balance: hidden"))
    else:
        lines.append(_("💰 Balance: {amount} COIN", amount=_.number(int(balance))))
    if p["badges"]:
        names = ", ".join(_(BADGES[b]) if b in BADGES else str(b) for b in p["badges"])
        lines.append(_("🎖 Badges: {names}", names=names))
    if p["featuredAchievements"]:
        lines.append(
            _("🏅 Featured: {titles}", titles=", ".join(a["title"] for a in p["featuredAchievements"]))
        )
    lines += [f"🔗 {link['url']}" for link in p["links"]]
    return "\n".join(lines)


@domain.command("profile", N_("your profile, or another player's: /profile @username"))
async def profile(update: Update, context: Context) -> None:
    _ = texts(update)
    words = command_text(update).split()[1:]
    if len(words) > 1:
        await reply(update, _("Usage: /profile [@username]"))
        return
    name = words[0].lstrip("@") if words else (await current_user(context, update))["username"]
    found = (
        await api(context).execute(PROFILE({"username": name, "language": _.language}), actor_for(update))
    )["profile"]
    if found is None:
        await reply(update, _("There is no player named {name}.", name=name))
        return
    await reply(update, profile_text(_, found))
