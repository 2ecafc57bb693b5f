"""Game results into COIN: ``парсинг`` or /parse in reply to a game bot's message, the game bots'
own messages in bot-to-bot mode, /nick game nickname, and /ingestions (/credits).

/nick only claims a nickname: it links once proven or approved by a moderator. The proof is the
game bot's profile of it answering the claimant's own command, which only bot-to-bot mode shows
(a reply carries the replied-to message one level deep, so ``парсинг`` cannot tell whose command a
profile answered).

The bot copies only what Telegram says about the game bot's message — chat, message id, sender
id, text, date, and who sent the command it answers. Whether the sender is a game bot, whose result
it is and what it is worth is decided by the server, which pays each (chat, message) once.
"""

from __future__ import annotations

import logging
import re

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.ext import CallbackQueryHandler, MessageHandler, filters

from bot.api import APIError, TelegramActor
from bot.context import Context, actor_for, api, command_text, reply, texts
from bot.domains import Domain, payload_errors_text
from bot.i18n import N_, Texts, texts_for
from bot.operations.ingestion_nickname_claim import INGESTION_NICKNAME_CLAIM, IngestionSourceCode
from bot.operations.ingestion_submit import (
    INGESTION_SUBMIT,
    IngestionSubmitIngestionSubmit,
    IngestionSubmitIngestionSubmitIngestion,
    IngestionSubmitIngestionSubmitIngestionAmounts,
    IngestionSubmitInput,
)
from bot.operations.my_ingestions import MY_INGESTIONS, MyIngestionsMyIngestions

log = logging.getLogger("lucas.bot")

domain = Domain("ingestion", order=30)
# The codes a player meets through ingestionSubmit and ingestionNicknameClaim; the enum's others
# are moderators' and admins' (or the bot's own bugs), shown with the server's message.
ERROR_TEXTS = {
    "NOT_A_GAME_BOT": N_("Only messages of the game bots are counted."),
    "WRONG_PLAYER": N_("This result is not yours. Link your in-game nickname: /nick game nickname"),
    "NOTHING_TO_CREDIT": N_("There is nothing to credit in this message."),
    "INVALID_TEXT": N_("This message has no text the bot can read."),
    "UNKNOWN_SOURCE": N_("There is no such game."),
    "INVALID_NICKNAME": N_("A nickname is 1 to 64 characters."),
    "TOO_MANY_NICKNAMES": N_("You have linked or claimed as many nicknames in this game as allowed."),
    "NICKNAME_RACE": N_("Someone claimed this nickname just now; try again."),
}
domain.errors("IngestionError", ERROR_TEXTS)

Submitted = IngestionSubmitIngestionSubmitIngestion
ResultsPage = MyIngestionsMyIngestions
PARSE_USAGE = N_("Reply парсинг (or /parse) to a game bot's message with your result to get COIN for it.")
NICK_USAGE = N_("Usage: /nick game nickname\nGames: {games}\nExample: /nick gdcards EnidBlaito")

TRIGGER = re.compile(r"\A\s*парсинг\s*\Z", re.IGNORECASE)
PAGE = 10
OLDER_PREFIX = "ingest:"

# (the schema's IngestionSourceCode, its name, what players may type in /nick)
GAMES: tuple[tuple[IngestionSourceCode, str, tuple[str, ...]], ...] = (
    ("GDCARDS", "GD Cards", ("gdcards", "gd", "гд", "gdcard", "гдкардс")),
    ("GUSYA_CARDS", "Гуся Cards", ("gusya", "gusyacards", "goose", "гуся", "гусь", "гусякардс")),
    ("SHMALALA", "Shmalala", ("shmalala", "шмалала")),
    ("TRUE_MAFIA", "True Mafia", ("mafia", "truemafia", "мафия")),
    ("BUNKER_RP", "Bunker RP", ("bunker", "bunkerrp", "бункер")),
)
GAME_NAMES: dict[str, str] = {code: name for code, name, _ in GAMES}
# Games whose bot shows a player's profile under their nickname: the proof of a claim.
PROFILE_GAMES: frozenset[str] = frozenset({"GDCARDS", "TRUE_MAFIA", "BUNKER_RP"})
_ALIASES = {alias: code for code, _, aliases in GAMES for alias in aliases}
_SEPARATORS = re.compile(r"[\s_\-]+")

