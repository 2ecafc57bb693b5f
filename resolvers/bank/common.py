"""What the bank's modules share: its system accounts, its admin settings and day arithmetic."""

from __future__ import annotations

from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from db.models import ConfigValue
from resolvers import admin, events, ledger
from resolvers.errors import DomainError, ErrorCodes

ERRORS = ErrorCodes("bank", "INVALID_TERM")

INTEREST = admin.faucet("interest")
LOANS = admin.faucet("loans")
CURRENCY = ledger.DEFAULT_CURRENCY
BANK_ESCROW = ledger.ESCROW_PREFIX + "bank"

RATE_KEY = "bank.daily_interest_bp"
CAP_KEY = "bank.interest_cap"
DAILY_RATE_BP = 200  # 2% a day, in basis points
INTEREST_CAP = 10_000  # interest is earned on at most this much per player
BP = 10_000

events.live(
    "wallet",
    "bank.deposited",
    "bank.withdrawn",
    "bank.matured",
    "bank.interest",
    "loan.granted",
    "loan.repaid",
    "loan.installment",
)


async def setting(session: AsyncSession, key: str, default: int) -> int:
    """An admin's whole, non-negative number (a ConfigValue row), or the default."""
    row = await session.get(ConfigValue, key)
    value = row.value if row is not None else None
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else default


def parse_term(raw: Any, terms: tuple[int, ...]) -> int:
    if isinstance(raw, bool) or not isinstance(raw, int) or raw not in terms:
        allowed = ", ".join(str(t) for t in terms)
        raise DomainError("INVALID_TERM", f"The term is one of {allowed} days.", "termDays")
    return raw


def ceil_div(a: int, b: int) -> int:
    return -(-a // b)
