"""/tournaments: open and running tournaments with "Join" and "Bracket" buttons; /tournament <id>:
the bracket round by round, and for your ready match the buttons to report who won."""

from __future__ import annotations

import re

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import CallbackQueryHandler

from bot.context import Context, actor_for, api, current_user, idempotency_key, reply, texts
from bot.domains import Domain, payload_errors_text
from bot.i18n import N_, Texts
from bot.operations.tournament import TOURNAMENT, TournamentTournament
from bot.operations.tournament_join import TOURNAMENT_JOIN, TournamentJoinTournamentJoin
from bot.operations.tournament_report_result import (
    TOURNAMENT_REPORT_RESULT,
    TournamentReportResultTournamentReportResult,
)
from bot.operations.tournaments import TOURNAMENTS, TournamentsTournaments

domain = Domain("tournaments", order=45)
domain.errors(
    "TournamentError",
    {
        "ALREADY_JOINED": N_("You are registered already."),
        "BANNED": N_("A moderator barred you from tournaments."),
        "LEVEL_TOO_LOW": N_("Your level is too low for this tournament."),
        "NOT_JOINED": N_("You are not registered."),
        "NOT_REGISTERING": N_("Registration for this tournament is closed."),
        "TOURNAMENT_FULL": N_("This tournament is full."),
        "UNKNOWN_TOURNAMENT": N_("There is no tournament with that number. See /tournaments."),
        "UNKNOWN_MATCH": N_("There is no such match."),
        "NOT_RUNNING": N_("This tournament is not running."),
        "MATCH_DECIDED": N_("This match is decided already."),
        "MATCH_NOT_READY": N_("This match waits for its players."),
        "NOT_IN_MATCH": N_("Only the match's players report its result."),
        "INVALID_WINNER": N_("The winner must be one of the match's players."),
        "INSUFFICIENT_FUNDS": N_("You do not have enough for the entry fee."),
        "IDEMPOTENCY_KEY_REUSED": N_("This request was already used for something else."),
        "INVALID_IDEMPOTENCY_KEY": N_("This request could not be identified; please try again."),
    },
)

USAGE = N_("Usage: /tournament <number>\nExample: /tournament 3 (the numbers are in /tournaments)")
JOIN_PREFIX = "tjoin:"
SHOW_PREFIX = "tshow:"
REPORT_PREFIX = "trep:"
NUMBER = re.compile(r"#?([0-9]{1,18})")
BRACKETS = {
    "WINNERS": N_("Round {round}"),
    "LOSERS": N_("Losers' round {round}"),
    "FINAL": N_("Grand final"),
    "THIRD_PLACE": N_("Match for third place"),
    "LEAGUE": N_("Round {round}"),
}
STATUSES = {
    "REGISTRATION": N_("registration open"),
    "RUNNING": N_("running"),
    "FINISHED": N_("finished"),
    "CANCELLED": N_("cancelled"),
}


def status_text(_: Texts, status: str) -> str:
    return _(STATUSES[status])


def round_title(_: Texts, bracket: str, number: int) -> str:
    return _(BRACKETS[bracket], round=number)


def list_text(_: Texts, page: TournamentsTournaments) -> str:
    shown = [e["node"] for e in page["edges"] if e["node"]["status"] in ("REGISTRATION", "RUNNING")]
    if not shown:
        return _("No tournaments are open right now.")
    lines = [_("Tournaments:")]
    for t in shown:
        lines.append(
            _(
                "#{id} {name} — {status} · {players}/{max} players · entry {fee} · pool {pool}",
                id=t["id"],
                name=t["name"],
                status=status_text(_, t["status"]),
                players=_.number(t["playerCount"]),
                max=_.number(t["maxPlayers"]),
                fee=_.money(t["entryFee"], t["currency"]),
                pool=_.money(t["prizePool"], t["currency"]),
            )
        )
    return "\n".join(lines)


def list_keyboard(_: Texts, page: TournamentsTournaments) -> InlineKeyboardMarkup | None:
    rows = []
    for edge in page["edges"]:
        t = edge["node"]
        row = []
        if t["status"] == "REGISTRATION" and not t["joined"]:
            row.append(
                InlineKeyboardButton(_("Join #{id}", id=t["id"]), callback_data=f"{JOIN_PREFIX}{t['id']}")
            )
        if t["status"] in ("REGISTRATION", "RUNNING"):
            row.append(
                InlineKeyboardButton(_("Bracket #{id}", id=t["id"]), callback_data=f"{SHOW_PREFIX}{t['id']}")
            )
        if row:
            rows.append(row)
    return InlineKeyboardMarkup(rows) if rows else None


@domain.command(
    "tournaments", N_("tournaments: /tournaments to list and join, /tournament <number> for a bracket")
)
async def tournaments(update: Update, context: Context) -> None:
    _ = texts(update)
    page = (await api(context).execute(TOURNAMENTS({"first": 10}), actor_for(update)))["tournaments"]
    await reply(update, list_text(_, page), markup=list_keyboard(_, page))


