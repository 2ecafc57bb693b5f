"""The authorization matrix's rows for the ingestion fields
(tests/server/test_authz_matrix.py gathers them)."""

from __future__ import annotations

from typing import Any

from tests.server.authz import Row, World, payload_errors


async def own_nickname(world: World, actor: str) -> dict[str, Any]:
    return {"n": f"Nick{actor.replace('_', '')}"}


ROWS: list[Row] = [
    # ingestion: the bot (service key, acting for a Telegram user) submits game messages
    Row(
        "writer",
        'mutation { ingestionSubmit(input: {chatId: "-100", messageId: 1, senderTelegramId: "424242",'
        ' text: "hello"}) { status errors { code } } }',
        domain={
            **payload_errors(["NOT_ALLOWED"], "user", "moderator", "admin"),
            "telegram": ["NOT_A_GAME_BOT"],  # authorised; the sender is no configured game bot
        },
    ),
    Row(
        "writer",
        "mutation($n: String!) { ingestionNicknameClaim(input: {source: GDCARDS, nickname: $n})"
        " { nickname { nickname } errors { code } } }",
        own_nickname,
    ),
    Row(
        "moderator_write",
        'mutation { ingestionReview(input: {id: "999999", decision: APPROVE}) { errors { code } } }',
        domain=payload_errors(["NOT_FOUND"], "moderator", "admin"),
    ),
    Row(
        "moderator_write",
        'mutation { ingestionNicknameReview(input: {id: "999999", decision: APPROVE}) { errors { code } } }',
        domain=payload_errors(["NOT_FOUND"], "moderator", "admin"),
    ),
    Row(
        "admin_write",
        "mutation { adminIngestionSettingsUpdate(input: {reviewThreshold: 0.75})"
        " { settings { reviewThreshold } errors { code } } }",
    ),
    Row(
        "admin_write",
        'mutation { adminIngestionSourceUpsert(input: {source: BUNKER_RP, telegramId: "5550001", enabled: true})'
        " { errors { code } } }",
    ),
    Row(
        "admin_write",
        "mutation { adminParserModelSetShadow(input: {version: null}) { errors { code } } }",
    ),
    Row("reader", "{ myIngestions { edges { node { id } } } }"),
    Row("reader", "{ myIngestionNicknames { nickname } }"),
    Row("moderator_read", "{ ingestionReviewQueue { edges { node { id } } } }"),
    Row("moderator_read", "{ ingestionNicknameClaims { edges { node { id } } } }"),
    Row("admin_read", "{ adminIngestionSettings { reviewThreshold } }"),
    Row("admin_read", "{ adminParserModels { version } }"),
    Row("admin_read", "{ adminParserDisagreements { edges { node { id } } } }"),
]
