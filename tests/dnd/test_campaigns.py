"""Campaigns: a DM groups sessions under a campaign; refusals change nothing."""

from __future__ import annotations

from typing import Any

from server.settings import Settings
from tests import factories
from tests.server.support import running
from tests.snapshot import changed, snapshot

CAMPAIGN = """mutation($n: String!, $d: String) { dndCampaignCreate(input: {name: $n, description: $d}) {
  campaign { id name description dm { username } sessions { id } } errors { code field message } } }"""
SESSION = """mutation($n: String!, $c: ID) { dndSessionCreate(input: {name: $n, campaignId: $c}) {
  session { id name campaign { name } } errors { code field message } } }"""
CAMPAIGNS = "{ dndCampaigns { name description sessions { name campaign { name } } } }"


async def test_a_campaign_groups_its_sessions(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        dm, other = await factories.players(
            app.state.services.db, "dungeon", "other", secret=settings.secret_key
        )
        made = (await gql(CAMPAIGN, {"n": " Curse of  Strahd ", "d": "Barovia."}, token=dm.token))["data"]
        campaign = made["dndCampaignCreate"]
        assert campaign["errors"] == []
        assert {k: v for k, v in campaign["campaign"].items() if k != "id"} == {
            "name": "Curse of Strahd",
            "description": "Barovia.",
            "dm": {"username": "dungeon"},
            "sessions": [],
        }
        cid = campaign["campaign"]["id"]
        for name in ("Death House", "Village of Barovia"):
            created = (await gql(SESSION, {"n": name, "c": cid}, token=dm.token))["data"]["dndSessionCreate"]
            assert created["errors"] == [] and created["session"]["campaign"] == {"name": "Curse of Strahd"}
        loose = (await gql(SESSION, {"n": "One-shot"}, token=dm.token))["data"]["dndSessionCreate"]
        assert loose["session"]["campaign"] is None
        listed = (await gql(CAMPAIGNS, token=dm.token))["data"]["dndCampaigns"]
        assert listed == [
            {
                "name": "Curse of Strahd",
                "description": "Barovia.",
                "sessions": [
                    {"name": "Death House", "campaign": {"name": "Curse of Strahd"}},
                    {"name": "Village of Barovia", "campaign": {"name": "Curse of Strahd"}},
                ],
            }
        ]
        assert (await gql(CAMPAIGNS, token=other.token))["data"]["dndCampaigns"] == []


async def test_refused_campaign_steps_say_why_and_change_nothing(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        dm, other = await factories.players(db, "dungeon", "other", secret=settings.secret_key)
        cid = (await gql(CAMPAIGN, {"n": "Mine"}, token=dm.token))["data"]["dndCampaignCreate"]["campaign"][
            "id"
        ]
        before = await snapshot(db)
        cases: list[tuple[Any, str, dict[str, Any], str, str, str]] = [
            (dm, CAMPAIGN, {"n": "  "}, "dndCampaignCreate", "INVALID_NAME", "name"),
            (dm, CAMPAIGN, {"n": "x" * 81}, "dndCampaignCreate", "INVALID_NAME", "name"),
            (
                dm,
                CAMPAIGN,
                {"n": "Long", "d": "x" * 2001},
                "dndCampaignCreate",
                "INVALID_TEXT",
                "description",
            ),
            (other, SESSION, {"n": "Stolen", "c": cid}, "dndSessionCreate", "NOT_THE_DM", "campaignId"),
            (dm, SESSION, {"n": "Lost", "c": "999999"}, "dndSessionCreate", "UNKNOWN_CAMPAIGN", "campaignId"),
            (dm, SESSION, {"n": "Lost", "c": "nope"}, "dndSessionCreate", "UNKNOWN_CAMPAIGN", "campaignId"),
        ]
        for who, query, variables, name, code, field in cases:
            payload = (await gql(query, variables, token=who.token))["data"][name]
            assert [(e["code"], e["field"]) for e in payload["errors"]] == [(code, field)], (name, variables)
        assert changed(before, await snapshot(db)) == {}
