"""Trading: offers of currency and items on both sides, between two players.

Making an offer moves what the sender gives into the ``escrow:trades`` account (one operation with
the offer's row). The recipient accepts (one operation: the escrow goes to the recipient, what the
sender wants goes from the recipient to the sender, each currency amount less a 5% fee, rounded up,
paid to ``fees``), declines or counters (a new offer the other way; the old one is COUNTERED); the
sender cancels; the ``trade_expire`` job expires offers after 72 hours. Every way out of OPEN is one
conditional update of the offer's status, so of concurrent ones exactly one wins, and every one but
accepting returns the escrow to the sender.

Scam check: each side's market value (``resolvers.market_value``); an offer where one side is worth
under 10% of the other is ``lopsided`` (shown to the recipient) and gets a ``trade_flags`` row; three
such offers towards one account within 24 hours raise a ``trade_alerts`` row for moderators.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import func, or_, select, update
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

import resolvers.trading_texts  # noqa: F401  (defines this domain's notification texts)
from db.dialect import insert_for
from db.models import Item, Transfer, User
from db.models.trading import TradeAlert, TradeFlag, TradeOffer
from resolvers import events, friends, ledger, market_value, movement, notifications
from resolvers.clock import Clock
from resolvers.errors import DomainError, ErrorCodes
from resolvers.ids import to_id
from resolvers.movement import Audit, Effects

ERRORS = ErrorCodes(
    "trading",
    "BLOCKED",
    "EMPTY_OFFER",
    "INVALID_GOOD",
    "INVALID_MESSAGE",
    "NOT_RECIPIENT",
    "NOT_SENDER",
    "NOT_TRADEABLE",
    "OFFER_CLOSED",
    "OFFER_EXPIRED",
    "SELF_TRADE",
    "TOO_MANY_GOODS",
    "UNKNOWN_ITEM",
    "UNKNOWN_OFFER",
    "UNKNOWN_USER",
    uses=(movement.ERRORS,),
)
KINDS = ("offered", "accepted", "declined", "cancelled", "expired", "countered")
events.live("wallet", *(f"trade.{kind}" for kind in KINDS))

OPEN, ACCEPTED, DECLINED, CANCELLED, EXPIRED, COUNTERED = (
    "OPEN",
    "ACCEPTED",
    "DECLINED",
    "CANCELLED",
    "EXPIRED",
    "COUNTERED",
)
ESCROW = f"{ledger.ESCROW_PREFIX}trades"
LIFETIME = timedelta(hours=72)
HISTORY = timedelta(days=30)
FEE_PERCENT = 5
MAX_GOODS = 10
MAX_MESSAGE = 280
LOPSIDED_PERCENT = 10
ALERT_WINDOW = timedelta(hours=24)
ALERT_FLAGS = 3
DUE_BATCH = 200

Good = dict[str, Any]
"""``{"asset": "COIN" | "item:<id>", "amount": n}``."""


@dataclass(frozen=True, kw_only=True)
class Outcome:
    offer: TradeOffer
    replayed: bool = False


def fee(asset: str, amount: int) -> int:
    """5% of a currency amount, rounded up to a whole unit; items pay none."""
    return 0 if asset.startswith(market_value.ITEM_PREFIX) else -(-amount * FEE_PERCENT // 100)


async def create(
    session: AsyncSession,
    *,
    actor_id: int,
    to_user_id: Any,
    give: Sequence[Mapping[str, Any]],
    want: Sequence[Mapping[str, Any]],
    message: str | None,
    idempotency_key: str | None,
    clock: Clock,
    actor_name: str | None = None,
) -> Outcome:
    target = to_id(to_user_id)
    if target is None or await session.get(User, target) is None:
        raise DomainError("UNKNOWN_USER", "No such user.", "toUserId")
    if target == actor_id:
        raise DomainError("SELF_TRADE", "You cannot trade with yourself.", "toUserId")
    if await friends.is_blocked(session, target, actor_id):
        raise DomainError("BLOCKED", "This player does not accept offers from you.", "toUserId")
    offered, wanted = await _goods(session, give, "give"), await _goods(session, want, "want")
    _check_terms(offered, wanted)
    text = _message(message)
    moved = await movement.move(
        session,
        movement.Movement(
            operation="trade.offer",
            actor_id=actor_id,
            idempotency_key=idempotency_key,
            params={"to": target, "give": offered, "want": wanted, "message": text},
            legs=_escrow_legs(actor_id, offered),
            shortfall_field="give",
            unknown_field="toUserId",
        ),
        clock=clock,
        effects=lambda transfers: _offered(
            session,
            transfers,
            sender=(actor_id, actor_name),
            recipient=target,
            give=offered,
            want=wanted,
            message=text,
            clock=clock,
        ),
    )
    return await _outcome(session, moved)


async def counter(
    session: AsyncSession,
    *,
    actor_id: int,
    offer_id: Any,
    give: Sequence[Mapping[str, Any]],
    want: Sequence[Mapping[str, Any]],
    message: str | None,
    idempotency_key: str | None,
    clock: Clock,
    actor_name: str | None = None,
) -> Outcome:
    """The recipient answers with a new offer the other way: the old one is COUNTERED and its escrow
    returns to its sender, in the same operation that escrows the new offer's goods."""
    old = await _locked(session, actor_id, offer_id)
    if old.recipient_id != actor_id:
        raise DomainError("NOT_RECIPIENT", "Only the offer's recipient may counter it.", "offerId")
    if idempotency_key is None:
        _require_open(old, clock, live=True)
    offered, wanted = await _goods(session, give, "give"), await _goods(session, want, "want")
    _check_terms(offered, wanted)
    text = _message(message)
    ident = int(old.id or 0)

    async def effects(transfers: list[Transfer]) -> Effects:
        await _close(session, old, COUNTERED, clock, live=True)
        done = await _offered(
            session,
            transfers,
            sender=(actor_id, actor_name),
            recipient=old.sender_id,
            give=offered,
            want=wanted,
            message=text,
            clock=clock,
            counter_of=ident,
        )
        new_id = done.result["offer_id"]
        return Effects(
            result=done.result,
            events=[*done.events, _event("countered", old, actor_id, {"counter_id": new_id})],
            notes=[n for n in done.notes if n.kind != "trade.offered"]
            + [_note(old, "countered", actor_name, {"counter_id": new_id})],
            audit=Audit(action="trade.counter", subject=f"trade:{ident}", data={"counter": new_id}),
        )

    moved = await movement.move(
        session,
        movement.Movement(
            operation="trade.counter",
            actor_id=actor_id,
            idempotency_key=idempotency_key,
            params={"offer": ident, "give": offered, "want": wanted, "message": text},
            legs=_return_legs(old) + _escrow_legs(actor_id, offered),
            shortfall_field="give",
        ),
        clock=clock,
        effects=effects,
    )
    return await _outcome(session, moved)


