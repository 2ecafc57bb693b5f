"""Referral rewards: the referrer is paid when the referred player reaches level 10.

The durable consumer ``referrals`` (``handle``) reads every event once:

- ``progression.level_up`` to the qualifying level or past it qualifies a pending referral: the
  referrer is paid ``referrals.reward`` COIN from the ``referrals`` faucet, and the milestone
  bonuses at 5, 10, 25 and 50 qualified referrals follow (each paid once, keyed by its number);
- a payment or gift from the referred player to the referrer within ``VALUE_BACK_WINDOW`` of the
  link (value passed straight back) holds a pending referral for a moderator.

A referral is paid once: its row is locked and only a pending one becomes qualified. A moderator
approves a held referral (paid at once if the level was reached meanwhile, never held again) or
rejects it (never paid).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.models import Event, Transfer, User
from db.models.referrals import Referral, ReferralMilestone
from resolvers import audit, events, ledger, movement, notifications
from resolvers.clock import Clock
from resolvers.errors import DomainError, ErrorCodes
from resolvers.ids import to_id
from resolvers.movement import Audit, Effects
from resolvers.referrals import common

ERRORS = ErrorCodes(
    "referrals.rewards", "UNKNOWN_REFERRAL", "NOT_HELD", "INVALID_REASON", uses=(movement.ERRORS,)
)

CONSUMER = "referrals"
LEVEL_UP = "progression.level_up"
VALUE_KINDS = frozenset({"wallet.transfer", "gift.sent"})
MAX_REASON = 280


async def _locked(session: AsyncSession, *conditions: object) -> Referral | None:
    query = select(Referral).where(*conditions).with_for_update().execution_options(populate_existing=True)  # type: ignore[arg-type]
    return (await session.execute(query)).scalar_one_or_none()


async def _name(session: AsyncSession, user_id: int) -> str:
    user = await session.get(User, user_id)
    return user.username if user is not None else f"#{user_id}"


async def handle(session: AsyncSession, event: Event) -> None:
    """What one event means for referrals (the ``referrals`` consumer; idempotent by event)."""
    if event.kind == LEVEL_UP and event.actor_id is not None:
        level = event.payload.get("level") if isinstance(event.payload, dict) else None
        if isinstance(level, int) and level >= common.QUALIFYING_LEVEL:
            await reached(session, referred_id=event.actor_id, clock=common.At(event.created_at))
    elif event.kind in VALUE_KINDS and event.actor_id is not None:
        others = [u for u in event.audience if u != event.actor_id]
        if others:
            await _value_back(session, event, others[0])


async def reached(session: AsyncSession, *, referred_id: int, clock: Clock) -> None:
    row = await _locked(session, col(Referral.referred_id) == referred_id)
    if row is None:
        return
    if row.reached_at is None:
        row.reached_at = clock.now()
        row.updated_at = clock.now()
    if row.status == common.PENDING:
        await pay(session, row, clock=clock)


async def _value_back(session: AsyncSession, event: Event, recipient: int) -> None:
    row = await _locked(
        session, col(Referral.referred_id) == event.actor_id, col(Referral.referrer_id) == recipient
    )
    if row is None or row.status != common.PENDING or row.cleared:
        return
    if event.created_at - row.created_at > common.VALUE_BACK_WINDOW:
        return
    row.status, row.hold_reason, row.updated_at = common.HELD, common.VALUE_BACK, event.created_at
    await session.flush()
    clock = common.At(event.created_at)
    name = await _name(session, row.referred_id)
    await _tell(
        session,
        row,
        kind="referral.held",
        title=f"⏸ {name}",
        body=f"The referral of {name} waits for a moderator's review.",
        data={"reason": common.VALUE_BACK, "username": name},
        clock=clock,
    )
    await notifications.notify_admins(
        session,
        kind="referral.review",
        title=f"⏸ Referral #{row.id} to review",
        body=f"{name} joined with a referral code; held: value went back.",
        data={"referral_id": row.id, "username": name, "reason": common.VALUE_BACK},
        clock=clock,
        moderators=True,
    )


async def _tell(
    session: AsyncSession,
    row: Referral,
    *,
    kind: str,
    title: str,
    body: str,
    data: dict[str, object],
    clock: Clock,
) -> None:
    note = notifications.Note(
        user_id=row.referrer_id, kind=kind, title=title, body=body, data=data | {"referral_id": row.id}
    )
    created = await notifications.create_many(session, [note], clock=clock)
    spec = events.Spec(
        kind=kind,
        subject=f"referral:{row.id}",
        audience=[row.referrer_id, row.referred_id],
        payload={"referral_id": row.id, "status": row.status},
    )
    await events.append_many(session, [spec, *created], clock=clock)


async def pay(session: AsyncSession, row: Referral, *, clock: Clock) -> None:
    """Qualifies a locked pending referral: pays the referrer, then any milestone now reached."""
    amount = await common.setting(session, common.REWARD_KEY, common.REWARD)
    name = await _name(session, row.referred_id)

    def effects(transfers: list[Transfer]) -> Effects:
        row.status, row.qualified_at, row.updated_at = common.QUALIFIED, clock.now(), clock.now()
        row.reward = amount
        row.transfer_id = int(transfers[0].id or 0) if transfers else None
        data = {"referral_id": row.id, "username": name, "amount": amount}
        return Effects(
            result=data,
            events=[
                events.Spec(
                    kind="referral.qualified",
                    subject=f"referral:{row.id}",
                    audience=[row.referrer_id, row.referred_id],
                    payload={"referral_id": row.id, "amount": amount},
                )
            ],
            notes=[
                notifications.Note(
                    user_id=row.referrer_id,
                    kind="referral.qualified",
                    title=f"+{amount} {common.CURRENCY}",
                    body=f"{name} reached level {common.QUALIFYING_LEVEL}: your referral reward.",
                    data=data,
                )
            ],
            audit=Audit(action="referral.reward", subject=f"referral:{row.id}", data=data),
        )

    await movement.move(
        session,
        movement.Movement(
            operation="referral.reward",
            actor_id=None,
            legs=_legs(row.referrer_id, amount, f"Referral reward: {name}"),
        ),
        clock=clock,
        effects=effects,
    )
    await session.flush()
    await _milestones(session, row.referrer_id, clock=clock)


def _legs(user_id: int, amount: int, memo: str) -> list[ledger.Leg]:
    if amount <= 0:
        return []
    return [
        ledger.Leg(
            debit=common.FAUCET,
            credit=("user", user_id),
            asset=common.CURRENCY,
            amount=amount,
            kind="referral",
            memo=memo,
        )
    ]


async def qualified_count(session: AsyncSession, referrer_id: int) -> int:
    query = select(func.count()).where(
        col(Referral.referrer_id) == referrer_id, col(Referral.status) == common.QUALIFIED
    )
    return int((await session.execute(query)).scalar_one())


async def _milestones(session: AsyncSession, referrer_id: int, *, clock: Clock) -> None:
    count = await qualified_count(session, referrer_id)
    for milestone, bonus in sorted(common.MILESTONES.items()):
        if milestone > count or await session.get(ReferralMilestone, (referrer_id, milestone)) is not None:
            continue

        def effects(transfers: list[Transfer], milestone: int = milestone, bonus: int = bonus) -> Effects:
            session.add(
                ReferralMilestone(
                    referrer_id=referrer_id,
                    milestone=milestone,
                    amount=bonus,
                    transfer_id=int(transfers[0].id or 0) if transfers else 0,
                    created_at=clock.now(),
                )
            )
            data = {"milestone": milestone, "amount": bonus}
            return Effects(
                result=data,
                events=[
                    events.Spec(
                        kind="referral.milestone",
                        subject=f"user:{referrer_id}",
                        audience=[referrer_id],
                        payload=data,
                    )
                ],
                notes=[
                    notifications.Note(
                        user_id=referrer_id,
                        kind="referral.milestone",
                        title=f"🏆 {milestone}",
                        body=f"{milestone} qualified referrals: +{bonus} {common.CURRENCY} bonus.",
                        data=data,
                    )
                ],
                audit=Audit(action="referral.milestone", subject=f"user:{referrer_id}", data=data),
            )

        await movement.move(
            session,
            movement.Movement(
                operation="referral.milestone",
                actor_id=None,
                legs=_legs(referrer_id, bonus, f"Referral milestone: {milestone}"),
            ),
            clock=clock,
            effects=effects,
        )
        await session.flush()


async def review(
    session: AsyncSession,
    *,
    actor_id: int,
    referral_id: object,
    approve: bool,
    reason: str | None,
    clock: Clock,
) -> Referral:
    """A moderator approves (pending again, or paid if the level was reached) or rejects a held one."""
    ident = to_id(referral_id)
    row = await _locked(session, col(Referral.id) == ident) if ident is not None else None
    if row is None:
        raise DomainError("UNKNOWN_REFERRAL", "No such referral.", "referralId")
    if row.status != common.HELD:
        raise DomainError("NOT_HELD", "Only a held referral is reviewed.", "referralId")
    reason = (reason or "").strip() or None
    if reason is not None and len(reason) > MAX_REASON:
        raise DomainError("INVALID_REASON", f"A reason is at most {MAX_REASON} characters.", "reason")
    row.reviewed_by, row.review_reason, row.cleared = actor_id, reason, True
    row.status = common.PENDING if approve else common.REJECTED
    row.updated_at = clock.now()
    await session.flush()
    name = await _name(session, row.referred_id)
    verdict = "approved" if approve else "rejected"
    await _tell(
        session,
        row,
        kind=f"referral.{verdict}",
        title=f"{'✅' if approve else '❌'} {name}",
        body=f"A moderator {verdict} the referral of {name}" + (f": {reason}" if reason else "."),
        data={"username": name, "reason": reason},
        clock=clock,
    )
    await audit.append(
        session,
        action="referral.review",
        clock=clock,
        actor_id=actor_id,
        subject=f"referral:{row.id}",
        data={"approve": approve, "reason": reason},
    )
    if approve and row.reached_at is not None:
        await pay(session, row, clock=clock)
    return row


@dataclass(frozen=True, kw_only=True)
class Milestone:
    count: int
    bonus: int
    reached: bool


@dataclass(frozen=True, kw_only=True)
class Stats:
    pending: int
    qualified: int
    held: int
    rejected: int
    earned: int
    reward: int
    milestones: list[Milestone]


async def stats(session: AsyncSession, *, user_id: int) -> Stats:
    rows = await session.execute(
        select(col(Referral.status), func.count(), func.coalesce(func.sum(col(Referral.reward)), 0))
        .where(col(Referral.referrer_id) == user_id)
        .group_by(col(Referral.status))
    )
    counts: dict[str, int] = {}
    earned = 0
    for status, count, reward in rows.all():
        counts[status] = int(count)
        earned += int(reward)
    paid = await session.execute(
        select(col(ReferralMilestone.milestone), col(ReferralMilestone.amount)).where(
            col(ReferralMilestone.referrer_id) == user_id
        )
    )
    reached = {int(m): int(a) for m, a in paid.all()}
    earned += sum(reached.values())
    return Stats(
        pending=counts.get(common.PENDING, 0),
        qualified=counts.get(common.QUALIFIED, 0),
        held=counts.get(common.HELD, 0),
        rejected=counts.get(common.REJECTED, 0),
        earned=earned,
        reward=await common.setting(session, common.REWARD_KEY, common.REWARD),
        milestones=[
            Milestone(count=m, bonus=b, reached=m in reached) for m, b in sorted(common.MILESTONES.items())
        ],
    )
