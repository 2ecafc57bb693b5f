"""All tables, imported here so that metadata and Alembic see every domain."""

from db.models.accounts import ApiKey, RefreshToken, TelegramLink, User
from db.models.audit import AuditEntry, AuditHead
from db.models.config import ConfigValue
from db.models.events import ConsumerOffset, Delivery, Event, Notification
from db.models.ledger import Account, Asset, IdempotencyRecord, Transfer
from db.models.shop import Item, Purchase

__all__ = [
    "Account",
    "ApiKey",
    "Asset",
    "AuditEntry",
    "AuditHead",
    "ConfigValue",
    "ConsumerOffset",
    "Delivery",
    "Event",
    "IdempotencyRecord",
    "Item",
    "Notification",
    "Purchase",
    "RefreshToken",
    "TelegramLink",
    "Transfer",
    "User",
]
