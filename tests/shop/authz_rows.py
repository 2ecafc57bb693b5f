"""The authorization matrix's rows for the shop fields (and adminItemCreate/Update, old names)
(tests/server/test_authz_matrix.py gathers them)."""

from __future__ import annotations

from tests.server.authz import Row, the_item

ROWS: list[Row] = [
    Row(
        "writer",
        "mutation($id: ID!) { shopPurchase(input: {itemId: $id}) { quantity errors { code } } }",
        the_item,
    ),
    Row(
        "admin_write",
        'mutation { adminItemCreate(input: {name: "Gadget", price: 3}) { item { id } errors { code } } }',
    ),
    Row(
        "admin_write",
        "mutation($id: ID!) { adminItemUpdate(input: {id: $id, price: 7}) { item { price } errors { code } } }",
        the_item,
    ),
    Row(
        "admin_write",
        'mutation { shopItemCreate(input: {name: "Gizmo", price: 3}) { item { id } errors { code } } }',
    ),
    Row(
        "admin_write",
        "mutation($id: ID!) { shopItemUpdate(input: {id: $id, price: 8}) { item { price } errors { code } } }",
        the_item,
    ),
    Row("public", "{ shopItems { edges { node { id } } } }"),
    Row("public", "query($id: ID!) { item(id: $id) { id } }", the_item),
]
