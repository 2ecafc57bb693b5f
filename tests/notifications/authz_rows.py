"""The authorization matrix's rows for the notifications fields
(tests/server/test_authz_matrix.py gathers them)."""

from __future__ import annotations

from tests.server.authz import Row

ROWS: list[Row] = [
    Row("writer", "mutation { notificationMarkRead(input: {all: true}) { count errors { code } } }"),
    Row("reader", "{ notifications { unreadCount } }"),
]
