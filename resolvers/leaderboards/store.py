"""The SQL store: scores computed from the ledger, used in the embedded and the scaled mode.

``coins`` ALL_TIME is the COIN a player holds now (their account's balance). ``coins`` for a
period is the COIN credited to the player's account within it (UTC), except what comes back to
them from an escrow or a deposit of their own (``RETURN_KINDS``: a refunded bid, an unsold lot, a
cancelled trade offer, a deposit's principal). Only players with a positive score are ranked.
Equal scores are ordered by user id (the older account first), so ranks are unique.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import BigInteger, ColumnElement, Select, and_, cast, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from db.models.ledger import Account, Transfer

ASSET = "COIN"
RETURN_KINDS = (
    "auction_refund",
    "auction_return",
    "trade_return",
    "bank.withdrawal",
    "bank.matured",
)


@dataclass(frozen=True)
class Standing:
    rank: int
    user_id: int
    score: int
    previous_rank: int | None = None


def _scores(span: tuple[datetime, datetime] | None) -> Select[int, int]:
    user = cast(col(Account.owner_id), BigInteger)
    base = (col(Account.owner_kind) == "user", col(Account.asset) == ASSET)
    if span is None:
        return select(user.label("user_id"), col(Account.balance).label("score")).where(
            *base, col(Account.balance) > 0
        )
    total = func.sum(col(Transfer.amount))
    return (
        select(user.label("user_id"), total.label("score"))
        .join(Transfer, col(Transfer.credit_account) == col(Account.id))
        .where(
            *base,
            col(Transfer.asset) == ASSET,
            col(Transfer.created_at) >= span[0],
            col(Transfer.created_at) < span[1],
            col(Transfer.kind).not_in(RETURN_KINDS),
        )
        .group_by(col(Account.owner_id))
    )


async def top(
    session: AsyncSession, span: tuple[datetime, datetime] | None, *, limit: int, offset: int = 0
) -> list[Standing]:
    scores = _scores(span).subquery()
    rows = await session.execute(
        select(scores.c.user_id, scores.c.score)
        .where(scores.c.score > 0)
        .order_by(scores.c.score.desc(), scores.c.user_id)
        .offset(offset)
        .limit(limit)
    )
    ranked = enumerate(rows.all(), start=offset + 1)
    return [Standing(rank=n, user_id=int(u), score=int(s)) for n, (u, s) in ranked]


async def standing_of(
    session: AsyncSession, span: tuple[datetime, datetime] | None, user_id: int
) -> Standing | None:
    scores = _scores(span).subquery()
    mine = (
        await session.execute(select(scores.c.score).where(scores.c.user_id == user_id))
    ).scalar_one_or_none()
    if mine is None or int(mine) <= 0:
        return None
    ahead: ColumnElement[bool] = or_(
        scores.c.score > mine, and_(scores.c.score == mine, scores.c.user_id < user_id)
    )
    count = (await session.execute(select(func.count()).select_from(scores).where(ahead))).scalar_one()
    return Standing(rank=int(count) + 1, user_id=user_id, score=int(mine))


async def ranks_of(
    session: AsyncSession, span: tuple[datetime, datetime] | None, user_ids: Collection[int]
) -> dict[int, int]:
    """The ranks these players held over ``span`` (those who were ranked)."""
    if not user_ids:
        return {}
    scores = _scores(span).subquery()
    order = func.row_number().over(order_by=(scores.c.score.desc(), scores.c.user_id))
    ranked = select(scores.c.user_id, order.label("rank")).where(scores.c.score > 0).subquery()
    rows = await session.execute(
        select(ranked.c.user_id, ranked.c.rank).where(ranked.c.user_id.in_(sorted(user_ids)))
    )
    return {int(u): int(r) for u, r in rows.all()}