async def accept(
    session: AsyncSession, *, actor_id: int, offer_id: Any, clock: Clock, actor_name: str | None = None
) -> Outcome:
    """One operation: both sides swap, each currency amount less its fee (paid to ``fees``)."""
    offer = await _locked(session, actor_id, offer_id)
    if offer.recipient_id != actor_id:
        raise DomainError("NOT_RECIPIENT", "Only the offer's recipient may accept it.", "offerId")
    await _close(session, offer, ACCEPTED, clock, live=True)
    ident, sender = int(offer.id or 0), offer.sender_id
    ref = f"trade:{ident}"
    legs: list[ledger.Leg] = []
    for payer, payee, goods in (
        (("system", ESCROW), ("user", actor_id), offer.give),
        (("user", actor_id), ("user", sender), offer.want),
    ):
        for good in goods:
            asset, amount = good["asset"], int(good["amount"])
            cut = fee(asset, amount)
            if amount > cut:
                legs.append(
                    ledger.Leg(
                        debit=payer, credit=payee, asset=asset, amount=amount - cut, kind="trade", ref=ref
                    )
                )
            if cut:
                legs.append(
                    ledger.Leg(
                        debit=payer,
                        credit=("system", ledger.FEES),
                        asset=asset,
                        amount=cut,
                        kind="trade_fee",
                        ref=ref,
                    )
                )
    await movement.move(
        session,
        movement.Movement(
            operation="trade.accept",
            actor_id=actor_id,
            params={"offer": ident},
            legs=legs,
            shortfall_field="want",
            unknown_field="offerId",
        ),
        clock=clock,
        effects=lambda transfers: _closed_effects(offer, "accepted", actor_id, actor_name, transfers),
    )
    return Outcome(offer=offer)


async def decline(
    session: AsyncSession, *, actor_id: int, offer_id: Any, clock: Clock, actor_name: str | None = None
) -> Outcome:
    offer = await _locked(session, actor_id, offer_id)
    if offer.recipient_id != actor_id:
        raise DomainError("NOT_RECIPIENT", "Only the offer's recipient may decline it.", "offerId")
    return await _release(session, offer, DECLINED, actor_id=actor_id, actor_name=actor_name, clock=clock)


