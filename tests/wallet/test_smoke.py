from __future__ import annotations

from tests.conftest import GraphQLClient, make_admin


async def test_grant_then_pay(app, gql: GraphQLClient) -> None:
    admin_token, _ = await make_admin(app, gql)
    alice, alice_id = await gql.register("alice")
    _, bob_id = await gql.register("bob")
    body = await gql(
        "mutation($u:ID!){adminGrant(input:{userId:$u,amount:100,reason:\"hi\"}){transfer{amount} errors{code}}}",
        {"u": str(alice_id)}, token=admin_token)
    assert body["data"]["adminGrant"] == {"transfer": {"amount": 100}, "errors": []}
    body = await gql(
        "mutation($u:ID!){walletTransfer(input:{toUserId:$u,amount:40}){balances{currency amount} errors{code}}}",
        {"u": str(bob_id)}, token=alice)
    assert body["data"]["walletTransfer"] == {"balances": [{"currency": "COIN", "amount": 60}], "errors": []}
