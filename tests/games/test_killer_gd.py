"""Killer Words and GD Levels through GraphQL: letters open the word (points), wrong ones cost a
point and a miss, repeats and non-letters are refused and change nothing, the player who opens the
last letter wins the reward; the deadly mode's lives; GD Levels' attempts, progression and scores."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from resolvers.games import gd, words
from server.settings import Settings
from tests import factories
from tests.games.support import Table, balance, codes, state_of
from tests.server.support import running
from tests.snapshot import changed, snapshot

ALPHABET = "абвгдежзийклмнопрстуфхцчшщъыьэюя"


async def test_killer_words_is_won_by_who_opens_the_last_letter(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        alice = await factories.player(db, "alice", secret=settings.secret_key)
        bob = await factories.player(db, "bob", secret=settings.secret_key)
        table = Table(gql, [alice, bob])
        started = await table.open("KILLER_WORDS")
        word = str((await state_of(db, table.id))["word"])
        assert started["pattern"] == " ".join("_" * len(word)) and started["word"] is None
        assert started["maxMisses"] == 7 and started["misses"] == 0
        wrong = next(c for c in ALPHABET if c not in word)
        first = await table.ok(alice, word[0].upper())
        assert first["pattern"].split(" ")[0] == word[0] and first["players"][0]["score"] == word.count(
            word[0]
        )
        missed = await table.ok(bob, wrong)
        assert (
            missed["misses"] == 1
            and missed["wrongLetters"] == [wrong]
            and missed["players"][1]["score"] == -1
        )
        # A letter tried before, or not a letter, is refused and changes nothing
        before = await snapshot(db)
        again = await table.move(alice, wrong)
        assert codes(again) == [("ALREADY_GUESSED", "move")]
        digits = await table.move(alice, "42")
        assert codes(digits) == [("INVALID_GUESS", "move")]
        assert changed(before, await snapshot(db)) == {}
        # They open the rest in turn; whoever opens the last letter wins
        players, turn, session = [alice, bob], 0, missed
        for letter in dict.fromkeys(word[1:]):
            if letter == word[0]:
                continue
            session = await table.ok(players[turn], letter)
            turn = 1 - turn
        assert session["status"] == "FINISHED" and session["word"] == word
        winner = players[1 - turn]
        assert session["winner"] == {"username": winner.username} and session["reward"] == 30
        assert await balance(db, winner) == 30


async def test_deadly_killer_words_takes_a_life_for_each_wrong_letter(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        olga = await factories.player(db, "olga", secret=settings.secret_key)
        table = Table(gql, [olga])
        started = await table.open("KILLER_WORDS", mode="deadly")
        state = await state_of(db, table.id)
        assert started["theme"] in words.DEADLY and started["maxMisses"] is None
        assert state["word"] in words.DEADLY[str(state["theme"])]
        assert started["players"][0]["lives"] == 3
        wrong = [c for c in ALPHABET if c not in str(state["word"])][:3]
        for lives, letter in zip((2, 1), wrong, strict=False):
            assert (await table.ok(olga, letter))["players"][0]["lives"] == lives
        over = await table.ok(olga, wrong[2])
        assert over["status"] == "FINISHED" and over["winner"] is None and over["reward"] is None
        assert over["players"][0]["status"] == "OUT" and over["word"] == state["word"]
        assert await balance(db, olga) == 0


async def test_gd_levels_climbs_the_difficulties_and_ends_after_the_attempts(settings: Settings) -> None:
    async with running(settings) as (app, gql):
        db = app.state.services.db
        alice = await factories.player(db, "alice", secret=settings.secret_key)
        bob = await factories.player(db, "bob", secret=settings.secret_key)
        table = Table(gql, [alice, bob])
        started = await table.open("GD_LEVELS")
        assert len(started["levels"]) == len(gd.LADDER)
        assert [p["difficulty"] for p in started["players"]] == ["easy", "easy"]
        refused = await table.move(alice, "jump")
        assert codes(refused) == [("INVALID_MOVE", "move")]
        session, players = started, [alice, bob]
        for turn in range(2 * gd.ATTEMPTS):
            session = await table.ok(players[turn % 2], "play")
            if session["status"] == "FINISHED":
                break
        assert session["status"] == "FINISHED"
        view = await table.view(alice.token)
        plays = [m for m in view["moves"] if m["kind"] == "move"]
        for player in view["players"]:
            mine = [m for m in plays if m["user"]["username"] == player["user"]["username"]]
            assert player["score"] == sum(m["points"] for m in mine)
            cleared = sum(1 for m in mine if m["detail"]["cleared"])
            assert player["difficulty"] == gd.LADDER[min(cleared, len(gd.LADDER) - 1)].key
            assert player["attempts"] == len(mine)
        best = max(view["players"], key=lambda p: p["score"])
        assert view["winner"]["username"] in {
            p["user"]["username"] for p in view["players"] if p["score"] == best["score"]
        }
        assert view["reward"] == 40


@given(st.sampled_from(gd.LADDER), st.integers(0, 600), st.integers(0, 50))
def test_gd_scores_reward_speed_and_punish_deaths(tier: gd.Difficulty, seconds: int, deaths: int) -> None:
    score = gd.score_clear(tier, seconds, deaths)
    assert score >= 1
    assert gd.score_clear(tier, max(0, seconds - 10), deaths) >= score
    assert gd.score_clear(tier, seconds, deaths + 1) <= score
    assert -gd.MAX_FAIL_PENALTY <= gd.fail_penalty(deaths) <= -1


def test_killer_words_draws_from_real_frequency_dictionaries() -> None:
    from resolvers.games import killer, words

    assert len(words.RU) >= 1000 and len(words.EN) >= 5000
    assert {"человек", "работа", "история", "книга"} <= set(words.RU)
    assert {"people", "history", "music"} <= set(words.EN)
    for language, found in (("ru", words.RU), ("en", words.EN)):
        assert len(set(found)) == len(found)
        assert all(5 <= len(w) <= 10 and set(killer.clean(w)) <= killer.ALPHABETS[language] for w in found)
