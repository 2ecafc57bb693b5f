"""The admins' side: create and edit quests, validated (known objective kinds, sane rewards,
prerequisites that exist and make no cycle), and the graph of what unlocks what."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.models import Item
from db.models.quests import Quest
from resolvers import audit, ledger
from resolvers.clock import Clock
from resolvers.errors import DomainError, ErrorCodes
from resolvers.ids import to_id
from resolvers.quests import common

ERRORS = ErrorCodes(
    "quests.catalog",
    "DUPLICATE_KEY",
    "INVALID_BRANCH",
    "INVALID_DESCRIPTION",
    "INVALID_KEY",
    "INVALID_OBJECTIVES",
    "INVALID_REWARD",
    "INVALID_TITLE",
    "INVALID_TYPE",
    "PREREQUISITE_CYCLE",
    "QUEST_NOT_FOUND",
    "UNKNOWN_ITEM",
    "UNKNOWN_OBJECTIVE_KIND",
    "UNKNOWN_PREREQUISITE",
    uses=(ledger.ERRORS,),
)

MAX_OBJECTIVES = 5
MAX_GOAL = 10_000
MAX_REQUIRES = 10
MAX_COINS = 1_000_000
MAX_XP = 100_000
MAX_ITEMS = 100
SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
UNSET: Any = object()


@dataclass(kw_only=True)
class Draft:
    """What an admin sends; ``UNSET`` fields keep the quest's current value on update."""

    key: Any = UNSET
    title: Any = UNSET
    description: Any = UNSET
    type: Any = UNSET
    objectives: Any = UNSET
    requires: Any = UNSET
    branch: Any = UNSET
    reward_currency: Any = UNSET
    reward_amount: Any = UNSET
    reward_xp: Any = UNSET
    reward_item_id: Any = UNSET
    reward_item_quantity: Any = UNSET
    position: Any = UNSET
    active: Any = UNSET

    def given(self) -> dict[str, Any]:
        return {n: getattr(self, n) for n in self.__dataclass_fields__ if getattr(self, n) is not UNSET}


def _int(value: Any, low: int, high: int) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        return None
    return value


async def _clean(session: AsyncSession, values: dict[str, Any], quest_id: int | None) -> dict[str, Any]:
    """The validated row values (every field), or the first problem as a DomainError."""
    key = (values.get("key") or "").strip().lower()
    if not SLUG.match(key):
        raise DomainError("INVALID_KEY", "A key is 1 to 64 lowercase letters, digits, - or _.", "key")
    title = (values.get("title") or "").strip()
    if not 1 <= len(title) <= 100:
        raise DomainError("INVALID_TITLE", "A title is 1 to 100 characters.", "title")
    description = (values.get("description") or "").strip()
    if len(description) > 1000:
        raise DomainError("INVALID_DESCRIPTION", "A description is at most 1000 characters.", "description")
    kind = values.get("type")
    if kind not in common.TYPES:
        raise DomainError("INVALID_TYPE", "The type is DAILY, STORY or REPEATABLE.", "type")
    objectives = await _objectives(session, values.get("objectives"))
    branch = (values.get("branch") or "").strip().lower() or None
    if branch is not None and not SLUG.match(branch):
        raise DomainError(
            "INVALID_BRANCH", "A branch is 1 to 64 lowercase letters, digits, - or _.", "branch"
        )
    amount = _int(values.get("reward_amount", 0), 0, MAX_COINS)
    if amount is None:
        raise DomainError("INVALID_REWARD", f"A currency reward is 0 to {MAX_COINS}.", "reward_amount")
    currency = values.get("reward_currency")
    if amount > 0 or currency:
        currency = await ledger.require_currency(
            session, currency or ledger.DEFAULT_CURRENCY, field="reward_currency"
        )
    xp = _int(values.get("reward_xp", 0), 0, MAX_XP)
    if xp is None:
        raise DomainError("INVALID_REWARD", f"An XP reward is 0 to {MAX_XP}.", "reward_xp")
    item_id, quantity = await _item(session, values.get("reward_item_id"), values.get("reward_item_quantity"))
    if amount == 0 and xp == 0 and quantity == 0:
        raise DomainError("INVALID_REWARD", "A quest rewards currency, XP or an item.", "reward_amount")
    position = _int(values.get("position", 0), -1_000_000, 1_000_000)
    if position is None:
        raise DomainError("INVALID_REWARD", "The position is a whole number.", "position")
    requires = await _requires(session, values.get("requires"), quest_id)
    return {
        "key": key,
        "title": title,
        "description": description,
        "type": kind,
        "objectives": objectives,
        "requires": requires,
        "branch": branch,
        "reward_currency": currency or None,
        "reward_amount": amount,
        "reward_xp": xp,
        "reward_item_id": item_id,
        "reward_item_quantity": quantity,
        "position": position,
        "active": bool(values.get("active", True)),
    }


async def _objectives(session: AsyncSession, raw: Any) -> list[dict[str, Any]]:
    if not isinstance(raw, list) or not 1 <= len(raw) <= MAX_OBJECTIVES:
        raise DomainError(
            "INVALID_OBJECTIVES", f"A quest has 1 to {MAX_OBJECTIVES} objectives.", "objectives"
        )
    known = await common.known_kinds(session)
    out = []
    for entry in raw:
        kind = str(entry.get("kind") or "").strip() if isinstance(entry, dict) else ""
        goal = _int(entry.get("count") if isinstance(entry, dict) else None, 1, MAX_GOAL)
        if goal is None:
            raise DomainError(
                "INVALID_OBJECTIVES", f"An objective counts 1 to {MAX_GOAL} events.", "objectives"
            )
        if kind not in known:
            raise DomainError(
                "UNKNOWN_OBJECTIVE_KIND", f"No events of kind {kind!r} are counted.", "objectives"
            )
        out.append({"kind": kind, "count": goal})
    return out


