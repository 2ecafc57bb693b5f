"""The authorization matrix's rows for the chat fields
(tests/server/test_authz_matrix.py gathers them)."""

from __future__ import annotations

import functools
from typing import Any

from tests.server.authz import Row, Variables, World, bob


async def chat_setup(world: World, actor: str, state: str) -> dict[str, Any]:
    """Chat: a new player's global message ("message", for a report), muted ("muted") or reported
    by another new player ("report")."""
    from resolvers.chat import messages, moderation
    from tests import factories

    db = world.app.state.services.db
    author, other = await factories.player(db), await factories.player(db)
    async with db.transaction() as session:
        if state == "muted":
            await moderation.mute(
                session,
                actor_id=world.ids["admin"],
                user_id=author.id,
                minutes=5,
                reason="m",
                clock=factories.CLOCK,
            )
            return {"u": str(author.id)}
        sent = await messages.send(
            session, actor_id=author.id, channel="global", text="hi", clock=factories.CLOCK
        )
        ident = int(sent.message.id or 0)
        if state == "message":
            return {"m": str(ident)}
        report = await moderation.report(
            session, actor_id=other.id, message_id=ident, reason="r", clock=factories.CLOCK
        )
    return {"r": str(report.id)}


def chat_state(state: str) -> Variables:
    return functools.partial(chat_setup, state=state)


ROWS: list[Row] = [
    Row(
        "writer",
        'mutation { chatSend(input: {channel: "global", text: "matrix"}) { message { id } errors { code } } }',
    ),
    Row(
        "moderator_write",
        "mutation($u: ID!) { chatMute(input: {userId: $u, minutes: 1}) { errors { code } } }",
        bob,
    ),
    Row(
        "moderator_write",
        "mutation($u: ID!) { chatUnmute(input: {userId: $u}) { errors { code } } }",
        chat_state("muted"),
    ),
    Row(
        "writer",
        'mutation($m: ID!) { chatReport(input: {messageId: $m, reason: "rude"}) { errors { code } } }',
        chat_state("message"),
    ),
    Row(
        "moderator_write",
        "mutation($r: ID!) { chatReportResolve(input: {reportId: $r, action: DISMISS}) { errors { code } } }",
        chat_state("report"),
    ),
    Row(
        "moderator_write",
        "mutation($m: ID!) { chatMessageDelete(input: {messageId: $m}) { errors { code } } }",
        chat_state("message"),
    ),
    Row("reader", '{ chatMessages(channel: "global", first: 5) { id text } }'),
    Row("reader", '{ chatSearch(query: "hi") { id } }'),
    Row("reader", "{ chatChannels { name } }"),
    Row("moderator_read", "{ chatReports { id } }"),
    Row("moderator_read", '{ chatExport(channel: "global") }'),
    Row("reader", "{ chatMuted { until } }"),
]
