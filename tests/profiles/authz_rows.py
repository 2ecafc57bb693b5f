"""The authorization matrix's rows for the profiles fields
(tests/server/test_authz_matrix.py gathers them)."""

from __future__ import annotations

from tests.server.authz import Row, payload_errors

ROWS: list[Row] = [
    Row("writer", 'mutation { profileUpdate(input: {bio: "hi"}) { profile { bio } errors { code } } }'),
    Row(
        "writer",
        'mutation { feedReact(input: {itemId: "999999", emoji: "🔥"}) { item { id } errors { code } } }',
        domain=payload_errors(["UNKNOWN_FEED_ITEM"], "user", "moderator", "admin", "telegram"),
    ),
    Row("public", '{ profile(username: "alice") { bio } }'),
    Row("reader", "{ feed(first: 5) { id } }"),
]
