"""Clan goals: weekly targets (from Monday 00:00 UTC) counted from members' events by the durable
consumer ``clans``. A goal reached pays its reward once — XP to the clan and COIN from the faucet
``clan_goals`` into the treasury — through one conditional update on its status. The job
``clan_goals`` expires the past weeks' goals and gives every clan this week's default goals;
leaders and officers pick more from the templates."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import case, func, select, update
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.dialect import insert_for
from db.models import Event, Transfer
from db.models.clans import Clan, ClanGoal, ClanGoalEvent, ClanMember
from resolvers import admin, events, ledger, movement
from resolvers.clans import membership, notify, treasury, xp
from resolvers.clock import Clock
from resolvers.errors import DomainError, ErrorCodes
from resolvers.leaderboards import periods
from resolvers.movement import Audit, Effects

ERRORS = ErrorCodes(
    "clan_goals", "UNKNOWN_TEMPLATE", "GOAL_TAKEN", "GOAL_LIMIT", uses=(membership.ERRORS, movement.ERRORS)
)
FAUCET = admin.faucet("clan_goals")
ACTIVE, REACHED, EXPIRED = "active", "reached", "expired"
MAX_GOALS = 3
events.live("wallet", "clan.goal_reached")


def _one(event: Event) -> int:
    return 1


def _amount(event: Event) -> int:
    value = event.payload.get("amount") if isinstance(event.payload, dict) else None
    return value if type(value) is int and value > 0 else 0


@dataclass(frozen=True)
class Template:
    key: str
    kind: str
    target: int
    reward_xp: int
    reward_coin: int
    en: str
    ru: str
    step: Callable[[Event], int] = _one

    def title(self, language: str, target: int) -> str:
        return (self.ru if language == "ru" else self.en).format(n=target)


TEMPLATES: tuple[Template, ...] = (
    Template("wins", "game.finished", 20, 100, 200, "Members win {n} games", "Участники выиграли {n} игр"),
    Template(
        "treasury",
        "clan.contributed",
        5000,
        150,
        500,
        "Contribute {n} COIN to the treasury",
        "Внести в казну {n} COIN",
        _amount,
    ),
    Template(
        "daily",
        "daily.claimed",
        25,
        80,
        150,
        "Claim the daily bonus {n} times",
        "Забрать ежедневный бонус {n} раз",
    ),
    Template("gifts", "gift.sent", 15, 60, 100, "Send {n} gifts", "Отправить {n} подарков"),
    Template(
        "purchases", "shop.purchase", 10, 60, 100, "Make {n} shop purchases", "Сделать {n} покупок в магазине"
    ),
)
BY_KEY = {t.key: t for t in TEMPLATES}
BY_KIND: dict[str, list[Template]] = {}
for _t in TEMPLATES:
    BY_KIND.setdefault(_t.kind, []).append(_t)
DEFAULTS = ("wins", "treasury")


@dataclass(frozen=True)
class At:
    """What follows from an event is dated when the event happened."""

    moment: datetime

    def now(self) -> datetime:
        return self.moment


def week_of(moment: datetime) -> tuple[date, datetime]:
    """The week holding ``moment``: its Monday and its end (next Monday 00:00 UTC)."""
    span = periods.window("WEEKLY", moment)
    assert span is not None
    return span[0].date(), span[1]


async def current(session: AsyncSession, clan_ids: list[int], *, clock: Clock) -> dict[int, list[ClanGoal]]:
    week, _ = week_of(clock.now())
    rows = await session.execute(
        select(ClanGoal)
        .where(col(ClanGoal.clan_id).in_(clan_ids), col(ClanGoal.week_start) == week)
        .order_by(col(ClanGoal.id))
    )
    out: dict[int, list[ClanGoal]] = {cid: [] for cid in clan_ids}
    for row in rows.scalars().all():
        out[row.clan_id].append(row)
    return out


async def pick(session: AsyncSession, *, actor_id: int, template: str, clock: Clock) -> ClanGoal:
    """A leader or officer adds a goal of a template for this week (at most ``MAX_GOALS`` a week)."""
    me = await membership.require_member(session, actor_id)
    if me.role == membership.MEMBER:
        raise DomainError("NOT_ALLOWED", "Only the leader or an officer picks goals.", "template")
    chosen = BY_KEY.get(str(template))
    if chosen is None:
        raise DomainError("UNKNOWN_TEMPLATE", "No such goal template.", "template")
    # Lock the clan row: concurrent picks count one after the other
    await session.execute(select(Clan).where(col(Clan.id) == me.clan_id).with_for_update())
    now = clock.now()
    week, end = week_of(now)
    taken = await session.execute(
        select(func.count())
        .select_from(ClanGoal)
        .where(col(ClanGoal.clan_id) == me.clan_id, col(ClanGoal.week_start) == week)
    )
    if int(taken.scalar_one()) >= MAX_GOALS:
        raise DomainError("GOAL_LIMIT", f"A clan has at most {MAX_GOALS} goals a week.", "template")
    goal_id = await _insert(session, me.clan_id, chosen, week=week, end=end, now=now, by=actor_id)
    if goal_id is None:
        raise DomainError("GOAL_TAKEN", "This goal is already set for this week.", "template")
    await events.append(
        session,
        kind="clan.goal_picked",
        clock=clock,
        actor_id=actor_id,
        subject=membership.subject(me.clan_id),
        audience=[actor_id],
        payload={"clan_id": me.clan_id, "goal_id": goal_id, "template": chosen.key},
    )
    row = await session.get(ClanGoal, goal_id)
    assert row is not None
    return row


async def _insert(
    session: AsyncSession,
    clan_id: int,
    tpl: Template,
    *,
    week: date,
    end: datetime,
    now: datetime,
    by: int | None,
) -> int | None:
    stmt = insert_for(session, ClanGoal).values(
        clan_id=clan_id,
        template=tpl.key,
        week_start=week,
        target=tpl.target,
        progress=0,
        reward_xp=tpl.reward_xp,
        reward_coin=tpl.reward_coin,
        status=ACTIVE,
        picked_by=by,
        created_at=now,
        expires_at=end,
    )
    stmt = stmt.on_conflict_do_nothing(index_elements=["clan_id", "week_start", "template"])
    found = (await session.execute(stmt.returning(col(ClanGoal.id)))).scalar_one_or_none()
    return int(found) if found is not None else None


async def count(session: AsyncSession, event: Event) -> int:
    """Counts one event by a clan member towards the clan's goals of that week (once per event id);
    returns how many goals it moved."""
    templates = BY_KIND.get(event.kind)
    if not templates or event.actor_id is None or event.id is None:
        return 0
    member = await session.get(ClanMember, event.actor_id)
    if member is None:
        return 0
    week, _ = week_of(event.created_at)
    found = await session.execute(
        select(ClanGoal).where(
            col(ClanGoal.clan_id) == member.clan_id,
            col(ClanGoal.week_start) == week,
            col(ClanGoal.status) == ACTIVE,
            col(ClanGoal.template).in_([t.key for t in templates]),
            col(ClanGoal.created_at) <= event.created_at,
        )
    )
    goals = list(found.scalars().all())
    if not goals:
        return 0
    claimed = await session.execute(
        insert_for(session, ClanGoalEvent)
        .values(event_id=event.id, clan_id=member.clan_id)
        .on_conflict_do_nothing()
        .returning(col(ClanGoalEvent.event_id))
    )
    if claimed.scalar_one_or_none() is None:
        return 0
    moved = 0
    for goal in goals:
        step = BY_KEY[goal.template].step(event)
        if step > 0 and await _step(session, int(goal.id or 0), step, event.created_at):
            moved += 1
    return moved


async def _step(session: AsyncSession, goal_id: int, step: int, moment: datetime) -> bool:
    grown = col(ClanGoal.progress) + step
    stepped = await session.execute(
        update(ClanGoal)
        .where(
            col(ClanGoal.id) == goal_id,
            col(ClanGoal.status) == ACTIVE,
            col(ClanGoal.progress) < col(ClanGoal.target),
            col(ClanGoal.expires_at) > moment,
        )
        .values(progress=case((grown > col(ClanGoal.target), col(ClanGoal.target)), else_=grown))
        .returning(col(ClanGoal.progress), col(ClanGoal.target))
        .execution_options(synchronize_session=False)
    )
    row = stepped.one_or_none()
    if row is None:
        return False
    if row[0] >= row[1]:
        await reach(session, goal_id, clock=At(moment))
    return True


async def reach(session: AsyncSession, goal_id: int, *, clock: Clock) -> bool:
    """Marks a goal whose progress met its target reached (once) and pays its reward."""
    now = clock.now()
    done = await session.execute(
        update(ClanGoal)
        .where(
            col(ClanGoal.id) == goal_id,
            col(ClanGoal.status) == ACTIVE,
            col(ClanGoal.progress) >= col(ClanGoal.target),
            col(ClanGoal.expires_at) > now,
        )
        .values(status=REACHED, reached_at=now)
        .returning(
            col(ClanGoal.clan_id),
            col(ClanGoal.template),
            col(ClanGoal.target),
            col(ClanGoal.reward_xp),
            col(ClanGoal.reward_coin),
        )
        .execution_options(synchronize_session=False)
    )
    row = done.one_or_none()
    if row is None:
        return False
    clan_id, key, target, reward_xp, reward_coin = (
        int(row[0]),
        str(row[1]),
        int(row[2]),
        int(row[3]),
        int(row[4]),
    )
    tpl = BY_KEY[key]
    data: dict[str, Any] = {
        "clan_id": clan_id,
        "clan_name": await notify.clan_name(session, clan_id),
        "goal_id": goal_id,
        "template": key,
        "target": target,
        "title_en": tpl.title("en", target),
        "title_ru": tpl.title("ru", target),
        "reward_xp": reward_xp,
        "reward_coin": reward_coin,
    }
    if reward_xp > 0:
        await xp.gain(session, clan_id, reward_xp, now)
    legs = []
    if reward_coin > 0:
        legs.append(
            ledger.Leg(
                debit=("system", FAUCET),
                credit=treasury.account(clan_id),
                asset=ledger.DEFAULT_CURRENCY,
                amount=reward_coin,
                kind="clan.goal_reward",
                memo=f"Clan goal: {tpl.title('en', target)}"[:280],
            )
        )
    notes = await notify.clan_notes(session, clan_id, kind="clan.goal_reached", data=data)

    async def effects(transfers: list[Transfer]) -> Effects:
        transfer_id = transfers[0].id if transfers else None
        if transfer_id is not None:
            await session.execute(
                update(ClanGoal)
                .where(col(ClanGoal.id) == goal_id)
                .values(transfer_id=transfer_id)
                .execution_options(synchronize_session=False)
            )
        return Effects(
            result={"goal_id": goal_id},
            events=[
                events.Spec(
                    kind="clan.goal_reached",
                    subject=membership.subject(clan_id),
                    audience=[n.user_id for n in notes],
                    payload={"clan_id": clan_id, "goal_id": goal_id, "transfer_id": transfer_id},
                )
            ],
            notes=notes,
            audit=Audit(action="clan.goal_reward", subject=membership.subject(clan_id), data=data),
        )

    await movement.move(
        session,
        movement.Movement(operation="clan.goal_reward", actor_id=None, legs=legs),
        clock=clock,
        effects=effects,
    )
    return True


async def roll(session: AsyncSession, *, clock: Clock) -> dict[str, int]:
    """Expires the goals of weeks that ended and gives each clan without goals this week the
    default ones (a reconciler: a repeated or late run changes nothing more)."""
    now = clock.now()
    expired = await session.execute(
        update(ClanGoal)
        .where(col(ClanGoal.status) == ACTIVE, col(ClanGoal.expires_at) <= now)
        .values(status=EXPIRED)
        .execution_options(synchronize_session=False)
    )
    week, end = week_of(now)
    has_goals = select(col(ClanGoal.clan_id)).where(col(ClanGoal.week_start) == week)
    bare = await session.execute(
        select(col(Clan.id)).where(col(Clan.id).not_in(has_goals)).order_by(col(Clan.id))
    )
    assigned = 0
    for clan_id in bare.scalars().all():
        for key in DEFAULTS:
            if (
                await _insert(session, int(clan_id), BY_KEY[key], week=week, end=end, now=now, by=None)
                is not None
            ):
                assigned += 1
    return {"expired": int(expired.rowcount or 0), "assigned": assigned}  # type: ignore[attr-defined]
