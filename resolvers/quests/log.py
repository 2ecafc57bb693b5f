"""The players' side: the quest log, accepting a quest (its prerequisites met, its branch still
open) and abandoning one.

Accepting a quest of a branch records the player's choice (``quest_choices``, one per player and
branch, first writer wins): the branch's other quests are closed to them for good, even if they
abandon the chosen one. A run is unique per (player, quest, run number), so concurrent accepts
make one run.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete, select, update
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.dialect import insert_for
from db.models.quests import Quest, QuestChoice, QuestRun, QuestStep
from resolvers import events
from resolvers.clock import Clock
from resolvers.errors import DomainError, ErrorCodes
from resolvers.ids import to_id
from resolvers.quests import common
from resolvers.quests.common import ACTIVE, COMPLETED, DAILY, EXPIRED, REPEATABLE, View

ERRORS = ErrorCodes(
    "quests.log",
    "BRANCH_CLOSED",
    "QUEST_ALREADY_ACTIVE",
    "QUEST_ALREADY_COMPLETED",
    "QUEST_LOCKED",
    "QUEST_NOT_ACTIVE",
    "QUEST_NOT_FOUND",
)


async def quest_log(session: AsyncSession, *, user_id: int, status: str | None, clock: Clock) -> list[View]:
    """The player's quests: all (locked ones included, to show what comes next) or one section."""
    views = await common.standing(
        session, user_id=user_id, quests=await common.active_quests(session), now=clock.now()
    )
    if status is None:
        return [v for v in views if not v.closed or v.status is not None]
    return [v for v in views if status in v.in_log]


async def view(session: AsyncSession, *, user_id: int, quest_id: Any, clock: Clock) -> View | None:
    quest = await _find(session, quest_id)
    if quest is None:
        return None
    found = await common.standing(session, user_id=user_id, quests=[quest], now=clock.now())
    return found[0]


async def _find(session: AsyncSession, quest_id: Any) -> Quest | None:
    ident = to_id(quest_id)
    quest = await session.get(Quest, ident) if ident is not None else None
    return quest if quest is not None and quest.active else None


async def _require(session: AsyncSession, quest_id: Any) -> Quest:
    quest = await _find(session, quest_id)
    if quest is None:
        raise DomainError("QUEST_NOT_FOUND", "No such quest.", "quest_id")
    return quest


async def _state(session: AsyncSession, user_id: int, quest: Quest, now: datetime) -> View:
    """The quest's state for the player (its prerequisites' completions included)."""
    return (await common.standing(session, user_id=user_id, quests=[quest], now=now))[0]


async def accept(session: AsyncSession, *, actor_id: int, quest_id: Any, clock: Clock) -> View:
    quest = await _require(session, quest_id)
    now = clock.now()
    state = await _state(session, actor_id, quest, now)
    if state.status == ACTIVE:
        raise DomainError("QUEST_ALREADY_ACTIVE", "You are already on this quest.", "quest_id")
    if state.status == COMPLETED:
        when = "today; it is back at 00:00 UTC" if quest.type == DAILY else "already"
        raise DomainError("QUEST_ALREADY_COMPLETED", f"You completed this quest {when}.", "quest_id")
    if state.closed:
        raise DomainError("BRANCH_CLOSED", "You chose another path; this one is closed.", "quest_id")
    if state.locked:
        raise DomainError("QUEST_LOCKED", "Complete the quests it requires first.", "quest_id")
    if quest.branch is not None:
        await _choose(session, actor_id, quest, now)
    if quest.type == DAILY:
        await _expire_stale(session, actor_id, quest, now)
    run = 1
    if quest.type == DAILY:
        run = common.day_of(now)
    elif quest.type == REPEATABLE:
        run = state.times_completed + 1
    inserted = await session.execute(
        insert_for(session, QuestRun)
        .values(
            user_id=actor_id,
            quest_id=quest.id,
            run=run,
            status=ACTIVE,
            progress=[0] * len(quest.objectives),
            accepted_at=now,
            updated_at=now,
        )
        .on_conflict_do_nothing()
        .returning(col(QuestRun.id))
    )
    if inserted.scalar_one_or_none() is None:
        raise DomainError("QUEST_ALREADY_ACTIVE", "You are already on this quest.", "quest_id")
    await events.append(
        session,
        kind="quest.accepted",
        clock=clock,
        actor_id=actor_id,
        subject=f"quest:{quest.id}",
        audience=[actor_id],
        payload={"quest_id": quest.id, "run": run},
    )
    return await _state(session, actor_id, quest, now)


async def _choose(session: AsyncSession, user_id: int, quest: Quest, now: datetime) -> None:
    assert quest.branch is not None
    await session.execute(
        insert_for(session, QuestChoice)
        .values(user_id=user_id, branch=quest.branch, quest_id=quest.id, created_at=now)
        .on_conflict_do_nothing()
    )
    chosen = (
        await session.execute(
            select(col(QuestChoice.quest_id)).where(
                col(QuestChoice.user_id) == user_id, col(QuestChoice.branch) == quest.branch
            )
        )
    ).scalar_one()
    if chosen != quest.id:
        raise DomainError("BRANCH_CLOSED", "You chose another path; this one is closed.", "quest_id")


async def _expire_stale(session: AsyncSession, user_id: int, quest: Quest, now: datetime) -> None:
    await session.execute(
        update(QuestRun)
        .where(
            col(QuestRun.user_id) == user_id,
            col(QuestRun.quest_id) == quest.id,
            col(QuestRun.status) == ACTIVE,
            col(QuestRun.run) < common.day_of(now),
        )
        .values(status=EXPIRED, updated_at=now)
    )


async def abandon(session: AsyncSession, *, actor_id: int, quest_id: Any, clock: Clock) -> View:
    """Drops the active run and its progress; a branch once chosen stays chosen."""
    quest = await _require(session, quest_id)
    now = clock.now()
    state = await _state(session, actor_id, quest, now)
    if state.run is None:
        raise DomainError("QUEST_NOT_ACTIVE", "You are not on this quest.", "quest_id")
    run_id = int(state.run.id or 0)
    gone = await session.execute(
        delete(QuestRun)
        .where(col(QuestRun.id) == run_id, col(QuestRun.status) == ACTIVE)
        .returning(col(QuestRun.id))
    )
    if gone.scalar_one_or_none() is None:
        raise DomainError("QUEST_NOT_ACTIVE", "You are not on this quest.", "quest_id")
    await session.execute(delete(QuestStep).where(col(QuestStep.run_id) == run_id))
    await events.append(
        session,
        kind="quest.abandoned",
        clock=clock,
        actor_id=actor_id,
        subject=f"quest:{quest.id}",
        audience=[actor_id],
        payload={"quest_id": quest.id},
    )
    return await _state(session, actor_id, quest, now)
