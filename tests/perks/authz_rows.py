"""The authorization matrix's rows for the perks fields
(tests/server/test_authz_matrix.py gathers them)."""

from __future__ import annotations

from tests.server.authz import Row, payload_errors

ROWS: list[Row] = [
    # perks: admins put perks on sale; the bot reports stickers and spends mentions
    Row(
        "admin_write",
        "mutation { perkItemCreate(input: {kind: STICKERS}) { item { id } errors { code } } }",
    ),
    Row(
        "writer",
        'mutation { perkStickerSent(input: {chatId: "-100"}) { allowed errors { code } } }',
        domain=payload_errors(["NOT_ALLOWED"], "user", "moderator", "admin"),
    ),
    Row(
        "writer",
        'mutation { perkMentionUse(input: {chatId: "-100"}) { usesLeft errors { code } } }',
        domain={**payload_errors(["NOT_ALLOWED"], "user", "moderator", "admin"), "telegram": ["NO_PERK"]},
    ),
    Row("reader", "{ myPerks { id kind expiresAt } }"),
]
