"""Cities through GraphQL: a whole game between two players with each refusal explained, refused
answers that change nothing but the turn's tries, the third try costing the turn, the timer ended by
the job on a moved clock, the reward paid once from the games faucet, one game at a time."""

from __future__ import annotations

from dataclasses import replace

from server.settings import Settings
from tests import factories
from tests.games.support import (
    ADVANCE,
    CREATE,
    FORFEIT,
    JOB_RUN,
    JOIN,
    LEAVE,
    STATS,
    SUPPLY,
    Table,
    balance,
    codes,
    faucet_balance,
    set_config,
)
from tests.server.support import running
from tests.snapshot import changed, snapshot


async def test_a_whole_game_of_cities_with_each_refusal_and_the_reward(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        alice = await factories.player(db, "alice", secret=settings.secret_key)
        bob = await factories.player(db, "bob", secret=settings.secret_key)
        table = Table(gql, [alice, bob])
        started = await table.open()
        assert started["status"] == "RUNNING" and started["turn"] == {"username": "alice"}
        assert started["tries"] == 3 and [p["lives"] for p in started["players"]] == [3, 3]
        # Any city opens; names are matched whatever their case and ё
        first = await table.ok(alice, "  аНАПА ")
        assert (
            first["lastCity"] == "Анапа"
            and first["nextLetter"] == "а"
            and first["turn"] == {"username": "bob"}
        )
        # alice may not play twice
        early = await table.move(alice, "Архангельск")
        assert codes(early) == [("NOT_YOUR_TURN", "sessionId")]
        # ь is skipped: Астрахань passes on «н»
        assert (await table.ok(bob, "Астрахань"))["nextLetter"] == "н"
        assert (await table.ok(alice, "Нальчик"))["nextLetter"] == "к"
        assert (await table.ok(bob, "Казань"))["nextLetter"] == "н"
        assert (await table.ok(alice, "Новосибирск"))["nextLetter"] == "к"
        after = await table.ok(bob, "Калуга")
        assert after["usedCities"] == ["Анапа", "Астрахань", "Нальчик", "Казань", "Новосибирск", "Калуга"]
        # A refused answer changes nothing but the turn's count of tries
        before = await snapshot(db, ignore=("game_tries",))
        used = await table.move(alice, "анапа")
        assert codes(used) == [("ALREADY_USED", "move")] and "Анапа" in used["errors"][0]["message"]
        assert changed(before, await snapshot(db, ignore=("game_tries",))) == {}
        assert used["session"]["tries"] == 2 and used["session"]["turn"] == {"username": "alice"}
        unknown = await table.move(alice, "Абырвалг")
        assert codes(unknown) == [("UNKNOWN_CITY", "move")]
        assert changed(before, await snapshot(db, ignore=("game_tries",))) == {}
        assert unknown["session"]["tries"] == 1
        # The third refused answer costs the turn (and a life)
        wrong = await table.move(alice, "Москва")
        assert codes(wrong) == [("WRONG_LETTER", "move")] and "«А»" in wrong["errors"][0]["message"]
        lost = wrong["session"]
        assert lost["turn"] == {"username": "bob"} and lost["tries"] == 3
        assert [p["lives"] for p in lost["players"]] == [2, 3] and lost["nextLetter"] == "а"
        # bob goes on from the same letter; alice forfeits and bob wins the reward
        await table.ok(bob, "Архангельск")
        assert await balance(db, bob) == 0
        done = await gql(FORFEIT, {"id": table.id}, token=alice.token)
        session = done["data"]["gameForfeit"]["session"]
        assert session["status"] == "FINISHED" and session["winner"] == {"username": "bob"}
        assert session["reward"] == 50 and await balance(db, bob) == 50
        assert await faucet_balance(db) == -50
        # Moves after the end are refused and change nothing
        before = await snapshot(db)
        late = await table.move(bob, "Алматы")
        assert codes(late) == [("GAME_NOT_RUNNING", "sessionId")]
        assert changed(before, await snapshot(db)) == {}
        stats = (await gql(STATS, token=bob.token))["data"]
        assert stats["myGameStats"] == [{"game": "CITIES", "played": 1, "won": 1, "points": 4, "best": 4}]
        assert stats["myGame"] is None
        lost_stats = (await gql(STATS, token=alice.token))["data"]["myGameStats"]
        assert lost_stats == [{"game": "CITIES", "played": 1, "won": 0, "points": 3, "best": 3}]


async def test_a_turn_that_runs_out_is_ended_by_the_job_and_the_reward_is_paid_once(
    settings: Settings,
) -> None:
    async with running(replace(settings, clock_mode="manual")) as (app, gql):
        db = app.state.services.db
        admin = await factories.admin(db, "boss", secret=settings.secret_key)
        alice = await factories.player(db, "alice", secret=settings.secret_key)
        bob = await factories.player(db, "bob", secret=settings.secret_key)
        await set_config(db, "games.reward.CITIES", 70)
        table = Table(gql, [alice, bob])
        await table.open()
        await table.ok(alice, "Москва")
        # Before the turn ends, the job changes nothing
        report = await gql(JOB_RUN, {"n": "game_turns"}, token=admin.token)
        assert report["data"]["adminJobRun"]["report"] == {"ended": 0}
        # bob lets 61 seconds pass: the job ends his turn, he loses a life and alice plays
        await gql(ADVANCE, {"s": 61}, token=admin.token)
        late = await table.move(bob, "Архангельск")
        assert codes(late) == [("TURN_OVER", "sessionId")]
        report = await gql(JOB_RUN, {"n": "game_turns"}, token=admin.token)
        assert report["data"]["adminJobRun"]["report"] == {"ended": 1}
        view = await table.view(alice.token)
        assert view["turn"] == {"username": "alice"} and [p["lives"] for p in view["players"]] == [3, 2]
        assert view["moves"][-1]["kind"] == "lost_turn" and view["moves"][-1]["detail"]["reason"] == "timeout"
        # alice names a city; then bob keeps letting his turns run out until he is out
        await table.ok(alice, "Анапа")
        for _ in range(2):
            await gql(ADVANCE, {"s": 61}, token=admin.token)
            await gql(JOB_RUN, {"n": "game_turns"}, token=admin.token)
            if (await table.view(alice.token))["status"] == "RUNNING":
                await table.ok(alice, "Астана" if _ == 0 else "Анадырь")
        view = await table.view(alice.token)
        assert view["status"] == "FINISHED" and view["winner"] == {"username": "alice"}
        assert [p["status"] for p in view["players"]] == ["ACTIVE", "OUT"]
        assert view["reward"] == 70 and await balance(db, alice) == 70
        # Later runs change nothing and pay nothing again (only the admin's own actions are audited)
        admin_log = ("audit_log", "audit_head", "config_values")
        before = await snapshot(db, ignore=admin_log)
        await gql(ADVANCE, {"s": 600}, token=admin.token)
        report = await gql(JOB_RUN, {"n": "game_turns"}, token=admin.token)
        assert report["data"]["adminJobRun"]["report"] == {"ended": 0}
        assert changed(before, await snapshot(db, ignore=admin_log)) == {}
        assert await balance(db, alice) == 70
        supply = (await gql(SUPPLY, token=admin.token))["data"]["adminEconomySupply"]
        assert all(row["balanced"] for row in supply)


async def test_one_game_at_a_time_per_player_and_per_chat(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        alice = await factories.player(db, "alice", secret=settings.secret_key)
        bob = await factories.player(db, "bob", secret=settings.secret_key)
        carol = await factories.player(db, "carol", secret=settings.secret_key)
        made = await gql(CREATE, {"game": "CITIES", "chat": "-100"}, token=alice.token)
        ident = made["data"]["gameCreate"]["session"]["id"]
        before = await snapshot(db)
        again = await gql(CREATE, {"game": "KILLER_WORDS"}, token=alice.token)
        assert codes(again["data"]["gameCreate"]) == [("ALREADY_IN_GAME", "sessionId")]
        same_chat = await gql(CREATE, {"game": "GD_LEVELS", "chat": "-100"}, token=bob.token)
        assert codes(same_chat["data"]["gameCreate"]) == [("CHAT_BUSY", "chatId")]
        twice = await gql(JOIN, {"id": ident}, token=alice.token)
        assert codes(twice["data"]["gameJoin"]) == [("ALREADY_JOINED", "sessionId")]
        alone = await gql(
            "mutation($id: ID!) { gameStart(input: {sessionId: $id}) { errors { code field } } }",
            {"id": ident},
            token=alice.token,
        )
        assert alone["data"]["gameStart"]["errors"] == [{"code": "NOT_ENOUGH_PLAYERS", "field": "sessionId"}]
        assert changed(before, await snapshot(db)) == {}
        # bob opens his own game elsewhere, and cannot join alice's while in it
        other = await gql(CREATE, {"game": "GD_LEVELS"}, token=bob.token)
        assert other["data"]["gameCreate"]["errors"] == []
        busy = await gql(JOIN, {"id": ident}, token=bob.token)
        assert codes(busy["data"]["gameJoin"]) == [("ALREADY_IN_GAME", "sessionId")]
        # carol joins; only the host starts; leaving the lobby frees her for another game
        assert (await gql(JOIN, {"id": ident}, token=carol.token))["data"]["gameJoin"]["errors"] == []
        not_host = await gql(
            "mutation($id: ID!) { gameStart(input: {sessionId: $id}) { errors { code field } } }",
            {"id": ident},
            token=carol.token,
        )
        assert not_host["data"]["gameStart"]["errors"] == [{"code": "NOT_HOST", "field": "sessionId"}]
        left = await gql(LEAVE, {"id": ident}, token=carol.token)
        assert left["data"]["gameLeave"]["session"]["status"] == "LOBBY"
        assert [p["user"]["username"] for p in left["data"]["gameLeave"]["session"]["players"]] == ["alice"]
        # The host leaving closes the lobby and frees the chat
        closed = await gql(LEAVE, {"id": ident}, token=alice.token)
        assert closed["data"]["gameLeave"]["session"]["status"] == "CANCELLED"
        reopened = await gql(CREATE, {"game": "CITIES", "chat": "-100"}, token=carol.token)
        assert reopened["data"]["gameCreate"]["errors"] == []
        unknown = await gql(JOIN, {"id": "999999"}, token=alice.token)
        assert codes(unknown["data"]["gameJoin"]) == [("UNKNOWN_SESSION", "sessionId")]
