"""The authorization matrix's rows for the imported-history fields (schema/imports.py)
(tests/server/test_authz_matrix.py gathers them)."""

from __future__ import annotations

from tests.server.authz import Row

ROWS: list[Row] = [
    Row("reader", "{ myImportedHistory { edges { node { id } } } }"),
    Row("admin_read", "{ adminImportedHistory { edges { node { id } } } }"),
]
