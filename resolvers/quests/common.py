"""What the quest modules share: types and statuses, the faucet, the known objective kinds and the
player's standing (which quests are locked, closed, available, active or completed for them)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.models.quests import Quest, QuestChoice, QuestRun
from resolvers import admin, events, progression

FAUCET = admin.faucet("quests")
CONSUMER = "quests"
DAILY, STORY, REPEATABLE = "DAILY", "STORY", "REPEATABLE"
TYPES = (DAILY, STORY, REPEATABLE)
ACTIVE, COMPLETED, EXPIRED = "ACTIVE", "COMPLETED", "EXPIRED"
AVAILABLE = "AVAILABLE"
STATUSES = (AVAILABLE, ACTIVE, COMPLETED)
COMPLETED_KIND = "quest.completed"
events.live("wallet", COMPLETED_KIND)

# Event kinds an objective may count (those the platform appends with the player as the actor);
# an admin's XP rule for another kind (progression) makes it known too.
KNOWN_KINDS = frozenset(
    {
        "wallet.transfer",
        "shop.purchase",
        "gift.sent",
        "daily.claimed",
        "trade.offered",
        "trade.accepted",
        "auction.created",
        "auction.bid",
        "bank.deposited",
        "loan.granted",
        "loan.repaid",
        "friend.requested",
        "friend.added",
        "dnd.rolled",
        "dnd.joined",
        "progression.level_up",
        COMPLETED_KIND,
    }
)


async def known_kinds(session: AsyncSession) -> frozenset[str]:
    return KNOWN_KINDS | frozenset(await progression.rules(session))


def day_of(moment: datetime) -> int:
    """The run number of a daily quest: its UTC day's ordinal."""
    return moment.astimezone(UTC).date().toordinal()


def midnight_after(moment: datetime) -> datetime:
    day = moment.astimezone(UTC).date() + timedelta(days=1)
    return datetime.combine(day, time(0), tzinfo=UTC)


def goals(quest: Quest) -> list[int]:
    return [int(o.get("count", 1)) for o in quest.objectives]


def aligned(progress: list[int], quest: Quest) -> list[int]:
    """The run's progress per objective, never past its goal (objectives may have been edited)."""
    wanted = goals(quest)
    padded = [int(p) for p in progress[: len(wanted)]] + [0] * max(0, len(wanted) - len(progress))
    return [max(0, min(p, g)) for p, g in zip(padded, wanted, strict=True)]


@dataclass(frozen=True, kw_only=True)
class View:
    """One quest as one player sees it (``status`` None when it is locked or closed to them)."""

    quest: Quest
    status: str | None = None
    locked: bool = False
    closed: bool = False
    run: QuestRun | None = None
    times_completed: int = 0
    last_completed_at: datetime | None = None
    expires_at: datetime | None = None
    in_log: frozenset[str] = field(default_factory=frozenset)

    @property
    def progress(self) -> list[int]:
        if self.run is None:
            return [0] * len(self.quest.objectives)
        return aligned(self.run.progress, self.quest)


@dataclass(frozen=True)
class _Done:
    count: int
    last_run: int
    last_at: datetime | None


async def active_quests(session: AsyncSession) -> list[Quest]:
    rows = await session.execute(
        select(Quest).where(col(Quest.active).is_(True)).order_by(col(Quest.position), col(Quest.id))
    )
    return list(rows.scalars().all())


async def standing(session: AsyncSession, *, user_id: int, quests: list[Quest], now: datetime) -> list[View]:
    """Each quest's state for the player: three reads whatever the number of quests."""
    ids = [int(q.id or 0) for q in quests]
    done_rows = await session.execute(
        select(
            col(QuestRun.quest_id),
            func.count(),
            func.max(col(QuestRun.run)),
            func.max(col(QuestRun.completed_at)),
        )
        .where(col(QuestRun.user_id) == user_id, col(QuestRun.status) == COMPLETED)
        .group_by(col(QuestRun.quest_id))
    )
    done = {int(q): _Done(int(n), int(r), _utc(at)) for q, n, r, at in done_rows.all()}
    active_rows = await session.execute(
        select(QuestRun).where(
            col(QuestRun.user_id) == user_id,
            col(QuestRun.status) == ACTIVE,
            col(QuestRun.quest_id).in_(ids),
        )
    )
    active: dict[int, QuestRun] = {}
    today = day_of(now)
    by_id = {int(q.id or 0): q for q in quests}
    for run in active_rows.scalars():
        quest = by_id.get(run.quest_id)
        if quest is not None and (quest.type != DAILY or run.run == today):
            active[run.quest_id] = run
    choices = {
        c.branch: c.quest_id
        for c in (
            await session.execute(select(QuestChoice).where(col(QuestChoice.user_id) == user_id))
        ).scalars()
    }
    return [
        _view(q, done.get(int(q.id or 0)), active.get(int(q.id or 0)), choices, done, now) for q in quests
    ]


def _view(
    quest: Quest,
    done: _Done | None,
    run: QuestRun | None,
    choices: dict[str, int],
    all_done: dict[int, _Done],
    now: datetime,
) -> View:
    count = done.count if done is not None else 0
    today = day_of(now)
    if quest.type == DAILY:
        this_cycle = done is not None and done.last_run == today
    else:
        this_cycle = quest.type == STORY and count > 0
    closed = quest.branch is not None and choices.get(quest.branch, quest.id) != quest.id
    locked = any(r not in all_done for r in quest.requires)
    status: str | None
    if run is not None:
        status = ACTIVE
    elif this_cycle:
        status = COMPLETED
    elif closed or locked:
        status = None
    else:
        status = AVAILABLE
    log = {status} if status is not None else set()
    if quest.type == REPEATABLE and count > 0:
        log.add(COMPLETED)
    return View(
        quest=quest,
        status=status,
        locked=locked,
        closed=closed,
        run=run,
        times_completed=count,
        last_completed_at=done.last_at if done is not None else None,
        expires_at=midnight_after(now) if quest.type == DAILY else None,
        in_log=frozenset(log),
    )


def _utc(value: Any) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if isinstance(value, date) and not isinstance(value, datetime):
        return datetime.combine(value, time(0), tzinfo=UTC)
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)
