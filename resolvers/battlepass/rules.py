"""The battle pass's published numbers: the level curve, the two reward tracks and the prices.

A level costs ``LEVEL_XP`` pass XP (level n is reached at n · 1,000 XP, up to level 100); pass XP
comes from play, ``XP_DEFAULTS`` per event kind (an admin's ``battlepass.xp.<kind>`` row overrides
one), plus the XP a reward event names, at most ``battlepass.daily_cap`` a UTC day.

Every level has a reward on each track: the free track pays COIN, and the season's badge at levels
25, 50, 75 and 100; the premium track pays more COIN, the season's token every tenth level and its
crown at level 100. Premium costs ``battlepass.premium_price`` COIN, a level skip
``battlepass.level_price`` COIN a level (more than the COIN a level pays back).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import select
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.models import ConfigValue
from resolvers import ledger

LEVELS = 100
LEVEL_XP = 1000
MAX_XP = LEVELS * LEVEL_XP
SEASON = timedelta(weeks=8)
CURRENCY = ledger.DEFAULT_CURRENCY

DEFAULTS = {"battlepass.daily_cap": 2000, "battlepass.premium_price": 500, "battlepass.level_price": 150}
XP_PREFIX = "battlepass.xp."
XP_DEFAULTS: dict[str, int] = {
    "wallet.transfer": 20,
    "gift.sent": 40,
    "shop.purchase": 60,
    "daily.claimed": 100,
    "trade.accepted": 60,
    "auction.bid": 20,
    "auction.settled": 60,
    "bank.deposited": 40,
    "wallet.credit": 20,
}
# Kinds whose XP goes to the players the event concerns (its actor is a reviewer or the system).
FOR_AUDIENCE = frozenset({"wallet.credit"})
REWARD_KEY = "xp_reward"


class Track(StrEnum):
    FREE = "FREE"
    PREMIUM = "PREMIUM"


class Prize(StrEnum):
    COIN = "COIN"
    BADGE = "BADGE"
    TOKEN = "TOKEN"
    CROWN = "CROWN"


@dataclass(frozen=True)
class Reward:
    level: int
    track: Track
    prize: Prize
    amount: int


def level_for(xp: int) -> int:
    return max(0, min(LEVELS, xp // LEVEL_XP))


def xp_for_level(level: int) -> int:
    return max(0, min(LEVELS, level)) * LEVEL_XP


def reward(level: int, track: Track) -> Reward:
    if track is Track.FREE:
        if level % 25 == 0:
            return Reward(level, track, Prize.BADGE, 1)
        return Reward(level, track, Prize.COIN, 10 + 2 * (level // 10))
    if level == LEVELS:
        return Reward(level, track, Prize.CROWN, 1)
    if level % 10 == 0:
        return Reward(level, track, Prize.TOKEN, 1)
    return Reward(level, track, Prize.COIN, 25 + 5 * (level // 10))


def due(level: int, premium: bool) -> list[Reward]:
    """Every reward a pass at ``level`` has earned, lowest level first."""
    tracks = (Track.FREE, Track.PREMIUM) if premium else (Track.FREE,)
    return [reward(n, t) for n in range(1, level + 1) for t in tracks]


def _whole(value: Any) -> int | None:
    return int(value) if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


async def setting(session: AsyncSession, key: str) -> int:
    row = await session.get(ConfigValue, key)
    found = _whole(row.value) if row is not None else None
    return found if found is not None else DEFAULTS[key]


async def xp_rules(session: AsyncSession) -> dict[str, int]:
    found = dict(XP_DEFAULTS)
    rows = await session.execute(select(ConfigValue).where(col(ConfigValue.key).startswith(XP_PREFIX)))
    for row in rows.scalars():
        value = _whole(row.value)
        if value is not None:
            found[row.key.removeprefix(XP_PREFIX)] = value
    return found


def reward_xp(payload: Any) -> int:
    value = payload.get(REWARD_KEY) if isinstance(payload, dict) else None
    return value if isinstance(value, int) and not isinstance(value, bool) and 0 < value <= MAX_XP else 0
