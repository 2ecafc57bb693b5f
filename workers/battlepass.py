"""Pass XP from domain events (the durable consumer ``battlepass``) and the season's end."""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession

from db.models import Event
from resolvers.battlepass import passes, seasons
from resolvers.outbox import consumer
from workers import runtime
from workers.broker import job


@consumer(passes.CONSUMER)
async def award_pass_xp(session: AsyncSession, event: Event) -> None:
    await passes.award(session, event)


@job("season_end", every=300.0, max_retries=3, time_limit=60_000)
async def season_end() -> dict[str, int]:
    """Archives the battle pass season once its end has passed and starts the next one (the first
    one too, when none has started)."""
    rt = runtime.get()
    done = await rt.transaction(lambda s: seasons.roll_over(s, clock=rt.clock))
    return {"archived": done.archived, "started": done.started, "players": done.players}
