"""/daily: today's bonus and the streak; /level: level, XP, loyalty tier and streak."""

from __future__ import annotations

from telegram import Update

from bot.context import Context, actor_for, api, idempotency_key, reply, texts
from bot.domains import Domain, payload_errors_text
from bot.i18n import N_, Texts
from bot.operations.daily_claim import DAILY_CLAIM, DailyClaimDailyClaimClaim
from bot.operations.my_standing import MY_STANDING, MyStandingMyProgress, MyStandingMyStreak

domain = Domain("daily", order=16)
domain.errors(
    "DailyError",
    {
        "ALREADY_CLAIMED": N_("You have already claimed today's bonus. The next one opens at 00:00 UTC."),
        "IDEMPOTENCY_KEY_REUSED": N_("This request was already used for something else."),
        "INVALID_IDEMPOTENCY_KEY": N_("This request could not be identified; please try again."),
        "INSUFFICIENT_FUNDS": N_("The bonus could not be paid; please try again."),
        "INVALID_AMOUNT": N_("The bonus could not be paid; please try again."),
        "AMOUNT_TOO_LARGE": N_("The bonus could not be paid; please try again."),
        "UNKNOWN_CURRENCY": N_("The bonus could not be paid; please try again."),
        "UNKNOWN_USER": N_("The bonus could not be paid; please try again."),
    },
)

TIERS = {
    "bronze": N_("Bronze"),
    "silver": N_("Silver"),
    "gold": N_("Gold"),
    "platinum": N_("Platinum"),
}
COIN = "COIN"


def tier_name(_: Texts, name: str) -> str:
    return _(TIERS[name]) if name in TIERS else name


def claimed_text(_: Texts, claim: DailyClaimDailyClaimClaim, streak: MyStandingMyStreak) -> str:
    lines = [
        _(
            "Daily bonus: +{amount}. Streak: {days} days.",
            amount=_.money(claim["amount"], COIN),
            days=_.number(claim["streak"]),
        )
    ]
    if claim["milestoneBonus"]:
        lines.append(
            _(
                "🔥 {days}-day milestone: {bonus} included!",
                days=_.number(claim["streak"]),
                bonus=_.money(claim["milestoneBonus"], COIN),
            )
        )
    if claim["tierBonus"]:
        lines.append(_("Loyalty bonus: {bonus} included.", bonus=_.money(claim["tierBonus"], COIN)))
    if claim["graced"]:
        lines.append(_("This month's grace day kept your streak over the missed day."))
    lines.append(_("Tomorrow: {amount}.", amount=_.money(streak["nextAmount"], COIN)))
    return "\n".join(lines)


def level_text(_: Texts, progress: MyStandingMyProgress, streak: MyStandingMyStreak) -> str:
    tier = progress["tier"]
    lines = [
        _(
            "Level {level} · {xp} XP (level {next} at {at} XP)",
            level=_.number(progress["level"]),
            xp=_.number(progress["xp"]),
            next=_.number(progress["level"] + 1),
            at=_.number(progress["nextLevelXp"]),
        ),
        _(
            "Loyalty: {tier} (+{gifts} gifts a day, +{percent}% daily bonus)",
            tier=tier_name(_, tier["name"]),
            gifts=_.number(tier["extraGifts"]),
            percent=_.number(tier["dailyBonusPercent"]),
        ),
    ]
    following = progress["nextTier"]
    if following is not None:
        lines.append(
            _(
                "Next tier: {tier} at {points} engagement (you have {have})",
                tier=tier_name(_, following["name"]),
                points=_.number(following["engagement"]),
                have=_.number(progress["engagement"]),
            )
        )
    lines.append(
        _(
            "Streak: {days} days (best {best})",
            days=_.number(streak["current"]),
            best=_.number(streak["best"]),
        )
    )
    if not streak["claimedToday"]:
        lines.append(_("Today's bonus is waiting: /daily"))
    return "\n".join(lines)


@domain.command("daily", N_("claim today's bonus; the streak grows it"))
async def daily(update: Update, context: Context) -> None:
    _ = texts(update)
    client, actor = api(context), actor_for(update)
    result = (
        await client.execute(
            DAILY_CLAIM({"input": {"idempotencyKey": idempotency_key(context, update)}}), actor
        )
    )["dailyClaim"]
    if result["errors"] or result["claim"] is None:
        await reply(update, payload_errors_text(_, result["errors"]))
        return
    standing = await client.execute(MY_STANDING({}), actor)
    await reply(update, claimed_text(_, result["claim"], standing["myStreak"]))


@domain.command("level", N_("your level, XP, loyalty tier and streak"))
async def level(update: Update, context: Context) -> None:
    _ = texts(update)
    standing = await api(context).execute(MY_STANDING({}), actor_for(update))
    await reply(update, level_text(_, standing["myProgress"], standing["myStreak"]))
