"""The authorization matrix's rows for the gifts fields
(tests/server/test_authz_matrix.py gathers them)."""

from __future__ import annotations

from tests.server.authz import Row, bob

ROWS: list[Row] = [
    Row(
        "writer",
        'mutation($u: ID!) { giftSend(input: {toUserId: $u, amount: 1, currency: "COIN"}) { errors { code } } }',
        bob,
    ),
    Row("reader", "{ myGifts { edges { node { id } } } }"),
    Row("reader", "{ giftsLeftToday }"),
]
