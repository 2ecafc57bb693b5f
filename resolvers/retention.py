"""Retention rules, registered by the domain that owns the rows; housekeeping runs them all.

    @retention.rule("notifications", keep=timedelta(days=90), config_key="retention.notifications_read")
    async def prune_read(session: AsyncSession, cutoff: datetime) -> int: ...

``prune`` deletes what is older than ``cutoff`` (now minus ``keep``) and returns how many rows went.
With ``config_key``, an integer configuration row of that key (days) overrides ``keep``, so admins
can change it. Ledger transfers and the audit log have no rule: they are never pruned.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel.ext.asyncio.session import AsyncSession

from db.models import ConfigValue

Prune = Callable[[AsyncSession, datetime], Awaitable[int]]


@dataclass(frozen=True)
class Rule:
    name: str
    keep: timedelta
    config_key: str | None
    prune: Prune


RULES: dict[str, Rule] = {}


def rule(name: str, *, keep: timedelta, config_key: str | None = None) -> Callable[[Prune], Prune]:
    def register(prune: Prune) -> Prune:
        existing = RULES.get(name)
        if existing is not None and existing.prune.__qualname__ != prune.__qualname__:
            raise ValueError(f"retention rule {name!r} is registered twice")
        RULES[name] = Rule(name=name, keep=keep, config_key=config_key, prune=prune)
        return prune

    return register


async def keep_for(session: AsyncSession, rule: Rule) -> timedelta:
    if rule.config_key is not None:
        row = await session.get(ConfigValue, rule.config_key)
        if row is not None and isinstance(row.value, int) and not isinstance(row.value, bool):
            return timedelta(days=row.value)
    return rule.keep


_discovered = False


def discover() -> None:
    """Imports every resolvers module once, so that every domain's rules are registered."""
    global _discovered
    if _discovered:
        return
    import resolvers

    for module in pkgutil.walk_packages(resolvers.__path__, "resolvers."):
        importlib.import_module(module.name)
    _discovered = True
