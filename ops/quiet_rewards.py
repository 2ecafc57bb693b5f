"""Sets the COIN rewards of achievements and challenges to 0 in the database of LUCAS_DATA_DIR /
LUCAS_DATABASE_URL (their XP stays). The end-to-end server runs so: its pages check exact balances
after a purchase or a payment, and those rewards are paid asynchronously by durable consumers
(pytest covers the rewards themselves). Also an example of tuning them by configuration rows."""

from __future__ import annotations

import asyncio

from db.dialect import insert_for
from db.engine import Database
from db.models import ConfigValue
from resolvers.achievements import catalog as achievements
from resolvers.challenges import catalog as challenges
from server.settings import load_settings


async def main() -> None:
    db = Database(load_settings().database_url)
    rows = {
        f"achievements.reward.{a.key}.{step}": {"coin": 0, "xp": a.xp[step - 1]}
        for a in achievements.CATALOG
        for step in range(1, len(a.goals) + 1)
    }
    rows |= {
        f"challenges.reward.{p.lower()}": {"coin": 0, "xp": challenges.REWARDS[p][1]}
        for p in challenges.PERIODS
    }
    try:
        async with db.transaction() as session:
            for key, value in rows.items():
                stmt = insert_for(session, ConfigValue).values(key=key, value=value)
                await session.execute(
                    stmt.on_conflict_do_update(index_elements=["key"], set_={"value": value})
                )
    finally:
        await db.dispose()
    print(f"{len(rows)} reward rows set")


if __name__ == "__main__":
    asyncio.run(main())
