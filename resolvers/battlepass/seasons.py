"""Seasons: the first starts on first use (or by the ``season_end`` job); each lasts ``SEASON``.

A season is open until ``season_end`` archives it, after its end: the players' final levels stay in
``battle_pass_progress``, and the next season starts where the last one ended (or now, when the
job ran more than a season late). The archive is one conditional update, so a repeated or
concurrent run archives and starts once. Each season mints three items of its own (the badge, the
token and the crown of its reward tracks), never on sale.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, update
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.dialect import insert_for
from db.models import Item
from db.models.battlepass import BattlePassProgress, BattlePassSeason
from resolvers import events, ledger, notifications
from resolvers.battlepass.rules import CURRENCY, SEASON, Prize
from resolvers.clock import Clock
from resolvers.errors import DomainError, ErrorCodes

ERRORS = ErrorCodes("battlepass", "NO_ACTIVE_SEASON")

ITEMS = {
    Prize.BADGE: ("badge", "A free-track badge of battle pass season {n}."),
    Prize.TOKEN: ("token", "A premium-track token of battle pass season {n}."),
    Prize.CROWN: ("crown", "The level-100 premium crown of battle pass season {n}."),
}


def item_of(season: BattlePassSeason, prize: Prize) -> int:
    return {
        Prize.BADGE: season.badge_item_id,
        Prize.TOKEN: season.token_item_id,
        Prize.CROWN: season.crown_item_id,
    }[prize]


async def open_season(session: AsyncSession) -> BattlePassSeason | None:
    """The season not archived yet (its end may have passed: the job archives it)."""
    query = select(BattlePassSeason).where(col(BattlePassSeason.archived_at).is_(None))
    return (await session.execute(query.order_by(col(BattlePassSeason.number).desc()).limit(1))).scalar()


async def current(session: AsyncSession, *, clock: Clock) -> BattlePassSeason:
    """The open season, started now when there has never been one."""
    found = await open_season(session)
    if found is not None:
        return found
    latest = (await session.execute(select(func.max(col(BattlePassSeason.number))))).scalar()
    if latest is None:
        await _start(session, number=1, at=clock.now(), clock=clock)
    found = await open_season(session)
    assert found is not None
    return found


async def active(session: AsyncSession, *, clock: Clock) -> BattlePassSeason:
    """The season one may buy in: open and not past its end."""
    season = await current(session, clock=clock)
    if season.ends_at <= clock.now():
        raise DomainError("NO_ACTIVE_SEASON", "The season has ended; the next one starts in a moment.", None)
    return season


async def _item(session: AsyncSession, prize: Prize, number: int, at: datetime) -> int:
    word, text = ITEMS[prize]
    item = Item(
        name=f"Season {number} {word}",
        description=text.format(n=number),
        price=0,
        currency=CURRENCY,
        active=False,
        tradeable=True,
        created_at=at,
        updated_at=at,
    )
    session.add(item)
    await session.flush()
    assert item.id is not None
    await ledger.ensure_asset(session, ledger.item_asset(item.id), kind="item", name=item.name)
    return item.id


async def _start(session: AsyncSession, *, number: int, at: datetime, clock: Clock) -> bool:
    """Starts season ``number`` at ``at``; False when it exists already (a concurrent start)."""
    items = {prize: await _item(session, prize, number, at) for prize in ITEMS}
    stmt = insert_for(session, BattlePassSeason).values(
        number=number,
        starts_at=at,
        ends_at=at + SEASON,
        badge_item_id=items[Prize.BADGE],
        token_item_id=items[Prize.TOKEN],
        crown_item_id=items[Prize.CROWN],
        created_at=clock.now(),
    )
    started = await session.execute(stmt.on_conflict_do_nothing().returning(col(BattlePassSeason.id)))
    season_id = started.scalar_one_or_none()
    if season_id is None:
        return False
    await events.append(
        session,
        kind="battlepass.season_started",
        clock=clock,
        subject=f"battlepass:{season_id}",
        payload={"season_id": season_id, "number": number},
    )
    return True


@dataclass(frozen=True, kw_only=True)
class RolledOver:
    archived: int = 0
    started: int = 0
    players: int = 0


async def roll_over(session: AsyncSession, *, clock: Clock) -> RolledOver:
    """The ``season_end`` reconciler: archives an open season past its end and starts the next."""
    now = clock.now()
    season = await open_season(session)
    if season is None:
        latest = (await session.execute(select(func.max(col(BattlePassSeason.number))))).scalar()
        started = await _start(session, number=(latest or 0) + 1, at=now, clock=clock)
        return RolledOver(started=int(started))
    if season.ends_at > now:
        return RolledOver()
    archived = await session.execute(
        update(BattlePassSeason)
        .where(col(BattlePassSeason.id) == season.id, col(BattlePassSeason.archived_at).is_(None))
        .values(archived_at=now)
        .returning(col(BattlePassSeason.id))
    )
    if archived.scalar_one_or_none() is None:
        return RolledOver()
    finals = (
        (
            await session.execute(
                select(BattlePassProgress).where(col(BattlePassProgress.season_id) == season.id)
            )
        )
        .scalars()
        .all()
    )
    notes = [
        notifications.Note(
            user_id=p.user_id,
            kind="battlepass.season_ended",
            title=f"🏁 Season {season.number} ended",
            body=f"You finished battle pass season {season.number} at level {p.level}.",
            data={"season": season.number, "level": p.level},
        )
        for p in finals
    ]
    if notes:
        created = await notifications.create_many(session, notes, clock=clock)
        await events.append_many(session, created, clock=clock)
    start = season.ends_at if now < season.ends_at + SEASON else now
    started = await _start(session, number=season.number + 1, at=start, clock=clock)
    return RolledOver(archived=1, started=int(started), players=len(finals))


async def history(
    session: AsyncSession, *, user_id: int
) -> list[tuple[BattlePassSeason, BattlePassProgress]]:
    """The player's passes of archived seasons, newest first."""
    rows = await session.execute(
        select(BattlePassSeason, BattlePassProgress)
        .join(BattlePassProgress, col(BattlePassProgress.season_id) == col(BattlePassSeason.id))
        .where(col(BattlePassProgress.user_id) == user_id, col(BattlePassSeason.archived_at).is_not(None))
        .order_by(col(BattlePassSeason.number).desc())
    )
    return [(s, p) for s, p in rows.tuples().all()]
