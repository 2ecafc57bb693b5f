"""Properties of the bracket engine (the code the database layer runs):

- structure: every player is placed exactly once in the first round, byes happen only there, and
  each round of the winners' bracket has half the matches of the one before;
- advancement: whatever the results, the winner of every match appears in exactly the next match it
  feeds and in no other match of that round, and every bracket ends with one champion;
- the prize pool is conserved: the payouts sum to it, 50/30/20 with the remainders to the winner.
"""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from resolvers.tournaments import bracket

formats = st.sampled_from(bracket.FORMATS)


def field(fmt: str, n: int) -> list[int]:
    return list(range(100, 100 + max(n, bracket.MIN_PLAYERS[fmt])))


@settings(max_examples=200, deadline=None)
@given(fmt=st.sampled_from((bracket.SINGLE, bracket.DOUBLE)), n=st.integers(2, 64))
def test_every_player_is_placed_once_byes_only_in_the_first_round_and_rounds_halve(fmt: str, n: int) -> None:
    players = field(fmt, n)
    matches = bracket.plan(fmt, players)
    winners = [m for m in matches if m.bracket == bracket.WINNERS]
    first = [m for m in winners if m.round == 1]
    placed = [p for m in first for p in m.players if p is not None]
    assert sorted(placed) == sorted(players)
    assert all(sum(p is not None for p in m.players) >= 1 for m in first)
    assert all(m.decided_by != bracket.BYE for m in winners if m.round > 1)
    assert all(m.real or m.status == bracket.PENDING for m in winners if m.round > 1)
    per_round = Counter(m.round for m in winners)
    rounds = sorted(per_round)
    assert per_round[1] == bracket.size_for(len(players)) // 2
    assert all(per_round[r + 1] * 2 == per_round[r] for r in rounds[:-1]) and per_round[rounds[-1]] == 1


@settings(max_examples=60, deadline=None)
@given(n=st.integers(2, 16))
def test_a_round_robin_pairs_every_two_players_exactly_once(n: int) -> None:
    players = field(bracket.ROUND_ROBIN, n)
    matches = bracket.plan(bracket.ROUND_ROBIN, players)
    pairs = Counter(frozenset(m.players) for m in matches)
    assert len(pairs) == len(players) * (len(players) - 1) // 2 and set(pairs.values()) == {1}
    for rnd in {m.round for m in matches}:
        seen = [p for m in matches if m.round == rnd for p in m.players]
        assert len(seen) == len(set(seen))


@settings(max_examples=200, deadline=None)
@given(fmt=formats, n=st.integers(2, 24), data=st.data())
def test_the_winner_of_every_match_appears_in_exactly_the_next_one(
    fmt: str, n: int, data: st.DataObject
) -> None:
    players = field(fmt, n)
    matches = bracket.plan(fmt, players)
    steps = 0
    while not bracket.finished(matches):
        ready = [m for m in matches if m.status == bracket.READY]
        assert ready, "a bracket never stalls"
        match = data.draw(st.sampled_from(ready))
        winner = data.draw(st.sampled_from([p for p in match.players if p is not None]))
        bracket.decide(matches, match.position, winner, "PLAYERS")
        steps += 1
        assert steps < 10_000
    for m in matches:
        if m.next is None or m.winner is None:
            continue
        target = matches[m.next[0]]
        assert target.players[m.next[1]] == m.winner
        same_round = [x for x in matches if x.bracket == target.bracket and x.round == target.round]
        assert sum(m.winner in x.players for x in same_round) == 1
    places = bracket.standings(fmt, matches, players)
    assert len(places) == len(set(places)) >= 2
    if fmt != bracket.ROUND_ROBIN:
        last = [m for m in matches if m.next is None and m.bracket != bracket.THIRD]
        assert len(last) == 1 and last[0].winner == places[0]


@given(pool=st.integers(0, 10**12), placed=st.integers(0, 5))
def test_the_prize_pool_is_conserved(pool: int, placed: int) -> None:
    places = list(range(1, placed + 1))
    paid = bracket.payouts(pool, places)
    assert sum(a for _, a in paid) == (pool if places else 0)
    assert all(a > 0 for _, a in paid) and len({p for p, _ in paid}) == len(paid)
    if placed >= 3 and pool >= 100:
        amounts = dict(paid)
        assert amounts[2] == pool * 30 // 100 and amounts[3] == pool * 20 // 100
        assert amounts[1] == pool - amounts[2] - amounts[3] >= pool // 2
