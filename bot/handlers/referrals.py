"""/ref: your referral code, its deep link and your referrals; /ref CODE joins with a code."""

from __future__ import annotations

from telegram import Update

from bot.context import Context, actor_for, api, command_text, reply, texts
from bot.domains import Domain, payload_errors_text
from bot.i18n import N_, Texts
from bot.operations.my_referral_code import MY_REFERRAL_CODE, MyReferralCodeData
from bot.operations.referral_apply import REFERRAL_APPLY

domain = Domain("referrals", order=22)
domain.errors(
    "ReferralError",
    {
        "INVALID_REFERRAL": N_("This referral code is not valid (unknown, or your own)."),
        "ALREADY_REFERRED": N_("You already joined with a referral code."),
        "NOT_NEW_ACCOUNT": N_("A referral code can only be used in an account's first 24 hours."),
    },
)
COIN = "COIN"
STATUSES = {
    "PENDING": N_("pending"),
    "QUALIFIED": N_("qualified"),
    "HELD": N_("on review"),
    "REJECTED": N_("rejected"),
}


def deep_link(bot_username: str | None, code: str) -> str:
    return f"https://t.me/{bot_username or 'LucasTeamBot'}?start=ref_{code}"


def code_text(_: Texts, data: MyReferralCodeData, link: str) -> str:
    code, stats = data["myReferralCode"]["code"], data["myReferralStats"]
    lines = [
        _("Your referral code: {code}", code=code),
        _("Invite link: {link}", link=link),
        _(
            "You get {reward} when an invited player reaches level {level}.",
            reward=_.money(stats["reward"], COIN),
            level=_.number(stats["qualifyingLevel"]),
        ),
        _(
            "Qualified: {qualified} · pending: {pending} · on review: {held} · earned: {earned}",
            qualified=_.number(stats["qualified"]),
            pending=_.number(stats["pending"]),
            held=_.number(stats["held"]),
            earned=_.money(stats["earned"], COIN),
        ),
    ]
    following = next((m for m in stats["milestones"] if not m["reached"]), None)
    if following is not None:
        lines.append(
            _(
                "Next milestone: {count} qualified referrals, +{bonus}.",
                count=_.number(following["count"]),
                bonus=_.money(following["bonus"], COIN),
            )
        )
    mine = data["myReferrer"]
    if mine is not None and mine["referrer"] is not None:
        status = STATUSES.get(mine["status"])
        lines.append(
            _(
                "You joined with the code of {username} ({status}).",
                username=mine["referrer"]["username"],
                status=_(status) if status else mine["status"],
            )
        )
    else:
        lines.append(_("New here? Join with a friend's code: /ref CODE"))
    return "\n".join(lines)


async def apply_code(update: Update, context: Context, code: str) -> None:
    """Joins with a friend's code: ``/ref CODE``, or ``/start ref_CODE`` from an invite link."""
    _ = texts(update)
    request = REFERRAL_APPLY({"input": {"code": code}})
    result = (await api(context).execute(request, actor_for(update)))["referralApply"]
    if result["errors"] or result["referral"] is None:
        await reply(update, payload_errors_text(_, result["errors"]))
        return
    referrer = result["referral"]["referrer"]
    await reply(
        update,
        _("You joined with the code of {username}.", username=referrer["username"] if referrer else "?"),
    )


@domain.command("ref", N_("your referral code and invite link; /ref CODE joins with a friend's code"))
async def ref(update: Update, context: Context) -> None:
    _ = texts(update)
    client, actor = api(context), actor_for(update)
    parts = command_text(update).split()
    if len(parts) >= 2:
        await apply_code(update, context, parts[1])
        return
    data = await client.execute(MY_REFERRAL_CODE({}), actor)
    link = deep_link(context.bot.username, data["myReferralCode"]["code"])
    await reply(update, code_text(_, data, link))
