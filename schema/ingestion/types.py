"""Ingestion's GraphQL types: enums, objects, connections, the error type and its code enum."""

from __future__ import annotations

from datetime import datetime
from enum import Enum

import strawberry

from db.models import IngestedMessage, IngestionNickname, NicknameClaim, ParserDisagreement, ParserModel
from resolvers.errors import DomainError
from resolvers.ingestion import config, nicknames, registry, review, submit
from resolvers.ingestion.payout import message_ref
from schema.core.connections import Connection
from schema.core.errors import error_codes, to_error
from schema.core.scalars import JSON, Amount


@strawberry.enum(description="A game bot whose messages may credit COIN.")
class IngestionSourceCode(Enum):
    GDCARDS = "gdcards"
    GUSYA_CARDS = "gusya_cards"
    SHMALALA = "shmalala"
    TRUE_MAFIA = "true_mafia"
    BUNKER_RP = "bunker_rp"


@strawberry.enum(description="What a game bot's message says.")
class IngestionKind(Enum):
    CARD = "card"
    CHEST = "chest"
    PROFILE = "profile"
    FISHING = "fishing"
    KARMA = "karma"
    GAME_END = "game_end"
    OTHER = "other"
    NONE = "none"


@strawberry.enum(
    description=(
        "CREDITED, PENDING_REVIEW and REJECTED are a message's state; a submission answers DUPLICATE "
        "for a message already ingested (with the first result) and REFUSED when it changed nothing."
    )
)
class IngestionStatus(Enum):
    CREDITED = "CREDITED"
    PENDING_REVIEW = "PENDING_REVIEW"
    REJECTED = "REJECTED"
    DUPLICATE = "DUPLICATE"
    REFUSED = "REFUSED"


@strawberry.enum
class IngestionReviewDecision(Enum):
    APPROVE = "APPROVE"
    CORRECT = "CORRECT"
    REJECT = "REJECT"


@strawberry.enum
class NicknameClaimDecision(Enum):
    APPROVE = "APPROVE"
    REJECT = "REJECT"


@strawberry.enum
class NicknameStatus(Enum):
    LINKED = "linked"
    PENDING_REVIEW = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


@strawberry.enum
class ParserModelStatus(Enum):
    CURRENT = "current"
    CANDIDATE = "candidate"
    SHADOW = "shadow"
    RETIRED = "retired"


IngestionErrorCode = error_codes(
    "Ingestion", submit.ERRORS, review.ERRORS, nicknames.ERRORS, config.ERRORS, registry.ERRORS
)


@strawberry.type
class IngestionError:
    code: Enum = strawberry.field(graphql_type=IngestionErrorCode)
    field: str | None
    message: str


def error(exc: DomainError) -> IngestionError:
    return to_error(IngestionError, exc)


@strawberry.type(description="An amount of a game's own currency, as the game bot wrote it.")
class GameAmount:
    currency: str
    amount: str


@strawberry.input
class GameAmountInput:
    currency: str
    amount: str


def _amounts(raw: list[dict[str, str]]) -> list[GameAmount]:
    return [GameAmount(currency=str(a["currency"]), amount=str(a["amount"])) for a in raw]


@strawberry.type(description="A game bot's message as ingested: what it said and what it paid.")
class Ingestion:
    id: strawberry.ID
    message_ref: str = strawberry.field(description="tg:<chat id>:<message id>")
    chat_id: strawberry.ID
    message_id: int
    source: IngestionSourceCode
    kind: IngestionKind
    players: list[str]
    amounts: list[GameAmount] = strawberry.field(description="Gains the message reports.")
    totals: list[GameAmount] = strawberry.field(description="Totals the message reports (profiles).")
    confidence: float
    model: str
    status: IngestionStatus
    credited_coin: Amount = strawberry.field(  # type: ignore[valid-type]
        description="COIN this message paid the viewer (in the review queue: paid to everyone)."
    )
    text: str
    submitter_id: strawberry.ID | None
    via_bot_to_bot: bool
    decision: IngestionReviewDecision | None
    created_at: datetime
    reviewed_at: datetime | None

    @classmethod
    def from_row(cls, row: IngestedMessage, credited: int | None = None) -> Ingestion:
        return cls(
            id=strawberry.ID(str(row.id)),
            message_ref=message_ref(row.chat_id, row.message_id),
            chat_id=strawberry.ID(str(row.chat_id)),
            message_id=row.message_id,
            source=IngestionSourceCode(row.source),
            kind=IngestionKind(row.kind),
            players=list(row.players),
            amounts=_amounts(row.amounts),
            totals=_amounts(row.totals),
            confidence=row.confidence,
            model=row.model,
            status=IngestionStatus(row.status),
            credited_coin=row.credited if credited is None else credited,
            text=row.text,
            submitter_id=strawberry.ID(str(row.submitter_id)) if row.submitter_id is not None else None,
            via_bot_to_bot=row.via_bot_to_bot,
            decision=IngestionReviewDecision(row.decision) if row.decision else None,
            created_at=row.created_at,
            reviewed_at=row.reviewed_at,
        )


