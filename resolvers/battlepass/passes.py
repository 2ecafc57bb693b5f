"""Each player's pass in the open season: XP from play, rewards paid once each, premium and skips.

Pass XP is never sent by a client: the durable consumer ``battlepass`` (``award``) reads every
event once (a ``battle_pass_xp`` row per event and player) and adds what its kind is worth, within
the day's cap. Whenever the level rises, or premium is bought, ``_pay_due`` pays every reward the
pass has earned and not been paid: one ``battle_pass_rewards`` row per (level, track) — its primary
key makes a second payment impossible — and one ledger transfer each, from the ``battlepass``
faucet. The player's pass row is locked first, so the consumer and purchases queue.

Buying premium pays the premium rewards of the levels already reached in the same transaction;
buying levels adds ``LEVEL_XP`` per level and pays what the new levels unlock. Both are ledger
movements with idempotency keys; a refusal found before the movement still lets a repeat of the
first (successful) request answer its stored result.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select, update
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.dialect import insert_for
from db.models import Event, Transfer
from db.models.battlepass import BattlePassProgress, BattlePassReward, BattlePassSeason, BattlePassXp
from resolvers import admin, events, ledger, movement, notifications, retention
from resolvers.battlepass import rules, seasons
from resolvers.battlepass.rules import CURRENCY, LEVEL_XP, LEVELS, MAX_XP, Prize, Reward
from resolvers.clock import Clock
from resolvers.errors import DomainError, ErrorCodes
from resolvers.movement import Audit, Effects

ERRORS = ErrorCodes(
    "battlepass",
    "ALREADY_PREMIUM",
    "INVALID_LEVELS",
    "MAX_LEVEL_REACHED",
    uses=(movement.ERRORS, seasons.ERRORS),
)
CONSUMER = "battlepass"
FAUCET = admin.faucet("battlepass")
events.live("wallet", "battlepass.reward", "battlepass.premium", "battlepass.levels")


@dataclass(frozen=True, kw_only=True)
class Pass:
    """What the pass page shows: the season, the player's pass, and the rewards paid."""

    season: BattlePassSeason
    user_id: int
    xp: int
    level: int
    premium: bool
    paid: frozenset[tuple[int, str]]
    premium_price: int
    level_price: int
    replayed: bool = False


@dataclass(frozen=True)
class _At:
    """The consumer's clock: what follows from an event is dated when the event happened."""

    moment: datetime

    def now(self) -> datetime:
        return self.moment


async def view(session: AsyncSession, *, season: BattlePassSeason, user_id: int) -> Pass:
    row = await session.get(BattlePassProgress, (season.id, user_id))
    paid = await session.execute(
        select(col(BattlePassReward.level), col(BattlePassReward.track)).where(
            col(BattlePassReward.season_id) == season.id, col(BattlePassReward.user_id) == user_id
        )
    )
    return Pass(
        season=season,
        user_id=user_id,
        xp=row.xp if row is not None else 0,
        level=row.level if row is not None else 0,
        premium=row.premium if row is not None else False,
        paid=frozenset((int(level), str(track)) for level, track in paid.all()),
        premium_price=await rules.setting(session, "battlepass.premium_price"),
        level_price=await rules.setting(session, "battlepass.level_price"),
    )


async def mine(session: AsyncSession, *, user_id: int, clock: Clock) -> Pass:
    """The player's pass in the open season (the first season starts on first use)."""
    season = await seasons.current(session, clock=clock)
    return await view(session, season=season, user_id=user_id)


