"""Who may call what: every mutation and query, as every kind of caller.

The fields come from the schema itself (the committed SDL and the code's schema), so a new field
without a row here fails the test. Each cell is the exact outcome: a top-level UNAUTHENTICATED or
FORBIDDEN error, or a payload; a refused call changes nothing in the database.
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graphql import build_schema as build_sdl

import schema as code_schema
from tests.conftest import GraphQLClient, make_admin, make_settings
from tests.server.support import running, set_role, snapshot

SDL = Path(__file__).resolve().parents[2] / "schema" / "schema.graphql"
ACTORS = ("anonymous", "user", "moderator", "admin", "telegram", "read_key", "admin_read_key")
TELEGRAM_USER_ID = "12345"

# What a rule means for each caller. Payload: the field answers (its payload's errors are then []).
UNAUTH, FORBID, OK = "UNAUTHENTICATED", "FORBIDDEN", "payload"
RULES: dict[str, dict[str, str]] = {
    # anyone, signed in or not
    "public": dict.fromkeys(ACTORS, OK),
    # any signed-in caller, read-only keys too
    "reader": {**dict.fromkeys(ACTORS, OK), "anonymous": UNAUTH},
    # signed in, and a key needs the write scope
    "writer": {
        **dict.fromkeys(ACTORS, OK),
        "anonymous": UNAUTH,
        "read_key": FORBID,
        "admin_read_key": FORBID,
    },
    # moderators and admins (an admin's read-only key reads, and may not change anything)
    "moderator_read": {
        **dict.fromkeys(ACTORS, FORBID),
        "anonymous": UNAUTH,
        "moderator": OK,
        "admin": OK,
        "admin_read_key": OK,
    },
    "moderator_write": {**dict.fromkeys(ACTORS, FORBID), "anonymous": UNAUTH, "moderator": OK, "admin": OK},
    "admin_read": {**dict.fromkeys(ACTORS, FORBID), "anonymous": UNAUTH, "admin": OK, "admin_read_key": OK},
    "admin_write": {**dict.fromkeys(ACTORS, FORBID), "anonymous": UNAUTH, "admin": OK},
}


@dataclass
class World:
    gql: GraphQLClient
    app: Any
    headers: dict[str, dict[str, str]]
    ids: dict[str, int]
    item_id: int

    def owner(self, actor: str) -> str:
        """Whose resources an actor uses (anonymous tries alice's; keys act for their owners)."""
        return {"anonymous": "user", "read_key": "user", "admin_read_key": "admin"}.get(actor, actor)

    async def call(self, actor: str, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        response = await self.gql.http.post(
            "/graphql", json={"query": query, "variables": variables or {}}, headers=self.headers[actor]
        )
        assert response.status_code == 200, response.text
        return response.json()

    async def must(self, actor: str, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        body = await self.call(actor, query, variables)
        assert "errors" not in body, body
        return body["data"]


Variables = Callable[[World, str], Awaitable[dict[str, Any]]]


async def no_variables(world: World, actor: str) -> dict[str, Any]:
    return {}


def fixed(**values: Any) -> Variables:
    async def make(world: World, actor: str) -> dict[str, Any]:
        return dict(values)

    return make


async def new_username(world: World, actor: str) -> dict[str, Any]:
    return {"u": f"new_{actor}", "p": "password123"}


async def fresh_refresh_token(world: World, actor: str) -> dict[str, Any]:
    data = await world.must(
        "anonymous",
        'mutation { authLogin(input: {username: "loginme", password: "password123"}) { refreshToken } }',
    )
    return {"t": data["authLogin"]["refreshToken"]}


async def own_api_key(world: World, actor: str) -> dict[str, Any]:
    data = await world.must(
        world.owner(actor), 'mutation { apiKeyCreate(input: {name: "to revoke"}) { apiKey { id } } }'
    )
    return {"id": data["apiKeyCreate"]["apiKey"]["id"]}


async def bob(world: World, actor: str) -> dict[str, Any]:
    return {"u": str(world.ids["bob"])}


async def the_item(world: World, actor: str) -> dict[str, Any]:
    return {"id": str(world.item_id)}


async def friend_setup(world: World, actor: str, state: str) -> dict[str, Any]:
    """A new player with a request pending to the caller's owner, a friend of theirs, or blocked."""
    from resolvers import friends
    from tests import factories

    db = world.app.state.services.db
    owner = world.ids[{"user": "alice", "moderator": "mod"}.get(world.owner(actor), world.owner(actor))]
    other = await factories.player(db)
    async with db.transaction() as session:
        request = await friends.send(session, actor_id=other.id, user_id=owner, clock=factories.CLOCK)
        if state == "friend":
            await friends.accept(session, actor_id=owner, request_id=request.id, clock=factories.CLOCK)
        if state == "blocked":
            await friends.block(session, actor_id=owner, user_id=other.id, clock=factories.CLOCK)
    return {"r": str(request.id)} if state == "request" else {"u": str(other.id)}


async def clan_setup(world: World, actor: str, state: str) -> dict[str, Any]:
    """Clans: the caller's owner out of any clan ("free": a new open clan to join) or leading a new
    clan with one member ("leader": that member; "request": a closed clan with a pending request)."""
    from sqlalchemy import delete

    from db.models.clans import ClanMember
    from resolvers.clans import membership, treasury
    from tests import factories

    db = world.app.state.services.db
    owner = world.ids[{"user": "alice", "moderator": "mod"}.get(world.owner(actor), world.owner(actor))]
    other, extra = await factories.player(db), await factories.player(db)
    async with db.transaction() as session:
        await session.execute(delete(ClanMember).where(ClanMember.user_id == owner))  # type: ignore[arg-type]
        if state == "free":
            clan = await membership.create(
                session, actor_id=other.id, name=f"Open {other.id}", clock=factories.CLOCK
            )
            return {"id": str(clan.id), "n": f"Matrix {other.id}"}
        clan = await membership.create(session, actor_id=owner, name=f"Led {other.id}", clock=factories.CLOCK)
        if state == "alone":
            return {}
        await membership.join(session, actor_id=other.id, clan_id=clan.id, clock=factories.CLOCK)
        if state == "funded":
            await factories._grant(
                session, other.id, 5, currency="COIN", by=None, key=None, clock=factories.CLOCK
            )
            await factories._grant(
                session, owner, 5, currency="COIN", by=None, key=None, clock=factories.CLOCK
            )
            await treasury.contribute(
                session, actor_id=other.id, amount=5, idempotency_key=None, clock=factories.CLOCK
            )
        if state == "request":
            await membership.set_open(session, actor_id=owner, open=False, clock=factories.CLOCK)
            asked = await membership.join(session, actor_id=extra.id, clan_id=clan.id, clock=factories.CLOCK)
            return {"r": str(asked.request.id if asked.request else 0)}
        return {"u": str(other.id)}


def clan_state(state: str) -> Variables:
    return functools.partial(clan_setup, state=state)


async def quest_id(world: World, key: str) -> str:
    from sqlalchemy import select

    from db.models.quests import Quest

    async with world.app.state.services.db.reader() as session:
        return str((await session.execute(select(Quest.id).where(Quest.key == key))).scalar_one())


async def first_quest(world: World, actor: str) -> dict[str, Any]:
    return {"q": await quest_id(world, "first-steps")}


async def own_active_quest(world: World, actor: str) -> dict[str, Any]:
    """The daily starter quest, accepted by the caller's owner (again: refused if already active)."""
    daily = await quest_id(world, "daily-routine")
    await world.must(
        world.owner(actor),
        "mutation($q: ID!) { questAccept(input: {questId: $q}) { errors { code } } }",
        {"q": daily},
    )
    return {"q": daily}


def with_friend(state: str) -> Variables:
    async def make(world: World, actor: str) -> dict[str, Any]:
        return await friend_setup(world, actor, state)

    return make


async def tournament_setup(
    world: World, actor: str, *, owner_joins: bool = False, others: int = 0, start: bool = False
) -> dict[str, Any]:
    """A fresh free tournament by the admin: the caller's owner and ``others`` new players in it,
    started when asked; the id, the first ready match and the owner's id."""
    from resolvers.tournaments import common, play, registration
    from tests import factories

    db = world.app.state.services.db
    owner = world.ids[{"user": "alice", "moderator": "mod"}.get(world.owner(actor), world.owner(actor))]
    rivals = [await factories.player(db) for _ in range(others)]
    clock = factories.CLOCK
    async with db.transaction() as session:
        made = await registration.create(
            session,
            actor_id=world.ids["admin"],
            is_admin=True,
            name="Matrix cup",
            format="SINGLE_ELIMINATION",
            entry_fee=0,
            max_players=8,
            clock=clock,
        )
        ident = int(made.id or 0)
        for uid in ([owner] if owner_joins else []) + [r.id for r in rivals]:
            await registration.join(session, actor_id=uid, tournament_id=ident, clock=clock)
        if start:
            await play.start(session, actor_id=world.ids["admin"], tournament_id=ident, clock=clock)
        ready = [m for m in await common.matches_of(session, ident) if m.status == "READY"]
    out = {"id": str(ident)}
    if ready:
        out["m"] = str(ready[0].id)
    return out


def tournament(**options: Any) -> Variables:
    async def make(world: World, actor: str) -> dict[str, Any]:
        return await tournament_setup(world, actor, **options)

    return make


async def tournament_own_match(world: World, actor: str) -> dict[str, Any]:
    made = await tournament_setup(world, actor, owner_joins=True, others=1, start=True)
    owner = world.ids[{"user": "alice", "moderator": "mod"}.get(world.owner(actor), world.owner(actor))]
    return {"m": made["m"], "w": str(owner)}


async def battle_pass_funds(world: World, actor: str) -> dict[str, Any]:
    """1,000 COIN more for the caller's owner: the battle pass's purchases never run short."""
    from tests import factories

    owner = world.ids[{"user": "alice", "moderator": "mod"}.get(world.owner(actor), world.owner(actor))]
    await factories.grant(world.app.state.services.db, owner, 1000)
    return {}


@dataclass(frozen=True)
class Row:
    rule: str
    document: str
    variables: Variables = no_variables
    # Cells where authorization passes and the use case answers a payload error (e.g. only the
    # bot may submit game messages): the exact codes, and then too nothing may change
    domain: dict[str, list[str]] = field(default_factory=dict)

    def expected(self, actor: str) -> str:
        if actor in self.domain:
            return f"payload with errors {self.domain[actor]}"
        return RULES[self.rule][actor]


def payload_errors(codes: list[str], *actors: str) -> dict[str, list[str]]:
    return dict.fromkeys(actors, codes)


async def own_nickname(world: World, actor: str) -> dict[str, Any]:
    return {"n": f"Nick{actor.replace('_', '')}"}


DND_CHARACTER = (
    'mutation { dndCharacterCreate(input: {name: "Matrix", characterClass: FIGHTER, race: HUMAN})'
    " { character { id } } }"
)


def _dnd_other(owner: str) -> str:
    return "admin" if owner != "admin" else "user"


async def _dnd_session(world: World, dm: str) -> str:
    data = await world.must(dm, 'mutation { dndSessionCreate(input: {name: "Matrix"}) { session { id } } }')
    return str(data["dndSessionCreate"]["session"]["id"])


async def _dnd_character(world: World, owner: str) -> str:
    return str((await world.must(owner, DND_CHARACTER))["dndCharacterCreate"]["character"]["id"])


async def dnd_own_session(world: World, actor: str) -> dict[str, Any]:
    return {"s": await _dnd_session(world, world.owner(actor))}


async def dnd_own_character(world: World, actor: str) -> dict[str, Any]:
    return {"c": await _dnd_character(world, world.owner(actor))}


async def dnd_join(world: World, actor: str) -> dict[str, Any]:
    owner = world.owner(actor)
    return {"s": await _dnd_session(world, _dnd_other(owner)), "c": await _dnd_character(world, owner)}


async def dnd_own_npc(world: World, actor: str) -> dict[str, Any]:
    owner = world.owner(actor)
    sid = await _dnd_session(world, owner)
    data = await world.must(
        owner,
        'mutation($s: ID!) { dndNpcAdd(input: {sessionId: $s, name: "Orc", maxHp: 9}) { participant { id } } }',
        {"s": sid},
    )
    return {"p": data["dndNpcAdd"]["participant"]["id"]}


async def dnd_player_at_own_table(world: World, actor: str) -> dict[str, Any]:
    owner = world.owner(actor)
    player = _dnd_other(owner)
    sid, cid = await _dnd_session(world, owner), await _dnd_character(world, player)
    data = await world.must(
        player,
        "mutation($s: ID!, $c: ID!) { dndSessionJoin(input: {sessionId: $s, characterId: $c})"
        " { participant { id } } }",
        {"s": sid, "c": cid},
    )
    return {"p": data["dndSessionJoin"]["participant"]["id"]}


async def dnd_own_table_with_npc(world: World, actor: str) -> dict[str, Any]:
    owner = world.owner(actor)
    sid = await _dnd_session(world, owner)
    await world.must(
        owner,
        'mutation($s: ID!) { dndNpcAdd(input: {sessionId: $s, name: "Orc", maxHp: 9}) { participant { id } } }',
        {"s": sid},
    )
    return {"s": sid}


async def dnd_own_encounter(world: World, actor: str) -> dict[str, Any]:
    owner = world.owner(actor)
    sid = (await dnd_own_table_with_npc(world, actor))["s"]
    data = await world.must(
        owner,
        "mutation($s: ID!) { dndEncounterStart(input: {sessionId: $s}) { encounter { id } } }",
        {"s": sid},
    )
    return {"e": data["dndEncounterStart"]["encounter"]["id"]}


async def bank_own_deposit(world: World, actor: str) -> dict[str, Any]:
    data = await world.must(
        world.owner(actor), "mutation { bankDeposit(input: {amount: 1, termDays: 7}) { deposit { id } } }"
    )
    return {"id": data["bankDeposit"]["deposit"]["id"]}


async def bank_own_loan(world: World, actor: str) -> dict[str, Any]:
    owner = world.owner(actor)
    loans = (await world.must(owner, "{ myLoans { id status } }"))["myLoans"]
    open_ids = [loan["id"] for loan in loans if loan["status"] == "OPEN"]
    if not open_ids:
        data = await world.must(
            owner, "mutation { loanRequest(input: {amount: 5, termDays: 7}) { loan { id } } }"
        )
        open_ids = [data["loanRequest"]["loan"]["id"]]
    return {"id": open_ids[0]}


async def _auction_listed_by(world: World, seller: str) -> str:
    """A fresh auction of one Widget (bought first) by ``seller``, from 1 coin."""
    await world.must(
        seller,
        "mutation($id: ID!) { shopPurchase(input: {itemId: $id}) { quantity } }",
        await the_item(world, seller),
    )
    data = await world.must(
        seller,
        "mutation($id: ID!) { auctionCreate(input: {itemId: $id, startPrice: 1, durationDays: 1}) { auction { id } } }",
        {"id": str(world.item_id)},
    )
    return str(data["auctionCreate"]["auction"]["id"])


async def auction_own_widget(world: World, actor: str) -> dict[str, Any]:
    await world.must(
        world.owner(actor),
        "mutation($id: ID!) { shopPurchase(input: {itemId: $id}) { quantity } }",
        await the_item(world, actor),
    )
    return {"id": str(world.item_id)}


async def auction_of_another(world: World, actor: str) -> dict[str, Any]:
    return {"id": await _auction_listed_by(world, "moderator" if world.owner(actor) == "admin" else "admin")}


async def auction_own(world: World, actor: str) -> dict[str, Any]:
    return {"id": await _auction_listed_by(world, world.owner(actor))}


async def auction_of_alice(world: World, actor: str) -> dict[str, Any]:
    return {"id": await _auction_listed_by(world, "user")}


async def gd_fresh_level(world: World, actor: str) -> dict[str, Any]:
    """A new level on the board (the caller has no submission for it)."""
    from resolvers import gdboard
    from tests import factories

    async with world.app.state.services.db.transaction() as session:
        level = await gdboard.add(
            session,
            actor_id=world.ids["admin"],
            name=f"Level {actor}",
            creator="Someone",
            gd_id=max((lv.gd_id for lv in await gdboard.listed(session)), default=1000) + 1,
            difficulty="HARD_DEMON",
            position=1,
            clock=factories.CLOCK,
        )
    return {"id": str(level.id)}


async def gd_pending_submission(world: World, actor: str) -> dict[str, Any]:
    """Another player's pending completion of a new level."""
    from resolvers import gdboard
    from tests import factories

    level = await gd_fresh_level(world, actor)
    other = await factories.player(world.app.state.services.db)
    async with world.app.state.services.db.transaction() as session:
        row = await gdboard.submit(
            session,
            actor_id=other.id,
            level_id=level["id"],
            position=None,
            video_url="https://youtu.be/x",
            clock=factories.CLOCK,
        )
    return {"id": str(row.id)}


async def chat_setup(world: World, actor: str, state: str) -> dict[str, Any]:
    """Chat: a new player's global message ("message", for a report), muted ("muted") or reported
    by another new player ("report")."""
    from resolvers.chat import messages, moderation
    from tests import factories

    db = world.app.state.services.db
    author, other = await factories.player(db), await factories.player(db)
    async with db.transaction() as session:
        if state == "muted":
            await moderation.mute(
                session,
                actor_id=world.ids["admin"],
                user_id=author.id,
                minutes=5,
                reason="m",
                clock=factories.CLOCK,
            )
            return {"u": str(author.id)}
        sent = await messages.send(
            session, actor_id=author.id, channel="global", text="hi", clock=factories.CLOCK
        )
        ident = int(sent.message.id or 0)
        if state == "message":
            return {"m": str(ident)}
        report = await moderation.report(
            session, actor_id=other.id, message_id=ident, reason="r", clock=factories.CLOCK
        )
    return {"r": str(report.id)}


def chat_state(state: str) -> Variables:
    return functools.partial(chat_setup, state=state)


MUTATIONS: dict[str, Row] = {
    "chatSend": Row(
        "writer",
        'mutation { chatSend(input: {channel: "global", text: "matrix"}) { message { id } errors { code } } }',
    ),
    "chatMute": Row(
        "moderator_write",
        "mutation($u: ID!) { chatMute(input: {userId: $u, minutes: 1}) { errors { code } } }",
        bob,
    ),
    "chatUnmute": Row(
        "moderator_write",
        "mutation($u: ID!) { chatUnmute(input: {userId: $u}) { errors { code } } }",
        chat_state("muted"),
    ),
    "chatReport": Row(
        "writer",
        'mutation($m: ID!) { chatReport(input: {messageId: $m, reason: "rude"}) { errors { code } } }',
        chat_state("message"),
    ),
    "chatReportResolve": Row(
        "moderator_write",
        "mutation($r: ID!) { chatReportResolve(input: {reportId: $r, action: DISMISS}) { errors { code } } }",
        chat_state("report"),
    ),
    "chatMessageDelete": Row(
        "moderator_write",
        "mutation($m: ID!) { chatMessageDelete(input: {messageId: $m}) { errors { code } } }",
        chat_state("message"),
    ),
    "authRegister": Row(
        "public",
        "mutation($u: String!, $p: String!) { authRegister(input: {username: $u, password: $p})"
        " { accessToken errors { code } } }",
        new_username,
    ),
    "authLogin": Row(
        "public",
        'mutation { authLogin(input: {username: "loginme", password: "password123"}) { accessToken errors { code } } }',
    ),
    "authRefresh": Row(
        "public",
        "mutation($t: String!) { authRefresh(input: {refreshToken: $t}) { accessToken errors { code } } }",
        fresh_refresh_token,
    ),
    "authLogout": Row(
        "public",
        "mutation($t: String!) { authLogout(input: {refreshToken: $t}) { ok errors { code } } }",
        fresh_refresh_token,
    ),
    "apiKeyCreate": Row(
        "writer", 'mutation { apiKeyCreate(input: {name: "mine"}) { apiKey { id } errors { code } } }'
    ),
    "apiKeyRevoke": Row(
        "writer",
        "mutation($id: ID!) { apiKeyRevoke(input: {id: $id}) { apiKey { revokedAt } errors { code } } }",
        own_api_key,
    ),
    "walletTransfer": Row(
        "writer",
        "mutation($u: ID!) { walletTransfer(input: {toUserId: $u, amount: 1}) { transfer { id } errors { code } } }",
        bob,
    ),
    "auctionCreate": Row(
        "writer",
        "mutation($id: ID!) { auctionCreate(input: {itemId: $id, startPrice: 1, durationDays: 1})"
        " { auction { id } errors { code } } }",
        auction_own_widget,
    ),
    "auctionBid": Row(
        "writer",
        "mutation($id: ID!) { auctionBid(input: {auctionId: $id, amount: 1}) { auction { id } errors { code } } }",
        auction_of_another,
    ),
    "auctionCancel": Row(
        "writer",
        "mutation($id: ID!) { auctionCancel(input: {auctionId: $id}) { auction { status } errors { code } } }",
        auction_own,
    ),
    "auctionEnd": Row(
        "admin_write",
        "mutation($id: ID!) { auctionEnd(input: {auctionId: $id}) { auction { status } errors { code } } }",
        auction_of_alice,
    ),
    "clanCreate": Row(
        "writer",
        "mutation($n: String!) { clanCreate(input: {name: $n}) { errors { code } } }",
        clan_state("free"),
    ),
    "clanJoin": Row(
        "writer",
        "mutation($id: ID!) { clanJoin(input: {clanId: $id}) { errors { code } } }",
        clan_state("free"),
    ),
    "clanLeave": Row("writer", "mutation { clanLeave { errors { code } } }", clan_state("alone")),
    "clanKick": Row(
        "writer",
        "mutation($u: ID!) { clanKick(input: {userId: $u}) { errors { code } } }",
        clan_state("leader"),
    ),
    "clanRoleSet": Row(
        "writer",
        "mutation($u: ID!) { clanRoleSet(input: {userId: $u, role: OFFICER}) { errors { code } } }",
        clan_state("leader"),
    ),
    "clanLeaderTransfer": Row(
        "writer",
        "mutation($u: ID!) { clanLeaderTransfer(input: {userId: $u}) { errors { code } } }",
        clan_state("leader"),
    ),
    "clanUpdate": Row(
        "writer", "mutation { clanUpdate(input: {open: false}) { errors { code } } }", clan_state("leader")
    ),
    "clanRequestDecide": Row(
        "writer",
        "mutation($r: ID!) { clanRequestDecide(input: {requestId: $r, accept: true}) { errors { code } } }",
        clan_state("request"),
    ),
    "clanContribute": Row(
        "writer", "mutation { clanContribute(input: {amount: 1}) { errors { code } } }", clan_state("funded")
    ),
    "clanTreasuryPay": Row(
        "writer",
        "mutation($u: ID!) { clanTreasuryPay(input: {userId: $u, amount: 1}) { errors { code } } }",
        clan_state("funded"),
    ),
    "clanGoalPick": Row(
        "writer",
        'mutation { clanGoalPick(input: {template: "wins"}) { errors { code } } }',
        clan_state("leader"),
    ),
    "giftSend": Row(
        "writer",
        'mutation($u: ID!) { giftSend(input: {toUserId: $u, amount: 1, currency: "COIN"}) { errors { code } } }',
        bob,
    ),
    "bankDeposit": Row(
        "writer",
        "mutation { bankDeposit(input: {amount: 1, termDays: 7}) { deposit { id } errors { code } } }",
    ),
    "bankWithdraw": Row(
        "writer",
        "mutation($id: ID!) { bankWithdraw(input: {depositId: $id}) { deposit { id } errors { code } } }",
        bank_own_deposit,
    ),
    "loanRequest": Row(
        "writer", "mutation { loanRequest(input: {amount: 2, termDays: 7}) { loan { id } errors { code } } }"
    ),
    "loanRepay": Row(
        "writer",
        "mutation($id: ID!) { loanRepay(input: {loanId: $id, amount: 1}) { loan { id } errors { code } } }",
        bank_own_loan,
    ),
    "tradeOfferCreate": Row(
        "writer",
        'mutation($u: ID!) { tradeOfferCreate(input: {toUserId: $u, give: [{currency: "COIN", amount: 1}],'
        " want: []}) { offer { id } errors { code } } }",
        bob,
    ),
    **{
        f"tradeOffer{verb}": Row(
            "writer",
            f"mutation {{ tradeOffer{verb}(input: {{offerId: 0{extra}}}) {{ offer {{ id }} errors {{ code }} }} }}",
            domain=payload_errors(["UNKNOWN_OFFER"], "user", "moderator", "admin", "telegram"),
        )
        for verb, extra in (
            ("Accept", ""),
            ("Decline", ""),
            ("Cancel", ""),
            ("Counter", ", give: [], want: []"),
        )
    },
    "shopPurchase": Row(
        "writer",
        "mutation($id: ID!) { shopPurchase(input: {itemId: $id}) { quantity errors { code } } }",
        the_item,
    ),
    "questAccept": Row(
        "writer",
        "mutation($q: ID!) { questAccept(input: {questId: $q}) { quest { id } errors { code } } }",
        first_quest,
    ),
    "questAbandon": Row(
        "writer",
        "mutation($q: ID!) { questAbandon(input: {questId: $q}) { quest { id } errors { code } } }",
        own_active_quest,
    ),
    "questCreate": Row(
        "admin_write",
        'mutation { questCreate(input: {title: "Matrix", type: REPEATABLE, objectives: [{kind: "gift.sent"}],'
        " rewardXp: 5}) { quest { id } errors { code } } }",
    ),
    "questUpdate": Row(
        "admin_write",
        "mutation($q: ID!) { questUpdate(input: {questId: $q, position: 1}) { quest { id } errors { code } } }",
        first_quest,
    ),
    "dailyClaim": Row(
        "writer", "mutation { dailyClaim(input: {}) { claim { amount streak } errors { code } } }"
    ),
    "battlePassBuyPremium": Row(
        "writer",
        "mutation { battlePassBuyPremium(input: {}) { battlePass { premium } errors { code } } }",
        battle_pass_funds,
    ),
    "battlePassBuyLevels": Row(
        "writer",
        "mutation { battlePassBuyLevels(input: {levels: 1}) { battlePass { level } errors { code } } }",
        battle_pass_funds,
    ),
    "referralApply": Row(
        "writer",
        'mutation { referralApply(input: {code: "ZZZZZZZZ"}) { referral { id } errors { code } } }',
        domain=payload_errors(["INVALID_REFERRAL"], "user", "moderator", "admin", "telegram"),
    ),
    "referralReview": Row(
        "moderator_write",
        'mutation { referralReview(input: {referralId: "999999", approve: true}) { referral { id } errors { code } } }',
        domain=payload_errors(["UNKNOWN_REFERRAL"], "moderator", "admin"),
    ),
    "achievementsFeature": Row(
        "writer", "mutation { achievementsFeature(input: {keys: []}) { featured { key } errors { code } } }"
    ),
    "profileUpdate": Row(
        "writer", 'mutation { profileUpdate(input: {bio: "hi"}) { profile { bio } errors { code } } }'
    ),
    "feedReact": Row(
        "writer",
        'mutation { feedReact(input: {itemId: "999999", emoji: "🔥"}) { item { id } errors { code } } }',
        domain=payload_errors(["UNKNOWN_FEED_ITEM"], "user", "moderator", "admin", "telegram"),
    ),
    "achievementsRewardSet": Row(
        "admin_write",
        'mutation { achievementsRewardSet(input: {key: "shopper", step: 1, coin: 10, xp: 10})'
        " { tier { coin } errors { code } } }",
    ),
    "progressionXpRuleSet": Row(
        "admin_write",
        'mutation { progressionXpRuleSet(input: {kind: "shop.purchase", xp: 10, dailyCap: 100})'
        " { errors { code } } }",
    ),
    "notificationMarkRead": Row(
        "writer", "mutation { notificationMarkRead(input: {all: true}) { count errors { code } } }"
    ),
    "friendRequestSend": Row(
        "writer",
        "mutation($u: ID!) { friendRequestSend(input: {userId: $u}) { request { id } errors { code } } }",
        bob,
    ),
    "friendRequestAccept": Row(
        "writer",
        "mutation($r: ID!) { friendRequestAccept(input: {requestId: $r}) { request { id } errors { code } } }",
        with_friend("request"),
    ),
    "friendRequestDecline": Row(
        "writer",
        "mutation($r: ID!) { friendRequestDecline(input: {requestId: $r}) { request { id } errors { code } } }",
        with_friend("request"),
    ),
    "friendRemove": Row(
        "writer",
        "mutation($u: ID!) { friendRemove(input: {userId: $u}) { user { id } errors { code } } }",
        with_friend("friend"),
    ),
    "userBlock": Row(
        "writer", "mutation($u: ID!) { userBlock(input: {userId: $u}) { user { id } errors { code } } }", bob
    ),
    "userUnblock": Row(
        "writer",
        "mutation($u: ID!) { userUnblock(input: {userId: $u}) { user { id } errors { code } } }",
        with_friend("blocked"),
    ),
    "adminGrant": Row(
        "admin_write",
        'mutation($u: ID!) { adminGrant(input: {userId: $u, amount: 5, reason: "matrix"})'
        " { transfer { id } errors { code } } }",
        bob,
    ),
    "adminItemCreate": Row(
        "admin_write",
        'mutation { adminItemCreate(input: {name: "Gadget", price: 3}) { item { id } errors { code } } }',
    ),
    "adminItemUpdate": Row(
        "admin_write",
        "mutation($id: ID!) { adminItemUpdate(input: {id: $id, price: 7}) { item { price } errors { code } } }",
        the_item,
    ),
    "shopPriceModifierSet": Row(
        "admin_write",
        "mutation($id: ID!) { shopPriceModifierSet(input: {itemId: $id, multiplier: 1.1}) { errors { code } } }",
        the_item,
    ),
    "walletGrant": Row(
        "admin_write",
        'mutation($u: ID!) { walletGrant(input: {userId: $u, amount: 5, reason: "matrix"})'
        " { transfer { id } errors { code } } }",
        bob,
    ),
    "shopItemCreate": Row(
        "admin_write",
        'mutation { shopItemCreate(input: {name: "Gizmo", price: 3}) { item { id } errors { code } } }',
    ),
    "shopItemUpdate": Row(
        "admin_write",
        "mutation($id: ID!) { shopItemUpdate(input: {id: $id, price: 8}) { item { price } errors { code } } }",
        the_item,
    ),
    # perks: admins put perks on sale; the bot reports stickers and spends mentions
    "perkItemCreate": Row(
        "admin_write",
        "mutation { perkItemCreate(input: {kind: STICKERS}) { item { id } errors { code } } }",
    ),
    "perkStickerSent": Row(
        "writer",
        'mutation { perkStickerSent(input: {chatId: "-100"}) { allowed errors { code } } }',
        domain=payload_errors(["NOT_ALLOWED"], "user", "moderator", "admin"),
    ),
    "perkMentionUse": Row(
        "writer",
        'mutation { perkMentionUse(input: {chatId: "-100"}) { usesLeft errors { code } } }',
        domain={**payload_errors(["NOT_ALLOWED"], "user", "moderator", "admin"), "telegram": ["NO_PERK"]},
    ),
    # ingestion: the bot (service key, acting for a Telegram user) submits game messages
    "ingestionSubmit": Row(
        "writer",
        'mutation { ingestionSubmit(input: {chatId: "-100", messageId: 1, senderTelegramId: "424242",'
        ' text: "hello"}) { status errors { code } } }',
        domain={
            **payload_errors(["NOT_ALLOWED"], "user", "moderator", "admin"),
            "telegram": ["NOT_A_GAME_BOT"],  # authorised; the sender is no configured game bot
        },
    ),
    "ingestionNicknameClaim": Row(
        "writer",
        "mutation($n: String!) { ingestionNicknameClaim(input: {source: GDCARDS, nickname: $n})"
        " { nickname { nickname } errors { code } } }",
        own_nickname,
    ),
    "ingestionReview": Row(
        "moderator_write",
        'mutation { ingestionReview(input: {id: "999999", decision: APPROVE}) { errors { code } } }',
        domain=payload_errors(["NOT_FOUND"], "moderator", "admin"),
    ),
    "ingestionNicknameReview": Row(
        "moderator_write",
        'mutation { ingestionNicknameReview(input: {id: "999999", decision: APPROVE}) { errors { code } } }',
        domain=payload_errors(["NOT_FOUND"], "moderator", "admin"),
    ),
    "adminIngestionSettingsUpdate": Row(
        "admin_write",
        "mutation { adminIngestionSettingsUpdate(input: {reviewThreshold: 0.75})"
        " { settings { reviewThreshold } errors { code } } }",
    ),
    "adminIngestionSourceUpsert": Row(
        "admin_write",
        'mutation { adminIngestionSourceUpsert(input: {source: BUNKER_RP, telegramId: "5550001", enabled: true})'
        " { errors { code } } }",
    ),
    "adminClockAdvance": Row(
        "admin_write",
        "mutation { adminClockAdvance(input: {seconds: 60}) { now errors { code } } }",
        domain=payload_errors(["CLOCK_NOT_MANUAL"], "admin"),
    ),
    "adminJobRun": Row(
        "admin_write",
        'mutation { adminJobRun(input: {name: "no_such_job"}) { name errors { code } } }',
        domain=payload_errors(["UNKNOWN_JOB"], "admin"),
    ),
    "adminParserModelSetShadow": Row(
        "admin_write",
        "mutation { adminParserModelSetShadow(input: {version: null}) { errors { code } } }",
    ),
    "diceRoll": Row(
        "writer",
        'mutation { diceRoll(input: {notation: "2d6+3", reason: "matrix"}) { roll { total } errors { code } } }',
    ),
    "dndCharacterCreate": Row("writer", DND_CHARACTER.replace("} } }", "} errors { code } } }")),
    "dndCharacterUpdate": Row(
        "writer",
        'mutation($c: ID!) { dndCharacterUpdate(input: {characterId: $c, backstory: "b"}) { errors { code } } }',
        dnd_own_character,
    ),
    "dndSessionCreate": Row(
        "writer", 'mutation { dndSessionCreate(input: {name: "Matrix"}) { session { id } errors { code } } }'
    ),
    "dndSessionJoin": Row(
        "writer",
        "mutation($s: ID!, $c: ID!) { dndSessionJoin(input: {sessionId: $s, characterId: $c}) { errors { code } } }",
        dnd_join,
    ),
    "dndSessionEnd": Row(
        "writer",
        "mutation($s: ID!) { dndSessionEnd(input: {sessionId: $s}) { errors { code } } }",
        dnd_own_session,
    ),
    "dndNpcAdd": Row(
        "writer",
        'mutation($s: ID!) { dndNpcAdd(input: {sessionId: $s, name: "Orc", maxHp: 9}) { errors { code } } }',
        dnd_own_session,
    ),
    "dndNoteAdd": Row(
        "writer",
        'mutation($s: ID!) { dndNoteAdd(input: {sessionId: $s, text: "n"}) { errors { code } } }',
        dnd_own_session,
    ),
    "dndHpChange": Row(
        "writer",
        "mutation($p: ID!) { dndHpChange(input: {participantId: $p, amount: -2}) { errors { code } } }",
        dnd_own_npc,
    ),
    "dndStatusSet": Row(
        "writer",
        "mutation($p: ID!) { dndStatusSet(input: {participantId: $p, status: PRONE}) { errors { code } } }",
        dnd_own_npc,
    ),
    "dndItemGive": Row(
        "writer",
        'mutation($p: ID!) { dndItemGive(input: {participantId: $p, name: "Gem"}) { errors { code } } }',
        dnd_player_at_own_table,
    ),
    "dndCampaignCreate": Row(
        "writer",
        'mutation { dndCampaignCreate(input: {name: "Matrix"}) { campaign { id } errors { code } } }',
    ),
    "dndEncounterStart": Row(
        "writer",
        "mutation($s: ID!) { dndEncounterStart(input: {sessionId: $s}) { errors { code } } }",
        dnd_own_table_with_npc,
    ),
    "dndEncounterNext": Row(
        "writer",
        "mutation($e: ID!) { dndEncounterNext(input: {encounterId: $e}) { errors { code } } }",
        dnd_own_encounter,
    ),
    "dndEncounterEnd": Row(
        "writer",
        "mutation($e: ID!) { dndEncounterEnd(input: {encounterId: $e}) { errors { code } } }",
        dnd_own_encounter,
    ),
    "tournamentCreate": Row(
        "moderator_write",
        'mutation { tournamentCreate(input: {name: "Cup", format: SINGLE_ELIMINATION, entryFee: 0, maxPlayers: 4})'
        " { tournament { id } errors { code } } }",
    ),
    "tournamentJoin": Row(
        "writer",
        "mutation($id: ID!) { tournamentJoin(input: {tournamentId: $id}) { tournament { id } errors { code } } }",
        tournament(),
    ),
    "tournamentLeave": Row(
        "writer",
        "mutation($id: ID!) { tournamentLeave(input: {tournamentId: $id}) { tournament { id } errors { code } } }",
        tournament(owner_joins=True),
    ),
    "tournamentStart": Row(
        "moderator_write",
        "mutation($id: ID!) { tournamentStart(input: {tournamentId: $id}) { tournament { status } errors { code } } }",
        tournament(others=2),
    ),
    "tournamentReportResult": Row(
        "writer",
        "mutation($m: ID!, $w: ID!) { tournamentReportResult(input: {matchId: $m, winnerId: $w})"
        " { match { id } errors { code } } }",
        tournament_own_match,
    ),
    "tournamentForceAdvance": Row(
        "admin_write",
        "mutation($m: ID!) { tournamentForceAdvance(input: {matchId: $m}) { match { id } errors { code } } }",
        tournament(others=2, start=True),
    ),
    "tournamentEnd": Row(
        "admin_write",
        "mutation($id: ID!) { tournamentEnd(input: {tournamentId: $id}) { tournament { status } errors { code } } }",
        tournament(others=3, start=True),
    ),
    "tournamentCancel": Row(
        "admin_write",
        "mutation($id: ID!) { tournamentCancel(input: {tournamentId: $id}) { tournament { status } errors { code } } }",
        tournament(),
    ),
    "tournamentBan": Row(
        "moderator_write",
        "mutation($u: ID!) { tournamentBan(input: {userId: $u, banned: false}) { banned errors { code } } }",
        bob,
    ),
    "seasonalEventCreate": Row(
        "admin_write",
        'mutation { seasonalEventCreate(input: {name: "Gala", currencyCode: "GALA", currencyName: "Stars",'
        ' startsAt: "2030-01-01T00:00:00+00:00", endsAt: "2030-01-10T00:00:00+00:00"})'
        " { event { id } errors { code } } }",
    ),
    "seasonalEventUpdate": Row(
        "admin_write",
        'mutation { seasonalEventUpdate(input: {id: "1", name: "New Year"}) { event { id } errors { code } } }',
    ),
    "seasonalShopItemCreate": Row(
        "admin_write",
        'mutation { seasonalShopItemCreate(input: {eventId: "1", name: "Bauble", price: 5})'
        " { shopItem { price } errors { code } } }",
    ),
    "seasonalShopBuy": Row(
        "writer",
        'mutation { seasonalShopBuy(input: {itemId: "999999"}) { quantity errors { code } } }',
        domain=payload_errors(["UNKNOWN_ITEM"], "user", "moderator", "admin", "telegram"),
    ),
    "gameCreate": Row(
        "writer",
        'mutation { gameCreate(input: {game: CITIES, mode: "nope"}) { session { id } errors { code } } }',
        domain=payload_errors(["INVALID_GAME"], "user", "moderator", "admin", "telegram"),
    ),
    "gameJoin": Row(
        "writer",
        'mutation { gameJoin(input: {sessionId: "999999"}) { session { id } errors { code } } }',
        domain=payload_errors(["UNKNOWN_SESSION"], "user", "moderator", "admin", "telegram"),
    ),
    "gameStart": Row(
        "writer",
        'mutation { gameStart(input: {sessionId: "999999"}) { session { id } errors { code } } }',
        domain=payload_errors(["UNKNOWN_SESSION"], "user", "moderator", "admin", "telegram"),
    ),
    "gameMove": Row(
        "writer",
        'mutation { gameMove(input: {sessionId: "999999", move: "Москва"}) { session { id } errors { code } } }',
        domain=payload_errors(["UNKNOWN_SESSION"], "user", "moderator", "admin", "telegram"),
    ),
    "gameLeave": Row(
        "writer",
        'mutation { gameLeave(input: {sessionId: "999999"}) { session { id } errors { code } } }',
        domain=payload_errors(["UNKNOWN_SESSION"], "user", "moderator", "admin", "telegram"),
    ),
    "gameForfeit": Row(
        "writer",
        'mutation { gameForfeit(input: {sessionId: "999999"}) { session { id } errors { code } } }',
        domain=payload_errors(["UNKNOWN_SESSION"], "user", "moderator", "admin", "telegram"),
    ),
    "gdLevelAdd": Row(
        "admin_write",
        'mutation { gdLevelAdd(input: {name: "Matrix", creator: "Me", gdId: "424242", difficulty: HARD_DEMON})'
        " { level { id } errors { code } } }",
    ),
    "gdLevelMove": Row(
        "admin_write",
        "mutation($id: ID!) { gdLevelMove(input: {levelId: $id, position: 1}) { level { id } errors { code } } }",
        gd_fresh_level,
    ),
    "gdLevelRemove": Row(
        "admin_write",
        "mutation($id: ID!) { gdLevelRemove(input: {levelId: $id}) { level { id } errors { code } } }",
        gd_fresh_level,
    ),
    "gdSubmissionCreate": Row(
        "writer",
        'mutation($id: ID!) { gdSubmissionCreate(input: {levelId: $id, videoUrl: "https://youtu.be/x"})'
        " { submission { id } errors { code } } }",
        gd_fresh_level,
    ),
    "gdSubmissionReview": Row(
        "moderator_write",
        "mutation($id: ID!) { gdSubmissionReview(input: {submissionId: $id, approve: true})"
        " { submission { id } errors { code } } }",
        gd_pending_submission,
    ),
    "linkCodeCreate": Row(
        "writer",
        "mutation { linkCodeCreate { code errors { code } } }",
        domain=payload_errors(["WEB_ONLY"], "telegram"),
    ),
    "linkCodeRedeem": Row(
        "writer",
        'mutation { linkCodeRedeem(input: {code: "ZZZZZZZZ"}) { link { id } errors { code } } }',
        domain={
            **payload_errors(["NOT_TELEGRAM"], "user", "moderator", "admin"),
            "telegram": ["LINK_CODE_INVALID"],
        },
    ),
    "linkTelegramWidget": Row(
        "writer",
        'mutation { linkTelegramWidget(input: {id: "1", authDate: 1, hash: "00"}) { link { id } errors { code } } }',
        domain={
            **payload_errors(["TELEGRAM_NOT_CONFIGURED"], "user", "moderator", "admin"),
            "telegram": ["WEB_ONLY"],
        },
    ),
    "linkResolve": Row(
        "writer",
        "mutation { linkResolve(input: {linkId: 0, keep: WEB}) { link { id } errors { code } } }",
        domain=payload_errors(["LINK_NOT_FOUND"], "user", "moderator", "admin", "telegram"),
    ),
}

QUERIES: dict[str, Row] = {
    "chatMessages": Row("reader", '{ chatMessages(channel: "global", first: 5) { id text } }'),
    "chatSearch": Row("reader", '{ chatSearch(query: "hi") { id } }'),
    "chatChannels": Row("reader", "{ chatChannels { name } }"),
    "chatReports": Row("moderator_read", "{ chatReports { id } }"),
    "chatExport": Row("moderator_read", '{ chatExport(channel: "global") }'),
    "chatMuted": Row("reader", "{ chatMuted { until } }"),
    "me": Row("public", "{ me { id } }"),
    "myPerks": Row("reader", "{ myPerks { id kind expiresAt } }"),
    "userByUsername": Row("reader", '{ userByUsername(username: "bob") { id } }'),
    "myApiKeys": Row("reader", "{ myApiKeys { id } }"),
    "myTransfers": Row("reader", "{ myTransfers { edges { node { id } } } }"),
    "shopItems": Row("public", "{ shopItems { edges { node { id } } } }"),
    "item": Row("public", "query($id: ID!) { item(id: $id) { id } }", the_item),
    "shopItemPriceHistory": Row(
        "public", "query($id: ID!) { shopItemPriceHistory(itemId: $id) { edges { node { day } } } }", the_item
    ),
    "notifications": Row("reader", "{ notifications { unreadCount } }"),
    "adminEconomySupply": Row("admin_read", "{ adminEconomySupply { asset balanced } }"),
    "adminAuditLog": Row("admin_read", "{ adminAuditLog(first: 1) { chainValid } }"),
    "myIngestions": Row("reader", "{ myIngestions { edges { node { id } } } }"),
    "myIngestionNicknames": Row("reader", "{ myIngestionNicknames { nickname } }"),
    "ingestionReviewQueue": Row("moderator_read", "{ ingestionReviewQueue { edges { node { id } } } }"),
    "ingestionNicknameClaims": Row("moderator_read", "{ ingestionNicknameClaims { edges { node { id } } } }"),
    "adminIngestionSettings": Row("admin_read", "{ adminIngestionSettings { reviewThreshold } }"),
    "adminParserModels": Row("admin_read", "{ adminParserModels { version } }"),
    "adminParserDisagreements": Row("admin_read", "{ adminParserDisagreements { edges { node { id } } } }"),
    "auction": Row("public", '{ auction(id: "1") { id status } }'),
    "auctions": Row("public", "{ auctions(first: 5) { edges { node { id } } } }"),
    "clan": Row("reader", '{ clan(id: "1") { name memberCount treasury } }'),
    "myClan": Row("reader", "{ myClan { id } }"),
    "clans": Row("reader", "{ clans(first: 5) { edges { node { id } } } }"),
    "clanRequests": Row("reader", "{ clanRequests { id } }"),
    "clanGoalTemplates": Row("reader", "{ clanGoalTemplates { key } }"),
    "clanLeaderboard": Row("reader", "{ clanLeaderboard(period: WEEKLY) { periodKey } }"),
    "myGifts": Row("reader", "{ myGifts { edges { node { id } } } }"),
    "giftsLeftToday": Row("reader", "{ giftsLeftToday }"),
    "linkPending": Row("reader", "{ linkPending { id status } }"),
    "linkWidget": Row("reader", "{ linkWidget { botId } }"),
    "achievements": Row("reader", "{ achievements { key title unlocked progress } }"),
    "featuredAchievements": Row("public", '{ featuredAchievements(username: "alice") { key } }'),
    "profile": Row("public", '{ profile(username: "alice") { bio } }'),
    "feed": Row("reader", "{ feed(first: 5) { id } }"),
    "quests": Row("reader", "{ quests(status: AVAILABLE) { id title status progress goal } }"),
    "quest": Row("reader", '{ quest(id: "1") { id } }'),
    "questGraph": Row(
        "admin_read", "{ questGraph { nodes { depth unlocks quest { id } } branches { name } } }"
    ),
    "questObjectiveKinds": Row("admin_read", "{ questObjectiveKinds }"),
    "myStreak": Row("reader", "{ myStreak { current best } }"),
    "challenges": Row("reader", "{ challenges { id period goal progress expiresAt } }"),
    "challengeStreak": Row("reader", "{ challengeStreak(period: WEEKLY) { current best } }"),
    "myReferralCode": Row("reader", "{ myReferralCode { code } }"),
    "myReferrals": Row("reader", "{ myReferrals { user { username } status } }"),
    "myReferrer": Row("reader", "{ myReferrer { status } }"),
    "myReferralStats": Row("reader", "{ myReferralStats { qualified milestones { count } } }"),
    "referralsHeld": Row("moderator_read", "{ referralsHeld { edges { node { id } } } }"),
    "myProgress": Row("reader", "{ myProgress { level xp tier { name } } }"),
    "battlePass": Row("reader", "{ battlePass { season { id endsAt } level xp premium } }"),
    "battlePassHistory": Row("reader", "{ battlePassHistory { season { number } level } }"),
    "levelCurve": Row("public", "{ levelCurve(upTo: 3) { level xp } }"),
    "loyaltyTiers": Row("public", "{ loyaltyTiers { name } }"),
    "progressionXpRules": Row("reader", "{ progressionXpRules { kind xp dailyCap } }"),
    "friends": Row("reader", "{ friends { user { username } online } }"),
    "friendRequests": Row("reader", "{ friendRequests(direction: OUTGOING) { id } }"),
    "blockedUsers": Row("reader", "{ blockedUsers { user { id } } }"),
    "friendsActivity": Row("reader", "{ friendsActivity { kind } }"),
    "leaderboard": Row(
        "public", '{ leaderboard(board: "coins", period: WEEKLY) { entries { rank } viewer { rank } } }'
    ),
    "leaderboardBoards": Row("public", "{ leaderboardBoards }"),
    "myDeposits": Row("reader", "{ myDeposits { id balance maturesAt } }"),
    "myLoans": Row("reader", "{ myLoans { id principal outstanding rate schedule { day } } }"),
    "myCreditScore": Row("reader", "{ myCreditScore { score limit } }"),
    "tradeOffers": Row("reader", "{ tradeOffers { edges { node { id } } } }"),
    "tradeFlags": Row("moderator_read", "{ tradeFlags { edges { node { id } } } }"),
    "tradeFraudAlerts": Row("moderator_read", "{ tradeFraudAlerts { edges { node { id } } } }"),
    "adminJobs": Row("admin_read", "{ adminJobs { name schedule lastRunAt } }"),
    "userByTelegramUsername": Row("reader", '{ userByTelegramUsername(username: "bob") { id } }'),
    "myImportedHistory": Row("reader", "{ myImportedHistory { edges { node { id } } } }"),
    "adminImportedHistory": Row("admin_read", "{ adminImportedHistory { edges { node { id } } } }"),
    "myDiceRolls": Row("reader", "{ myDiceRolls { edges { node { id } } } }"),
    "dndCharacters": Row("reader", "{ dndCharacters { id } }"),
    "dndCharacter": Row("reader", '{ dndCharacter(id: "1") { id } }'),
    "dndSessions": Row("reader", "{ dndSessions { edges { node { id } } } }"),
    "dndSession": Row("reader", '{ dndSession(id: "1") { id } }'),
    "dndCampaigns": Row("reader", "{ dndCampaigns { id sessions { id } } }"),
    "tournament": Row(
        "public", '{ tournament(id: "1") { id status matches { id round players { id } winner { id } } } }'
    ),
    "tournaments": Row("public", "{ tournaments(first: 5) { edges { node { id status } } } }"),
    "seasonalEvents": Row("public", "{ seasonalEvents { id status } }"),
    "currentSeasonalEvent": Row("public", "{ currentSeasonalEvent { id } }"),
    "mySeasonalItems": Row("reader", "{ mySeasonalItems { quantity } }"),
    "game": Row("reader", '{ game(id: "1") { id status } }'),
    "myGame": Row("reader", "{ myGame { id } }"),
    "gameInChat": Row("reader", '{ gameInChat(chatId: "-1") { id } }'),
    "games": Row("reader", "{ games(first: 5) { edges { node { id status } } } }"),
    "myGameStats": Row("reader", "{ myGameStats { game played } }"),
    "gdLevels": Row("public", "{ gdLevels { id } }"),
    "gdLevel": Row("public", "{ gdLevel(position: 1) { id } }"),
    "gdLeaderboard": Row("public", "{ gdLeaderboard { rank } }"),
    "gdMyStanding": Row("reader", "{ gdMyStanding { rank } }"),
    "gdMySubmissions": Row("reader", "{ gdMySubmissions { edges { node { id } } } }"),
    "gdSubmissions": Row("moderator_read", "{ gdSubmissions { edges { node { id } } } }"),
}


@functools.cache
def schema_fields(type_name: str) -> frozenset[str]:
    """The fields of a root type in the committed SDL and in the code's schema (both, so neither
    a field added to the code before the SDL is exported nor one only in the SDL slips by)."""
    from_sdl = set(build_sdl(SDL.read_text()).get_type(type_name).fields)  # type: ignore[union-attr]
    from_code = set(code_schema.build_schema()._schema.get_type(type_name).fields)  # type: ignore[union-attr]
    return frozenset(from_sdl | from_code)


def test_every_mutation_has_a_row() -> None:
    missing = sorted(schema_fields("Mutation") - set(MUTATIONS))
    assert missing == [], f"add these mutations to the authorization matrix: {missing}"
    assert sorted(set(MUTATIONS) - schema_fields("Mutation")) == []


def test_every_query_has_a_row() -> None:
    missing = sorted(schema_fields("Query") - set(QUERIES))
    assert missing == [], f"add these queries to the authorization matrix: {missing}"
    assert sorted(set(QUERIES) - schema_fields("Query")) == []


def test_every_admin_field_is_admin_only() -> None:
    for name, row in {**MUTATIONS, **QUERIES}.items():
        if name.startswith("admin"):
            assert row.rule.startswith("admin"), name


async def build_world(app: Any, gql: GraphQLClient, service_key: str) -> World:
    db = app.state.services.db
    admin, admin_id = await make_admin(app, gql)
    alice, alice_id = await gql.register("alice")
    mod, mod_id = await gql.register("mod")
    _, bob_id = await gql.register("bob")
    await gql.register("loginme")
    await set_role(db, mod_id, "moderator")
    telegram = {"authorization": f"Bearer {service_key}", "x-lucas-telegram-user-id": TELEGRAM_USER_ID}
    tg_id = int((await gql("{ me { id } }", headers=telegram))["data"]["me"]["id"])
    keys = {}
    for owner, token in (("alice", alice), ("admin", admin)):
        body = await gql(
            'mutation { apiKeyCreate(input: {name: "read", scopes: [READ]}) { secret errors { code } } }',
            token=token,
        )
        keys[owner] = body["data"]["apiKeyCreate"]["secret"]
    for user_id in (alice_id, mod_id, admin_id, tg_id):
        body = await gql(
            'mutation($u: ID!) { adminGrant(input: {userId: $u, amount: 1000, reason: "seed"}) { errors { code } } }',
            {"u": str(user_id)},
            token=admin,
        )
        assert body["data"]["adminGrant"]["errors"] == []
    item = await gql(
        'mutation { adminItemCreate(input: {name: "Widget", price: 1}) { item { id } errors { code } } }',
        token=admin,
    )
    headers = {
        "anonymous": {},
        "user": {"authorization": f"Bearer {alice}"},
        "moderator": {"authorization": f"Bearer {mod}"},
        "admin": {"authorization": f"Bearer {admin}"},
        "telegram": telegram,
        "read_key": {"authorization": f"Bearer {keys['alice']}"},
        "admin_read_key": {"authorization": f"Bearer {keys['admin']}"},
    }
    ids = {"alice": alice_id, "mod": mod_id, "admin": admin_id, "bob": bob_id, "telegram": tg_id}
    return World(
        gql=gql, app=app, headers=headers, ids=ids, item_id=int(item["data"]["adminItemCreate"]["item"]["id"])
    )


def outcome(body: dict[str, Any], field: str) -> str:
    errors = body.get("errors")
    if errors:
        codes = {(e.get("extensions") or {}).get("code") for e in errors}
        return "/".join(sorted(str(c) for c in codes))
    payload = body["data"][field]
    if isinstance(payload, dict) and payload.get("errors"):
        return f"payload with errors {[e['code'] for e in payload['errors']]}"
    return OK


async def run_matrix(world: World, rows: dict[str, Row]) -> list[str]:
    """Every (field, caller) cell; returns the cells that differ from the rule."""
    wrong: list[str] = []
    db = world.app.state.services.db
    for name, row in rows.items():
        for actor in ACTORS:
            expected = row.expected(actor)
            variables = await row.variables(world, actor)
            before = await snapshot(db) if expected != OK else None
            body = await world.call(actor, row.document, variables)
            got = outcome(body, name)
            if got != expected:
                wrong.append(f"{name} as {actor}: expected {expected}, got {got}")
            if before is not None and await snapshot(db) != before:
                wrong.append(f"{name} as {actor}: refused but the database changed")
    return wrong


async def test_mutations_matrix(tmp_path: Path, database_url: str) -> None:
    settings = make_settings(tmp_path, database_url)
    async with running(settings) as (app, gql):
        world = await build_world(app, gql, settings.telegram_service_key)
        wrong = await run_matrix(
            world, {k: v for k, v in MUTATIONS.items() if k in schema_fields("Mutation")}
        )
    assert not wrong, "cells that differ from the rules:\n" + "\n".join(wrong)


async def test_queries_matrix(tmp_path: Path, database_url: str) -> None:
    settings = make_settings(tmp_path, database_url)
    async with running(settings) as (app, gql):
        world = await build_world(app, gql, settings.telegram_service_key)
        wrong = await run_matrix(world, {k: v for k, v in QUERIES.items() if k in schema_fields("Query")})
    assert not wrong, "cells that differ from the rules:\n" + "\n".join(wrong)
