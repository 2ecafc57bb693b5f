"""/roll 2d6+3 attack: dice as the community's dice bots rolled them, in private and in groups;
each roll is logged to the player's own log on the platform."""

from __future__ import annotations

import re

from telegram import Update

from bot.context import Context, actor_for, api, command_text, reply, texts
from bot.domains import Domain, payload_errors_text
from bot.i18n import N_, Texts
from bot.operations.dice_roll import DICE_ROLL, DiceRollDiceRollRoll, DiceRollInput

domain = Domain("dnd", order=40)
domain.errors(
    "DndError",
    {
        "INVALID_DICE": N_(
            "That is not a roll I can make: at most 100 dice of up to 1000 sides. Examples: /roll d20 · "
            "/roll 2d6+3 attack · /roll 4d6kh3 · /roll 1d20+1d4+2"
        ),
        "INVALID_REASON": N_("The reason is too long (200 characters at most)."),
    },
)

DEFAULT = "1d20"
_DICE_WORD = re.compile(r"[0-9dkhl%+\-]+", re.IGNORECASE)


def split_roll(text: str) -> tuple[str, str | None]:
    """The notation and the reason after ``/roll``; ``2d6 + 3 attack`` joins the spaced terms."""
    words = text.split()[1:]
    if not words:
        return DEFAULT, None
    notation, rest = words[0], words[1:]
    while rest and _DICE_WORD.fullmatch(rest[0]) and (notation[-1] in "+-" or rest[0][0] in "+-"):
        notation += rest.pop(0)
    parts = text.strip().split(maxsplit=1 + len(words) - len(rest))
    reason = parts[-1].strip() if rest else None
    return notation, reason


def roll_text(_: Texts, who: str, roll: DiceRollDiceRollRoll) -> str:
    shown: list[str] = []
    for index, term in enumerate(roll["terms"]):
        if term["rolls"]:
            dice = ", ".join(
                str(v) if kept else f"({v})" for v, kept in zip(term["rolls"], term["kept"], strict=True)
            )
            value = f"[{dice}]"
        else:
            value = str(abs(term["subtotal"]))
        sign = "−" if term["negative"] else "+"
        shown.append((f"{sign} " if index or term["negative"] else "") + value)
    detail = " ".join(shown) + f" = {roll['total']}"
    if roll["reason"]:
        head = _(
            "🎲 {who} rolls {notation} for “{reason}”:",
            who=who,
            notation=roll["notation"],
            reason=roll["reason"],
        )
    else:
        head = _("🎲 {who} rolls {notation}:", who=who, notation=roll["notation"])
    return f"{head} {detail}"


@domain.command("roll", N_("roll dice: /roll 2d6+3 attack (d20, 4d6kh3, 1d20+1d4+2)"))
async def roll(update: Update, context: Context) -> None:
    _ = texts(update)
    notation, reason = split_roll(command_text(update))
    request: DiceRollInput = {"notation": notation, "reason": reason}
    result = (await api(context).execute(DICE_ROLL({"input": request}), actor_for(update)))["diceRoll"]
    if result["errors"] or result["roll"] is None:
        await reply(update, payload_errors_text(_, result["errors"]))
        return
    user = update.effective_user
    who = f"@{user.username}" if user is not None and user.username else (user.first_name if user else "?")
    await reply(update, roll_text(_, who, result["roll"]))