async def _locked(session: AsyncSession, season_id: int, user_id: int, clock: Clock) -> BattlePassProgress:
    await session.execute(
        insert_for(session, BattlePassProgress)
        .values(
            season_id=season_id,
            user_id=user_id,
            xp=0,
            level=0,
            premium=False,
            day_xp=0,
            updated_at=clock.now(),
        )
        .on_conflict_do_nothing()
    )
    query = (
        select(BattlePassProgress)
        .where(col(BattlePassProgress.season_id) == season_id, col(BattlePassProgress.user_id) == user_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return (await session.execute(query)).scalar_one()


def _asset(season: BattlePassSeason, prize: Prize) -> str:
    return CURRENCY if prize is Prize.COIN else ledger.item_asset(seasons.item_of(season, prize))


async def _pay_due(
    session: AsyncSession, season: BattlePassSeason, row: BattlePassProgress, old_level: int, clock: Clock
) -> list[Reward]:
    """Pays every reward the (locked) pass has earned and not been paid yet."""
    paid = set(
        (
            await session.execute(
                select(col(BattlePassReward.level), col(BattlePassReward.track)).where(
                    col(BattlePassReward.season_id) == row.season_id,
                    col(BattlePassReward.user_id) == row.user_id,
                )
            )
        ).all()
    )
    owed = [r for r in rules.due(row.level, row.premium) if (r.level, str(r.track)) not in paid]
    if not owed:
        return []
    user_id = row.user_id

    def effects(transfers: list[Transfer]) -> Effects:
        for r, t in zip(owed, transfers, strict=True):
            session.add(
                BattlePassReward(
                    season_id=row.season_id,
                    user_id=user_id,
                    level=r.level,
                    track=str(r.track),
                    asset=t.asset,
                    amount=r.amount,
                    transfer_id=int(t.id or 0),
                    created_at=clock.now(),
                )
            )
        coins = sum(r.amount for r in owed if r.prize is Prize.COIN)
        items = sum(r.amount for r in owed if r.prize is not Prize.COIN)
        levels = sorted({r.level for r in owed})
        data = {
            "season": season.number,
            "level": row.level,
            "from_level": old_level,
            "coins": coins,
            "items": items,
        }
        return Effects(
            events=[
                events.Spec(
                    kind="battlepass.reward",
                    actor_id=user_id,
                    subject=f"battlepass:{season.id}",
                    audience=[user_id],
                    payload={"season_id": season.id, "levels": levels, "coins": coins, "items": items},
                )
            ],
            notes=[
                notifications.Note(
                    user_id=user_id,
                    kind="battlepass.reward",
                    title=f"🎟 Battle pass level {row.level}",
                    body=f"Rewards unlocked: {coins} COIN" + (f" and {items} item(s)" if items else "") + ".",
                    data=data,
                )
            ],
        )

    await movement.move(
        session,
        movement.Movement(
            operation="battlepass.reward",
            actor_id=user_id,
            legs=[
                ledger.Leg(
                    debit=("system", FAUCET),
                    credit=("user", user_id),
                    asset=_asset(season, r.prize),
                    amount=r.amount,
                    kind="battlepass.reward",
                    ref=f"battlepass:{season.id}:{r.level}:{r.track}",
                )
                for r in owed
            ],
        ),
        clock=clock,
        effects=effects,
    )
    await session.flush()
    return owed


async def _gain(
    session: AsyncSession, season: BattlePassSeason, row: BattlePassProgress, xp: int, clock: Clock
) -> list[Reward]:
    old = row.level
    row.xp = min(MAX_XP, row.xp + xp)
    row.level = max(old, rules.level_for(row.xp))
    row.updated_at = clock.now()
    await session.flush()
    return await _pay_due(session, season, row, old, clock) if row.level > old else []


# --- purchases ----------------------------------------------------------------------------------


async def _bought(session: AsyncSession, moved: movement.Moved, user_id: int, clock: Clock) -> Pass:
    season = await session.get(BattlePassSeason, int(moved.result["season_id"]))
    assert season is not None
    return replace(await view(session, season=season, user_id=user_id), replayed=moved.replayed)


async def buy_premium(
    session: AsyncSession, *, actor_id: int, idempotency_key: str | None, clock: Clock
) -> Pass:
    season = await seasons.active(session, clock=clock)
    price = await rules.setting(session, "battlepass.premium_price")
    before = await session.get(BattlePassProgress, (season.id, actor_id))
    already = before is not None and before.premium

    async def effects(transfers: list[Transfer]) -> Effects:
        row = await _locked(session, int(season.id or 0), actor_id, clock)
        if row.premium:
            raise DomainError("ALREADY_PREMIUM", "Your pass is premium already this season.", None)
        row.premium = True
        row.updated_at = clock.now()
        await session.flush()
        paid = await _pay_due(session, season, row, row.level, clock)
        return Effects(
            result={"season_id": season.id},
            events=[
                events.Spec(
                    kind="battlepass.premium",
                    actor_id=actor_id,
                    subject=f"battlepass:{season.id}",
                    audience=[actor_id],
                    payload={"season_id": season.id, "price": price, "rewards": len(paid)},
                )
            ],
            audit=Audit(
                action="battlepass.buy_premium", subject=f"battlepass:{season.id}", data={"price": price}
            ),
        )

    legs = [] if already else [_price_leg(actor_id, price, "battlepass.premium", season)]
    moved = await movement.move(
        session,
        movement.Movement(
            operation="battlepass.buy_premium",
            actor_id=actor_id,
            idempotency_key=idempotency_key,
            params={"season": season.id},
            shortfall_field="idempotencyKey",
            legs=legs,
        ),
        clock=clock,
        effects=effects,
    )
    return await _bought(session, moved, actor_id, clock)


def _price_leg(user_id: int, price: int, kind: str, season: BattlePassSeason) -> ledger.Leg:
    return ledger.Leg(
        debit=("user", user_id),
        credit=("system", FAUCET),
        asset=CURRENCY,
        amount=price,
        kind=kind,
        ref=f"battlepass:{season.id}",
    )


def parse_levels(raw: Any) -> int:
    if isinstance(raw, bool) or not isinstance(raw, int) or not 1 <= raw <= LEVELS:
        raise DomainError("INVALID_LEVELS", f"Buy 1 to {LEVELS} levels.", "levels")
    return raw


async def buy_levels(
    session: AsyncSession, *, actor_id: int, levels: Any, idempotency_key: str | None, clock: Clock
) -> Pass:
    count = parse_levels(levels)
    season = await seasons.active(session, clock=clock)
    price = count * await rules.setting(session, "battlepass.level_price")
    before = await session.get(BattlePassProgress, (season.id, actor_id))
    too_many = (before.level if before is not None else 0) + count > LEVELS

    async def effects(transfers: list[Transfer]) -> Effects:
        row = await _locked(session, int(season.id or 0), actor_id, clock)
        if row.level + count > LEVELS:
            raise DomainError(
                "MAX_LEVEL_REACHED",
                f"Your pass is at level {row.level}: at most {LEVELS - row.level} more can be bought.",
                "levels",
            )
        old = row.level
        target = rules.xp_for_level(old + count) + row.xp % LEVEL_XP
        paid = await _gain(session, season, row, max(0, target - row.xp), clock)
        return Effects(
            result={"season_id": season.id},
            events=[
                events.Spec(
                    kind="battlepass.levels",
                    actor_id=actor_id,
                    subject=f"battlepass:{season.id}",
                    audience=[actor_id],
                    payload={"season_id": season.id, "levels": count, "price": price, "rewards": len(paid)},
                )
            ],
            audit=Audit(
                action="battlepass.buy_levels",
                subject=f"battlepass:{season.id}",
                data={"levels": count, "price": price, "from_level": old},
            ),
        )

    legs = [] if too_many else [_price_leg(actor_id, price, "battlepass.levels", season)]
    moved = await movement.move(
        session,
        movement.Movement(
            operation="battlepass.buy_levels",
            actor_id=actor_id,
            idempotency_key=idempotency_key,
            params={"season": season.id, "levels": count},
            shortfall_field="levels",
            legs=legs,
        ),
        clock=clock,
        effects=effects,
    )
    return await _bought(session, moved, actor_id, clock)


# --- the consumer ---------------------------------------------------------------------------

_RULES_CACHE = "battlepass_rules"


async def award(session: AsyncSession, event: Event) -> None:
    """Adds the pass XP one event is worth (once per event and player); the ``battlepass``
    consumer calls it for every event, in the relay's transaction."""
    cached = session.info.get(_RULES_CACHE)
    if cached is None:
        cached = session.info[_RULES_CACHE] = await rules.xp_rules(session)
    worth = cached.get(event.kind, 0) + rules.reward_xp(event.payload)
    if worth <= 0 or event.kind.startswith("battlepass."):
        return
    players = (
        list(event.audience)
        if event.kind in rules.FOR_AUDIENCE or event.actor_id is None
        else [event.actor_id]
    )
    if not players:
        return
    clock = _At(event.created_at)
    season = await seasons.current(session, clock=clock)
    if not season.starts_at <= event.created_at < season.ends_at:
        return
    cap = await rules.setting(session, "battlepass.daily_cap")
    day = event.created_at.date()
    for user_id in players:
        inserted = await session.execute(
            insert_for(session, BattlePassXp)
            .values(event_id=event.id, user_id=user_id, season_id=season.id, xp=0, created_at=clock.now())
            .on_conflict_do_nothing()
            .returning(col(BattlePassXp.event_id))
        )
        if inserted.scalar_one_or_none() is None:
            continue
        row = await _locked(session, int(season.id or 0), user_id, clock)
        if row.day != day:
            row.day, row.day_xp = day, 0
        gained = max(0, min(worth, cap - row.day_xp))
        if gained == 0:
            continue
        row.day_xp += gained
        await session.execute(
            update(BattlePassXp)
            .where(col(BattlePassXp.event_id) == event.id, col(BattlePassXp.user_id) == user_id)
            .values(xp=gained)
        )
        await _gain(session, season, row, gained, clock)


@retention.rule("battlepass.xp", keep=timedelta(days=120))
async def _prune_xp(session: AsyncSession, cutoff: datetime) -> int:
    result = await session.execute(delete(BattlePassXp).where(col(BattlePassXp.created_at) < cutoff))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
