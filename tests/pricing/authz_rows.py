"""The authorization matrix's rows for the pricing fields
(tests/server/test_authz_matrix.py gathers them)."""

from __future__ import annotations

from tests.server.authz import Row, the_item

ROWS: list[Row] = [
    Row(
        "admin_write",
        "mutation($id: ID!) { shopPriceModifierSet(input: {itemId: $id, multiplier: 1.1}) { errors { code } } }",
        the_item,
    ),
    Row(
        "public", "query($id: ID!) { shopItemPriceHistory(itemId: $id) { edges { node { day } } } }", the_item
    ),
]
