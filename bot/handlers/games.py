"""Mini-games in a group chat: /cities, /killer [deadly|english] and /gd open a game in the chat
(one at a time), /join and /go (the host starts), then moves as plain messages (a city, a letter or
a word, «play») or /move <text>; /leave leaves the lobby or forfeits, /game shows the game."""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from typing import Any

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import MessageHandler, filters

from bot.context import Context, actor_for, api, command_text, reply, texts
from bot.domains import Domain, payload_errors_text
from bot.i18n import N_, Texts
from bot.operations.game_create import GAME_CREATE, GameKind
from bot.operations.game_in_chat import GAME_IN_CHAT
from bot.operations.game_join import GAME_JOIN
from bot.operations.game_leave import GAME_LEAVE
from bot.operations.game_move import GAME_MOVE
from bot.operations.game_start import GAME_START

domain = Domain("games", order=45)
domain.errors(
    "GameError",
    {
        "WRONG_LETTER": N_("Wrong letter: the city must start with the last letter of the previous one."),
        "ALREADY_USED": N_("That city was already named in this game."),
        "UNKNOWN_CITY": N_("I do not know such a city."),
        "NOT_YOUR_TURN": N_("Wait for your turn."),
        "TURN_OVER": N_("Your time for this turn ran out."),
        "ALREADY_IN_GAME": N_("You are already in a game: finish it or /leave first."),
        "CHAT_BUSY": N_("This chat already has a game: /join it or wait for its end."),
        "ALREADY_JOINED": N_("You are already in this game."),
        "GAME_FULL": N_("This game is full."),
        "GAME_NOT_OPEN": N_("This game has already started."),
        "GAME_NOT_RUNNING": N_("This game is not running."),
        "NOT_HOST": N_("Only the player who opened the game can start it."),
        "NOT_ENOUGH_PLAYERS": N_("Not enough players yet: others /join first."),
        "NOT_IN_GAME": N_("You are not playing in this game."),
        "INVALID_GUESS": N_("Guess one letter of the word, or the whole word."),
        "ALREADY_GUESSED": N_("That letter was already tried."),
        "INVALID_MOVE": N_("That is not a move in this game."),
        "INVALID_GAME": N_("There is no such game or mode."),
    },
)

GAME_NAMES = {"CITIES": N_("Cities"), "KILLER_WORDS": N_("Killer Words"), "GD_LEVELS": N_("GD Levels")}
QUIET_SECONDS = 30.0
MAX_PLAIN = 40
# Plain messages of those not playing, or not now, are chat: no answer.
SILENT = frozenset(("NOT_IN_GAME", "NOT_YOUR_TURN", "TURN_OVER", "INVALID_MOVE", "INVALID_GUESS"))
# Chats checked recently and found without a game: plain messages there are not sent to the API.
_quiet: dict[int, float] = {}


def _chat_id(update: Update) -> int | None:
    chat = update.effective_chat
    return chat.id if chat is not None else None


def _name(user: Mapping[str, Any] | None) -> str:
    return f"@{user['username']}" if user else "?"


def _args(update: Update) -> str:
    parts = command_text(update).split(maxsplit=1)
    return parts[1].strip() if len(parts) > 1 else ""


def describe(_: Texts, session: Mapping[str, Any]) -> str:
    """The game's state in a few lines: players, whose turn, what to do."""
    game = _(GAME_NAMES[str(session["game"])])
    players: Sequence[Mapping[str, Any]] = session["players"]
    status = str(session["status"])
    if status == "LOBBY":
        names = ", ".join(_name(p["user"]) for p in players)
        return _(
            "🎮 {game}: waiting for players ({names}). /join to play, the host sends /go.",
            game=game,
            names=names,
        )
    if status in ("FINISHED", "CANCELLED"):
        return _end(_, session, game)
    lines = [_("🎮 {game}", game=game)]
    if session["game"] == "CITIES":
        if session["lastCity"]:
            lines.append(
                _(
                    "Last city: {city}. Next letter: «{letter}».",
                    city=session["lastCity"],
                    letter=str(session["nextLetter"]).upper(),
                )
            )
        lives = " · ".join(
            f"{_name(p['user'])} {'❤' * int(p['lives'])}" for p in players if p["status"] == "ACTIVE"
        )
        lines.append(lives)
    elif session["game"] == "KILLER_WORDS":
        word = str(session["pattern"] or "").upper()
        if session["theme"]:
            lines.append(_("Theme: {theme}", theme=session["theme"]))
        wrong = ", ".join(session["wrongLetters"]).upper() or "—"
        lines.append(f"{word}   ✖ {wrong}")
        if session["maxMisses"]:
            lines.append(_("Misses: {misses} of {max}", misses=session["misses"], max=session["maxMisses"]))
    else:
        lines.append(
            " · ".join(
                f"{_name(p['user'])}: {p['difficulty']} ({p['score']})"
                for p in players
                if p["status"] == "ACTIVE"
            )
        )
    lines.append(_("Turn: {who}", who=_name(session["turn"])))
    return "\n".join(lines)