async def cancel(
    session: AsyncSession, *, actor_id: int, offer_id: Any, clock: Clock, actor_name: str | None = None
) -> Outcome:
    offer = await _locked(session, actor_id, offer_id)
    if offer.sender_id != actor_id:
        raise DomainError("NOT_SENDER", "Only the offer's sender may cancel it.", "offerId")
    return await _release(session, offer, CANCELLED, actor_id=actor_id, actor_name=actor_name, clock=clock)


async def due(session: AsyncSession, *, clock: Clock, limit: int | None = None) -> list[int]:
    """Open offers past their expiry, oldest first."""
    rows = await session.execute(
        select(col(TradeOffer.id))
        .where(col(TradeOffer.status) == OPEN, col(TradeOffer.expires_at) <= clock.now())
        .order_by(col(TradeOffer.id))
        .limit(limit or DUE_BATCH)
    )
    return [int(ident) for ident in rows.scalars().all()]


async def expire(session: AsyncSession, *, offer_id: int, clock: Clock) -> bool:
    """Expires one offer past its time and returns its escrow; False when it is no longer open
    (accepted, cancelled or expired meanwhile) or not yet due."""
    offer = (
        await session.execute(
            select(TradeOffer)
            .where(col(TradeOffer.id) == offer_id)
            .with_for_update()
            .execution_options(populate_existing=True)
        )
    ).scalar_one_or_none()
    if offer is None or offer.status != OPEN or offer.expires_at > clock.now():
        return False
    await _release(session, offer, EXPIRED, actor_id=None, actor_name=None, clock=clock)
    return True


async def of_user(
    session: AsyncSession,
    *,
    user_id: int,
    after: int | None,
    limit: int,
    clock: Clock,
    status: str | None = None,
) -> list[TradeOffer]:
    """The viewer's offers, sent and received, newest first: open ones and those closed within 30
    days (``limit + 1`` rows for paging)."""
    query = select(TradeOffer).where(
        or_(col(TradeOffer.sender_id) == user_id, col(TradeOffer.recipient_id) == user_id),
        or_(col(TradeOffer.status) == OPEN, col(TradeOffer.closed_at) >= clock.now() - HISTORY),
    )
    if status is not None:
        query = query.where(col(TradeOffer.status) == status)
    if after is not None:
        query = query.where(col(TradeOffer.id) < after)
    rows = await session.execute(query.order_by(col(TradeOffer.id).desc()).limit(limit + 1))
    return list(rows.scalars().all())


# --- the steps ------------------------------------------------------------------------------


async def _goods(session: AsyncSession, raw: Sequence[Mapping[str, Any]], side: str) -> list[Good]:
    """One side's goods, checked and merged per asset, in asset order."""
    if len(raw) > MAX_GOODS:
        raise DomainError("TOO_MANY_GOODS", f"At most {MAX_GOODS} goods on each side.", side)
    totals: dict[str, int] = {}
    for good in raw:
        currency, item_id = good.get("currency"), good.get("item_id")
        if (currency is None) == (item_id is None):
            raise DomainError("INVALID_GOOD", "Each good is either a currency or an item, not both.", side)
        amount = ledger.parse_amount(good.get("amount"), field=side)
        if currency is not None:
            asset = await ledger.require_currency(session, str(currency), field=side)
        else:
            ident = to_id(item_id)
            item = await session.get(Item, ident) if ident is not None else None
            if item is None:
                raise DomainError("UNKNOWN_ITEM", "No such item.", side)
            if not item.tradeable:
                raise DomainError("NOT_TRADEABLE", f"{item.name} cannot be traded.", side)
            asset = ledger.item_asset(int(ident or 0))
        totals[asset] = totals.get(asset, 0) + amount
        if totals[asset] > ledger.MAX_AMOUNT:
            raise DomainError("AMOUNT_TOO_LARGE", f"Amount must be at most {ledger.MAX_AMOUNT}.", side)
    return [{"asset": asset, "amount": totals[asset]} for asset in sorted(totals)]


def _check_terms(give: list[Good], want: list[Good]) -> None:
    if not give and not want:
        raise DomainError("EMPTY_OFFER", "Offer or ask for at least one thing.", "give")
    both = {g["asset"] for g in give} & {g["asset"] for g in want}
    if both:
        raise DomainError("INVALID_GOOD", "The same currency or item cannot be on both sides.", "want")


