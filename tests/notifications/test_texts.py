"""Notification texts in the reader's language: rendered from the kind and data, falling back to the
stored English text for kinds without texts or data a text cannot use."""

from __future__ import annotations

import pytest
from sqlalchemy import update
from sqlmodel import col

from db.models import User
from resolvers import notification_texts as texts
from server.settings import Settings
from tests import factories
from tests.server.support import running

NOTES = "{ notifications(first: 5) { edges { node { kind title body } } } }"
PAY = 'mutation($u: ID!) { walletTransfer(input: {toUserId: $u, amount: 5, memo: "за пиццу"}) { errors { code } } }'


@pytest.mark.parametrize(
    ("header", "language"),
    [
        ("ru-RU,ru;q=0.9,en;q=0.8", "ru"),
        ("en_GB", "en"),
        ("RU", "ru"),
        ("de-DE", None),
        ("", None),
        (None, None),
    ],
)
def test_the_reader_language_is_the_first_we_write(header: str | None, language: str | None) -> None:
    assert texts.language_of(header) == language


def test_kinds_without_texts_or_with_unusable_data_keep_the_stored_text() -> None:
    stored = {"title": "stored", "body": "text"}
    assert texts.render("no.such.kind", {}, "ru", **stored) == ("stored", "text")
    assert texts.render("progression.level_up", {}, "ru", **stored) == ("stored", "text")
    assert texts.render("progression.level_up", {"level": 3}, "de", **stored) == ("stored", "text")
    assert texts.render("progression.level_up", {"level": 3}, "ru", **stored) == (
        "⭐ Уровень 3",
        "Вы достигли уровня 3.",
    )


async def test_notifications_read_in_the_request_or_account_language(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        alice = await factories.player(db, "alice", coins=50, secret=settings.secret_key)
        bob = await factories.player(db, "bob", secret=settings.secret_key)
        assert (await gql(PAY, {"u": str(bob.id)}, token=alice.token))["data"]["walletTransfer"][
            "errors"
        ] == []

        async def seen(**headers: str) -> tuple[str, str]:
            body = await gql(NOTES, token=bob.token, headers=headers)
            node = body["data"]["notifications"]["edges"][0]["node"]
            assert node["kind"] == "wallet.received"
            return node["title"], node["body"]

        assert await seen(**{"accept-language": "ru-RU,ru;q=0.9"}) == (
            "+5 COIN",
            "alice перевёл вам 5 COIN: за пиццу",
        )
        assert await seen(**{"accept-language": "en-US"}) == ("+5 COIN", "alice sent you 5 COIN: за пиццу")
        # Without a language we write, the account's (from Telegram) decides; without one, English
        assert await seen(**{"accept-language": "de"}) == ("+5 COIN", "alice sent you 5 COIN: за пиццу")
        async with db.transaction() as session:
            await session.execute(update(User).where(col(User.id) == bob.id).values(language="ru"))
        assert await seen(**{"accept-language": "de"}) == ("+5 COIN", "alice перевёл вам 5 COIN: за пиццу")
        assert await seen(**{"accept-language": "en"}) == ("+5 COIN", "alice sent you 5 COIN: за пиццу")
