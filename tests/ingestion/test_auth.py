"""Who may call each ingestion operation: anonymous, a user with a normal token, the Telegram bot
acting for a user, a moderator, an admin."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import update

from db.models import User
from server.settings import Settings
from tests.conftest import GraphQLClient, make_admin
from tests.ingestion.support import bot_headers, rules_only

__all__ = ["rules_only"]

CALLERS = ("anonymous", "user", "bot", "moderator", "admin")
OK = "ok"

OPERATIONS: dict[str, tuple[str, dict[str, Any], dict[str, str]]] = {
    "ingestionSubmit": (
        'mutation { ingestionSubmit(input: {chatId: "1", messageId: 1, senderTelegramId: "5", text: "hi"}) '
        "{ status errors { code } } }",
        {},
        # The bot passes the gate and meets the sender check instead.
        {
            "anonymous": "UNAUTHENTICATED",
            "user": "NOT_ALLOWED",
            "bot": "NOT_A_GAME_BOT",
            "moderator": "NOT_ALLOWED",
            "admin": "NOT_ALLOWED",
        },
    ),
    "ingestionNicknameClaim": (
        'mutation { ingestionNicknameClaim(input: {source: GDCARDS, nickname: "N"}) '
        "{ nickname { status } errors { code } } }",
        {},
        {"anonymous": "UNAUTHENTICATED", "user": OK, "bot": OK, "moderator": OK, "admin": OK},
    ),
    "ingestionReview": (
        'mutation { ingestionReview(input: {id: "999999", decision: REJECT}) { errors { code } } }',
        {},
        {
            "anonymous": "UNAUTHENTICATED",
            "user": "FORBIDDEN",
            "bot": "FORBIDDEN",
            "moderator": "NOT_FOUND",
            "admin": "NOT_FOUND",
        },
    ),
    "ingestionNicknameReview": (
        'mutation { ingestionNicknameReview(input: {id: "999999", decision: APPROVE}) { errors { code } } }',
        {},
        {
            "anonymous": "UNAUTHENTICATED",
            "user": "FORBIDDEN",
            "bot": "FORBIDDEN",
            "moderator": "NOT_FOUND",
            "admin": "NOT_FOUND",
        },
    ),
    "adminIngestionSettingsUpdate": (
        "mutation { adminIngestionSettingsUpdate(input: {reviewThreshold: 0.9}) { errors { code } } }",
        {},
        {
            "anonymous": "UNAUTHENTICATED",
            "user": "FORBIDDEN",
            "bot": "FORBIDDEN",
            "moderator": "FORBIDDEN",
            "admin": OK,
        },
    ),
    "adminIngestionSourceUpsert": (
        'mutation { adminIngestionSourceUpsert(input: {source: SHMALALA, telegramId: "77"}) { errors { code } } }',
        {},
        {
            "anonymous": "UNAUTHENTICATED",
            "user": "FORBIDDEN",
            "bot": "FORBIDDEN",
            "moderator": "FORBIDDEN",
            "admin": OK,
        },
    ),
    "adminParserModelSetShadow": (
        "mutation { adminParserModelSetShadow(input: {version: null}) { errors { code } } }",
        {},
        {
            "anonymous": "UNAUTHENTICATED",
            "user": "FORBIDDEN",
            "bot": "FORBIDDEN",
            "moderator": "FORBIDDEN",
            "admin": OK,
        },
    ),
    "myIngestions": (
        "{ myIngestions { edges { cursor } } }",
        {},
        {"anonymous": "UNAUTHENTICATED", "user": OK, "bot": OK, "moderator": OK, "admin": OK},
    ),
    "ingestionReviewQueue": (
        "{ ingestionReviewQueue { edges { cursor } } }",
        {},
        {
            "anonymous": "UNAUTHENTICATED",
            "user": "FORBIDDEN",
            "bot": "FORBIDDEN",
            "moderator": OK,
            "admin": OK,
        },
    ),
    "ingestionNicknameClaims": (
        "{ ingestionNicknameClaims { edges { cursor } } }",
        {},
        {
            "anonymous": "UNAUTHENTICATED",
            "user": "FORBIDDEN",
            "bot": "FORBIDDEN",
            "moderator": OK,
            "admin": OK,
        },
    ),
    "adminIngestionSettings": (
        "{ adminIngestionSettings { reviewThreshold } }",
        {},
        {
            "anonymous": "UNAUTHENTICATED",
            "user": "FORBIDDEN",
            "bot": "FORBIDDEN",
            "moderator": "FORBIDDEN",
            "admin": OK,
        },
    ),
    "adminParserModels": (
        "{ adminParserModels { version } }",
        {},
        {
            "anonymous": "UNAUTHENTICATED",
            "user": "FORBIDDEN",
            "bot": "FORBIDDEN",
            "moderator": "FORBIDDEN",
            "admin": OK,
        },
    ),
    "adminParserDisagreements": (
        "{ adminParserDisagreements { edges { cursor } } }",
        {},
        {
            "anonymous": "UNAUTHENTICATED",
            "user": "FORBIDDEN",
            "bot": "FORBIDDEN",
            "moderator": "FORBIDDEN",
            "admin": OK,
        },
    ),
}


async def _callers(app: Any, gql: GraphQLClient, settings: Settings) -> dict[str, dict[str, str]]:
    user, _ = await gql.register("plainuser")
    moderator, moderator_id = await gql.register("moduser")
    async with app.state.services.db.transaction() as session:
        await session.execute(update(User).where(User.id == moderator_id).values(role="moderator"))
    admin, _ = await make_admin(app, gql)
    return {
        "anonymous": {},
        "user": {"authorization": f"Bearer {user}"},
        "bot": bot_headers(settings, 31337),
        "moderator": {"authorization": f"Bearer {moderator}"},
        "admin": {"authorization": f"Bearer {admin}"},
    }


def _outcome(body: dict[str, Any], field: str) -> str:
    if body.get("errors"):
        return str(body["errors"][0]["extensions"]["code"])
    data = body["data"][field]
    errors = data.get("errors") if isinstance(data, dict) else None
    return str(errors[0]["code"]) if errors else OK


@pytest.mark.parametrize("operation", sorted(OPERATIONS))
async def test_authorization_matrix(app: Any, gql: GraphQLClient, settings: Settings, operation: str) -> None:
    query, variables, expected = OPERATIONS[operation]
    callers = await _callers(app, gql, settings)
    seen = {}
    for caller in CALLERS:
        body = await gql(query, variables, headers=callers[caller], expect_errors=True)
        seen[caller] = _outcome(body, operation)
    assert seen == expected


async def test_api_key_with_write_scope_may_not_submit(
    app: Any, gql: GraphQLClient, settings: Settings
) -> None:
    from resolvers.accounts import api_keys

    _, user_id = await gql.register("keyholder")
    async with app.state.services.db.transaction() as session:
        new = await api_keys.create(
            session, user_id=user_id, name="k", scopes=["read", "write"], clock=app.state.services.clock
        )
    query, _, _ = OPERATIONS["ingestionSubmit"]
    body = await gql(query, headers={"authorization": f"Bearer {new.secret}"}, expect_errors=True)
    assert _outcome(body, "ingestionSubmit") == "NOT_ALLOWED"
