"""Admins' configuration rows: the seeded sources and rates, the threshold, and their audit."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from db.models import AuditEntry
from server.settings import Settings
from tests.conftest import GraphQLClient, make_admin
from tests.ingestion.support import GD_CARD, link_as, rules_only, submit_as, world

__all__ = ["rules_only"]

SETTINGS = (
    "{ adminIngestionSettings { reviewThreshold sources { source telegramId username enabled "
    "rates { currency coefficient } } } }"
)
UPDATE = """mutation($input: AdminIngestionSettingsUpdateInput!) { adminIngestionSettingsUpdate(input: $input) {
  settings { reviewThreshold sources { source rates { currency coefficient } } } errors { code field message } } }"""
UPSERT = """mutation($input: AdminIngestionSourceUpsertInput!) { adminIngestionSourceUpsert(input: $input) {
  settings { sources { source telegramId username enabled } } errors { code field } } }"""


async def _audit(app: Any, action: str) -> list[dict[str, Any]]:
    async with app.state.services.db.reader() as s:
        rows = (await s.execute(select(AuditEntry).where(AuditEntry.action == action))).scalars().all()
    return [r.data for r in rows]


async def test_seeded_configuration(app: Any, gql: GraphQLClient) -> None:
    admin, _ = await make_admin(app, gql)
    body = (await gql(SETTINGS, token=admin))["data"]["adminIngestionSettings"]
    assert body["reviewThreshold"] == 0.8
    assert body["sources"] == [
        {
            "source": "BUNKER_RP",
            "telegramId": None,
            "username": "bunkerrp_bot",
            "enabled": True,
            "rates": [{"currency": "wins", "coefficient": "20"}],
        },
        {
            "source": "GDCARDS",
            "telegramId": None,
            "username": "gdcardsBot",
            "enabled": True,
            "rates": [{"currency": "orbs", "coefficient": "2"}, {"currency": "points", "coefficient": "2"}],
        },
        {
            "source": "GUSYA_CARDS",
            "telegramId": None,
            "username": "Goose_CardBot",
            "enabled": True,
            "rates": [
                {"currency": "coins", "coefficient": "0.5"},
                {"currency": "points", "coefficient": "0.001"},
            ],
        },
        {
            "source": "SHMALALA",
            "telegramId": None,
            "username": "shmalala_bot",
            "enabled": True,
            "rates": [{"currency": "coins", "coefficient": "1"}, {"currency": "karma", "coefficient": "10"}],
        },
        {
            "source": "TRUE_MAFIA",
            "telegramId": None,
            "username": "TrueMafiaBot",
            "enabled": True,
            "rates": [{"currency": "wins", "coefficient": "15"}],
        },
    ]


async def test_rates_and_threshold_change_audited_and_apply(
    app: Any, gql: GraphQLClient, settings: Settings
) -> None:
    admin, _ = await make_admin(app, gql)
    body = await gql(
        UPSERT, {"input": {"source": "GDCARDS", "telegramId": "7001", "username": "@gdcardsBot"}}, token=admin
    )
    assert body["data"]["adminIngestionSourceUpsert"]["errors"] == []
    body = await gql(
        UPDATE,
        {
            "input": {
                "reviewThreshold": 0.5,
                "rates": [
                    {"source": "GDCARDS", "currency": "points", "coefficient": "2.50"},
                    {"source": "GDCARDS", "currency": "orbs", "coefficient": "20"},
                ],
            }
        },
        token=admin,
    )
    payload = body["data"]["adminIngestionSettingsUpdate"]
    assert payload["errors"] == [] and payload["settings"]["reviewThreshold"] == 0.5
    gd = next(s for s in payload["settings"]["sources"] if s["source"] == "GDCARDS")
    assert {"currency": "points", "coefficient": "2.5"} in gd["rates"]
    assert await _audit(app, "ingestion.settings_update") == [
        {"review_threshold": 0.5, "rate.gdcards.points": "2.5", "rate.gdcards.orbs": "20"}
    ]
    assert await _audit(app, "ingestion.source_upsert") == [{"telegram_id": 7001, "username": "gdcardsBot"}]
    await link_as(app, gql, settings, 801, "GDCARDS", "EnidBlaito")
    result = await submit_as(gql, settings, 801, GD_CARD, msg_id=1)
    assert result["creditedCoin"] == 2  # 1 point × 2.5 = 2.5 → 2, 0.5 carried


@pytest.mark.parametrize(
    ("update", "code", "field"),
    [
        ({"reviewThreshold": 1.5}, "INVALID_THRESHOLD", "reviewThreshold"),
        ({"reviewThreshold": -0.1}, "INVALID_THRESHOLD", "reviewThreshold"),
        ({}, "NOTHING_TO_UPDATE", None),
        (
            {"rates": [{"source": "GDCARDS", "currency": "points", "coefficient": "-1"}]},
            "INVALID_COEFFICIENT",
            "rates.0.coefficient",
        ),
        (
            {"rates": [{"source": "GDCARDS", "currency": "points", "coefficient": "abc"}]},
            "INVALID_COEFFICIENT",
            "rates.0.coefficient",
        ),
        (
            {"rates": [{"source": "GDCARDS", "currency": "points", "coefficient": "0.0000001"}]},
            "INVALID_COEFFICIENT",
            "rates.0.coefficient",
        ),
        (
            {"rates": [{"source": "GDCARDS", "currency": "points", "coefficient": "NaN"}]},
            "INVALID_COEFFICIENT",
            "rates.0.coefficient",
        ),
        (
            {
                "reviewThreshold": 0.3,
                "rates": [{"source": "GDCARDS", "currency": "gold", "coefficient": "1"}],
            },
            "UNKNOWN_GAME_CURRENCY",
            "rates.0.currency",
        ),
    ],
)
async def test_bad_settings_are_refused_and_change_nothing(
    app: Any, gql: GraphQLClient, update: dict[str, Any], code: str, field: str | None
) -> None:
    admin, _ = await make_admin(app, gql)
    before = await world(app.state.services.db)
    body = await gql(UPDATE, {"input": update}, token=admin)
    payload = body["data"]["adminIngestionSettingsUpdate"]
    assert payload["settings"] is None
    assert [(e["code"], e["field"]) for e in payload["errors"]] == [(code, field)]
    assert await world(app.state.services.db) == before
    assert (await gql(SETTINGS, token=admin))["data"]["adminIngestionSettings"]["reviewThreshold"] == 0.8


async def test_a_bot_id_belongs_to_one_source(app: Any, gql: GraphQLClient) -> None:
    admin, _ = await make_admin(app, gql)
    assert (await gql(UPSERT, {"input": {"source": "SHMALALA", "telegramId": "55"}}, token=admin))["data"][
        "adminIngestionSourceUpsert"
    ]["errors"] == []
    taken = await gql(UPSERT, {"input": {"source": "GDCARDS", "telegramId": "55"}}, token=admin)
    assert taken["data"]["adminIngestionSourceUpsert"]["errors"] == [
        {"code": "TELEGRAM_ID_TAKEN", "field": "telegramId"}
    ]
    cleared = await gql(
        UPSERT, {"input": {"source": "SHMALALA", "telegramId": None, "enabled": False}}, token=admin
    )
    shmalala = next(
        s
        for s in cleared["data"]["adminIngestionSourceUpsert"]["settings"]["sources"]
        if s["source"] == "SHMALALA"
    )
    assert shmalala == {
        "source": "SHMALALA",
        "telegramId": None,
        "username": "shmalala_bot",
        "enabled": False,
    }
    bad = await gql(UPSERT, {"input": {"source": "GDCARDS", "telegramId": "x"}}, token=admin)
    assert bad["data"]["adminIngestionSourceUpsert"]["errors"] == [
        {"code": "INVALID_TELEGRAM_ID", "field": "telegramId"}
    ]
