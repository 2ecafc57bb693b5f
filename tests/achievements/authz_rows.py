"""The authorization matrix's rows for the achievements fields
(tests/server/test_authz_matrix.py gathers them)."""

from __future__ import annotations

from tests.server.authz import Row

ROWS: list[Row] = [
    Row("writer", "mutation { achievementsFeature(input: {keys: []}) { featured { key } errors { code } } }"),
    Row(
        "admin_write",
        'mutation { achievementsRewardSet(input: {key: "shopper", step: 1, coin: 10, xp: 10})'
        " { tier { coin } errors { code } } }",
    ),
    Row("reader", "{ achievements { key title unlocked progress } }"),
    Row("public", '{ featuredAchievements(username: "alice") { key } }'),
]
