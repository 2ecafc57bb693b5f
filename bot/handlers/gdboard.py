"""The Geometry Dash levels board: /gd_level <position> shows a level, /gd_leaderboard the players by
points, /submit <position> <video url> sends a completion to the moderators."""

from __future__ import annotations

import re

from telegram import Update

from bot.context import Context, actor_for, api, reply, texts
from bot.domains import Domain, payload_errors_text
from bot.i18n import N_, Texts
from bot.operations.gd_leaderboard import GD_LEADERBOARD, GdLeaderboardGdLeaderboard
from bot.operations.gd_level import GD_LEVEL, GdLevelGdLevel
from bot.operations.gd_submission_create import GD_SUBMISSION_CREATE, GdSubmissionCreateGdSubmissionCreate

domain = Domain("gdboard", order=46)
domain.errors(
    "GdError",
    {
        "ALREADY_COMPLETED": N_("Your completion of this level is already approved."),
        "ALREADY_PENDING": N_("Your submission for this level is already waiting for a moderator."),
        "INVALID_VIDEO_URL": N_("Give an https link to the video (YouTube, Twitch, …)."),
        "LEVEL_NOT_FOUND": N_("There is no level at that position. See /gd_leaderboard or the web board."),
    },
)

POSITION = re.compile(r"#?([0-9]{1,6})")
LEVEL_USAGE = N_("Usage: /gd_level <position>\nExample: /gd_level 1")
SUBMIT_USAGE = N_("Usage: /submit <position> <video url>\nExample: /submit 3 https://youtu.be/…")
DIFFICULTIES = {
    "EASY_DEMON": N_("Easy Demon"),
    "MEDIUM_DEMON": N_("Medium Demon"),
    "HARD_DEMON": N_("Hard Demon"),
    "INSANE_DEMON": N_("Insane Demon"),
    "EXTREME_DEMON": N_("Extreme Demon"),
}


def level_text(_: Texts, level: GdLevelGdLevel) -> str:
    return _(
        "#{position} {name} by {creator}\n{difficulty} · ID {gd_id} · {points} points",
        position=level["position"],
        name=level["name"],
        creator=level["creator"],
        difficulty=_(DIFFICULTIES[level["difficulty"]]),
        gd_id=level["gdId"],
        points=_.number(level["points"]),
    )


def leaderboard_text(_: Texts, rows: list[GdLeaderboardGdLeaderboard]) -> str:
    if not rows:
        return _("No completions are approved yet. Be the first: /submit <position> <video url>")
    lines = [_("The levels board's leaderboard:")]
    for row in rows:
        hardest = row["hardest"]
        lines.append(
            _(
                "{rank}. {name} — {points} points · {count} levels · hardest #{position} {level}",
                rank=row["rank"],
                name=row["player"]["username"] if row["player"] else "?",
                points=_.number(row["points"]),
                count=_.number(row["completions"]),
                position=hardest["position"] if hardest else "—",
                level=hardest["name"] if hardest else "—",
            )
        )
    return "\n".join(lines)


def submitted_text(_: Texts, result: GdSubmissionCreateGdSubmissionCreate) -> str:
    sub = result["submission"]
    if result["errors"] or sub is None or sub["level"] is None:
        return payload_errors_text(_, result["errors"])
    level = sub["level"]
    return _(
        "Your completion of #{position} {name} is sent; a moderator will review it.",
        position=level["position"],
        name=level["name"],
    )


@domain.command("gd_level", N_("a level of the Geometry Dash board: /gd_level <position>"))
async def gd_level(update: Update, context: Context) -> None:
    _ = texts(update)
    args = context.args or []
    number = POSITION.fullmatch(args[0]) if len(args) == 1 else None
    if number is None:
        await reply(update, _(LEVEL_USAGE))
        return
    request = GD_LEVEL({"position": int(number.group(1))})
    found = (await api(context).execute(request, actor_for(update)))["gdLevel"]
    if found is None:
        await reply(update, _("There is no level at that position. See /gd_leaderboard or the web board."))
        return
    await reply(update, level_text(_, found))


@domain.command("gd_leaderboard", N_("the Geometry Dash board's players by points"))
async def gd_leaderboard(update: Update, context: Context) -> None:
    _ = texts(update)
    rows = (await api(context).execute(GD_LEADERBOARD({"first": 10}), actor_for(update)))["gdLeaderboard"]
    await reply(update, leaderboard_text(_, rows))


@domain.command("submit", N_("send a Geometry Dash completion: /submit <position> <video url>"))
async def submit(update: Update, context: Context) -> None:
    _ = texts(update)
    args = context.args or []
    number = POSITION.fullmatch(args[0]) if len(args) == 2 else None
    if number is None:
        await reply(update, _(SUBMIT_USAGE))
        return
    request = GD_SUBMISSION_CREATE({"input": {"position": int(number.group(1)), "videoUrl": args[1]}})
    result = (await api(context).execute(request, actor_for(update)))["gdSubmissionCreate"]
    await reply(update, submitted_text(_, result))
