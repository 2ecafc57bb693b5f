"""Progress from domain events, completion and the daily reset.

``count`` is the durable consumer ``quests``: each event whose kind an active quest counts moves
the actor's active runs of that quest forward, once per (run, event) (``quest_steps``), never past
an objective's goal, and only for events at or after the run was accepted (a daily run counts its
own UTC day only). The run that reaches every goal is completed by one conditional update, so it
pays once: currency and items from the ``quests`` faucet through the ledger, XP as the
``quest.completed`` event's ``xp_reward`` (given by the progression consumer), a notification
naming the quests it unlocked.

``reset_daily`` (the ``quest_reset`` job) expires the daily runs of past UTC days: from 00:00 UTC a
daily quest is available again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.dialect import insert_for
from db.models import Event, Item, Transfer
from db.models.quests import Quest, QuestRun, QuestStep
from resolvers import events, ledger, movement, notifications, retention
from resolvers.clock import Clock
from resolvers.errors import ErrorCodes
from resolvers.movement import Audit, Effects
from resolvers.quests import common
from resolvers.quests.common import ACTIVE, COMPLETED, DAILY, EXPIRED

ERRORS = ErrorCodes("quests.progress", uses=(movement.ERRORS,))

_CACHE = "quests_by_kind"


@dataclass(frozen=True)
class _At:
    """What follows from an event is dated when the event happened."""

    moment: datetime

    def now(self) -> datetime:
        return self.moment


async def _by_kind(session: AsyncSession) -> dict[str, dict[int, Quest]]:
    cached = session.info.get(_CACHE)
    if cached is None:
        cached = {}
        for quest in await common.active_quests(session):
            for objective in quest.objectives:
                cached.setdefault(str(objective.get("kind")), {})[int(quest.id or 0)] = quest
        session.info[_CACHE] = cached
    return dict(cached)


async def count(session: AsyncSession, event: Event) -> None:
    """Counts one event into its actor's active runs (the ``quests`` consumer calls it)."""
    if event.actor_id is None:
        return
    quests = (await _by_kind(session)).get(event.kind)
    if not quests:
        return
    runs = await session.execute(
        select(QuestRun).where(
            col(QuestRun.user_id) == event.actor_id,
            col(QuestRun.status) == ACTIVE,
            col(QuestRun.quest_id).in_(list(quests)),
        )
    )
    for run in runs.scalars().all():
        quest = quests[run.quest_id]
        if run.accepted_at > event.created_at:
            continue
        if quest.type == DAILY and run.run != common.day_of(event.created_at):
            continue
        stepped = await session.execute(
            insert_for(session, QuestStep)
            .values(run_id=run.id, event_id=event.id, created_at=event.created_at)
            .on_conflict_do_nothing()
            .returning(col(QuestStep.run_id))
        )
        if stepped.scalar_one_or_none() is None:
            continue
        goals = common.goals(quest)
        progress = common.aligned(run.progress, quest)
        for index, objective in enumerate(quest.objectives):
            if objective.get("kind") == event.kind:
                progress[index] = min(goals[index], progress[index] + 1)
        if progress == goals:
            await complete(session, run=run, quest=quest, progress=progress, clock=_At(event.created_at))
        else:
            await session.execute(
                update(QuestRun)
                .where(col(QuestRun.id) == run.id, col(QuestRun.status) == ACTIVE)
                .values(progress=progress, updated_at=event.created_at)
            )


