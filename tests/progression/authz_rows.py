"""The authorization matrix's rows for the progression fields
(tests/server/test_authz_matrix.py gathers them)."""

from __future__ import annotations

from tests.server.authz import Row

ROWS: list[Row] = [
    Row(
        "admin_write",
        'mutation { progressionXpRuleSet(input: {kind: "shop.purchase", xp: 10, dailyCap: 100})'
        " { errors { code } } }",
    ),
    Row("reader", "{ myProgress { level xp tier { name } } }"),
    Row("public", "{ levelCurve(upTo: 3) { level xp } }"),
    Row("public", "{ loyaltyTiers { name } }"),
    Row("reader", "{ progressionXpRules { kind xp dailyCap } }"),
]
