"""Shared clan test helpers: GraphQL documents and building clans through the use cases."""

from __future__ import annotations

from db.engine import Database
from resolvers.clans import membership
from tests import factories

CREATE = """mutation($name: String!) { clanCreate(input: {name: $name}) {
  clan { id name open memberCount treasury leader { username } } errors { code field } } }"""
JOIN = """mutation($id: ID!) { clanJoin(input: {clanId: $id}) {
  clan { id memberCount } request { id user { username } } errors { code field } } }"""
LEAVE = "mutation { clanLeave { clan { id memberCount } errors { code field } } }"
KICK = "mutation($u: ID!) { clanKick(input: {userId: $u}) { clan { memberCount } errors { code field } } }"
ROLE = """mutation($u: ID!, $r: ClanRole!) { clanRoleSet(input: {userId: $u, role: $r}) {
  clan { members { user { username } role } } errors { code field } } }"""
TRANSFER = """mutation($u: ID!) { clanLeaderTransfer(input: {userId: $u}) {
  clan { leader { username } members { user { username } role } } errors { code field } } }"""
DECIDE = """mutation($r: ID!, $a: Boolean!) { clanRequestDecide(input: {requestId: $r, accept: $a}) {
  clan { memberCount } errors { code field } } }"""
UPDATE = "mutation($o: Boolean!) { clanUpdate(input: {open: $o}) { clan { open } errors { code field } } }"
CLAN = "query($id: ID!) { clan(id: $id) { name memberCount treasury members { user { username } role } } }"
MY_CLAN = "{ myClan { id name } clanRequests { id user { username } } }"


async def clan_of(db: Database, leader: factories.Player, name: str, *members: factories.Player) -> int:
    async with db.transaction() as session:
        clan = await membership.create(session, actor_id=leader.id, name=name, clock=factories.CLOCK)
    for who in members:
        async with db.transaction() as session:
            await membership.join(session, actor_id=who.id, clan_id=clan.id, clock=factories.CLOCK)
    return int(clan.id or 0)
