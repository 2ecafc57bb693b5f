"""All tables: every module of this package is imported here, so metadata and Alembic see each
domain's tables without a list to edit. The core's tables are also re-exported by name; a new
domain's code imports its own from ``db.models.<domain>``."""

import importlib
import pkgutil

from db.models.accounts import ApiKey, RefreshToken, TelegramLink, User
from db.models.audit import AuditEntry, AuditHead
from db.models.config import ConfigValue
from db.models.events import ConsumerOffset, Delivery, Event, Notification
from db.models.imports import ImportedHistory
from db.models.ingestion import (
    IngestedMessage,
    IngestionBaseline,
    IngestionCredit,
    IngestionExample,
    IngestionNickname,
    IngestionRate,
    IngestionRemainder,
    IngestionSource,
    NicknameClaim,
    ParseCacheEntry,
    ParserDisagreement,
    ParserModel,
    ParserTrainingRun,
)
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
    "ImportedHistory",
    "IngestedMessage",
    "IngestionBaseline",
    "IngestionCredit",
    "IngestionExample",
    "IngestionNickname",
    "IngestionRate",
    "IngestionRemainder",
    "IngestionSource",
    "Item",
    "NicknameClaim",
    "Notification",
    "ParseCacheEntry",
    "ParserDisagreement",
    "ParserModel",
    "ParserTrainingRun",
    "Purchase",
    "RefreshToken",
    "TelegramLink",
    "Transfer",
    "User",
]

for _module in pkgutil.iter_modules(__path__):
    importlib.import_module(f"{__name__}.{_module.name}")