@strawberry.type
class IngestionConnection(Connection[Ingestion]):
    pass


@strawberry.type
class IngestionNicknameLink:
    source: IngestionSourceCode
    nickname: str
    status: NicknameStatus
    claim_id: strawberry.ID | None = None

    @classmethod
    def from_row(cls, row: IngestionNickname) -> IngestionNicknameLink:
        return cls(
            source=IngestionSourceCode(row.source), nickname=row.nickname, status=NicknameStatus.LINKED
        )


@strawberry.type
class NicknameClaimNode:
    id: strawberry.ID
    source: IngestionSourceCode
    nickname: str
    user_id: strawberry.ID
    holder_id: strawberry.ID | None
    status: NicknameStatus
    created_at: datetime
    reviewed_at: datetime | None

    @classmethod
    def from_row(cls, row: NicknameClaim) -> NicknameClaimNode:
        return cls(
            id=strawberry.ID(str(row.id)),
            source=IngestionSourceCode(row.source),
            nickname=row.nickname,
            user_id=strawberry.ID(str(row.user_id)),
            holder_id=strawberry.ID(str(row.holder_id)) if row.holder_id is not None else None,
            status=NicknameStatus(row.status),
            created_at=row.created_at,
            reviewed_at=row.reviewed_at,
        )


@strawberry.type
class NicknameClaimConnection(Connection[NicknameClaimNode]):
    pass


@strawberry.type
class IngestionRateNode:
    source: IngestionSourceCode
    currency: str
    coefficient: str = strawberry.field(description="COIN per unit, a decimal string.")


@strawberry.type
class IngestionSourceNode:
    source: IngestionSourceCode
    telegram_id: strawberry.ID | None
    username: str | None
    enabled: bool
    rates: list[IngestionRateNode]


@strawberry.type
class IngestionSettings:
    review_threshold: float = strawberry.field(description="Messages parsed less surely wait for review.")
    sources: list[IngestionSourceNode]


@strawberry.type
class ParserModelNode:
    version: str
    status: ParserModelStatus
    metrics: JSON  # type: ignore[valid-type]
    created_at: datetime
    updated_at: datetime

    @classmethod
    def from_row(cls, row: ParserModel) -> ParserModelNode:
        return cls(
            version=row.version,
            status=ParserModelStatus(row.status),
            metrics=row.metrics,
            created_at=row.created_at,
            updated_at=row.updated_at,
        )


@strawberry.type
class ParserDisagreementNode:
    id: strawberry.ID
    ingestion_id: strawberry.ID | None
    message_ref: str
    source: IngestionSourceCode
    current_version: str
    current_kind: IngestionKind
    current_confidence: float
    shadow_version: str
    shadow_kind: IngestionKind
    shadow_confidence: float
    created_at: datetime

    @classmethod
    def from_row(cls, row: ParserDisagreement) -> ParserDisagreementNode:
        return cls(
            id=strawberry.ID(str(row.id)),
            ingestion_id=strawberry.ID(str(row.ingestion_id)) if row.ingestion_id is not None else None,
            message_ref=message_ref(row.chat_id, row.message_id),
            source=IngestionSourceCode(row.source),
            current_version=row.current_version,
            current_kind=IngestionKind(row.current_kind),
            current_confidence=row.current_confidence,
            shadow_version=row.shadow_version,
            shadow_kind=IngestionKind(row.shadow_kind),
            shadow_confidence=row.shadow_confidence,
            created_at=row.created_at,
        )


@strawberry.type
class ParserDisagreementConnection(Connection[ParserDisagreementNode]):
    pass
