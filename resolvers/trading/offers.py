"""Making an offer (its goods into escrow, with the offer's row) and countering one (the old offer
COUNTERED and its escrow returned, in the operation that escrows the new one's goods)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from db.models import Transfer, User
from db.models.trading import TradeOffer
from resolvers import events, friends, ledger, market_value, movement, notifications
from resolvers.clock import Clock
from resolvers.errors import DomainError, ErrorCodes
from resolvers.ids import to_id
from resolvers.movement import Audit, Effects
from resolvers.trading import common, terms
from resolvers.trading.common import (
    COUNTERED,
    ESCROW,
    LIFETIME,
    LOPSIDED_PERCENT,
    OPEN,
    Good,
    Outcome,
    close,
    event,
    locked,
    note,
    require_open,
)
from resolvers.trading.flags import flag
from resolvers.trading.settlement import return_legs

ERRORS = ErrorCodes(
    "trade_offers",
    "BLOCKED",
    "NOT_RECIPIENT",
    "SELF_TRADE",
    "UNKNOWN_USER",
    uses=(common.ERRORS, terms.ERRORS, movement.ERRORS),
)


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
    offered, wanted, text = await _checked_terms(session, give, want, message)
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
    old = await locked(session, actor_id, offer_id)
    if old.recipient_id != actor_id:
        raise DomainError("NOT_RECIPIENT", "Only the offer's recipient may counter it.", "offerId")
    if idempotency_key is None:
        require_open(old, clock, live=True)
    offered, wanted, text = await _checked_terms(session, give, want, message)
    ident = int(old.id or 0)

    async def effects(transfers: list[Transfer]) -> Effects:
        await close(session, old, COUNTERED, clock, live=True)
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
            events=[*done.events, event("countered", old, actor_id, {"counter_id": new_id})],
            notes=[n for n in done.notes if n.kind != "trade.offered"]
            + [note(old, "countered", actor_name, {"counter_id": new_id})],
            audit=Audit(action="trade.counter", subject=f"trade:{ident}", data={"counter": new_id}),
        )

    moved = await movement.move(
        session,
        movement.Movement(
            operation="trade.counter",
            actor_id=actor_id,
            idempotency_key=idempotency_key,
            params={"offer": ident, "give": offered, "want": wanted, "message": text},
            legs=return_legs(old) + _escrow_legs(actor_id, offered),
            shortfall_field="give",
        ),
        clock=clock,
        effects=effects,
    )
    return await _outcome(session, moved)


async def _checked_terms(
    session: AsyncSession,
    give: Sequence[Mapping[str, Any]],
    want: Sequence[Mapping[str, Any]],
    message: str | None,
) -> tuple[list[Good], list[Good], str | None]:
    """Both sides' goods and the message, checked in this order: give, want, the pair, the message."""
    offered, wanted = await terms.goods(session, give, "give"), await terms.goods(session, want, "want")
    terms.check_terms(offered, wanted)
    return offered, wanted, terms.message(message)


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
        await flag(session, offer, clock)
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


async def _outcome(session: AsyncSession, moved: movement.Moved) -> Outcome:
    offer = await session.get(TradeOffer, moved.result["offer_id"])
    assert offer is not None
    return Outcome(offer=offer, replayed=moved.replayed)
