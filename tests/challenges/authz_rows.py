"""The authorization matrix's rows for the challenges fields
(tests/server/test_authz_matrix.py gathers them)."""

from __future__ import annotations

from tests.server.authz import Row

ROWS: list[Row] = [
    Row("reader", "{ challenges { id period goal progress expiresAt } }"),
    Row("reader", "{ challengeStreak(period: WEEKLY) { current best } }"),
]