KIND_TEXTS = {
    "CARD": N_("card"),
    "CHEST": N_("chest"),
    "PROFILE": N_("profile"),
    "FISHING": N_("fishing"),
    "KARMA": N_("karma"),
    "GAME_END": N_("game end"),
    "OTHER": N_("other message"),
    "NONE": N_("no result"),
}
CURRENCY_TEXTS = {
    "points": N_("points"),
    "orbs": N_("orbs"),
    "coins": N_("coins"),
    "karma": N_("karma"),
    "wins": N_("wins"),
}
STATUS_TEXTS = {
    "PENDING_REVIEW": N_("waiting for a moderator"),
    "REJECTED": N_("not credited"),
}


def is_trigger(text: str | None) -> bool:
    return bool(text) and TRIGGER.match(text or "") is not None


def game_code(raw: str) -> IngestionSourceCode | None:
    """``gd``, ``Гуся``, ``true_mafia``… → the schema's source code."""
    return _ALIASES.get(_SEPARATORS.sub("", raw.casefold()))


def games_list() -> str:
    """``gdcards (гд), gusya (гуся), …``: each game's first Latin and first Cyrillic name."""
    names = []
    for _code, _name, aliases in GAMES:
        cyrillic = next((a for a in aliases if not a.isascii()), None)
        names.append(f"{aliases[0]} ({cyrillic})" if cyrillic else aliases[0])
    return ", ".join(names)


# --- what is sent ----------------------------------------------------------------------------


def replied_message(message: Message | None) -> Message | None:
    """The message a ``парсинг`` answers; in a forum topic an unreplied message "replies" to the
    topic's opening service message, which is no reply at all."""
    target = message.reply_to_message if message is not None else None
    if target is None or target.forum_topic_created is not None:
        return None
    return target


def submit_input(message: Message, *, via_bot_to_bot: bool) -> IngestionSubmitInput | None:
    """The ``IngestionSubmitInput`` for a game bot's message; None when it has no sender or text."""
    sender = message.from_user
    text = message.text or message.caption
    if sender is None or not text:
        return None
    data: IngestionSubmitInput = {
        "chatId": str(message.chat.id),
        "messageId": message.message_id,
        "senderTelegramId": str(sender.id),
        "senderUsername": sender.username,
        "text": text,
        "date": message.date.isoformat(),
    }
    if via_bot_to_bot:
        data["viaBotToBot"] = True
    command = message.reply_to_message
    if command is not None and command.from_user is not None:
        data["replyToTelegramId"] = str(command.from_user.id)
    return data


# --- what is said ----------------------------------------------------------------------------


def game_name(source: str) -> str:
    return GAME_NAMES.get(source, source)


def kind_name(_: Texts, kind: str) -> str:
    known = KIND_TEXTS.get(kind)
    return _(known) if known else kind


def _gain(amount: str) -> str:
    return amount if amount[:1] in "+-−" else f"+{amount}"


def gains_text(_: Texts, amounts: list[IngestionSubmitIngestionSubmitIngestionAmounts]) -> str:
    parts = []
    for a in amounts:
        name = CURRENCY_TEXTS.get(a["currency"])
        parts.append(f"{_(name) if name else a['currency']} {_gain(a['amount'])}")
    return ", ".join(parts)


def recognised(_: Texts, ingestion: Submitted) -> str:
    """``GD Cards · card (points +1)``: which game, what kind of message, what it reports."""
    what = f"{game_name(ingestion['source'])} · {kind_name(_, ingestion['kind'])}"
    gains = gains_text(_, ingestion["amounts"])
    return f"{what} ({gains})" if gains else what


