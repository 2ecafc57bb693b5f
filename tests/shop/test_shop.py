from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from resolvers.clock import ManualClock
from server.app import create_app
from server.settings import Settings
from tests import factories
from tests.conftest import GraphQLClient
from tests.ledger.helpers import assert_sound, snapshot

CREATE = """mutation($input: AdminItemCreateInput!) { adminItemCreate(input: $input) {
  item { id name price currency stock perUserLimit cooldownSeconds tradeable active } errors { code field message } } }"""
UPDATE = """mutation($input: AdminItemUpdateInput!) { adminItemUpdate(input: $input) {
  item { id name price stock active } errors { code field message } } }"""
BUY = """mutation($item: ID!, $q: Int!, $key: String) { shopPurchase(input: {itemId: $item, quantity: $q, idempotencyKey: $key}) {
  item { id stock } quantity errors { code field message } } }"""


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
async def shop_app(settings: Settings, clock: ManualClock) -> AsyncIterator[Any]:
    application = create_app(settings, clock=clock, migrate=False, start_workers=False)
    async with application.router.lifespan_context(application):
        yield application


@pytest.fixture
async def client(shop_app: Any) -> AsyncIterator[GraphQLClient]:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=shop_app), base_url="http://test") as http:
        yield GraphQLClient(http)


@pytest.fixture
async def world(shop_app: Any, clock: ManualClock) -> dict[str, Any]:
    services = shop_app.state.services
    made = {"db": services.db, "secret": services.token_policy.secret, "clock": clock}
    admin = await factories.admin(**made)
    player = await factories.player(username="player", coins=100, by=admin, **made)
    return {"admin": admin.token, "admin_id": admin.id, "player": player.token, "player_id": player.id}


async def create(client: GraphQLClient, token: str, **fields: Any) -> dict[str, Any]:
    body = await client(CREATE, {"input": {"name": "Sword", "price": 30, **fields}}, token=token)
    return dict(body["data"]["adminItemCreate"])


async def buy(
    client: GraphQLClient, token: str, item: Any, quantity: int = 1, key: str | None = None
) -> dict[str, Any]:
    body = await client(BUY, {"item": str(item), "q": quantity, "key": key}, token=token)
    return dict(body["data"]["shopPurchase"])


async def test_buy_item_shows_in_inventory_and_balances(
    shop_app: Any, client: GraphQLClient, world: dict[str, Any]
) -> None:
    made = await create(client, world["admin"], stock=5, perUserLimit=3, tradeable=False)
    assert made["errors"] == []
    assert made["item"] | {"id": "x"} == {
        "id": "x",
        "name": "Sword",
        "price": 30,
        "currency": "COIN",
        "stock": 5,
        "perUserLimit": 3,
        "cooldownSeconds": None,
        "tradeable": False,
        "active": True,
    }
    result = await buy(client, world["player"], made["item"]["id"], 2, key="b1")
    assert result == {"item": {"id": made["item"]["id"], "stock": 3}, "quantity": 2, "errors": []}
    me = (
        await client(
            "{ me { balances { currency amount } inventory { item { name tradeable } quantity } } }",
            token=world["player"],
        )
    )["data"]["me"]
    assert me == {
        "balances": [{"currency": "COIN", "amount": 40}],
        "inventory": [{"item": {"name": "Sword", "tradeable": False}, "quantity": 2}],
    }
    items = await client(
        "{ shopItems(first: 10) { edges { node { name stock } } pageInfo { hasNextPage } } }"
    )
    assert items["data"]["shopItems"] == {
        "edges": [{"node": {"name": "Sword", "stock": 3}}],
        "pageInfo": {"hasNextPage": False},
    }
    supply = await client(
        "{ adminEconomySupply { asset minted burned held balanced } }", token=world["admin"]
    )
    assert supply["data"]["adminEconomySupply"] == [
        {"asset": "COIN", "minted": 100, "burned": 60, "held": 40, "balanced": True},
        {"asset": f"item:{made['item']['id']}", "minted": 2, "burned": 0, "held": 2, "balanced": True},
    ]
    await assert_sound(shop_app.state.services.db)


@pytest.mark.parametrize(
    ("fields", "quantity", "code", "field"),
    [
        ({"price": 101}, 1, "INSUFFICIENT_FUNDS", "quantity"),
        ({"price": 30}, 4, "INSUFFICIENT_FUNDS", "quantity"),
        ({"stock": 1}, 2, "OUT_OF_STOCK", "quantity"),
        ({"stock": 0}, 1, "OUT_OF_STOCK", "quantity"),
        ({"perUserLimit": 1}, 2, "LIMIT_REACHED", "quantity"),
        ({}, 0, "INVALID_QUANTITY", "quantity"),
        ({}, -3, "INVALID_QUANTITY", "quantity"),
        ({}, 1001, "INVALID_QUANTITY", "quantity"),
    ],
)
async def test_refused_purchases_change_nothing(
    shop_app: Any,
    client: GraphQLClient,
    clock: ManualClock,
    world: dict[str, Any],
    fields: dict[str, Any],
    quantity: int,
    code: str,
    field: str,
) -> None:
    db = shop_app.state.services.db
    sword = await factories.item(
        db,
        name="Sword",
        price=fields.get("price", 30),
        stock=fields.get("stock"),
        per_user_limit=fields.get("perUserLimit"),
        by=world["admin_id"],
        clock=clock,
    )
    before = await snapshot(db)
    result = await buy(client, world["player"], sword.id, quantity, key="refused")
    assert result["item"] is None
    assert [(e["code"], e["field"]) for e in result["errors"]] == [(code, field)]
    assert await snapshot(shop_app.state.services.db) == before


