"""One task a process rechecks its sockets' credentials: the access tokens due are reread in one
statement, and only the sockets whose credential no longer gives the same actor are closed."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from resolvers.accounts.tokens import issue_access_token
from resolvers.actor import Actor
from server.auth import reread_access_tokens
from server.settings import Settings
from server.socket_watch import SocketWatch, Watched
from tests import factories
from tests.server.support import count_statements, running, set_role


def _queries(statements: list[str]) -> int:
    return len([s for s in statements if s != "BEGIN"])  # SQLite's reader begins a transaction


async def test_due_access_tokens_are_reread_in_one_statement(settings: Settings) -> None:
    async with running(settings) as (app, _):
        services = app.state.services
        db = services.db
        secret = settings.secret_key
        alice = await factories.player(db, "alice", secret=secret)
        bob = await factories.player(db, "bob", secret=secret)
        carol = await factories.player(db, "carol", secret=secret)
        await set_role(db, carol.id, "moderator")
        now = services.clock.now()
        tokens = {
            "alice": alice.token or "",
            "bob": bob.token or "",
            "carol": carol.token or "",
            "expired": issue_access_token(
                secret=secret, user_id=alice.id, now=now - timedelta(hours=1), minutes=15
            ),
            "gone": issue_access_token(secret=secret, user_id=987_654_321, now=now, minutes=15),
            "forged": issue_access_token(secret="x" * 40, user_id=alice.id, now=now, minutes=15),
        }
        with count_statements(db) as statements:
            actors = await reread_access_tokens(services, tokens)
        assert _queries(statements) == 1
        assert actors == {
            "alice": Actor(user_id=alice.id, username="alice", role="user"),
            "bob": Actor(user_id=bob.id, username="bob", role="user"),
            "carol": Actor(user_id=carol.id, username="carol", role="moderator"),
            "expired": None,
            "gone": None,
            "forged": None,
        }
        with count_statements(db) as statements:
            assert await reread_access_tokens(services, {"forged": tokens["forged"]}) == {"forged": None}
        assert statements == []


async def test_a_recheck_closes_only_the_sockets_whose_credential_changed(settings: Settings) -> None:
    async with running(settings) as (app, _):
        services = app.state.services
        db = services.db
        secret = settings.secret_key
        people = [await factories.player(db, name, secret=secret) for name in ("ann", "ben", "cid")]
        watch = SocketWatch(services, service_key="", every=30, background=False)
        closed: list[str] = []

        def closer(name: str) -> Watched:
            async def close() -> None:
                closed.append(name)

            person = next(p for p in people if p.username == name)
            actor = Actor(user_id=person.id, username=name, role="user")
            return Watched(headers={"authorization": f"Bearer {person.token}"}, actor=actor, close=close)

        for person in people:
            watch.add(person.username, closer(person.username))
        loop = asyncio.get_running_loop()
        assert await watch.recheck_due(loop.time() - 60) == 0  # none due before its first period
        with count_statements(db) as statements:
            assert await watch.recheck_due(loop.time() + 60) == 3
        assert _queries(statements) == 1 and closed == []

        await set_role(db, people[2].id, "moderator")
        assert await watch.recheck_due(loop.time() + 10) == 0  # the next recheck is a period later
        assert await watch.recheck_due(loop.time() + 120) == 3
        assert closed == ["cid"]
        watch.remove("ben")
        assert await watch.recheck_due(loop.time() + 240) == 1  # cid is no longer watched either
        assert closed == ["cid"]
