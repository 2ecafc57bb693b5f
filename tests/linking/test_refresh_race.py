"""authRefresh at the instant of the deactivation (decision 017, addendum): a refresh either commits
before the link discards the account, and the deactivation then revokes the token it issued, or it
sees the account discarded and answers INVALID_TOKEN. Refresh chains run against the choice, with
no pause, many times; afterwards no refresh token of the discarded account works."""

from __future__ import annotations

import asyncio
from typing import Any

from sqlalchemy import func, select
from sqlmodel import col

from db.models import RefreshToken
from server.settings import Settings
from tests import factories
from tests.conftest import GraphQLClient
from tests.linking.support import REDEEM, RESOLVE, new_code, tg, tg_user_id
from tests.server.support import running
from tests.snapshot import changed, snapshot

ROUNDS = 20
CHAINS = 3
PASSWORD = "password123"
LOGIN = (
    "mutation($u: String!) { authLogin(input: {username: $u, password: "
    f'"{PASSWORD}"'
    "}) { refreshToken errors { code } } }"
)
REFRESH = (
    "mutation($r: String!) { authRefresh(input: {refreshToken: $r})"
    " { accessToken refreshToken errors { code field } } }"
)


async def pending_link(
    app: Any, gql: GraphQLClient, settings: Settings, n: int
) -> tuple[int, str, dict[str, str]]:
    """A web account with coins and a Telegram account with coins, their link waiting for a choice:
    the web account's id, the link's id and the Telegram user's headers."""
    db = app.state.services.db
    web = await factories.player(db, f"racer{n}", coins=10, password=PASSWORD, secret=settings.secret_key)
    headers = tg(settings, 7300 + n, f"racer{n}_tg")
    await factories.grant(db, await tg_user_id(gql, headers), 5)
    redeemed = (await gql(REDEEM, {"c": await new_code(gql, web.token or "")}, headers=headers))["data"]
    assert redeemed["linkCodeRedeem"]["errors"] == []
    return int(web.id), redeemed["linkCodeRedeem"]["link"]["id"], headers


async def sign_in(gql: GraphQLClient, username: str) -> str:
    body = (await gql(LOGIN, {"u": username}))["data"]["authLogin"]
    assert body["errors"] == []
    return str(body["refreshToken"])


async def refusal(gql: GraphQLClient, token: str) -> list[tuple[str, str]]:
    body = (await gql(REFRESH, {"r": token}))["data"]["authRefresh"]
    if body["errors"]:
        assert body["accessToken"] is None and body["refreshToken"] is None
    return [(e["code"], e["field"]) for e in body["errors"]]


async def chain(gql: GraphQLClient, token: str, resolved: asyncio.Event) -> str:
    """Refreshes, each time with the token the last refresh gave, until a refresh is refused or the
    link is resolved; the last token it holds."""
    while not resolved.is_set():
        body = (await gql(REFRESH, {"r": token}))["data"]["authRefresh"]
        if body["errors"]:
            assert [(e["code"], e["field"]) for e in body["errors"]] == [("INVALID_TOKEN", "refreshToken")]
            return token
        token = body["refreshToken"]
    return token


async def choose(gql: GraphQLClient, link_id: str, headers: dict[str, str], resolved: asyncio.Event) -> Any:
    """Keeps the Telegram account (the web one is discarded); the errors of linkResolve."""
    body = (await gql(RESOLVE, {"id": link_id, "keep": "TELEGRAM"}, headers=headers))["data"]
    resolved.set()
    return body["linkResolve"]["errors"]


async def unrevoked(db: Any, user_id: int) -> int:
    query = (
        select(func.count())
        .select_from(RefreshToken)
        .where(col(RefreshToken.user_id) == user_id, col(RefreshToken.revoked_at).is_(None))
    )
    async with db.reader() as session:
        return int((await session.execute(query)).scalar_one())


async def test_no_refresh_token_issued_against_the_deactivation_works_after_it(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        for n in range(ROUNDS):
            web_id, link_id, headers = await pending_link(app, gql, settings, n)
            tokens = [await sign_in(gql, f"racer{n}") for _ in range(CHAINS)]
            resolved = asyncio.Event()
            # When the player keeps the Telegram account while the web account's sessions refresh
            *last, chosen = await asyncio.gather(
                *(chain(gql, t, resolved) for t in tokens), choose(gql, link_id, headers, resolved)
            )
            assert chosen == []
            # Then no refresh token of the discarded web account is left unrevoked, and none works
            assert await unrevoked(db, web_id) == 0, f"round {n}"
            before = await snapshot(db)
            for token in last:
                assert await refusal(gql, token) == [("INVALID_TOKEN", "refreshToken")], f"round {n}"
            assert changed(before, await snapshot(db)) == {}