def _end(_: Texts, session: Mapping[str, Any], game: str) -> str:
    if session["status"] == "CANCELLED":
        return _("🎮 {game}: the game was closed.", game=game)
    scores = ", ".join(f"{_name(p['user'])} {p['score']}" for p in session["players"])
    head = (
        _(
            "🏆 {game}: {who} wins! +{reward} COIN",
            game=game,
            who=_name(session["winner"]),
            reward=session["reward"],
        )
        if session["winner"] and session["reward"]
        else _("🏆 {game}: {who} wins!", game=game, who=_name(session["winner"]))
        if session["winner"]
        else _("🎮 {game}: game over, nobody won.", game=game)
    )
    word = "\n" + _("The word was: {word}", word=str(session["word"]).upper()) if session["word"] else ""
    return f"{head}{word}\n{scores}"


def move_text(_: Texts, session: Mapping[str, Any]) -> str:
    """What the last move did, then the state."""
    moves: Sequence[Mapping[str, Any]] = session["moves"]
    last = moves[-1] if moves else None
    head = ""
    if last is not None and last["kind"] == "move":
        detail: Mapping[str, Any] = last["detail"] or {}
        who = _name(last["user"])
        if session["game"] == "CITIES":
            head = _("✅ {who}: {city}", who=who, city=last["text"])
        elif session["game"] == "KILLER_WORDS":
            head = (
                _(
                    "✅ {who}: «{guess}» +{points}",
                    who=who,
                    guess=str(last["text"]).upper(),
                    points=last["points"],
                )
                if detail.get("hit")
                else _(
                    "✖ {who}: «{guess}» {points}",
                    who=who,
                    guess=str(last["text"]).upper(),
                    points=last["points"],
                )
            )
        elif detail.get("cleared"):
            head = _(
                "✅ {who} cleared {level} ({difficulty}) in {seconds} s with {deaths} deaths: +{points}",
                who=who,
                level=detail.get("level"),
                difficulty=detail.get("difficulty"),
                seconds=detail.get("seconds"),
                deaths=detail.get("deaths"),
                points=last["points"],
            )
        else:
            head = _(
                "💀 {who} failed {level} ({difficulty}) after {deaths} deaths: {points}",
                who=who,
                level=detail.get("level"),
                difficulty=detail.get("difficulty"),
                deaths=detail.get("deaths"),
                points=last["points"],
            )
    body = describe(_, session)
    return f"{head}\n{body}" if head else body


async def _in_chat(context: Context, update: Update) -> Mapping[str, Any] | None:
    chat = _chat_id(update)
    if chat is None:
        return None
    found = (await api(context).execute(GAME_IN_CHAT({"chatId": str(chat)}), actor_for(update)))["gameInChat"]
    if found is None:
        _quiet[chat] = time.monotonic()
    else:
        _quiet.pop(chat, None)
    return found


async def _answer(update: Update, result: Mapping[str, Any]) -> None:
    _ = texts(update)
    if result["errors"]:
        text = payload_errors_text(_, result["errors"])
        session = result.get("session")
        if session is not None and session.get("tries") is not None and session["status"] == "RUNNING":
            text += "\n" + _(
                "Tries left: {tries}. Turn: {who}", tries=session["tries"], who=_name(session["turn"])
            )
        await reply(update, text)
        return
    await reply(update, move_text(_, result["session"]))


