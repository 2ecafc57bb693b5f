from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Column, String
from sqlmodel import Field, SQLModel

from db.types import JSONType, UTCDateTime, utcnow


class ConfigValue(SQLModel, table=True):
    """Economy numbers admins edit (coefficients, caps); read by resolvers, never from settings."""

    __tablename__ = "config_values"

    key: str = Field(sa_column=Column(String(100), primary_key=True))
    value: Any = Field(sa_type=JSONType)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
