"""Finding 13: ten tabs refreshing at once must not log the user out. The token just rotated keeps
a short grace in which presenting it again returns a valid pair; after the grace, reuse is theft
and revokes the family as before."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from db.models import RefreshToken
from resolvers.accounts.auth import REFRESH_GRACE
from resolvers.clock import ManualClock
from server.app import create_app
from server.settings import Settings
from tests.conftest import GraphQLClient

REFRESH = """mutation($t: String!) { authRefresh(input: {refreshToken: $t}) {
  accessToken refreshToken errors { code } } }"""
REGISTER = """mutation { authRegister(input: {username: "tabs", password: "long enough"}) {
  refreshToken errors { code } } }"""


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
async def client(settings: Settings, clock: ManualClock) -> AsyncIterator[tuple[Any, GraphQLClient]]:
    app = create_app(settings, clock=clock, migrate=False, start_workers=False)
    async with app.router.lifespan_context(app):
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as http:
            yield app, GraphQLClient(http)


async def test_ten_concurrent_refreshes_all_get_a_valid_pair(client: tuple[Any, GraphQLClient]) -> None:
    app, gql = client
    first = (await gql(REGISTER))["data"]["authRegister"]["refreshToken"]
    results = await asyncio.gather(*(gql(REFRESH, {"t": first}) for _ in range(10)))
    pairs = [r["data"]["authRefresh"] for r in results]
    assert [p["errors"] for p in pairs] == [[]] * 10
    for pair in pairs:
        me = await gql("{ me { username } }", token=pair["accessToken"])
        assert me["data"]["me"] == {"username": "tabs"}
    # every new refresh token is live, and the family is not revoked
    again = await asyncio.gather(*(gql(REFRESH, {"t": p["refreshToken"]}) for p in pairs))
    assert [r["data"]["authRefresh"]["errors"] for r in again] == [[]] * 10
    async with app.state.services.db.reader() as session:
        revoked = (
            await session.execute(select(RefreshToken).where(RefreshToken.revoked_at.is_not(None)))
        ).all()
    assert revoked == []


async def test_reuse_after_the_grace_still_revokes_the_family(
    client: tuple[Any, GraphQLClient], clock: ManualClock
) -> None:
    app, gql = client
    first = (await gql(REGISTER))["data"]["authRegister"]["refreshToken"]
    rotated = (await gql(REFRESH, {"t": first}))["data"]["authRefresh"]
    clock.advance(seconds=REFRESH_GRACE.total_seconds() + 1)
    reuse = (await gql(REFRESH, {"t": first}))["data"]["authRefresh"]
    assert [e["code"] for e in reuse["errors"]] == ["INVALID_TOKEN"]
    after = (await gql(REFRESH, {"t": rotated["refreshToken"]}))["data"]["authRefresh"]
    assert [e["code"] for e in after["errors"]] == ["INVALID_TOKEN"]
    async with app.state.services.db.reader() as session:
        live = (await session.execute(select(RefreshToken).where(RefreshToken.revoked_at.is_(None)))).all()
    assert live == []
