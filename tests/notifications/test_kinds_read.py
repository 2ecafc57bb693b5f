"""Notifications of the finished domains read in Russian and English through GraphQL, the admins'
notifications (``notify_admins``), and the Russian plural the texts use."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select
from sqlmodel import col

from db.models import Event, Notification
from resolvers import notification_texts as texts
from resolvers import notifications
from resolvers.challenges import catalog
from resolvers.clock import SystemClock
from server.settings import Settings
from tests import factories
from tests.gdboard.support import SUBMIT, VIDEO, add, board
from tests.server.support import running

NOTES = "{ notifications(first: 10) { edges { node { kind title body } } } }"
GRANT = (
    "mutation($u: ID!, $r: String!) { walletGrant(input: {userId: $u, amount: 25, reason: $r})"
    " { errors { code } } }"
)


async def _read(gql: Any, token: str | None, language: str) -> list[tuple[str, str, str]]:
    body = await gql(NOTES, token=token, headers={"accept-language": language})
    return [
        (n["kind"], n["title"], n["body"])
        for n in (e["node"] for e in body["data"]["notifications"]["edges"])
    ]


async def test_a_grant_and_a_submission_for_review_read_in_the_readers_language(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        b = await board(app.state.services.db, settings.secret_key, count=1)
        ann = b.players[0]
        await add(gql, b.admin, "Tidal Wave", 86407629)
        granted = await gql(GRANT, {"u": str(ann.id), "r": "за турнир"}, token=b.admin.token)
        assert granted["data"]["walletGrant"]["errors"] == []
        assert await _read(gql, ann.token, "ru-RU") == [("wallet.granted", "+25 COIN", "за турнир")]
        assert await _read(gql, ann.token, "en") == [("wallet.granted", "+25 COIN", "за турнир")]

        sent = await gql(SUBMIT, {"pos": 1, "url": VIDEO}, token=ann.token)
        assert sent["data"]["gdSubmissionCreate"]["errors"] == []
        # A submission waits for a moderator: admins and moderators are told, the player is not
        for staff in (b.admin, b.moderator):
            assert (await _read(gql, staff.token, "ru"))[0] == (
                "gdboard.submitted",
                "🎬 #1 Tidal Wave",
                "Прохождение ждёт проверки.",
            )
            assert (await _read(gql, staff.token, "en-GB"))[0] == (
                "gdboard.submitted",
                "🎬 #1 Tidal Wave",
                "A completion waits for review.",
            )
        assert [k for k, _, _ in await _read(gql, ann.token, "en")] == ["wallet.granted"]


async def test_notify_admins_tells_each_admin_and_moderators_only_when_asked(settings: Settings) -> None:
    async with running(settings) as (app, _gql):
        db = app.state.services.db
        clock = SystemClock()
        data = {"tournament_id": 1, "match_id": 7, "name": "Cup"}
        async with db.transaction() as session:
            assert (
                await notifications.notify_admins(
                    session, kind="tournament.dispute_review", data=data, title="t", clock=clock
                )
                == 0
            )  # nobody to tell yet
        admins = [await factories.admin(db, f"root{i}", secret=settings.secret_key) for i in (1, 2)]
        moderator = await factories.player(db, "mod", role="moderator", secret=settings.secret_key)
        player = await factories.player(db, "ann", secret=settings.secret_key)
        async with db.transaction() as session:
            told = await notifications.notify_admins(
                session, kind="tournament.dispute_review", data=data, title="t", body="b", clock=clock
            )
            told_too = await notifications.notify_admins(
                session,
                kind="tournament.dispute_review",
                data=data | {"match_id": 8},
                title="t",
                clock=clock,
                moderators=True,
            )
        assert (told, told_too) == (2, 3)
        async with db.transaction() as session:
            rows = (
                (await session.execute(select(Notification).order_by(col(Notification.id)))).scalars().all()
            )
            created = (
                await session.execute(
                    select(func.count()).select_from(Event).where(col(Event.kind) == "notification.created")
                )
            ).scalar_one()
        assert [(r.user_id, r.data["match_id"]) for r in rows] == [
            (admins[0].id, 7),
            (admins[1].id, 7),
            (admins[0].id, 8),
            (admins[1].id, 8),
            (moderator.id, 8),
        ]
        assert created == 5  # each one is delivered live and to Telegram like any other
        assert player.id not in {r.user_id for r in rows}
        assert texts.render("tournament.dispute_review", rows[0].data, "ru", title="t", body="b") == (
            "Cup: спорный матч",
            "Матч №7 ждёт решения модератора: игроки назвали разных победителей.",
        )


@pytest.mark.parametrize(
    ("n", "form"),
    [
        (1, "монета"),
        (2, "монеты"),
        (4, "монеты"),
        (5, "монет"),
        (11, "монет"),
        (12, "монет"),
        (14, "монет"),
        (21, "монета"),
        (22, "монеты"),
        (25, "монет"),
        (101, "монета"),
        (111, "монет"),
    ],
)
def test_russian_plurals(n: int, form: str) -> None:
    assert texts.plural_ru(n, "монета", "монеты", "монет") == form


def test_every_challenge_has_a_russian_title_with_its_plural() -> None:
    for template in catalog.TEMPLATES:
        data = {"kind": template.kind, "goal": 1, "title": "x", "reward": 20, "xp": 5}
        one = texts.render("challenge.completed", data, "ru", title="en", body="en")
        many = texts.render("challenge.completed", data | {"goal": 3}, "ru", title="en", body="en")
        assert one[0] != "en" and many[0] != one[0] and "3" in many[0], template.kind
        assert one[1] == "Испытание выполнено: +20 COIN, +5 XP."
    data = {"kind": "gifts", "goal": 5, "reward": 20, "xp": 5}
    assert texts.render("challenge.completed", data, "ru", title="", body="")[0] == "🎯 Отправьте 5 подарков"
    streak = {"period": "WEEKLY", "streak": 4, "bonus": 300}
    assert texts.render("challenge.milestone", streak, "ru", title="", body="") == (
        "🔥 4",
        "Все еженедельные испытания выполнены 4 раза подряд: +300 COIN.",
    )


def test_texts_render_the_data_their_domains_store() -> None:
    def both(kind: str, data: dict[str, Any]) -> tuple[tuple[str, str], tuple[str, str]]:
        stored = {"title": "stored", "body": "stored"}
        return texts.render(kind, data, "en", **stored), texts.render(kind, data, "ru", **stored)

    loan = {"loan_id": 3, "amount": 500, "total": 550, "days": 21, "currency": "COIN"}
    assert both("loan.granted", loan)[1] == (
        "🏦 +500 COIN",
        "Кредит №3: вернуть 550 за 21 ежедневный платёж.",
    )
    daily = {"day": "2026-12-03", "streak": 7, "amount": 60, "milestone": 200}
    assert both("daily.milestone", daily) == (
        ("🔥 7", "A 7-day streak: +200 COIN bonus."),
        ("🔥 7", "7 дней подряд: бонус +200 COIN."),
    )
    outbid = {"auction_id": 1, "name": "Sword", "amount": 40, "currency": "COIN", "refund": 30}
    assert both("auction.outbid", outbid | {"by_username": None})[1][1] == (
        "Другой игрок поставил 40 COIN; ваша ставка возвращена."
    )
    unlocked = {"key": "first_transfer", "tier": None, "coin": 10, "xp": 10}
    assert both("achievement.unlocked", unlocked) == (
        ("🏆 First transfer", "First transfer: +10 COIN, +10 XP."),
        ("🏆 Первый перевод", "Первый перевод: +10 COIN, +10 XP."),
    )
