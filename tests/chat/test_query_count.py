"""No N+1 in the chat's lists: a channel's messages and the review queue cost the same for 1 or 5."""

from __future__ import annotations

from server.settings import Settings
from tests import factories
from tests.chat.support import REPORT, REPORTS, send
from tests.server.support import count_statements, running

MESSAGES = '{ chatMessages(channel: "global", first: 50) { id text author { username } } }'
CONTROL = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE")


async def test_messages_and_reports_cost_the_same_for_one_or_five(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        mod = await factories.player(db, "mod", role="moderator", secret=settings.secret_key)
        assert mod.token
        counts: dict[str, list[int]] = {"messages": [], "reports": []}
        for n in (1, 5):
            authors = await factories.players(
                db, *(f"a{n}_{i}" for i in range(n)), secret=settings.secret_key
            )
            reporter = await factories.player(db, f"reporter{n}", secret=settings.secret_key)
            assert reporter.token
            for author in authors:
                assert author.token
                sent = await send(gql, author.token, "global", f"hi from {author.username}")
                await gql(REPORT, {"m": sent["message"]["id"], "r": "spam"}, token=reporter.token)
            for name, query in (("messages", MESSAGES), ("reports", REPORTS)):
                with count_statements(db) as seen:
                    await gql(query, token=mod.token)
                counts[name].append(len([s for s in seen if not s.lstrip().upper().startswith(CONTROL)]))
        assert counts["messages"][0] == counts["messages"][1], counts
        assert counts["reports"][0] == counts["reports"][1], counts
