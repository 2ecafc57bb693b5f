"""Game turns that ran out are ended: the player loses the turn (the game decides what it costs)
and the next one plays. Each game in its own unit of work; one a move or another run already moved
on is skipped, so a repeated or late run changes nothing."""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession

from resolvers.games.sessions import turns
from workers import runtime
from workers.broker import job

BATCH = 100


@job("game_turns", every=10.0, max_retries=3, time_limit=300_000)
async def game_turns() -> dict[str, int]:
    rt = runtime.get()
    ended = 0
    tried: set[int] = set()
    while True:
        async with rt.db.reader() as session:
            due = [
                i
                for i in await turns.due(session, clock=rt.clock, limit=BATCH + len(tried))
                if i not in tried
            ]
        for ident in due:
            tried.add(ident)

            async def one(session: AsyncSession, ident: int = ident) -> bool:
                return await turns.expire(session, session_id=ident, clock=rt.clock)

            ended += await rt.transaction(one)
        if not due:
            return {"ended": ended}