def _message(message: str | None) -> str | None:
    text = (message or "").strip() or None
    if text is not None and len(text) > MAX_MESSAGE:
        raise DomainError("INVALID_MESSAGE", f"A message is at most {MAX_MESSAGE} characters.", "message")
    return text


def _escrow_legs(sender: int, give: list[Good]) -> list[ledger.Leg]:
    return [
        ledger.Leg(
            debit=("user", sender),
            credit=("system", ESCROW),
            asset=g["asset"],
            amount=g["amount"],
            kind="trade_escrow",
        )
        for g in give
    ]


def _return_legs(offer: TradeOffer) -> list[ledger.Leg]:
    return [
        ledger.Leg(
            debit=("system", ESCROW),
            credit=("user", offer.sender_id),
            asset=g["asset"],
            amount=int(g["amount"]),
            kind="trade_return",
            ref=f"trade:{offer.id}",
        )
        for g in offer.give
    ]


async def _offered(
    session: AsyncSession,
    transfers: list[Transfer],
    *,
    sender: tuple[int, str | None],
    recipient: int,
    give: list[Good],
    want: list[Good],
    message: str | None,
    clock: Clock,
    counter_of: int | None = None,
) -> Effects:
    """Writes the offer (and its scam flag) once its escrow moved; the offer's events and note."""
    sender_id, sender_name = sender
    give_value = await market_value.value_of(session, ((g["asset"], g["amount"]) for g in give))
    want_value = await market_value.value_of(session, ((g["asset"], g["amount"]) for g in want))
    now = clock.now()
    offer = TradeOffer(
        sender_id=sender_id,
        recipient_id=recipient,
        status=OPEN,
        give=give,
        want=want,
        message=message,
        give_value=give_value,
        want_value=want_value,
        lopsided=market_value.lopsided(give_value, want_value, ratio_percent=LOPSIDED_PERCENT),
        counter_of=counter_of,
        created_at=now,
        expires_at=now + LIFETIME,
    )
    session.add(offer)
    await session.flush()
    if offer.lopsided:
        await _flag(session, offer, clock)
    ident = int(offer.id or 0)
    payload = {"offer_id": ident} | ({"transfer_id": transfers[0].id} if transfers else {})
    return Effects(
        result={"offer_id": ident},
        events=[
            events.Spec(
                kind="trade.offered",
                actor_id=sender_id,
                subject=f"trade:{ident}",
                audience=[sender_id, recipient],
                payload=payload,
            )
        ],
        notes=[
            notifications.Note(
                user_id=recipient,
                kind="trade.offered",
                title="🤝 New trade offer",
                body=f"{sender_name or 'someone'} offers you a trade" + (f": {message}" if message else ""),
                data={"offer_id": ident, "from_user_id": sender_id, "from_username": sender_name or "someone"}
                | {"lopsided": offer.lopsided, "message": message},
            )
        ],
        audit=Audit(
            action="trade.offer",
            subject=f"trade:{ident}",
            data={"to": recipient, "give": give, "want": want, "lopsided": offer.lopsided},
        ),
    )


async def _flag(session: AsyncSession, offer: TradeOffer, clock: Clock) -> None:
    """Stores the lopsided offer's flag; the third towards one account within 24 hours raises (or
    updates) that account's fraud alert for the day."""
    gainer, loser = (
        (offer.recipient_id, offer.sender_id)
        if offer.want_value < offer.give_value
        else (offer.sender_id, offer.recipient_id)
    )
    now = clock.now()
    session.add(
        TradeFlag(
            offer_id=int(offer.id or 0),
            beneficiary_id=gainer,
            loser_id=loser,
            give_value=offer.give_value,
            want_value=offer.want_value,
            created_at=now,
        )
    )
    await session.flush()
    recent = (
        await session.execute(
            select(func.count())
            .select_from(TradeFlag)
            .where(col(TradeFlag.beneficiary_id) == gainer, col(TradeFlag.created_at) > now - ALERT_WINDOW)
        )
    ).scalar_one()
    if int(recent) >= ALERT_FLAGS:
        stmt = insert_for(session, TradeAlert).values(
            beneficiary_id=gainer, day=now.date(), flags=int(recent), created_at=now, updated_at=now
        )
        await session.execute(
            stmt.on_conflict_do_update(
                index_elements=["beneficiary_id", "day"], set_={"flags": int(recent), "updated_at": now}
            )
        )


