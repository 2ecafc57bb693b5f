"""Finding 1: a replayed older profile must not lower the baseline (it then paid the growth again:
three rounds paid 1,691 COIN instead of 422). A baseline only moves forward in message time."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from db.models import IngestionBaseline
from server.settings import Settings
from tests.conftest import GraphQLClient
from tests.ingestion.support import (
    GD_PROFILE_1,
    GD_PROFILE_2,
    coin_of,
    configure_bots,
    message,
    rules_only,
    submit_as,
)
from tests.ledger.helpers import assert_sound
from tests.security.support import link

__all__ = ["rules_only"]

ENID = 601
T1, T2 = datetime(2025, 10, 1, tzinfo=UTC), datetime(2025, 11, 1, tzinfo=UTC)


async def _baselines(app: Any) -> dict[str, str]:
    async with app.state.services.db.reader() as session:
        rows = (await session.execute(select(IngestionBaseline))).scalars().all()
    return {r.currency: r.value for r in rows}


async def test_older_profiles_replayed_change_nothing(
    app: Any, gql: GraphQLClient, settings: Settings
) -> None:
    await configure_bots(app.state.services.db)
    await link(app, gql, settings, ENID, "GDCARDS", "EnidBlaito")
    _, old = message(GD_PROFILE_1)  # 135 points, 133.8 orbs
    _, new = message(GD_PROFILE_2)  # 284 points, 196.2 orbs
    first = await submit_as(gql, settings, ENID, source="gdcards", text=old, msg_id=1, date=T1.isoformat())
    second = await submit_as(gql, settings, ENID, source="gdcards", text=new, msg_id=2, date=T2.isoformat())
    assert (first["creditedCoin"], second["creditedCoin"]) == (0, 422)
    # Three rounds of replaying the older profile (other message ids), then the newer one again
    for n in range(3):
        replay = await submit_as(
            gql, settings, ENID, source="gdcards", text=old, msg_id=10 + n, date=T1.isoformat()
        )
        assert replay["status"] == "REFUSED" and replay["errors"][0]["code"] == "NOTHING_TO_CREDIT"
        assert await _baselines(app) == {"points": "284", "orbs": "196.2"}
        again = await submit_as(
            gql, settings, ENID, source="gdcards", text=new, msg_id=20 + n, date=T2.isoformat()
        )
        assert again["creditedCoin"] == 0
    assert await coin_of(gql, settings, ENID) == 422
    await assert_sound(app.state.services.db)


async def test_a_newer_profile_with_a_lower_total_still_moves_the_baseline(
    app: Any, gql: GraphQLClient, settings: Settings
) -> None:
    # spending in the game lowers the total: a newer profile sets the baseline, and growth after it pays
    await configure_bots(app.state.services.db)
    await link(app, gql, settings, ENID, "GDCARDS", "EnidBlaito")
    _, old = message(GD_PROFILE_1)
    _, new = message(GD_PROFILE_2)
    await submit_as(gql, settings, ENID, source="gdcards", text=new, msg_id=1, date=T1.isoformat())
    lower = await submit_as(gql, settings, ENID, source="gdcards", text=old, msg_id=2, date=T2.isoformat())
    assert lower["creditedCoin"] == 0
    assert await _baselines(app) == {"points": "135", "orbs": "133.8"}
    later = datetime(2025, 12, 1, tzinfo=UTC).isoformat()
    grown = await submit_as(gql, settings, ENID, source="gdcards", text=new, msg_id=3, date=later)
    assert grown["creditedCoin"] == 422