async def complete(
    session: AsyncSession, *, run: QuestRun, quest: Quest, progress: list[int], clock: Clock
) -> bool:
    """Completes an active run and pays its reward; False (and nothing paid) if it was not active."""
    now = clock.now()
    done = await session.execute(
        update(QuestRun)
        .where(col(QuestRun.id) == run.id, col(QuestRun.status) == ACTIVE)
        .values(status=COMPLETED, progress=progress, completed_at=now, updated_at=now)
        .returning(col(QuestRun.id))
    )
    if done.scalar_one_or_none() is None:
        return False
    user_id = run.user_id
    unlocked = await _unlocked_by(session, user_id, quest, now)
    legs: list[ledger.Leg] = []
    ref = f"quest:{quest.id}"
    if quest.reward_currency and quest.reward_amount > 0:
        legs.append(
            ledger.Leg(
                debit=("system", common.FAUCET),
                credit=("user", user_id),
                asset=quest.reward_currency,
                amount=quest.reward_amount,
                kind="quest_reward",
                ref=ref,
                memo=quest.title,
            )
        )
    item_name = None
    if quest.reward_item_id is not None and quest.reward_item_quantity > 0:
        item = await session.get(Item, quest.reward_item_id)
        item_name = item.name if item is not None else None
        legs.append(
            ledger.Leg(
                debit=("system", common.FAUCET),
                credit=("user", user_id),
                asset=ledger.item_asset(quest.reward_item_id),
                amount=quest.reward_item_quantity,
                kind="quest_reward",
                ref=ref,
                memo=quest.title,
            )
        )
    reward = {
        "currency": quest.reward_currency if quest.reward_amount > 0 else None,
        "amount": quest.reward_amount,
        "item_id": quest.reward_item_id if quest.reward_item_quantity > 0 else None,
        "item_name": item_name,
        "item_quantity": quest.reward_item_quantity,
        "xp": quest.reward_xp,
    }

    def effects(transfers: list[Transfer]) -> Effects:
        payload = {"quest_id": quest.id, "run": run.run, "transfer_ids": [t.id for t in transfers]}
        if quest.reward_xp > 0:
            payload["xp_reward"] = quest.reward_xp
        data = {"quest_id": quest.id, "title": quest.title, "unlocked": [q.title for q in unlocked]}
        body = "Quest completed." + (
            f" Unlocked: {', '.join(q.title for q in unlocked)}." if unlocked else ""
        )
        return Effects(
            result={"run_id": run.id},
            events=[
                events.Spec(
                    kind=common.COMPLETED_KIND,
                    actor_id=user_id,
                    subject=ref,
                    audience=[user_id],
                    payload=payload,
                )
            ],
            notes=[
                notifications.Note(
                    user_id=user_id,
                    kind=common.COMPLETED_KIND,
                    title=f"📜 {quest.title}",
                    body=body,
                    data=data | reward,
                )
            ],
            audit=Audit(action="quest.complete", subject=ref, data={"run_id": run.id, "user_id": user_id}),
        )

    await movement.move(
        session,
        movement.Movement(operation="quest.complete", actor_id=user_id, legs=legs),
        clock=clock,
        effects=effects,
    )
    return True


async def _unlocked_by(session: AsyncSession, user_id: int, quest: Quest, now: datetime) -> list[Quest]:
    """The quests this completion opened: those requiring it that are now available."""
    following = [q for q in await common.active_quests(session) if quest.id in q.requires]
    if not following:
        return []
    views = await common.standing(session, user_id=user_id, quests=following, now=now)
    return [v.quest for v in views if v.status == common.AVAILABLE]


async def reset_daily(session: AsyncSession, *, clock: Clock) -> int:
    """Expires the active daily runs of past UTC days (the ``quest_reset`` job); idempotent."""
    daily_ids = select(col(Quest.id)).where(col(Quest.type) == DAILY)
    result = await session.execute(
        update(QuestRun)
        .where(
            col(QuestRun.status) == ACTIVE,
            col(QuestRun.quest_id).in_(daily_ids),
            col(QuestRun.run) < common.day_of(clock.now()),
        )
        .values(status=EXPIRED, updated_at=clock.now())
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


@retention.rule("quests.steps", keep=timedelta(days=90))
async def _prune_steps(session: AsyncSession, cutoff: datetime) -> int:
    """Steps of old events: the events themselves are gone by then (``retention.events``)."""
    result = await session.execute(delete(QuestStep).where(col(QuestStep.created_at) < cutoff))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