async def _locked(session: AsyncSession, actor_id: int, offer_id: Any) -> TradeOffer:
    """The offer, locked for this transaction; UNKNOWN_OFFER unless the actor is one of its parties."""
    ident = to_id(offer_id)
    offer = (
        (
            await session.execute(
                select(TradeOffer)
                .where(col(TradeOffer.id) == ident)
                .with_for_update()
                .execution_options(populate_existing=True)
            )
        ).scalar_one_or_none()
        if ident is not None
        else None
    )
    if offer is None or actor_id not in (offer.sender_id, offer.recipient_id):
        raise DomainError("UNKNOWN_OFFER", "No such offer.", "offerId")
    return offer


def _require_open(offer: TradeOffer, clock: Clock, *, live: bool) -> None:
    if offer.status != OPEN:
        raise DomainError("OFFER_CLOSED", f"This offer is already {offer.status.lower()}.", "offerId")
    if live and offer.expires_at <= clock.now():
        raise DomainError("OFFER_EXPIRED", "This offer has expired.", "offerId")


async def _close(session: AsyncSession, offer: TradeOffer, status: str, clock: Clock, *, live: bool) -> None:
    """OPEN → ``status`` in one conditional update: of concurrent closes exactly one wins."""
    now = clock.now()
    conditions = [col(TradeOffer.id) == offer.id, col(TradeOffer.status) == OPEN]
    if live:
        conditions.append(col(TradeOffer.expires_at) > now)
    done = await session.execute(
        update(TradeOffer)
        .where(*conditions)
        .values(status=status, closed_at=now)
        .returning(col(TradeOffer.id))
    )
    if done.scalar_one_or_none() is None:
        _require_open(offer, clock, live=live)
        raise DomainError("OFFER_CLOSED", "This offer is no longer open.", "offerId")
    offer.status, offer.closed_at = status, now


async def _release(
    session: AsyncSession,
    offer: TradeOffer,
    status: str,
    *,
    actor_id: int | None,
    actor_name: str | None,
    clock: Clock,
) -> Outcome:
    """Closes the offer without a trade and returns its escrow to the sender."""
    await _close(session, offer, status, clock, live=False)
    verb = status.lower()
    await movement.move(
        session,
        movement.Movement(
            operation=f"trade.{verb}", actor_id=actor_id, params={"offer": offer.id}, legs=_return_legs(offer)
        ),
        clock=clock,
        effects=lambda transfers: _closed_effects(offer, verb, actor_id, actor_name, transfers),
    )
    return Outcome(offer=offer)


def _closed_effects(
    offer: TradeOffer, verb: str, actor_id: int | None, actor_name: str | None, transfers: list[Transfer]
) -> Effects:
    payload = {"transfer_id": transfers[0].id} if transfers else {}
    notes = [] if verb == "cancelled" else [_note(offer, verb, actor_name, {})]
    return Effects(
        result={"offer_id": offer.id},
        events=[_event(verb, offer, actor_id, payload)],
        notes=notes,
        audit=Audit(action=f"trade.{verb}", subject=f"trade:{offer.id}", data={"status": offer.status}),
    )


def _event(verb: str, offer: TradeOffer, actor_id: int | None, payload: dict[str, Any]) -> events.Spec:
    return events.Spec(
        kind=f"trade.{verb}",
        actor_id=actor_id,
        subject=f"trade:{offer.id}",
        audience=[offer.sender_id, offer.recipient_id],
        payload={"offer_id": offer.id} | payload,
    )


def _note(offer: TradeOffer, verb: str, by: str | None, data: dict[str, Any]) -> notifications.Note:
    """To the sender: their offer was accepted, declined, countered or expired."""
    who = by or "someone"
    body = {
        "accepted": f"{who} accepted your trade offer",
        "declined": f"{who} declined your trade offer",
        "countered": f"{who} answered your trade offer with a counter-offer",
        "expired": "Your trade offer expired; what you offered is back",
    }[verb]
    return notifications.Note(
        user_id=offer.sender_id,
        kind=f"trade.{verb}",
        title=f"🤝 Trade {verb}",
        body=body,
        data={"offer_id": offer.id, "by_username": who} | data,
    )


async def _outcome(session: AsyncSession, moved: movement.Moved) -> Outcome:
    offer = await session.get(TradeOffer, moved.result["offer_id"])
    assert offer is not None
    return Outcome(offer=offer, replayed=moved.replayed)
