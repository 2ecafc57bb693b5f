"""Properties of ingestion, on both databases: an unsure parse never credits and always queues; a
message pays once whoever submits it and in whatever order; any sequence keeps the ledger sound
and rounds down with the fraction carried; every submission's answer is complete."""

from __future__ import annotations

import asyncio
import itertools
from decimal import ROUND_FLOOR, Decimal
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from db.engine import Database
from db.models import IngestedMessage, IngestionCredit, IngestionRemainder, Transfer
from resolvers.accounts import auth
from resolvers.clock import ManualClock
from resolvers.errors import DomainError
from resolvers.ingestion import nicknames, registry, submit
from resolvers.ingestion.parser import KINDS, Amount, ParseResult
from server.settings import Settings
from tests.conftest import GraphQLClient
from tests.ingestion.support import BOT_IDS, SUBMIT, bot_headers, configure_bots, history, rules_only
from tests.ledger.helpers import assert_sound

__all__ = ["rules_only"]

_ids = itertools.count(1)
PROPS = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


class World:
    """Players linked to ``P<n>`` nicknames on GD Cards, and a way to submit any parse."""

    def __init__(self, db: Database) -> None:
        self.db, self.clock = db, ManualClock()
        self.users: list[int] = []
        self.nicks: list[str] = []

    async def setup(self, players: int = 3) -> World:
        await configure_bots(self.db)
        async with self.db.transaction() as s:
            mod = await auth.create_user(
                s,
                username=f"mod{next(_ids)}x{id(self) % 9973}",
                password=None,
                role="moderator",
                clock=self.clock,
            )
            moderator = int(mod.id or 0)
            for _ in range(players):
                n = next(_ids)
                user = await auth.create_user(
                    s, username=f"prop{n}x{id(self) % 9973}", password=None, clock=self.clock
                )
                self.users.append(int(user.id or 0))
                self.nicks.append(f"P{n}-{id(self) % 9973}")
                claimed = await nicknames.claim(
                    s, user_id=self.users[-1], source="gdcards", nickname=self.nicks[-1], clock=self.clock
                )
                # A new link needs proof or a moderator (security finding 7): a moderator approves it
                if claimed.claim is not None:
                    await nicknames.review_claim(
                        s,
                        moderator_id=moderator,
                        claim_id=int(claimed.claim.id or 0),
                        approve=True,
                        clock=self.clock,
                    )
        return self

    async def submit(self, *, actor: int, msg: int, result: ParseResult, bot_to_bot: bool = False) -> str:
        message = submit.Message(
            chat_id=-42,
            message_id=msg,
            sender_telegram_id=BOT_IDS["gdcards"],
            sender_username=None,
            text=f"message {msg}",
            date=None,
            via_bot_to_bot=bot_to_bot,
            reply_to_telegram_id=None,
        )
        try:
            async with self.db.transaction() as s:
                outcome = await submit.submit(
                    s,
                    actor_id=actor,
                    message=message,
                    parsed=registry.Parsed(result=result),
                    clock=self.clock,
                )
        except DomainError as exc:
            return exc.code
        finally:
            self.clock.advance(seconds=1)
        return outcome.status

    async def count(self, model: Any, *where: Any) -> int:
        async with self.db.reader() as s:
            return int((await s.execute(select(func.count()).select_from(model).where(*where))).scalar_one())

    async def coin(self, user: int) -> int:
        async with self.db.reader() as s:
            total = await s.execute(
                select(func.coalesce(func.sum(IngestionCredit.amount), 0)).where(
                    IngestionCredit.user_id == user
                )
            )
            return int(total.scalar_one())


def card(player: str, points: str, confidence: float = 0.97, kind: str = "card") -> ParseResult:
    return ParseResult(
        source="gdcards",
        kind=kind,
        players=(player,),
        amounts=(Amount("points", points),),
        confidence=confidence,
    )


def run(database_url: str, body: Any) -> None:
    async def main() -> None:
        db = Database(database_url)
        try:
            await body(db)
        finally:
            await db.dispose()

    asyncio.run(main())


@PROPS
@given(
    confidence=st.floats(0, 0.7999),
    kind=st.sampled_from(KINDS),
    player=st.integers(0, 3),
    points=st.sampled_from(["1", "2.5", "-1", "1000"]),
    bot_to_bot=st.booleans(),
)
def test_unsure_parse_never_credits_and_always_queues(
    database_url: str, confidence: float, kind: str, player: int, points: str, bot_to_bot: bool
) -> None:
    async def body(db: Database) -> None:
        w = await World(db).setup(players=2)
        name = w.nicks[player] if player < 2 else "Stranger"
        transfers = await w.count(Transfer)
        msg = next(_ids)
        status = await w.submit(
            actor=w.users[0], msg=msg, result=card(name, points, confidence, kind), bot_to_bot=bot_to_bot
        )
        assert status == submit.PENDING_REVIEW
        assert await w.count(Transfer) == transfers
        assert (
            await w.count(
                IngestedMessage,
                IngestedMessage.message_id == msg,
                IngestedMessage.status == submit.PENDING_REVIEW,
            )
            == 1
        )
        assert await w.count(IngestionCredit) == 0 or all([await w.coin(u) == 0 for u in w.users])

    run(database_url, body)


submitter = st.tuples(st.sampled_from(["owner", "other", "bot"]), st.integers(0, 2))


