"""/clan: your clan (members, level, treasury, this week's goals and their progress); /clan join <id>,
/clan leave, /clan give <amount>."""

from __future__ import annotations

from telegram import Update

from bot.context import Context, actor_for, api, command_text, idempotency_key, reply, texts
from bot.domains import Domain, payload_errors_text
from bot.i18n import N_, Texts
from bot.operations.clan_contribute import CLAN_CONTRIBUTE
from bot.operations.clan_join import CLAN_JOIN
from bot.operations.clan_leave import CLAN_LEAVE
from bot.operations.my_clan import MY_CLAN, MyClanData

domain = Domain("clans", order=19)
domain.errors(
    "ClanError",
    {
        "ALREADY_IN_CLAN": N_("You are already in a clan: /clan leave first."),
        "ALREADY_REQUESTED": N_("You already asked to join this clan."),
        "CLAN_FULL": N_("This clan is full (50 members)."),
        "UNKNOWN_CLAN": N_("There is no such clan."),
        "NOT_IN_CLAN": N_("You are not in a clan."),
        "LEADER_MUST_TRANSFER": N_("Hand the leadership to another member before leaving."),
        "INSUFFICIENT_FUNDS": N_("You do not have enough coins."),
        "INVALID_AMOUNT": N_("The amount must be a whole positive number."),
    },
)

USAGE = N_("Usage: /clan, /clan join <id>, /clan leave, /clan give <amount>")


def clan_text(_: Texts, data: MyClanData) -> str:
    clan = data["myClan"]
    if clan is None:
        return _("You are not in a clan. Join one with /clan join <id>.")
    leader = clan["leader"]["username"] if clan["leader"] is not None else "?"
    lines = [
        _("🏰 {name} (#{id})", name=clan["name"], id=clan["id"]),
        _("Leader: {leader}", leader=leader),
        _("Members: {count} of 50", count=_.number(clan["memberCount"])),
        _("Level {level}, {xp} XP", level=_.number(clan["level"]), xp=_.number(clan["xp"])),
        _("Treasury: {amount} COIN", amount=_.number(int(clan["treasury"]))),
    ]
    goals = clan["goals"]
    lines.append(_("Goals this week:") if goals else _("No goals this week yet."))
    for goal in goals:
        mark = "✅" if goal["status"] == "REACHED" else "▫️"
        progress = _("{done} of {target}", done=_.number(goal["progress"]), target=_.number(goal["target"]))
        lines.append(f"{mark} {goal['title']}: {progress}")
    return "\n".join(lines)


@domain.command("clan", N_("your clan; /clan join <id>, /clan leave, /clan give <amount>"))
async def clan(update: Update, context: Context) -> None:
    _ = texts(update)
    parts = command_text(update).split()
    client, actor = api(context), actor_for(update)
    verb = parts[1].lower() if len(parts) > 1 else ""
    if not verb:
        await reply(update, clan_text(_, await client.execute(MY_CLAN({}), actor)))
    elif verb == "join" and len(parts) == 3:
        joined = (await client.execute(CLAN_JOIN({"input": {"clanId": parts[2].lstrip("#")}}), actor))[
            "clanJoin"
        ]
        if joined["errors"] or joined["clan"] is None:
            await reply(update, payload_errors_text(_, joined["errors"]))
        elif joined["request"] is not None:
            await reply(update, _("Your request to join {name} was sent.", name=joined["clan"]["name"]))
        else:
            await reply(update, _("Welcome to {name}!", name=joined["clan"]["name"]))
    elif verb == "leave" and len(parts) == 2:
        left = (await client.execute(CLAN_LEAVE({}), actor))["clanLeave"]
        text = payload_errors_text(_, left["errors"]) if left["errors"] else _("You left your clan.")
        await reply(update, text)
    elif verb == "give" and len(parts) == 3:
        key = idempotency_key(context, update)
        given = (
            await client.execute(
                CLAN_CONTRIBUTE({"input": {"amount": parts[2], "idempotencyKey": key}}), actor
            )
        )["clanContribute"]
        if given["errors"] or given["clan"] is None:
            await reply(update, payload_errors_text(_, given["errors"]))
        else:
            await reply(
                update,
                _("Thank you! Treasury: {amount} COIN", amount=_.number(int(given["clan"]["treasury"]))),
            )
    else:
        await reply(update, _(USAGE))
