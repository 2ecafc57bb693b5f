"""The authorization matrix's rows for the daily fields
(tests/server/test_authz_matrix.py gathers them)."""

from __future__ import annotations

from tests.server.authz import Row

ROWS: list[Row] = [
    Row("writer", "mutation { dailyClaim(input: {}) { claim { amount streak } errors { code } } }"),
    Row("reader", "{ myStreak { current best } }"),
]
