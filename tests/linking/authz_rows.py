"""The authorization matrix's rows for the linking fields
(tests/server/test_authz_matrix.py gathers them)."""

from __future__ import annotations

from tests.server.authz import Row, payload_errors

ROWS: list[Row] = [
    Row(
        "writer",
        "mutation { linkCodeCreate { code errors { code } } }",
        domain=payload_errors(["WEB_ONLY"], "telegram"),
    ),
    Row(
        "writer",
        'mutation { linkCodeRedeem(input: {code: "ZZZZZZZZ"}) { link { id } errors { code } } }',
        domain={
            **payload_errors(["NOT_TELEGRAM"], "user", "moderator", "admin"),
            "telegram": ["LINK_CODE_INVALID"],
        },
    ),
    Row(
        "writer",
        'mutation { linkTelegramWidget(input: {id: "1", authDate: 1, hash: "00"}) { link { id } errors { code } } }',
        domain={
            **payload_errors(["TELEGRAM_NOT_CONFIGURED"], "user", "moderator", "admin"),
            "telegram": ["WEB_ONLY"],
        },
    ),
    Row(
        "writer",
        "mutation { linkResolve(input: {linkId: 0, keep: WEB}) { link { id } errors { code } } }",
        domain=payload_errors(["LINK_NOT_FOUND"], "user", "moderator", "admin", "telegram"),
    ),
    Row("reader", "{ linkPending { id status } }"),
    Row("reader", "{ linkWidget { botId } }"),
]
