from __future__ import annotations

import asyncio
import itertools
import random
from typing import Any

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError
from sqlmodel import col

from db.engine import Database
from db.models import AuditEntry, AuditHead
from resolvers import audit
from resolvers.clock import SystemClock
from server.settings import Settings
from tests.conftest import GraphQLClient, make_admin

AUDIT = (
    "{ adminAuditLog(first: 50) { chainValid edges { node { seq action actorId subject prevHash hash } } } }"
)
GRANT = 'mutation($u: ID!) { adminGrant(input: {userId: $u, amount: 500, reason: "r"}) { errors { code } } }'
PAY = "mutation($to: ID!) { walletTransfer(input: {toUserId: $to, amount: 1}) { errors { code } } }"
clock = SystemClock()


async def _append(db: Database, action: str) -> None:
    async with db.transaction() as session:
        await audit.append(session, action=action, clock=clock, actor_id=None, subject="s", data={"n": 1})


async def _status(db: Database) -> audit.ChainStatus:
    async with db.reader() as session:
        return await audit.verify(session)


async def _chain(db: Database) -> list[AuditEntry]:
    async with db.reader() as session:
        query = select(AuditEntry).where(col(AuditEntry.seq).is_not(None)).order_by(col(AuditEntry.seq))
        return list((await session.execute(query)).scalars().all())


async def test_logins_admin_actions_and_value_movements_are_chained(app: Any, gql: GraphQLClient) -> None:
    admin, admin_id = await make_admin(app, gql)
    _, player_id = await gql.register("player")
    await gql(GRANT, {"u": str(player_id)}, token=admin)
    await gql(
        'mutation { authLogin(input: {username: "player", password: "password123"}) { errors { code } } }'
    )
    # Written unsealed in their transactions; listing the log seals what has committed.
    assert await _status(app.state.services.db) == audit.ChainStatus(valid=True, sealed=0, pending=4)
    log = (await gql(AUDIT, token=admin))["data"]["adminAuditLog"]
    assert log["chainValid"] is True
    actions = [e["node"]["action"] for e in reversed(log["edges"])]
    assert actions == ["auth.register", "auth.register", "admin.grant", "auth.login"]
    nodes = [e["node"] for e in reversed(log["edges"])]
    assert [n["seq"] for n in nodes] == [1, 2, 3, 4]
    assert nodes[0]["prevHash"] == audit.GENESIS
    assert all(b["prevHash"] == a["hash"] for a, b in itertools.pairwise(nodes))
    assert nodes[2]["actorId"] == str(admin_id) and nodes[2]["subject"] == f"user:{player_id}"
    assert await _status(app.state.services.db) == audit.ChainStatus(valid=True, sealed=4, pending=0)


async def test_sealing_extends_the_chain_and_is_idempotent(app: Any) -> None:
    db = app.state.services.db
    for n in range(3):
        await _append(db, f"first.{n}")
    assert await audit.seal(db, batch=2) == 3
    assert await audit.seal(db) == 0
    for n in range(2):
        await _append(db, f"second.{n}")
    assert await _status(db) == audit.ChainStatus(valid=True, sealed=3, pending=2)
    assert await audit.seal(db) == 2
    chain = await _chain(db)
    assert [e.action for e in chain] == ["first.0", "first.1", "first.2", "second.0", "second.1"]
    async with db.reader() as session:
        head = (await session.execute(select(AuditHead))).scalar_one()
    assert (head.seq, head.hash) == (5, chain[-1].hash)
    assert await _status(db) == audit.ChainStatus(valid=True, sealed=5, pending=0)


async def test_a_batch_below_one_is_refused_and_seals_nothing(app: Any) -> None:
    db = app.state.services.db
    await _append(db, "x")
    with pytest.raises(ValueError, match="batch"):
        await audit.seal(db, batch=0)
    assert await _status(db) == audit.ChainStatus(valid=True, sealed=0, pending=1)


async def test_a_crash_between_commit_and_sealing_loses_nothing(app: Any) -> None:
    db = app.state.services.db
    for n in range(4):
        await _append(db, f"a.{n}")
    # Committed, the sealer never ran: pending, not tampering.
    assert await _status(db) == audit.ChainStatus(valid=True, sealed=0, pending=4)
    # The sealer dies after chaining, before its commit: nothing of its work remains.
    with pytest.raises(RuntimeError, match="killed"):
        async with db.transaction() as session:
            assert await audit.seal_batch(session, postgres=not db.is_sqlite, batch=10) == 4
            raise RuntimeError("sealer killed")
    assert await _status(db) == audit.ChainStatus(valid=True, sealed=0, pending=4)
    await _append(db, "after.restart")
    assert await audit.seal(db) == 5
    assert [e.action for e in await _chain(db)] == ["a.0", "a.1", "a.2", "a.3", "after.restart"]
    assert await _status(db) == audit.ChainStatus(valid=True, sealed=5, pending=0)


async def test_the_sealer_job_is_periodic_and_seals(app: Any, settings: Settings) -> None:
    from workers import broker, runtime

    db = app.state.services.db
    await _append(db, "by.job")
    broker.discover()
    assert broker.JOBS["audit_seal"].every == 2.0
    rt = runtime.Runtime(settings=settings, db=db, clock=clock)
    assert await broker.run("audit_seal", rt) == {"sealed": 1}
    assert await broker.run("audit_seal", rt) == {"sealed": 0}
    assert await _status(db) == audit.ChainStatus(valid=True, sealed=1, pending=0)


