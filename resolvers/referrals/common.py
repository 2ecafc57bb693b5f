"""What the referral modules share: the code alphabet, the faucet, the rules' numbers."""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
from datetime import datetime, timedelta

from sqlmodel.ext.asyncio.session import AsyncSession

from db.models import ConfigValue
from resolvers import admin, events, ledger

# No 0/O, 1/I/L: a code read aloud or copied by hand is never ambiguous.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8
DEEP_LINK_PREFIX = "ref_"

FAUCET = ("system", admin.faucet("referrals"))
CURRENCY = ledger.DEFAULT_CURRENCY
QUALIFYING_LEVEL = 10
NEW_ACCOUNT = timedelta(hours=24)
CLIENT_WINDOW = timedelta(days=7)
VALUE_BACK_WINDOW = timedelta(days=7)
REWARD_KEY = "referrals.reward"
REWARD = 200
MILESTONES: dict[int, int] = {5: 500, 10: 1500, 25: 5000, 50: 15000}

PENDING, QUALIFIED, HELD, REJECTED = "pending", "qualified", "held", "rejected"
SAME_CLIENT, VALUE_BACK = "same_client", "value_back"

events.live("wallet", "referral.qualified", "referral.milestone")


def normalize(code: str | None) -> str:
    """A code as typed or linked: case, spaces, dashes and the deep link's ``ref_`` do not matter."""
    text = (code or "").strip()
    if text.lower().startswith(DEEP_LINK_PREFIX):
        text = text[len(DEEP_LINK_PREFIX) :]
    return text.replace("-", "").replace(" ", "").upper()[:32]


def client_pattern(address: str | None, secret: str) -> str | None:
    """A keyed hash of the client's network (IPv4 /24, IPv6 /64), never the address itself.

    Only public addresses count: loopback and private networks (a LAN, a local proxy) are shared
    by everyone behind them and tell nothing."""
    try:
        ip = ipaddress.ip_address((address or "").strip())
    except ValueError:
        return None
    if not ip.is_global:
        return None
    prefix = 24 if ip.version == 4 else 64
    network = ipaddress.ip_network(f"{ip}/{prefix}", strict=False)
    digest = hmac.new(secret.encode(), f"referrals:{network}".encode(), hashlib.sha256)
    return digest.hexdigest()[:32]


async def setting(session: AsyncSession, key: str, default: int) -> int:
    row = await session.get(ConfigValue, key)
    value = row.value if row is not None else None
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else default


class At:
    """A consumer's clock: what follows from an event is dated when the event happened."""

    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def now(self) -> datetime:
        return self.moment


def request_pattern(request: object, secret: str) -> str | None:
    """The pattern of an HTTP request's client (``request.client.host``), or None without one."""
    client = getattr(request, "client", None)
    host = getattr(client, "host", None) if client is not None else None
    return client_pattern(host if isinstance(host, str) else None, secret)
