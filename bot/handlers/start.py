"""/start: the first contact creates and links the account on the server."""

from __future__ import annotations

from telegram import Update

from bot.context import Context, current_user, reply, texts
from bot.domains import Domain
from bot.i18n import N_

domain = Domain("accounts", order=0)


REFERRAL_PREFIX = "ref_"


@domain.command("start", N_("create or open your account"))
async def start(update: Update, context: Context) -> None:
    _ = texts(update)
    me = await current_user(context, update)
    await reply(
        update,
        _(
            "Welcome to LucasTeam, {username}! Your account is ready.\nTry /balance, /shop or /help.",
            username=me["username"],
        ),
    )
    payload = context.args[0] if context.args else ""
    if payload.startswith(REFERRAL_PREFIX):  # an invite link: t.me/<bot>?start=ref_<code>
        from bot.handlers import referrals

        await referrals.apply_code(update, context, payload.removeprefix(REFERRAL_PREFIX))
