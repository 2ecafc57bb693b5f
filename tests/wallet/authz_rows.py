"""The authorization matrix's rows for the wallet fields (and adminGrant, an old name of walletGrant)
(tests/server/test_authz_matrix.py gathers them)."""

from __future__ import annotations

from tests.server.authz import Row, bob

ROWS: list[Row] = [
    Row(
        "writer",
        "mutation($u: ID!) { walletTransfer(input: {toUserId: $u, amount: 1}) { transfer { id } errors { code } } }",
        bob,
    ),
    Row(
        "admin_write",
        'mutation($u: ID!) { adminGrant(input: {userId: $u, amount: 5, reason: "matrix"})'
        " { transfer { id } errors { code } } }",
        bob,
    ),
    Row(
        "admin_write",
        'mutation($u: ID!) { walletGrant(input: {userId: $u, amount: 5, reason: "matrix"})'
        " { transfer { id } errors { code } } }",
        bob,
    ),
    Row("reader", "{ myTransfers { edges { node { id } } } }"),
]
