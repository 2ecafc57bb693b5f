"""Findings 9 and 11: an item taken off sale is hidden from non-admins by ``item(id:)`` as by
``shopItems``; an API key (even a write-scoped one) cannot create API keys, a session can."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from db.models import ApiKey
from tests.conftest import GraphQLClient, make_admin

CREATE_ITEM = """mutation { adminItemCreate(input: {name: "Hidden hat", price: 5}) {
  item { id } errors { code } } }"""
ITEM = "query($id: ID!) { item(id: $id) { id active } }"


async def test_item_off_sale_is_hidden_from_non_admins(app: Any, gql: GraphQLClient) -> None:
    admin, _ = await make_admin(app, gql)
    user, _ = await gql.register("alice")
    item_id = (await gql(CREATE_ITEM, token=admin))["data"]["adminItemCreate"]["item"]["id"]
    assert (await gql(ITEM, {"id": item_id}))["data"]["item"]["id"] == item_id
    body = await gql(
        "mutation($id: ID!) { adminItemUpdate(input: {id: $id, active: false}) { errors { code } } }",
        {"id": item_id},
        token=admin,
    )
    assert body["data"]["adminItemUpdate"]["errors"] == []
    for token in (None, user):
        assert (await gql(ITEM, {"id": item_id}, token=token))["data"]["item"] is None
    assert (await gql(ITEM, {"id": item_id}, token=admin))["data"]["item"] == {"id": item_id, "active": False}


async def test_an_api_key_cannot_create_api_keys(app: Any, gql: GraphQLClient) -> None:
    token, _ = await gql.register("alice")
    create = 'mutation($s: [ApiKeyScope!]!) { apiKeyCreate(input: {name: "k", scopes: $s}) { secret errors { code } } }'
    secret = (await gql(create, {"s": ["READ", "WRITE"]}, token=token))["data"]["apiKeyCreate"]["secret"]
    async with app.state.services.db.reader() as session:
        before = (await session.execute(select(func.count()).select_from(ApiKey))).scalar_one()
    body = await gql(create, {"s": ["READ", "WRITE"]}, token=secret, expect_errors=True)
    assert body["data"] is None
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    async with app.state.services.db.reader() as session:
        after = (await session.execute(select(func.count()).select_from(ApiKey))).scalar_one()
    assert after == before == 1
