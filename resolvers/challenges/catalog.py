"""What a challenge can ask, and how a player's set is chosen for a period.

A period is a UTC day, an ISO week (from Monday) or a calendar month; it ends at 00:00 UTC of the
next one. Each period a player gets ``COUNTS[period]`` challenges of distinct kinds, chosen from
what they did in the 30 days before the period started (their most frequent activities first,
the rest a weighted draw over every kind) with goals a little above their usual pace. A newcomer
gets the default mix (``Template.weight``) at the lowest goals. The draw is seeded by (player,
period, start): the same inputs always give the same set.
"""

from __future__ import annotations

import hashlib
import random
from calendar import monthrange
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

DAILY, WEEKLY, MONTHLY = "DAILY", "WEEKLY", "MONTHLY"
PERIODS = (DAILY, WEEKLY, MONTHLY)
COUNTS = {DAILY: 3, WEEKLY: 5, MONTHLY: 3}
WINDOW = timedelta(days=30)
ACTIVE, COMPLETED, EXPIRED = "ACTIVE", "COMPLETED", "EXPIRED"
# Base rewards (COIN, XP) per period for a challenge at its lowest goal; up to twice that at its highest.
REWARDS = {DAILY: (20, 25), WEEKLY: (75, 100), MONTHLY: (250, 300)}
# Challenge streaks: periods in a row with every challenge done; a milestone pays a COIN bonus.
MILESTONES = {
    DAILY: {7: 200, 30: 1000, 100: 5000},
    WEEKLY: {4: 300, 12: 1500, 52: 8000},
    MONTHLY: {3: 1000, 6: 2500, 12: 6000},
}


@dataclass(frozen=True)
class Template:
    kind: str
    events: frozenset[str]
    one: str
    many: str
    weight: int
    goals: dict[str, tuple[int, int]]

    def title(self, goal: int) -> str:
        return (self.one if goal == 1 else self.many).format(goal=goal)


def _t(kind: str, events: str, one: str, many: str, weight: int, goals: str) -> Template:
    """``goals`` is "low-high" for the day, the week and the month: "2-20 8-100 25-300"."""
    bounds = [tuple(int(n) for n in pair.split("-")) for pair in goals.split()]
    by_period = {p: (b[0], b[1]) for p, b in zip((DAILY, WEEKLY, MONTHLY), bounds, strict=True)}
    return Template(kind, frozenset(events.split()), one, many, weight, by_period)


TEMPLATES: tuple[Template, ...] = (
    _t(
        "daily",
        "daily.claimed",
        "Claim the daily bonus",
        "Claim the daily bonus {goal} times",
        5,
        "1-1 5-7 20-25",
    ),
    _t("payments", "wallet.transfer", "Make a payment", "Make {goal} payments", 4, "2-20 8-100 25-300"),
    _t(
        "purchases",
        "shop.purchase",
        "Buy an item in the shop",
        "Buy {goal} items in the shop",
        3,
        "1-10 3-40 8-120",
    ),
    _t("gifts", "gift.sent", "Send a gift", "Send {goal} gifts", 3, "1-10 3-50 8-150"),
    _t(
        "trades",
        "trade.offered trade.accepted",
        "Make or accept a trade offer",
        "Make or accept {goal} trade offers",
        2,
        "1-10 2-40 5-100",
    ),
    _t(
        "auctions",
        "auction.bid auction.created",
        "Bid or list at an auction",
        "Bid or list {goal} times at auctions",
        2,
        "1-15 3-60 8-150",
    ),
    _t("bank", "bank.deposited", "Make a bank deposit", "Make {goal} bank deposits", 1, "1-3 2-10 4-30"),
    _t(
        "dnd",
        "dnd.rolled",
        "Roll the dice at a D&D table",
        "Roll the dice {goal} times at D&D tables",
        1,
        "3-30 10-150 25-400",
    ),
)
BY_KIND = {t.kind: t for t in TEMPLATES}
TRACKED: dict[str, frozenset[str]] = {}
for _template in TEMPLATES:
    for _event in _template.events:
        TRACKED[_event] = TRACKED.get(_event, frozenset()) | {_template.kind}


def period_start(period: str, day: date) -> date:
    if period == DAILY:
        return day
    if period == WEEKLY:
        return day - timedelta(days=day.weekday())
    return day.replace(day=1)


def period_end(period: str, start: date) -> date:
    if period == DAILY:
        return start + timedelta(days=1)
    if period == WEEKLY:
        return start + timedelta(days=7)
    return (start + timedelta(days=monthrange(start.year, start.month)[1])).replace(day=1)


def previous_start(period: str, start: date) -> date:
    return period_start(period, start - timedelta(days=1))


def midnight(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=UTC)


def days_in(period: str, start: date) -> int:
    return (period_end(period, start) - start).days


def goal_for(template: Template, period: str, start: date, done_in_window: int) -> int:
    """A little above the player's usual pace (1.2 × their 30-day rate over the period), bounded."""
    low, high = template.goals[period]
    usual = -(-done_in_window * days_in(period, start) * 6 // (WINDOW.days * 5))
    return max(low, min(high, usual))


def reward_for(template: Template, period: str, goal: int, base: tuple[int, int]) -> tuple[int, int]:
    """The base (COIN, XP) of the period, up to doubled for the hardest goal of the template."""
    low, high = template.goals[period]
    span = max(1, high - low)
    coin, xp = base
    return coin + coin * (goal - low) // span, xp + xp * (goal - low) // span


@dataclass(frozen=True)
class Pick:
    template: Template
    goal: int


def _rng(user_id: int, period: str, start: date) -> random.Random:
    seed = hashlib.sha256(f"challenges:{user_id}:{period}:{start.isoformat()}".encode()).digest()
    return random.Random(int.from_bytes(seed[:8], "big"))


def _draw(rng: random.Random, weights: dict[str, float], k: int) -> list[str]:
    """k distinct kinds, weighted, without replacement (Efraimidis–Spirakis keys)."""
    keyed = sorted(
        ((rng.random() ** (1 / w), kind) for kind, w in sorted(weights.items()) if w > 0), reverse=True
    )
    return [kind for _, kind in keyed[:k]]


def choose(user_id: int, period: str, start: date, activity: dict[str, int]) -> list[Pick]:
    """The period's challenges: up to all but one slot from the player's own activities (weighted
    by how often they did each), the rest drawn from every other kind by the default weights."""
    rng = _rng(user_id, period, start)
    count = COUNTS[period]
    done = {kind: n for kind, n in activity.items() if n > 0 and kind in BY_KIND}
    own = _draw(rng, {kind: float(n) for kind, n in done.items()}, count - 1)
    rest = {t.kind: float(t.weight) for t in TEMPLATES if t.kind not in own}
    kinds = own + _draw(rng, rest, count - len(own))
    return [Pick(BY_KIND[k], goal_for(BY_KIND[k], period, start, done.get(k, 0))) for k in kinds]