def bracket_text(_: Texts, t: TournamentTournament) -> str:
    lines = [
        _(
            "#{id} {name} — {status} · pool {pool}",
            id=t["id"],
            name=t["name"],
            status=status_text(_, t["status"]),
            pool=_.money(t["prizePool"], t["currency"]),
        )
    ]
    if not t["matches"]:
        names = ", ".join(p["user"]["username"] for p in t["players"] if p["user"]) or "—"
        lines.append(_("Registered ({count}): {names}", count=_.number(t["playerCount"]), names=names))
        return "\n".join(lines)
    heading = None
    for m in t["matches"]:
        title = round_title(_, m["bracket"], m["round"])
        if title != heading:
            heading = title
            lines.append(f"— {title}")
        names = " vs ".join(p["username"] for p in m["players"]) or "…"
        result = f" → {m['winner']['username']}" if m["winner"] else ""
        lines.append(f"{names}{result}")
    placed = sorted((p for p in t["players"] if p["place"]), key=lambda p: p["place"] or 0)
    for p in placed[:3]:
        name = p["user"]["username"] if p["user"] else "?"
        lines.append(
            _(
                "{place}. {name} — {prize}",
                place=p["place"],
                name=name,
                prize=_.money(p["prize"], t["currency"]),
            )
        )
    return "\n".join(lines)


def bracket_keyboard(_: Texts, t: TournamentTournament, me: str) -> InlineKeyboardMarkup | None:
    for m in t["matches"]:
        ids = [p["id"] for p in m["players"]]
        if m["status"] == "READY" and me in ids:
            buttons = [
                InlineKeyboardButton(
                    _("I won") if p["id"] == me else _("{name} won", name=p["username"]),
                    callback_data=f"{REPORT_PREFIX}{m['id']}:{p['id']}",
                )
                for p in m["players"]
            ]
            return InlineKeyboardMarkup([buttons])
    if t["status"] == "REGISTRATION" and not t["joined"]:
        return InlineKeyboardMarkup(
            [[InlineKeyboardButton(_("Join"), callback_data=f"{JOIN_PREFIX}{t['id']}")]]
        )
    return None


async def show(update: Update, context: Context, ident: str) -> None:
    _ = texts(update)
    found = (await api(context).execute(TOURNAMENT({"id": ident}), actor_for(update)))["tournament"]
    if found is None:
        await reply(update, _("There is no tournament with that number. See /tournaments."))
        return
    me = (await current_user(context, update))["id"]
    await reply(update, bracket_text(_, found), markup=bracket_keyboard(_, found, me))


@domain.command("tournament", N_("a tournament's bracket: /tournament <number>"))
async def tournament(update: Update, context: Context) -> None:
    _ = texts(update)
    args = context.args or []
    number = NUMBER.fullmatch(args[0]) if len(args) == 1 else None
    if number is None:
        await reply(update, _(USAGE))
        return
    await show(update, context, number.group(1))


def joined_text(_: Texts, result: TournamentJoinTournamentJoin) -> str:
    t = result["tournament"]
    if result["errors"] or t is None:
        return payload_errors_text(_, result["errors"])
    return _(
        "You are in {name} ({players}/{max}); the entry fee of {fee} is held until the end.",
        name=t["name"],
        players=_.number(t["playerCount"]),
        max=_.number(t["maxPlayers"]),
        fee=_.money(t["entryFee"], t["currency"]),
    )


async def join_button(update: Update, context: Context) -> None:
    query = update.callback_query
    assert query is not None and query.data is not None
    _ = texts(update)
    ident = query.data.removeprefix(JOIN_PREFIX)
    if not ident.isdigit():
        await query.answer()
        return
    request = TOURNAMENT_JOIN(
        {"input": {"tournamentId": ident, "idempotencyKey": idempotency_key(context, update)}}
    )
    text = joined_text(_, (await api(context).execute(request, actor_for(update)))["tournamentJoin"])
    await query.answer(text[:200])
    await reply(update, text)


async def show_button(update: Update, context: Context) -> None:
    query = update.callback_query
    assert query is not None and query.data is not None
    await query.answer()
    ident = query.data.removeprefix(SHOW_PREFIX)
    if ident.isdigit():
        await show(update, context, ident)


def reported_text(_: Texts, result: TournamentReportResultTournamentReportResult) -> str:
    m = result["match"]
    if result["errors"] or m is None:
        return payload_errors_text(_, result["errors"])
    if m["status"] == "DISPUTED":
        return _("Your opponent reported another winner: a moderator will decide.")
    if m["winner"] is not None:
        return _("Result recorded: {name} goes through.", name=m["winner"]["username"])
    return _("Your report is in; the result counts once your opponent agrees.")


async def report_button(update: Update, context: Context) -> None:
    query = update.callback_query
    assert query is not None and query.data is not None
    _ = texts(update)
    parts = query.data.removeprefix(REPORT_PREFIX).split(":")
    if len(parts) != 2 or not all(p.isdigit() for p in parts):
        await query.answer()
        return
    request = TOURNAMENT_REPORT_RESULT({"input": {"matchId": parts[0], "winnerId": parts[1]}})
    text = reported_text(
        _, (await api(context).execute(request, actor_for(update)))["tournamentReportResult"]
    )
    await query.answer(text[:200])
    await reply(update, text)


domain.handler(CallbackQueryHandler(join_button, pattern=f"^{JOIN_PREFIX}"))
domain.handler(CallbackQueryHandler(show_button, pattern=f"^{SHOW_PREFIX}"))
domain.handler(CallbackQueryHandler(report_button, pattern=f"^{REPORT_PREFIX}"))
