"""Texts shared by several handlers: the command list (``/help`` and Telegram's command menu) and
readable texts for the API's error codes. Marked with ``N_``, translated where shown."""

from __future__ import annotations

from bot.api import APIError, APIRateLimited, APIUnavailable
from bot.i18n import N_, Texts
from bot.results import PayloadError

COMMANDS: tuple[tuple[str, str], ...] = (
    ("start", N_("create or open your account")),
    ("balance", N_("your balances")),
    ("history", N_("your latest transfers")),
    ("pay", N_("pay a player: /pay @username amount [memo]")),
    ("shop", N_("items on sale")),
    ("buy", N_("buy an item: /buy item_number [quantity]")),
    ("inventory", N_("the items you hold")),
    ("parse", N_("reply to a game bot's result to get COIN for it (or write парсинг)")),
    ("nick", N_("link your in-game nickname: /nick game nickname")),
    ("ingestions", N_("your game results and the COIN they paid (also /credits)")),
    ("notifications", N_("your unread notifications")),
    ("help", N_("this list")),
)

PAY_USAGE = N_("Usage: /pay @username amount [memo]\nExample: /pay @bob 50 thanks for the cards")
BUY_USAGE = N_("Usage: /buy item_number [quantity]\nExample: /buy 3 2 (the numbers are in /shop)")
PARSE_USAGE = N_("Reply парсинг (or /parse) to a game bot's message with your result to get COIN for it.")
NICK_USAGE = N_("Usage: /nick game nickname\nGames: {games}\nExample: /nick gdcards EnidBlaito")

# Keyed by code alone: where two domains share a code (INSUFFICIENT_FUNDS) it means the same.
ERROR_TEXTS: dict[str, str] = {
    "INVALID_AMOUNT": N_("The amount must be a whole number above zero."),
    "AMOUNT_TOO_LARGE": N_("That amount is too large."),
    "UNKNOWN_USER": N_("There is no such player."),
    "UNKNOWN_CURRENCY": N_("There is no such currency."),
    "SELF_TRANSFER": N_("You cannot pay yourself."),
    "INSUFFICIENT_FUNDS": N_("You do not have enough money for that."),
    "INVALID_MEMO": N_("The memo is too long."),
    "IDEMPOTENCY_KEY_REUSED": N_("This request was already used for something else."),
    "INVALID_IDEMPOTENCY_KEY": N_("This request could not be identified; please try again."),
    "UNKNOWN_ITEM": N_("There is no item with that number. See /shop."),
    "INVALID_QUANTITY": N_("That quantity is not allowed."),
    "OUT_OF_STOCK": N_("Not enough of this item is left."),
    "LIMIT_REACHED": N_("You have reached the limit for this item."),
    "ON_COOLDOWN": N_("You bought this item recently; try again later."),
    "ITEM_INACTIVE": N_("This item is not on sale."),
    "NOTHING_TO_MARK": N_("There is nothing to mark as read."),
    "TOO_MANY_IDS": N_("Too many notifications at once."),
    "NOT_FOUND": N_("Not found."),
    "NOT_A_GAME_BOT": N_("Only messages of the game bots are counted."),
    "WRONG_PLAYER": N_("This result is not yours. Link your in-game nickname: /nick game nickname"),
    "NOTHING_TO_CREDIT": N_("There is nothing to credit in this message."),
    "INVALID_TEXT": N_("This message has no text the bot can read."),
    "UNKNOWN_SOURCE": N_("There is no such game."),
    "INVALID_NICKNAME": N_("A nickname is 1 to 64 characters."),
    "TOO_MANY_NICKNAMES": N_("You have linked as many nicknames in this game as allowed."),
    "NICKNAME_RACE": N_("Someone claimed this nickname just now; try again."),
}


def payload_errors_text(_: Texts, errors: list[PayloadError]) -> str:
    """One line per error; a code the bot does not know yet shows the server's own message."""
    if not errors:
        return _("Something went wrong. Please try again later.")
    lines = []
    for error in errors:
        known = ERROR_TEXTS.get(error["code"])
        lines.append(_(known) if known else error["message"])
    return "\n".join(lines)


def api_error_text(_: Texts, exc: APIError) -> str:
    if isinstance(exc, APIRateLimited):
        return _("Too many requests. Try again in {seconds} s.", seconds=exc.retry_after)
    if isinstance(exc, APIUnavailable):
        return _("The service is unavailable right now. Try again in a minute.")
    return _("Something went wrong. Please try again later.")