async def test_the_log_refuses_deletes_and_updates_except_sealing_once(app: Any, gql: GraphQLClient) -> None:
    admin, _ = await make_admin(app, gql)
    _, someone = await gql.register("someone")
    await gql(GRANT, {"u": str(someone)}, token=admin)
    db = app.state.services.db
    assert await audit.seal(db) == 3
    await _append(db, "unsealed")
    refused = (
        # sealed entries: nothing changes, not even their seal
        "UPDATE audit_log SET action = 'x' WHERE seq = 1",
        "UPDATE audit_log SET hash = 'x' WHERE seq = 1",
        "UPDATE audit_log SET seq = NULL, prev_hash = NULL, hash = NULL WHERE seq = 2",
        "DELETE FROM audit_log WHERE seq = 1",
        # unsealed entries: only a whole seal, and nothing else with it
        "UPDATE audit_log SET action = 'x' WHERE seq IS NULL",
        "UPDATE audit_log SET seq = 99 WHERE seq IS NULL",
        "UPDATE audit_log SET seq = 99, prev_hash = 'p', hash = 'h', subject = 'y' WHERE seq IS NULL",
        "DELETE FROM audit_log WHERE seq IS NULL",
        "UPDATE transfers SET amount = 1",
        "DELETE FROM transfers",
    )
    for statement in refused:
        with pytest.raises(DBAPIError, match="append-only"):
            async with db.transaction() as session:
                await session.execute(text(statement))
    assert await _status(db) == audit.ChainStatus(valid=True, sealed=3, pending=1)
    assert await audit.seal(db) == 1
    assert await _status(db) == audit.ChainStatus(valid=True, sealed=4, pending=0)


async def test_a_head_without_its_entries_is_tampering(app: Any) -> None:
    db = app.state.services.db
    await _append(db, "only")
    await audit.seal(db)
    async with db.transaction() as session:
        await session.execute(text("UPDATE audit_head SET seq = 2 WHERE id = 1"))
    assert (await _status(db)).valid is False


async def test_tampering_breaks_the_chain(app: Any, gql: GraphQLClient, backend: str) -> None:
    await gql.register("victim")
    await gql.register("other")
    db = app.state.services.db
    assert await audit.seal(db) == 2
    async with db.transaction() as session:
        if backend == "sqlite":
            await session.execute(text("DROP TRIGGER audit_log_no_update"))
        else:
            await session.execute(text("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only"))
        await session.execute(text("UPDATE audit_log SET subject = 'user:999' WHERE seq = 1"))
    assert (await _status(db)).valid is False


async def test_a_forged_seal_is_tampering(app: Any) -> None:
    db = app.state.services.db
    await _append(db, "sealed")
    await audit.seal(db)
    await _append(db, "forged")
    # The trigger lets a whole seal through once; a seal not made by the chain does not verify.
    async with db.transaction() as session:
        await session.execute(
            text("UPDATE audit_log SET seq = 2, prev_hash = :p, hash = :h WHERE seq IS NULL"),
            {"p": (await _chain(db))[0].hash, "h": "f" * 64},
        )
    assert (await _status(db)).valid is False


@pytest.mark.parametrize("backend", ["postgres"], indirect=True)
async def test_an_entry_behind_a_running_transaction_waits_for_it(app: Any) -> None:
    db = app.state.services.db
    async with db.transaction() as older:
        await audit.append(older, action="older", clock=clock, actor_id=None)
        await _append(db, "newer")  # a younger transaction commits first
        assert await audit.seal(db) == 0  # sealing it now could put "older" behind the tip
        assert await _status(db) == audit.ChainStatus(valid=True, sealed=0, pending=1)
    assert await audit.seal(db) == 2
    assert [e.action for e in await _chain(db)] == ["older", "newer"]
    assert (await _status(db)).valid is True


@pytest.mark.parametrize("backend", ["postgres"], indirect=True)
async def test_the_chain_verifies_after_concurrent_payments_with_concurrent_sealers(
    app: Any, gql: GraphQLClient
) -> None:
    db = app.state.services.db
    admin, _ = await make_admin(app, gql)
    players = [await gql.register(f"payer{n}") for n in range(6)]
    for _, user_id in players:
        await gql(GRANT, {"u": str(user_id)}, token=admin)
    rng = random.Random(7)
    done = asyncio.Event()
    sealed_while_running = [0]

    async def pay() -> None:
        (token, _), (_, to) = rng.sample(players, 2)
        body = await gql(PAY, {"to": str(to)}, token=token)
        assert body["data"]["walletTransfer"]["errors"] == []

    verified_while_running = [0]

    async def sealer() -> None:
        while not done.is_set():
            sealed_while_running[0] += await audit.seal(db, batch=7)
            await asyncio.sleep(0)

    async def verifier() -> None:
        # Reads see seals commit between their statements: never reported as tampering.
        while not done.is_set():
            assert (await _status(db)).valid
            verified_while_running[0] += 1

    sealers = [asyncio.create_task(sealer()) for _ in range(3)] + [asyncio.create_task(verifier())]
    await asyncio.gather(*(pay() for _ in range(60)))
    done.set()
    await asyncio.gather(*sealers)
    await audit.seal(db)
    async with db.reader() as session:
        total = (await session.execute(select(func.count()).select_from(AuditEntry))).scalar_one()
    assert total == 1 + 6 + 6 + 60  # registrations, grants, payments
    assert await _status(db) == audit.ChainStatus(valid=True, sealed=total, pending=0)
    chain = await _chain(db)
    assert [e.seq for e in chain] == list(range(1, total + 1))
    order = [(e.tx or 0, e.id or 0) for e in chain]
    assert order == sorted(order)  # commit-safe order: no entry sealed behind a later one
    assert sealed_while_running[0] > 0 and verified_while_running[0] > 0
