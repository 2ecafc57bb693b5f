"""In-game nicknames linked to accounts: a player is credited only for results under their own name.

A claim links nothing by itself: it waits until it is proven or a moderator decides it (the first
claim used to win, so anyone could take another player's name and their credits). The proof is
the game bot's profile of that nickname answering a command of the claimant's own Telegram account
(Telegram tells the bot who wrote the command): submitting it links a free nickname at once. A
claim on a nickname someone else holds always waits for a moderator, who may move the nickname to
the claimant or reject the claim.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.dialect import insert_for
from db.models import IngestionNickname, NicknameClaim, TelegramLink
from resolvers import audit, notifications
from resolvers.clock import Clock
from resolvers.errors import DomainError, ErrorCodes
from resolvers.ingestion import config
from resolvers.ingestion.config import require_source

ERRORS = ErrorCodes(
    "ingestion.nicknames",
    "ALREADY_REVIEWED",
    "INVALID_NICKNAME",
    "NICKNAME_RACE",
    "NOT_ALLOWED",
    "NOT_FOUND",
    "TOO_MANY_NICKNAMES",
    uses=(config.ERRORS,),
)

MAX_NICKNAME = 64
MAX_PER_SOURCE = 5
PENDING, APPROVED, REJECTED = "pending", "approved", "rejected"
_INVISIBLE = re.compile("[\u200b-\u200f\u2060-\u2064\ufeff\u3164\uffa0\u115f\u1160\ufffd\u00ad]")
_SPACES = re.compile(r"\s+")


def clean_nickname(raw: str) -> str:
    return _SPACES.sub(" ", _INVISIBLE.sub("", unicodedata.normalize("NFC", raw or ""))).strip()


def nickname_key(raw: str) -> str:
    """What two spellings of one nickname share: NFKC, invisible characters dropped, casefolded."""
    return clean_nickname(unicodedata.normalize("NFKC", raw or "")).casefold()


@dataclass(frozen=True, kw_only=True)
class ClaimResult:
    """``status`` is ``linked`` (the nickname is now the claimant's) or ``pending`` (a claim waits)."""

    source: str
    nickname: str
    status: str
    claim: NicknameClaim | None = None


async def holders(session: AsyncSession, source: str, names: list[str]) -> dict[str, int]:
    """Nickname key → user id for those of ``names`` that are linked for the source."""
    keys = {nickname_key(n) for n in names if nickname_key(n)}
    if not keys:
        return {}
    rows = await session.execute(
        select(col(IngestionNickname.nickname_key), col(IngestionNickname.user_id)).where(
            col(IngestionNickname.source) == source,
            col(IngestionNickname.nickname_key).in_(keys),
        )
    )
    return {key: int(user_id) for key, user_id in rows.all()}


async def claim(
    session: AsyncSession, *, user_id: int, source: str, nickname: str, clock: Clock
) -> ClaimResult:
    code = require_source(source)
    name = clean_nickname(nickname)
    key = nickname_key(name)
    if not key or len(name) > MAX_NICKNAME:
        raise DomainError("INVALID_NICKNAME", f"A nickname is 1 to {MAX_NICKNAME} characters.", "nickname")
    held = (await session.execute(select(IngestionNickname).where(
        col(IngestionNickname.source) == code, col(IngestionNickname.nickname_key) == key
    ))).scalar_one_or_none()  # fmt: skip
    if held is not None and held.user_id == user_id:
        return ClaimResult(source=code, nickname=held.nickname, status="linked")
    existing = (
        await session.execute(
            select(NicknameClaim).where(
                col(NicknameClaim.source) == code,
                col(NicknameClaim.nickname_key) == key,
                col(NicknameClaim.user_id) == user_id,
                col(NicknameClaim.status) == PENDING,
            )
        )
    ).scalar_one_or_none()
    if existing is not None:
        return ClaimResult(source=code, nickname=name, status="pending", claim=existing)
    linked = (
        await session.execute(
            select(func.count())
            .select_from(IngestionNickname)
            .where(col(IngestionNickname.source) == code, col(IngestionNickname.user_id) == user_id)
        )
    ).scalar_one()
    waiting = (
        await session.execute(
            select(func.count())
            .select_from(NicknameClaim)
            .where(
                col(NicknameClaim.source) == code,
                col(NicknameClaim.user_id) == user_id,
                col(NicknameClaim.status) == PENDING,
            )
        )
    ).scalar_one()
    if linked + waiting >= MAX_PER_SOURCE:
        raise DomainError("TOO_MANY_NICKNAMES", f"At most {MAX_PER_SOURCE} nicknames per game.", "nickname")
    row = NicknameClaim(
        source=code,
        nickname=name,
        nickname_key=key,
        user_id=user_id,
        holder_id=held.user_id if held is not None else None,
        status=PENDING,
        created_at=clock.now(),
    )
    session.add(row)
    await session.flush()
    await audit.append(
        session,
        action="ingestion.nickname_claim",
        clock=clock,
        actor_id=user_id,
        subject=f"nickname:{code}:{key}",
        data={"claim_id": row.id, "nickname": name, "holder_id": row.holder_id},
    )
    return ClaimResult(source=code, nickname=name, status="pending", claim=row)


async def prove(
    session: AsyncSession, *, source: str, players: list[str], telegram_id: int | None, clock: Clock
) -> None:
    """A profile of one player answering the command of ``telegram_id``: the pending claim of that
    Telegram account's user on the nickname, if the nickname is free, becomes a link."""
    if telegram_id is None or len(players) != 1:
        return
    key = nickname_key(players[0])
    owner = (
        await session.execute(
            select(col(TelegramLink.user_id)).where(col(TelegramLink.telegram_id) == telegram_id)
        )
    ).scalar_one_or_none()
    if owner is None or not key:
        return
    row = (
        await session.execute(
            select(NicknameClaim)
            .where(
                col(NicknameClaim.source) == source,
                col(NicknameClaim.nickname_key) == key,
                col(NicknameClaim.user_id) == owner,
                col(NicknameClaim.status) == PENDING,
            )
            .with_for_update()
        )
    ).scalar_one_or_none()
    if row is None:
        return
    stmt = insert_for(session, IngestionNickname).values(
        source=source, nickname_key=key, nickname=row.nickname, user_id=owner, created_at=clock.now()
    )
    inserted = await session.execute(stmt.on_conflict_do_nothing().returning(col(IngestionNickname.user_id)))
    if inserted.scalar_one_or_none() is None:
        return  # someone holds it: a moderator decides
    row.status = APPROVED
    row.reviewed_at = clock.now()
    await session.flush()
    await notifications.notify(
        session,
        user_id=owner,
        kind="ingestion.nickname_approved",
        clock=clock,
        title=f"Nickname {row.nickname}: claim approved",
        data={"claim_id": row.id, "source": source, "nickname": row.nickname},
    )
    await audit.append(
        session,
        action="ingestion.nickname_proved",
        clock=clock,
        actor_id=owner,
        subject=f"nickname:{source}:{key}",
        data={"claim_id": row.id, "user_id": owner, "telegram_id": telegram_id},
    )


async def review_claim(
    session: AsyncSession, *, moderator_id: int, claim_id: int, approve: bool, clock: Clock
) -> NicknameClaim:
    row = await session.get(NicknameClaim, claim_id, with_for_update=True)
    if row is None:
        raise DomainError("NOT_FOUND", "No such nickname claim.", "id")
    if row.status != PENDING:
        raise DomainError("ALREADY_REVIEWED", "This claim was already decided.", "id")
    if moderator_id in (row.user_id, row.holder_id):
        raise DomainError(
            "NOT_ALLOWED", "This claim is about your nickname: another moderator decides it.", "id"
        )
    row.status = APPROVED if approve else REJECTED
    row.reviewer_id = moderator_id
    row.reviewed_at = clock.now()
    previous: int | None = None
    if approve:
        held = await session.get(IngestionNickname, (row.source, row.nickname_key), with_for_update=True)
        previous = held.user_id if held is not None else None
        await session.execute(
            delete(IngestionNickname).where(
                col(IngestionNickname.source) == row.source,
                col(IngestionNickname.nickname_key) == row.nickname_key,
            )
        )
        session.add(
            IngestionNickname(
                source=row.source,
                nickname_key=row.nickname_key,
                nickname=row.nickname,
                user_id=row.user_id,
                created_at=clock.now(),
            )
        )
    await session.flush()
    verdict = "approved" if approve else "rejected"
    await notifications.notify(
        session,
        user_id=row.user_id,
        kind=f"ingestion.nickname_{verdict}",
        clock=clock,
        title=f"Nickname {row.nickname}: claim {verdict}",
        data={"claim_id": row.id, "source": row.source, "nickname": row.nickname},
    )
    if previous is not None and previous != row.user_id:
        await notifications.notify(
            session,
            user_id=previous,
            kind="ingestion.nickname_lost",
            clock=clock,
            title=f"Nickname {row.nickname} was moved to another player by a moderator",
            data={"claim_id": row.id, "source": row.source, "nickname": row.nickname},
        )
    await audit.append(
        session,
        action="ingestion.nickname_review",
        clock=clock,
        actor_id=moderator_id,
        subject=f"nickname:{row.source}:{row.nickname_key}",
        data={"claim_id": row.id, "decision": verdict, "user_id": row.user_id, "previous": previous},
    )
    return row


async def of_user(session: AsyncSession, user_id: int) -> list[IngestionNickname]:
    rows = await session.execute(
        select(IngestionNickname)
        .where(col(IngestionNickname.user_id) == user_id)
        .order_by(col(IngestionNickname.source), col(IngestionNickname.nickname_key))
    )
    return list(rows.scalars())
