"""/pass: the battle pass — season, level, XP, premium and the season's end; buttons buy premium or
level skips (``/pass premium``, ``/pass levels 5`` ask first with a confirmation button)."""

from __future__ import annotations

import re

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import CallbackQueryHandler

from bot.context import Context, actor_for, api, command_text, idempotency_key, reply, texts
from bot.domains import Domain, payload_errors_text
from bot.i18n import N_, Texts
from bot.operations.battle_pass import BATTLE_PASS, BattlePassBattlePass
from bot.operations.battle_pass_buy_levels import BATTLE_PASS_BUY_LEVELS
from bot.operations.battle_pass_buy_premium import BATTLE_PASS_BUY_PREMIUM

domain = Domain("battlepass", order=25)
domain.errors(
    "BattlePassError",
    {
        "ALREADY_PREMIUM": N_("Your pass is already premium this season."),
        "NO_ACTIVE_SEASON": N_("The season has ended; the next one starts in a moment."),
        "INVALID_LEVELS": N_("Buy 1 to 100 levels."),
        "MAX_LEVEL_REACHED": N_("That would take your pass past level 100."),
        "INSUFFICIENT_FUNDS": N_("You do not have enough money for that."),
        "INVALID_AMOUNT": N_("That purchase could not be made; please try again."),
        "AMOUNT_TOO_LARGE": N_("That purchase could not be made; please try again."),
        "UNKNOWN_CURRENCY": N_("That purchase could not be made; please try again."),
        "UNKNOWN_USER": N_("That purchase could not be made; please try again."),
        "IDEMPOTENCY_KEY_REUSED": N_("This request was already used for something else."),
        "INVALID_IDEMPOTENCY_KEY": N_("This request could not be identified; please try again."),
    },
)

COIN = "COIN"
PREFIX = "bp:"
PREMIUM = "bp:premium"
LEVELS_PREFIX = "bp:levels:"
LEVELS = re.compile(r"([0-9]{1,3})")
USAGE = N_("Usage: /pass, /pass premium, /pass levels N\nExample: /pass levels 5")


def pass_text(_: Texts, bp: BattlePassBattlePass) -> str:
    season = bp["season"]
    lines = [
        _("🎟 Battle pass · season {number}", number=_.number(season["number"])),
        _(
            "Level {level} of {top} · {xp} XP",
            level=_.number(bp["level"]),
            top=_.number(bp["maxLevel"]),
            xp=_.number(bp["xp"]),
        ),
    ]
    if bp["nextLevelXp"] is not None:
        lines.append(_("Next level at {xp} XP.", xp=_.number(bp["nextLevelXp"])))
    lines.append(_("Premium: yes") if bp["premium"] else _("Premium: no (free track only)"))
    if season["ended"]:
        lines.append(_("The season has ended; the next one starts in a moment."))
    else:
        lines.append(_("The season ends {when}.", when=_.when(season["endsAt"])))
    return "\n".join(lines)


def buy_buttons(_: Texts, bp: BattlePassBattlePass) -> InlineKeyboardMarkup | None:
    if bp["season"]["ended"]:
        return None
    rows = []
    if not bp["premium"]:
        label = _("⭐ Premium for {price}", price=_.money(bp["premiumPrice"], COIN))
        rows.append([InlineKeyboardButton(label, callback_data=PREMIUM)])
    left = bp["maxLevel"] - bp["level"]
    levels = [n for n in (1, 5) if n <= left]
    if levels:
        rows.append(
            [
                InlineKeyboardButton(
                    _("+{n} level(s) for {price}", n=_.number(n), price=_.money(n * bp["levelPrice"], COIN)),
                    callback_data=f"{LEVELS_PREFIX}{n}",
                )
                for n in levels
            ]
        )
    return InlineKeyboardMarkup(rows) if rows else None


async def my_pass(context: Context, update: Update) -> BattlePassBattlePass:
    return (await api(context).execute(BATTLE_PASS({}), actor_for(update)))["battlePass"]


@domain.command("pass", N_("your battle pass: level, rewards, premium and level skips"))
async def battle_pass(update: Update, context: Context) -> None:
    _ = texts(update)
    args = command_text(update).split()[1:]
    bp = await my_pass(context, update)
    if not args:
        await reply(update, pass_text(_, bp), markup=buy_buttons(_, bp))
    elif args[0].lower() == "premium" and len(args) == 1:
        text = _(
            "Buy premium for {price}? The premium rewards of the levels you reached are paid at once.",
            price=_.money(bp["premiumPrice"], COIN),
        )
        button = InlineKeyboardButton(_("Yes, buy premium"), callback_data=PREMIUM)
        await reply(update, text, markup=InlineKeyboardMarkup([[button]]))
    elif args[0].lower() == "levels" and len(args) == 2 and LEVELS.fullmatch(args[1]):
        n = int(args[1])
        text = _("Buy {n} level(s) for {price}?", n=_.number(n), price=_.money(n * bp["levelPrice"], COIN))
        button = InlineKeyboardButton(_("Yes, buy"), callback_data=f"{LEVELS_PREFIX}{n}")
        await reply(update, text, markup=InlineKeyboardMarkup([[button]]))
    else:
        await reply(update, _(USAGE))


async def buy_button(update: Update, context: Context) -> None:
    query = update.callback_query
    assert query is not None and query.data is not None
    _ = texts(update)
    key = idempotency_key(context, update)
    client, actor = api(context), actor_for(update)
    if query.data == PREMIUM:
        premium = BATTLE_PASS_BUY_PREMIUM({"input": {"idempotencyKey": key}})
        result = (await client.execute(premium, actor))["battlePassBuyPremium"]
    else:
        count = LEVELS.fullmatch(query.data.removeprefix(LEVELS_PREFIX))
        if count is None:
            await query.answer()
            return
        levels = BATTLE_PASS_BUY_LEVELS({"input": {"levels": int(count.group(1)), "idempotencyKey": key}})
        result = (await client.execute(levels, actor))["battlePassBuyLevels"]
    bought = result["battlePass"]
    if result["errors"] or bought is None:
        text = payload_errors_text(_, result["errors"])
    elif query.data == PREMIUM:
        text = _("⭐ Premium is yours this season.")
        if bought["level"]:
            text += "\n" + _(
                "The premium rewards of levels 1–{level} are paid.", level=_.number(bought["level"])
            )
    else:
        text = _("🎟 Your pass is now level {level}; its rewards are paid.", level=_.number(bought["level"]))
    await query.answer(text[:200])
    await reply(update, text)


domain.handler(CallbackQueryHandler(buy_button, pattern=f"^{PREFIX}"))
