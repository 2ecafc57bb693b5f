"""No N+1: the SQL a request sends does not grow with the rows it shows.

Statements are counted on the writer and the reader engine. Transaction control (SQLite's explicit
BEGIN) is counted apart, so the numbers below are the same on both databases.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from resolvers import admin, shop, wallet
from resolvers.accounts import auth
from resolvers.clock import SystemClock
from tests.conftest import GraphQLClient, make_admin, make_settings
from tests.server.support import count_statements, running

ME = "{ me { id username balances { currency amount } inventory { item { id name } quantity } } }"
MY_TRANSFERS = "{ myTransfers(first: 50) { edges { node { counterparty amount } } } }"
SHOP_ITEMS = "{ shopItems(first: 50) { edges { node { id name price } } } }"
CONTROL = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE")
CLOCK = SystemClock()


async def counted(app: Any, gql: GraphQLClient, query: str, token: str | None = None) -> tuple[int, dict]:
    with count_statements(app.state.services.db) as seen:
        body = await gql(query, token=token)
    queries = [s for s in seen if not s.lstrip().upper().startswith(CONTROL)]
    return len(queries), body["data"]


async def create_items(app: Any, admin_id: int, names: list[str]) -> list[int]:
    async with app.state.services.db.transaction() as session:
        rows = [
            await shop.create_item(session, actor_id=admin_id, fields={"name": n, "price": 1}, clock=CLOCK)
            for n in names
        ]
    return [int(r.id) for r in rows]


async def grant(app: Any, admin_id: int, user_id: int, amount: int) -> None:
    async with app.state.services.db.transaction() as session:
        await admin.grant(
            session,
            actor_id=admin_id,
            user_id=user_id,
            currency="COIN",
            amount=amount,
            reason="seed",
            idempotency_key=None,
            clock=CLOCK,
        )


async def test_me_with_one_or_ten_items_held_costs_the_same(tmp_path: Path, database_url: str) -> None:
    async with running(make_settings(tmp_path, database_url)) as (app, gql):
        _, admin_id = await make_admin(app, gql)
        alice, alice_id = await gql.register("alice")
        await grant(app, admin_id, alice_id, 100)
        item_ids = await create_items(app, admin_id, [f"Item {i}" for i in range(10)])
        # Given alice holds one item
        async with app.state.services.db.transaction() as session:
            await shop.purchase(
                session, actor_id=alice_id, item_id=item_ids[0], quantity=1, idempotency_key=None, clock=CLOCK
            )
        one, one_data = await counted(app, gql, ME, alice)
        # When she holds ten
        async with app.state.services.db.transaction() as session:
            for item_id in item_ids[1:]:
                await shop.purchase(
                    session, actor_id=alice_id, item_id=item_id, quantity=2, idempotency_key=None, clock=CLOCK
                )
        ten, ten_data = await counted(app, gql, ME, alice)
    # Then the same statements: the actor, the accounts (balances and inventory share one load), the items
    assert len(one_data["me"]["inventory"]) == 1
    assert len(ten_data["me"]["inventory"]) == 10
    assert ten_data["me"]["balances"] == [{"currency": "COIN", "amount": 81}]
    assert (one, ten) == (3, 3)


async def test_my_transfers_with_3_or_30_counterparties_costs_the_same(
    tmp_path: Path, database_url: str
) -> None:
    async with running(make_settings(tmp_path, database_url)) as (app, gql):
        _, admin_id = await make_admin(app, gql)
        alice, alice_id = await gql.register("alice")
        await grant(app, admin_id, alice_id, 1000)
        async with app.state.services.db.transaction() as session:
            others = [
                int(
                    (await auth.create_user(session, username=f"other{i}", password=None, clock=CLOCK)).id
                    or 0
                )
                for i in range(30)
            ]

        async def pay(targets: list[int]) -> None:
            async with app.state.services.db.transaction() as session:
                for target in targets:
                    await wallet.transfer(
                        session,
                        actor_id=alice_id,
                        to_user_id=target,
                        currency="COIN",
                        amount=1,
                        idempotency_key=None,
                        memo=None,
                        clock=CLOCK,
                    )

        # Given three payments (and the grant)
        await pay(others[:3])
        few, few_data = await counted(app, gql, MY_TRANSFERS, alice)
        # When there are thirty, each to someone else
        await pay(others[3:])
        many, many_data = await counted(app, gql, MY_TRANSFERS, alice)
    few_parties = [e["node"]["counterparty"] for e in few_data["myTransfers"]["edges"]]
    many_parties = [e["node"]["counterparty"] for e in many_data["myTransfers"]["edges"]]
    assert few_parties == ["other2", "other1", "other0", "mint"]
    assert many_parties == [f"other{i}" for i in reversed(range(30))] + ["mint"]
    # Then the same statements: the actor, the viewer's accounts, the page, the accounts, the users
    assert (few, many) == (5, 5)


async def test_shop_items_cost_one_statement_however_many(tmp_path: Path, database_url: str) -> None:
    async with running(make_settings(tmp_path, database_url)) as (app, gql):
        _, admin_id = await make_admin(app, gql)
        await create_items(app, admin_id, ["First"])
        one, one_data = await counted(app, gql, SHOP_ITEMS)
        await create_items(app, admin_id, [f"More {i}" for i in range(39)])
        forty, forty_data = await counted(app, gql, SHOP_ITEMS)
    assert len(one_data["shopItems"]["edges"]) == 1
    assert len(forty_data["shopItems"]["edges"]) == 40
    assert (one, forty) == (1, 1)


async def test_each_request_gets_fresh_loaders(tmp_path: Path, database_url: str) -> None:
    # A loader cache kept across requests would serve stale data: after a payment, me shows it
    async with running(make_settings(tmp_path, database_url)) as (app, gql):
        _, admin_id = await make_admin(app, gql)
        alice, alice_id = await gql.register("alice")
        await grant(app, admin_id, alice_id, 10)
        _, first = await counted(app, gql, ME, alice)
        await grant(app, admin_id, alice_id, 5)
        _, second = await counted(app, gql, ME, alice)
    assert first["me"]["balances"] == [{"currency": "COIN", "amount": 10}]
    assert second["me"]["balances"] == [{"currency": "COIN", "amount": 15}]


PAY = (
    "mutation($to: ID!, $key: String) { walletTransfer(input: {toUserId: $to, amount: 5, idempotencyKey: $key})"
    " { errors { code } } }"
)


async def test_a_payment_is_at_most_seven_statements(tmp_path: Path, database_url: str) -> None:
    # Given two players, the payer with coins, and one payment made (accounts and caches warm)
    async with running(make_settings(tmp_path, database_url)) as (app, gql):
        _, admin_id = await make_admin(app, gql)
        alice, alice_id = await gql.register("alice")
        _, bob_id = await gql.register("bob")
        await grant(app, admin_id, alice_id, 100)
        await gql(PAY, {"to": str(bob_id)}, token=alice)
        # When alice pays bob, with and without an idempotency key
        plain, body = await counted_vars(app, gql, PAY, {"to": str(bob_id)}, alice)
        keyed, _ = await counted_vars(app, gql, PAY, {"to": str(bob_id), "key": "k1"}, alice)
        repeat, again = await counted_vars(app, gql, PAY, {"to": str(bob_id), "key": "k1"}, alice)
    # Then: the actor, debit, credit, transfer, notification, both events in one, the audit entry
    assert body["walletTransfer"]["errors"] == []
    assert plain <= 7, plain
    # a key adds its claim and its stored result; a repeat reads the key and the first transfer
    assert keyed <= plain + 2, keyed
    assert again["walletTransfer"]["errors"] == [] and repeat <= 4, repeat


async def counted_vars(
    app: Any, gql: GraphQLClient, query: str, variables: dict[str, Any], token: str
) -> tuple[int, dict]:
    with count_statements(app.state.services.db) as seen:
        body = await gql(query, variables, token=token)
    return len([s for s in seen if not s.lstrip().upper().startswith(CONTROL)]), body["data"]
