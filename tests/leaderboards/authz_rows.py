"""The authorization matrix's rows for the leaderboards fields
(tests/server/test_authz_matrix.py gathers them)."""

from __future__ import annotations

from tests.server.authz import Row

ROWS: list[Row] = [
    Row("public", '{ leaderboard(board: "coins", period: WEEKLY) { entries { rank } viewer { rank } } }'),
    Row("public", "{ leaderboardBoards }"),
]
