"""History imported from the original BankBot: read-only, the player's own or (admins) anyone's."""

from __future__ import annotations

from datetime import datetime

import strawberry

from db.models.imports import ImportedHistory
from resolvers.ids import to_id
from resolvers.imports import history
from schema.core.connections import Connection, check_first, decode_cursor, page
from schema.core.context import Info
from schema.core.permissions import IsAdmin, IsAuthenticated
from schema.core.scalars import JSON, Amount


@strawberry.type(description="One record of the original BankBot, kept as it was (never changes).")
class ImportedRecord:
    id: strawberry.ID
    system: str = strawberry.field(description="Where it came from: bankbot.")
    kind: str = strawberry.field(description="balance (carried over as a transfer), transaction or purchase.")
    external_id: str = strawberry.field(description="Its id in the original system.")
    user_id: strawberry.ID | None
    amount: Amount | None = strawberry.field(  # type: ignore[valid-type]
        description="Signed as the original recorded it (a spending is negative)."
    )
    description: str
    data: JSON  # type: ignore[valid-type]
    occurred_at: datetime | None

    @classmethod
    def from_row(cls, row: ImportedHistory) -> ImportedRecord:
        return cls(
            id=strawberry.ID(str(row.id)),
            system=row.system,
            kind=row.kind,
            external_id=row.external_id,
            user_id=strawberry.ID(str(row.user_id)) if row.user_id is not None else None,
            amount=row.amount,
            description=row.description,
            data=row.data,
            occurred_at=row.occurred_at,
        )


@strawberry.type
class ImportedRecordConnection(Connection[ImportedRecord]):
    pass


async def _page(
    info: Info, *, user_id: int | None, first: int, after: str | None
) -> ImportedRecordConnection:
    limit = check_first(first)
    before = decode_cursor("imported", after)
    async with info.context.db.reader() as session:
        rows = await history.of_user(session, user_id=user_id, first=limit + 1, after_id=before)
    return page(ImportedRecordConnection, rows, kind="imported", limit=limit, node=ImportedRecord.from_row)


@strawberry.type
class ImportsQuery:
    @strawberry.field(
        permission_classes=[IsAuthenticated],
        description="Your history from the original BankBot (read-only), newest first.",
    )
    async def my_imported_history(
        self, info: Info, first: int = 20, after: str | None = None
    ) -> ImportedRecordConnection:
        return await _page(info, user_id=info.context.actor.user_id or 0, first=first, after=after)

    @strawberry.field(
        permission_classes=[IsAdmin],
        description="History imported from the original BankBot, of one user or everyone's, newest first.",
    )
    async def admin_imported_history(
        self, info: Info, user_id: strawberry.ID | None = None, first: int = 50, after: str | None = None
    ) -> ImportedRecordConnection:
        owner = None if user_id is None else (to_id(str(user_id)) or 0)
        return await _page(info, user_id=owner, first=first, after=after)


ROOTS = (ImportsQuery,)