async def _open(update: Update, context: Context, game: GameKind, mode: str | None = None) -> None:
    _ = texts(update)
    chat = update.effective_chat
    if chat is None or chat.type == ChatType.PRIVATE:
        await reply(update, _("Games are played in a group: add me to one and send the command there."))
        return
    created = (
        await api(context).execute(
            GAME_CREATE({"input": {"game": game, "mode": mode, "chatId": str(chat.id)}}), actor_for(update)
        )
    )["gameCreate"]
    _quiet.pop(chat.id, None)
    await _answer(update, created)


@domain.command("cities", N_("play Cities in this group: /cities, then /join and /go"))
async def cities(update: Update, context: Context) -> None:
    await _open(update, context, "CITIES")


@domain.command("killer", N_("play Killer Words: /killer, /killer deadly or /killer english"))
async def killer(update: Update, context: Context) -> None:
    mode = _args(update).lower() or None
    await _open(
        update,
        context,
        "KILLER_WORDS",
        {"смертельный": "deadly", "английский": "english"}.get(mode or "", mode),
    )


@domain.command("gd", N_("play GD Levels: climb from Easy to Extreme Demon"))
async def gd(update: Update, context: Context) -> None:
    await _open(update, context, "GD_LEVELS")


async def _with_game(update: Update, context: Context) -> Mapping[str, Any] | None:
    session = await _in_chat(context, update)
    if session is None:
        _ = texts(update)
        await reply(update, _("No game in this chat. Start one: /cities, /killer or /gd"))
    return session


@domain.command("join", N_("join the game of this group"))
async def join(update: Update, context: Context) -> None:
    session = await _with_game(update, context)
    if session is not None:
        result = await api(context).execute(
            GAME_JOIN({"input": {"sessionId": session["id"]}}), actor_for(update)
        )
        await _answer(update, result["gameJoin"])


@domain.command("go", N_("start the group's game (the host)"))
async def go(update: Update, context: Context) -> None:
    session = await _with_game(update, context)
    if session is not None:
        result = await api(context).execute(
            GAME_START({"input": {"sessionId": session["id"]}}), actor_for(update)
        )
        await _answer(update, result["gameStart"])


async def _move(update: Update, context: Context, session: Mapping[str, Any], text: str) -> None:
    request = GAME_MOVE({"input": {"sessionId": session["id"], "move": text}})
    await _answer(update, (await api(context).execute(request, actor_for(update)))["gameMove"])


@domain.command(["move", "m"], N_("your move: /move Moscow (or just send it as a message)"))
async def move(update: Update, context: Context) -> None:
    text = _args(update)
    if not text:
        _ = texts(update)
        await reply(update, _("Usage: /move <city, letter or word, or play>"))
        return
    session = await _with_game(update, context)
    if session is not None:
        await _move(update, context, session, text)


@domain.command(["leave", "forfeit"], N_("leave the group's game (forfeits a running one)"))
async def leave(update: Update, context: Context) -> None:
    session = await _with_game(update, context)
    if session is not None:
        result = await api(context).execute(
            GAME_LEAVE({"input": {"sessionId": session["id"]}}), actor_for(update)
        )
        await _answer(update, result["gameLeave"])


@domain.command("game", N_("the group's game: players, whose turn, the board"))
async def show(update: Update, context: Context) -> None:
    session = await _with_game(update, context)
    if session is not None:
        await reply(update, describe(texts(update), session))


async def plain(update: Update, context: Context) -> None:
    """A short message in a group with a running game is tried as the sender's move; when it is not
    theirs to make (not playing, not their turn) the bot stays silent."""
    message, chat, user = update.effective_message, update.effective_chat, update.effective_user
    if message is None or chat is None or user is None or user.is_bot or not message.text:
        return
    text = message.text.strip()
    if not text or len(text) > MAX_PLAIN or text.startswith("/"):
        return
    checked = _quiet.get(chat.id)
    if checked is not None and time.monotonic() - checked < QUIET_SECONDS:
        return
    session = await _in_chat(context, update)
    if session is None or session["status"] != "RUNNING":
        return
    request = GAME_MOVE({"input": {"sessionId": session["id"], "move": text}})
    result = (await api(context).execute(request, actor_for(update)))["gameMove"]
    if any(e["code"] in SILENT for e in result["errors"]):
        return
    await _answer(update, result)


domain.handler(
    MessageHandler(
        filters.TEXT & ~filters.COMMAND & filters.ChatType.GROUPS & filters.UpdateType.MESSAGE, plain
    ),
    stage="last",
)