@PROPS
@given(submitters=st.lists(submitter, min_size=2, max_size=6), concurrent=st.booleans())
def test_a_message_pays_once_whoever_submits_it(
    database_url: str, submitters: list[tuple[str, int]], concurrent: bool
) -> None:
    async def body(db: Database) -> None:
        w = await World(db).setup()
        msg = next(_ids)
        result = card(w.nicks[0], "3")

        def attempt(who: str, n: int) -> Any:
            actor = {"owner": w.users[0], "other": w.users[1 + n % 2], "bot": w.users[2]}[who]
            return w.submit(actor=actor, msg=msg, result=result, bot_to_bot=who == "bot")

        if concurrent:
            statuses = await asyncio.gather(*(attempt(who, n) for who, n in submitters))
        else:
            statuses = [await attempt(who, n) for who, n in submitters]
        paid = [s for s in statuses if s == submit.CREDITED]
        assert len(paid) <= 1
        assert set(statuses) <= {submit.CREDITED, submit.DUPLICATE, "WRONG_PLAYER"}
        could_pay = any(who in ("owner", "bot") for who, _ in submitters)
        assert len(paid) == (1 if could_pay else 0)
        assert await w.coin(w.users[0]) == (6 if could_pay else 0)
        assert await w.count(IngestedMessage, IngestedMessage.message_id == msg) == (1 if could_pay else 0)
        await assert_sound(db)

    run(database_url, body)


step = st.one_of(
    st.tuples(
        st.just("gain"),
        st.integers(0, 2),
        st.sampled_from(["card", "chest", "karma", "game_end"]),
        st.decimals(Decimal("-2"), Decimal("50"), places=2),
    ),
    st.tuples(
        st.just("profile"),
        st.integers(0, 2),
        st.just("profile"),
        st.decimals(Decimal(0), Decimal(500), places=1),
    ),
    st.tuples(st.just("repeat"), st.integers(0, 2), st.just("card"), st.just(Decimal(1))),
)


@PROPS
@given(steps=st.lists(step, min_size=1, max_size=12))
def test_any_sequence_keeps_the_ledger_sound_and_never_over_credits(
    database_url: str, steps: list[tuple[Any, ...]]
) -> None:
    async def body(db: Database) -> None:
        w = await World(db).setup()
        exact = dict.fromkeys(w.users, Decimal(0))
        baseline: dict[int, Decimal] = {}
        last_msg: int | None = None
        for kind, who, subkind, value in steps:
            user, nick = w.users[who], w.nicks[who]
            if kind == "repeat" and last_msg is not None:
                assert await w.submit(actor=user, msg=last_msg, result=card(nick, "1")) in (
                    submit.DUPLICATE,
                    "WRONG_PLAYER",
                )
                continue
            if kind == "repeat":
                continue
            msg = next(_ids)
            if kind == "profile":
                result = ParseResult(
                    source="gdcards",
                    kind="profile",
                    players=(nick,),
                    totals=(Amount("points", str(value)),),
                    confidence=0.97,
                )
                if user in baseline:
                    exact[user] += max(value - baseline[user], Decimal(0)) * 2
                baseline[user] = value
            else:
                result = card(nick, str(value), kind=subkind)
                if value > 0:
                    exact[user] += value * 2
                    if user in baseline:
                        baseline[user] += value
            if await w.submit(actor=user, msg=msg, result=result) == submit.CREDITED:
                last_msg = msg
        await assert_sound(db)
        async with db.reader() as s:
            carried = {
                r.user_id: Decimal(r.remainder)
                for r in (await s.execute(select(IngestionRemainder))).scalars()
            }
        for user in w.users:
            paid = await w.coin(user)
            assert paid == int(exact[user].to_integral_value(rounding=ROUND_FLOOR))
            assert Decimal(paid) + carried.get(user, Decimal(0)) == exact[user]

    run(database_url, body)


def _bot_texts() -> list[tuple[str, str]]:
    names = {"GDcards", "Shmalala", "🤵🏻 True Mafia", "Гуся Cards", "BunkerRP"}
    rows = [r for r in history().values() if r["from"] in names]
    return [(r["from"], r["text"]) for r in rows[::40]]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
async def test_every_answer_is_complete(
    app: Any, gql: GraphQLClient, settings: Settings, data: st.DataObject
) -> None:
    await configure_bots(app.state.services.db)
    _, text = data.draw(st.sampled_from(_bot_texts()))
    sender = data.draw(st.sampled_from([*BOT_IDS.values(), 1, 999]))
    payload = {
        "chatId": str(data.draw(st.integers(-5, 5))),
        "messageId": data.draw(st.integers(1, 4)),
        "senderTelegramId": str(sender),
        "text": text,
        "viaBotToBot": data.draw(st.booleans()),
    }
    telegram_id = data.draw(st.integers(1, 3))
    body = await gql(SUBMIT, {"input": payload}, headers=bot_headers(settings, telegram_id))
    answer = body["data"]["ingestionSubmit"]
    assert answer["status"] in {"CREDITED", "PENDING_REVIEW", "DUPLICATE", "REFUSED"}
    if answer["status"] == "REFUSED":
        assert answer["ingestion"] is None and answer["creditedCoin"] == 0
        assert len(answer["errors"]) == 1 and all(answer["errors"][0][k] for k in ("code", "message"))
    else:
        assert answer["errors"] == []
        node = answer["ingestion"]
        assert all(node[k] is not None for k in node), node
        assert node["messageRef"] == f"tg:{payload['chatId']}:{payload['messageId']}"
        assert node["status"] in {"CREDITED", "PENDING_REVIEW", "REJECTED"}
