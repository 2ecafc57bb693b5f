"""The authorization matrix's rows for the games fields
(tests/server/test_authz_matrix.py gathers them)."""

from __future__ import annotations

from tests.server.authz import Row, payload_errors

ROWS: list[Row] = [
    Row(
        "writer",
        'mutation { gameCreate(input: {game: CITIES, mode: "nope"}) { session { id } errors { code } } }',
        domain=payload_errors(["INVALID_GAME"], "user", "moderator", "admin", "telegram"),
    ),
    Row(
        "writer",
        'mutation { gameJoin(input: {sessionId: "999999"}) { session { id } errors { code } } }',
        domain=payload_errors(["UNKNOWN_SESSION"], "user", "moderator", "admin", "telegram"),
    ),
    Row(
        "writer",
        'mutation { gameStart(input: {sessionId: "999999"}) { session { id } errors { code } } }',
        domain=payload_errors(["UNKNOWN_SESSION"], "user", "moderator", "admin", "telegram"),
    ),
    Row(
        "writer",
        'mutation { gameMove(input: {sessionId: "999999", move: "Москва"}) { session { id } errors { code } } }',
        domain=payload_errors(["UNKNOWN_SESSION"], "user", "moderator", "admin", "telegram"),
    ),
    Row(
        "writer",
        'mutation { gameLeave(input: {sessionId: "999999"}) { session { id } errors { code } } }',
        domain=payload_errors(["UNKNOWN_SESSION"], "user", "moderator", "admin", "telegram"),
    ),
    Row(
        "writer",
        'mutation { gameForfeit(input: {sessionId: "999999"}) { session { id } errors { code } } }',
        domain=payload_errors(["UNKNOWN_SESSION"], "user", "moderator", "admin", "telegram"),
    ),
    Row("reader", '{ game(id: "1") { id status } }'),
    Row("reader", "{ myGame { id } }"),
    Row("reader", '{ gameInChat(chatId: "-1") { id } }'),
    Row("reader", "{ games(first: 5) { edges { node { id status } } } }"),
    Row("reader", "{ myGameStats { game played } }"),
]