def submit_text(_: Texts, result: IngestionSubmitIngestionSubmit) -> str:
    ingestion = result["ingestion"]
    if result["status"] == "REFUSED" or ingestion is None:
        return payload_errors_text(_, result["errors"][:1])
    what = recognised(_, ingestion)
    status = result["status"]
    if status == "CREDITED":
        coin = result["creditedCoin"]
        if coin > 0:
            return _("+{amount} COIN: {what}", amount=_.number(coin), what=what)
        if ingestion["kind"] == "PROFILE":
            return _(
                "{what}: your totals are recorded (0 COIN now). From here on, what they grow by is credited.",
                what=what,
            )
        return _(
            "{what}: counted, less than 1 COIN so far; the fraction is kept for your next result.", what=what
        )
    if status == "PENDING_REVIEW":
        return _("{what}: sent to a moderator, who checks it before it is credited.", what=what)
    if ingestion["status"] == "PENDING_REVIEW":
        return _("This message is already waiting for a moderator.")
    if ingestion["status"] == "REJECTED":
        return _("This message was already checked and not credited.")
    text = _("This message was already counted.")
    if ingestion["creditedCoin"] > 0:
        text += " " + _("You got {amount} COIN for it.", amount=_.number(ingestion["creditedCoin"]))
    return text


# --- handlers --------------------------------------------------------------------------------


async def submit(
    context: Context, actor: TelegramActor, data: IngestionSubmitInput
) -> IngestionSubmitIngestionSubmit:
    """No idempotency key: the server pays each (chat id, message id) once."""
    return (await api(context).execute(INGESTION_SUBMIT({"input": data}), actor))["ingestionSubmit"]


@domain.command("parse", N_("reply to a game bot's result to get COIN for it (or write парсинг)"))
async def parse(update: Update, context: Context) -> None:
    """``парсинг`` / /parse in reply to a game bot's message, for the player who replied."""
    _ = texts(update)
    target = replied_message(update.effective_message)
    if target is None:
        await reply(update, _(PARSE_USAGE))
        return
    data = submit_input(target, via_bot_to_bot=False)
    if data is None:
        code = "NOT_A_GAME_BOT" if target.from_user is None else "INVALID_TEXT"
        await reply(update, _(ERROR_TEXTS[code]))
        return
    result = await submit(context, actor_for(update), data)
    await reply(update, submit_text(_, result))


async def from_game_bot(update: Update, context: Context) -> None:
    """Bot-to-bot mode: another bot's group message, submitted by the bot acting as itself. Silent
    unless it paid: refusals (most bots are not game bots), duplicates and failures say nothing."""
    message = update.message
    if message is None or message.from_user is None or message.from_user.id == context.bot.id:
        return
    data = submit_input(message, via_bot_to_bot=True)
    if data is None:
        return
    me = TelegramActor(telegram_id=context.bot.id, username=context.bot.username)
    try:
        result = await submit(context, me, data)
    except APIError as exc:
        log.warning("bot-to-bot submission of %s failed (%s): %s", data["messageId"], exc.code, exc)
        return
    ingestion = result["ingestion"]
    if result["status"] != "CREDITED" or ingestion is None:
        return
    # The game bot has no language; its answer is for whoever sent the command it replies to.
    command = message.reply_to_message
    _ = texts_for(command.from_user.language_code if command and command.from_user else None)
    players = ", ".join(ingestion["players"])
    what = recognised(_, ingestion)
    text = (
        _("Counted: {what} — {players}", what=what, players=players)
        if players
        else _("Counted: {what}", what=what)
    )
    await message.reply_text(text)


def nick_text(_: Texts, source: str, nickname: str, status: str) -> str:
    game = game_name(source)
    if status != "PENDING_REVIEW":
        return _(
            "{nickname} is your nickname in {game}. Reply парсинг to your results there to get COIN.",
            nickname=nickname,
            game=game,
        )
    if source not in PROFILE_GAMES:
        return _(
            "{nickname} in {game} is not linked to you yet: your claim waits for a moderator,"
            " who links it if the nickname is yours.",
            nickname=nickname,
            game=game,
        )
    return _(
        "{nickname} in {game} is not linked to you yet: your claim waits for proof.\n"
        "To prove it, ask the game bot for your profile in a group where this bot counts game results"
        " by itself (it answers “Counted: …” there): the profile of {nickname} answering your own"
        " command links the nickname to you. Replying парсинг to a profile proves nothing.\n"
        "A moderator may also approve your claim; if another player holds {nickname}, only a moderator"
        " decides.",
        nickname=nickname,
        game=game,
    )