async def _item(session: AsyncSession, raw_id: Any, raw_quantity: Any) -> tuple[int | None, int]:
    if raw_id is None:
        return None, 0
    ident = to_id(raw_id)
    item = await session.get(Item, ident) if ident is not None else None
    if item is None:
        raise DomainError("UNKNOWN_ITEM", "No such item.", "reward_item_id")
    quantity = _int(1 if raw_quantity is None else raw_quantity, 1, MAX_ITEMS)
    if quantity is None:
        raise DomainError("INVALID_REWARD", f"An item reward is 1 to {MAX_ITEMS}.", "reward_item_quantity")
    return int(ident or 0), quantity


async def _requires(session: AsyncSession, raw: Any, quest_id: int | None) -> list[int]:
    raw = raw or []
    if not isinstance(raw, list) or len(raw) > MAX_REQUIRES:
        raise DomainError("UNKNOWN_PREREQUISITE", f"At most {MAX_REQUIRES} prerequisites.", "requires")
    wanted: list[int] = []
    for value in raw:
        ident = to_id(value)
        if ident is None:
            raise DomainError("UNKNOWN_PREREQUISITE", "No such quest.", "requires")
        if ident not in wanted:
            wanted.append(ident)
    graph = {int(q.id or 0): list(q.requires) for q in (await session.execute(select(Quest))).scalars()}
    missing = [i for i in wanted if i not in graph]
    if missing:
        raise DomainError("UNKNOWN_PREREQUISITE", f"No quest {missing[0]}.", "requires")
    if quest_id is not None and _reaches(graph, wanted, quest_id):
        raise DomainError(
            "PREREQUISITE_CYCLE", "A quest cannot require itself, even through others.", "requires"
        )
    return wanted


def _reaches(graph: dict[int, list[int]], start: list[int], target: int) -> bool:
    """Whether following ``requires`` from ``start`` leads back to ``target``."""
    seen: set[int] = set()
    todo = list(start)
    while todo:
        node = todo.pop()
        if node == target:
            return True
        if node not in seen:
            seen.add(node)
            todo.extend(graph.get(node, []))
    return False


async def _unique_key(session: AsyncSession, key: str, quest_id: int | None) -> None:
    taken = (await session.execute(select(col(Quest.id)).where(col(Quest.key) == key))).scalar_one_or_none()
    if taken is not None and taken != quest_id:
        raise DomainError("DUPLICATE_KEY", "Another quest has this key.", "key")


async def create(session: AsyncSession, *, actor_id: int, draft: Draft, clock: Clock) -> Quest:
    given = draft.given()
    given.setdefault("key", f"quest-{secrets.token_hex(4)}")
    values = await _clean(session, given, None)
    await _unique_key(session, values["key"], None)
    quest = Quest(**values, created_at=clock.now(), updated_at=clock.now())
    session.add(quest)
    await session.flush()
    await audit.append(
        session, action="quest.create", clock=clock, actor_id=actor_id, subject=f"quest:{quest.id}", data={}
    )
    return quest


async def update(session: AsyncSession, *, actor_id: int, quest_id: Any, draft: Draft, clock: Clock) -> Quest:
    ident = to_id(quest_id)
    quest = await session.get(Quest, ident) if ident is not None else None
    if quest is None:
        raise DomainError("QUEST_NOT_FOUND", "No such quest.", "quest_id")
    current = {n: getattr(quest, n) for n in Draft.__dataclass_fields__}
    values = await _clean(session, current | draft.given(), int(quest.id or 0))
    await _unique_key(session, values["key"], quest.id)
    for name, value in values.items():
        setattr(quest, name, value)
    quest.updated_at = clock.now()
    await session.flush()
    await audit.append(
        session,
        action="quest.update",
        clock=clock,
        actor_id=actor_id,
        subject=f"quest:{quest.id}",
        data={"fields": sorted(draft.given())},
    )
    return quest


@dataclass(frozen=True, kw_only=True)
class Node:
    quest: Quest
    depth: int
    unlocks: list[int]


@dataclass(frozen=True, kw_only=True)
class Graph:
    nodes: list[Node]
    branches: dict[str, list[int]]


async def graph(session: AsyncSession) -> Graph:
    """Every quest (inactive ones too) with its depth in the chain and what it unlocks."""
    quests = list(
        (await session.execute(select(Quest).order_by(col(Quest.position), col(Quest.id)))).scalars().all()
    )
    by_id = {int(q.id or 0): q for q in quests}
    unlocks: dict[int, list[int]] = {i: [] for i in by_id}
    for q in quests:
        for r in q.requires:
            if r in unlocks:
                unlocks[r].append(int(q.id or 0))
    depth: dict[int, int] = {}

    def depth_of(ident: int, trail: frozenset[int] = frozenset()) -> int:
        if ident not in depth:
            parents = [r for r in by_id[ident].requires if r in by_id and r not in trail]
            depth[ident] = 1 + max((depth_of(r, trail | {ident}) for r in parents), default=-1)
        return depth[ident]

    branches: dict[str, list[int]] = {}
    for q in quests:
        if q.branch:
            branches.setdefault(q.branch, []).append(int(q.id or 0))
    return Graph(
        nodes=[
            Node(quest=q, depth=depth_of(int(q.id or 0)), unlocks=unlocks[int(q.id or 0)]) for q in quests
        ],
        branches=branches,
    )


async def objective_kinds(session: AsyncSession) -> list[str]:
    return sorted(await common.known_kinds(session))