async def test_unknown_and_inactive_items(
    shop_app: Any, client: GraphQLClient, world: dict[str, Any]
) -> None:
    item = (await create(client, world["admin"]))["item"]
    off = await client(UPDATE, {"input": {"id": item["id"], "active": False}}, token=world["admin"])
    assert off["data"]["adminItemUpdate"]["item"]["active"] is False
    before = await snapshot(shop_app.state.services.db)
    for target, code in ((item["id"], "ITEM_INACTIVE"), ("424242", "UNKNOWN_ITEM"), ("nope", "UNKNOWN_ITEM")):
        result = await buy(client, world["player"], target)
        assert [e["code"] for e in result["errors"]] == [code]
    assert await snapshot(shop_app.state.services.db) == before


async def test_limit_counts_earlier_purchases_and_cooldown_uses_the_clock(
    shop_app: Any, client: GraphQLClient, world: dict[str, Any], clock: ManualClock
) -> None:
    item = (await create(client, world["admin"], price=5, perUserLimit=2, cooldownSeconds=60))["item"]
    assert (await buy(client, world["player"], item["id"]))["errors"] == []
    cooling = await buy(client, world["player"], item["id"])
    assert [e["code"] for e in cooling["errors"]] == ["ON_COOLDOWN"]
    clock.advance(seconds=61)
    assert (await buy(client, world["player"], item["id"]))["errors"] == []
    clock.advance(seconds=61)
    capped = await buy(client, world["player"], item["id"])
    assert [e["code"] for e in capped["errors"]] == ["LIMIT_REACHED"]
    me = (await client("{ me { balances { amount } inventory { quantity } } }", token=world["player"]))[
        "data"
    ]["me"]
    assert me == {"balances": [{"amount": 90}], "inventory": [{"quantity": 2}]}


async def test_repeated_purchase_key_buys_once(
    shop_app: Any, client: GraphQLClient, world: dict[str, Any]
) -> None:
    item = (await create(client, world["admin"], stock=10))["item"]
    first = await buy(client, world["player"], item["id"], 1, key="same")
    before = await snapshot(shop_app.state.services.db)
    second = await buy(client, world["player"], item["id"], 1, key="same")
    assert second["errors"] == [] and second["quantity"] == first["quantity"]
    assert await snapshot(shop_app.state.services.db) == before
    other = await buy(client, world["player"], item["id"], 2, key="same")
    assert [e["code"] for e in other["errors"]] == ["IDEMPOTENCY_KEY_REUSED"]


@pytest.mark.parametrize(
    ("fields", "code", "field"),
    [
        ({"name": ""}, "INVALID_NAME", "name"),
        ({"name": "x" * 101}, "INVALID_NAME", "name"),
        ({"price": -1}, "INVALID_PRICE", "price"),
        ({"price": "2.5"}, "INVALID_PRICE", "price"),
        ({"currency": "GOLD"}, "UNKNOWN_CURRENCY", "currency"),
        ({"stock": -1}, "INVALID_STOCK", "stock"),
        ({"perUserLimit": 0}, "INVALID_PER_USER_LIMIT", "perUserLimit"),
        ({"cooldownSeconds": -5}, "INVALID_COOLDOWN_SECONDS", "cooldownSeconds"),
    ],
)
async def test_item_validation(
    shop_app: Any, client: GraphQLClient, world: dict[str, Any], fields: dict[str, Any], code: str, field: str
) -> None:
    before = await snapshot(shop_app.state.services.db)
    result = await create(client, world["admin"], **fields)
    assert result["item"] is None
    assert [(e["code"], e["field"]) for e in result["errors"]] == [(code, field)]
    assert await snapshot(shop_app.state.services.db) == before


async def test_item_update_edits_fields(shop_app: Any, client: GraphQLClient, world: dict[str, Any]) -> None:
    item = (await create(client, world["admin"]))["item"]
    body = await client(
        UPDATE,
        {"input": {"id": item["id"], "name": "Great Sword", "price": 45, "stock": 7}},
        token=world["admin"],
    )
    assert body["data"]["adminItemUpdate"] == {
        "item": {"id": item["id"], "name": "Great Sword", "price": 45, "stock": 7, "active": True},
        "errors": [],
    }
    bad = await client(UPDATE, {"input": {"id": "999", "name": "x"}}, token=world["admin"])
    assert [e["code"] for e in bad["data"]["adminItemUpdate"]["errors"]] == ["UNKNOWN_ITEM"]
