"""The authorization matrix's rows for the money-supply field
(tests/server/test_authz_matrix.py gathers them)."""

from __future__ import annotations

from tests.server.authz import Row

ROWS: list[Row] = [
    Row("admin_read", "{ adminEconomySupply { asset balanced } }"),
]
