"""A running server per database for the fuzzing and probe tests: ``lucas serve``'s app under
uvicorn on a free port, seeded with an admin, a player, items, a grant, a purchase and a payment,
game-bot ids set, so that fuzzed ids and names often hit real rows."""

from __future__ import annotations

import asyncio
import logging
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Any

import httpx
import pytest
from sqlalchemy import update

from db.engine import Database
from db.models import IngestionSource, User
from server.app import create_app
from server.settings import Settings
from tests.conftest import LiveServer, _pg_clone, free_port, make_settings
from tests.server.support import postgres_url, sqlite_url

__all__ = ["postgres_url", "sqlite_url"]

BOT_IDS = {"gdcards": 7001, "gusya_cards": 7002, "shmalala": 7003, "true_mafia": 7004, "bunker_rp": 7005}
PLAYER_TELEGRAM_ID = 4242


class ErrorRecords(logging.Handler):
    """Collects ERROR records (and anything logged with a traceback) from every logger."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.ERROR or record.exc_info:
            self.records.append(record)


@dataclass
class Target:
    url: str
    settings: Settings
    headers: dict[str, dict[str, str]] = field(default_factory=dict)
    errors: ErrorRecords = field(default_factory=ErrorRecords)

    def post(self, http: httpx.Client, role: str, body: Any) -> httpx.Response:
        return http.post(f"{self.url}/graphql", json=body, headers=self.headers[role])


def _gql(http: httpx.Client, url: str, query: str, token: str | None = None, **variables: Any) -> Any:
    headers = {"authorization": f"Bearer {token}"} if token else {}
    body = http.post(f"{url}/graphql", json={"query": query, "variables": variables}, headers=headers).json()
    assert "errors" not in body, body
    return body["data"]


REGISTER = (
    'mutation($u:String!){authRegister(input:{username:$u,password:"password123"})'
    "{accessToken user{id} errors{code}}}"
)


def _seed(http: httpx.Client, url: str, db_url: str) -> dict[str, str]:
    admin = _gql(http, url, REGISTER, u="fuzzadmin")["authRegister"]
    player = _gql(http, url, REGISTER, u="fuzzplayer")["authRegister"]

    async def promote() -> None:
        db = Database(db_url)
        try:
            async with db.transaction() as session:
                await session.execute(update(User).where(User.username == "fuzzadmin").values(role="admin"))
                for source, telegram_id in BOT_IDS.items():
                    await session.execute(
                        update(IngestionSource)
                        .where(IngestionSource.source == source)
                        .values(telegram_id=telegram_id)
                    )
        finally:
            await db.dispose()

    asyncio.run(promote())
    token, player_token = admin["accessToken"], player["accessToken"]
    for name, price, stock in (("Sword", 5, 10), ("Shield", 1, None), ("Old", 2, 1)):
        created = _gql(
            http,
            url,
            "mutation($n:String!,$p:Amount!,$s:Int){adminItemCreate(input:{name:$n,price:$p,stock:$s})"
            "{item{id} errors{code}}}",
            token,
            n=name,
            p=price,
            s=stock,
        )["adminItemCreate"]
        assert created["errors"] == [], created
    _gql(
        http,
        url,
        'mutation{adminItemUpdate(input:{id:"3",active:false}){errors{code}}}',
        token,
    )
    _gql(
        http,
        url,
        'mutation($u:ID!){adminGrant(input:{userId:$u,amount:1000,reason:"seed"}){errors{code}}}',
        token,
        u=player["user"]["id"],
    )
    _gql(http, url, 'mutation{shopPurchase(input:{itemId:"1"}){errors{code}}}', player_token)
    _gql(
        http,
        url,
        "mutation($u:ID!){walletTransfer(input:{toUserId:$u,amount:5}){errors{code}}}",
        player_token,
        u=admin["user"]["id"],
    )
    return {"admin": token, "player": player_token}


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def target(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Target]:
    tmp = tmp_path_factory.mktemp("fuzz")
    if request.param == "sqlite":
        path = tmp / "lucas.sqlite3"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        db_url = f"sqlite+aiosqlite:///{path}"
    else:
        db_url = asyncio.run(_pg_clone(request.getfixturevalue("pg_template")))
    with pytest.MonkeyPatch.context() as patch:
        # The rules parse game-bot messages; the longer run may set a model (LUCAS_FUZZ_PARSER_MODEL).
        patch.setenv("LUCAS_PARSER_MODEL", _parser_model())
        port = free_port()
        # Tokens outlive a long run (LUCAS_FUZZ_EXAMPLES in the thousands).
        settings = replace(make_settings(tmp, db_url), port=port, access_token_minutes=24 * 60)
        server = LiveServer(create_app(settings, migrate=False, start_workers=False), port).start()
        errors = ErrorRecords()
        logging.getLogger().addHandler(errors)
        try:
            with httpx.Client(timeout=30) as http:
                tokens = _seed(http, server.url, db_url)
            bot = {
                "authorization": f"Bearer {settings.telegram_service_key}",
                "x-lucas-telegram-user-id": str(PLAYER_TELEGRAM_ID),
                "x-lucas-telegram-chat-id": "-100123",
            }
            headers = {
                "anonymous": {},
                "player": {"authorization": f"Bearer {tokens['player']}"},
                "admin": {"authorization": f"Bearer {tokens['admin']}"},
                "bot": bot,
            }
            yield Target(url=server.url, settings=settings, headers=headers, errors=errors)
        finally:
            logging.getLogger().removeHandler(errors)
            server.stop()


def _parser_model() -> str:
    return os.environ.get("LUCAS_FUZZ_PARSER_MODEL", "off")