@domain.command("nick", N_("link your in-game nickname: /nick game nickname"))
async def nick(update: Update, context: Context) -> None:
    _ = texts(update)
    # Nicknames may hold spaces ("Олег Чекмарев"): cut from the text, not from args.
    parts = command_text(update).split(maxsplit=2)
    usage = _(NICK_USAGE, games=games_list())
    if len(parts) < 3 or not parts[2].strip():
        await reply(update, usage)
        return
    source = game_code(parts[1])
    if source is None:
        await reply(update, _("There is no game “{game}”.", game=parts[1]) + "\n" + usage)
        return
    request = INGESTION_NICKNAME_CLAIM({"input": {"source": source, "nickname": parts[2].strip()}})
    result = (await api(context).execute(request, actor_for(update)))["ingestionNicknameClaim"]
    link = result["nickname"]
    if result["errors"] or link is None:
        await reply(update, payload_errors_text(_, result["errors"]))
        return
    await reply(update, nick_text(_, link["source"], link["nickname"], link["status"]))


def ingestions_text(_: Texts, page: ResultsPage) -> str:
    if not page["edges"]:
        return _("No game results yet. Reply парсинг to a game bot's message with your result.")
    lines = [_("Your game results, newest first:")]
    for edge in page["edges"]:
        node = edge["node"]
        status = STATUS_TEXTS.get(node["status"])
        outcome = _(status) if status else f"+{_.money(node['creditedCoin'], 'COIN')}"
        parts = [
            _.when(node["createdAt"]),
            game_name(node["source"]),
            kind_name(_, node["kind"]),
            *([", ".join(node["players"])] if node["players"] else []),
            outcome,
        ]
        lines.append("• " + " · ".join(parts))
    return "\n".join(lines)


def older_button(_: Texts, page: ResultsPage) -> InlineKeyboardMarkup | None:
    cursor = page["pageInfo"]["endCursor"]
    if not page["pageInfo"]["hasNextPage"] or not cursor or len(OLDER_PREFIX + cursor) > 64:
        return None
    return InlineKeyboardMarkup([[InlineKeyboardButton(_("Older ▸"), callback_data=OLDER_PREFIX + cursor)]])


@domain.command(["ingestions", "credits"], N_("your game results and the COIN they paid (also /credits)"))
async def ingestions(update: Update, context: Context) -> None:
    _ = texts(update)
    page = (await api(context).execute(MY_INGESTIONS({"first": PAGE}), actor_for(update)))["myIngestions"]
    await reply(update, ingestions_text(_, page), markup=older_button(_, page))


async def ingestions_older(update: Update, context: Context) -> None:
    query = update.callback_query
    assert query is not None and query.data is not None
    _ = texts(update)
    cursor = query.data.removeprefix(OLDER_PREFIX)
    data = await api(context).execute(MY_INGESTIONS({"first": PAGE, "after": cursor}), actor_for(update))
    page = data["myIngestions"]
    await query.answer()
    await reply(update, ingestions_text(_, page), markup=older_button(_, page))


class _FromBot(filters.MessageFilter):
    """A message a bot sent (Telegram never sends us our own; the handler skips them anyway)."""

    def filter(self, message: Message) -> bool:
        return message.from_user is not None and message.from_user.is_bot


FROM_BOT_IN_GROUP = filters.UpdateType.MESSAGE & filters.ChatType.GROUPS & _FromBot()


# A bot's message never reaches the commands: in bot-to-bot mode it goes to ingestion only.
domain.handler(MessageHandler(FROM_BOT_IN_GROUP, from_game_bot), stage="first")
domain.handler(MessageHandler(filters.UpdateType.MESSAGE & filters.Regex(TRIGGER), parse))
domain.handler(CallbackQueryHandler(ingestions_older, pattern=f"^{OLDER_PREFIX}"))
