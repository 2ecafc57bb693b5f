from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from dataloaders.base import DatabaseLoader
from db.models.bank import LoanDay
from resolvers.bank import loans


class LoanDaysByLoanLoader(DatabaseLoader[int, list[LoanDay]]):
    """The installment days (taken, missed or covered) of each loan."""

    async def fetch(self, session: Any, keys: Sequence[int]) -> dict[int, list[LoanDay]]:
        return await loans.days_of(session, list(keys))

    def missing(self) -> list[LoanDay]:
        return []
