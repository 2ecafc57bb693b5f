"""Brackets as plain data: the plan of a format for seeded players, and advancement.

A field of n players plays on the next power of two, ``size``; seeds are placed in the classic
order (1 meets ``size``, 2 meets ``size - 1``, …) so the missing seeds are byes for the best seeds,
all in the first round. A match's winner goes to one slot of its ``next`` match; in double
elimination its loser goes to a slot of the losers' bracket (``loser_next``). A slot that nobody
can reach any more (the loser of a bye) is *filled empty*: a match with one player and the other
slot filled empty is a walkover, one with both empty is void. Single elimination adds a match for
third place between the semi-final losers; double elimination ends with one grand final (no
reset). A round robin pairs everyone once by the circle method.

The database layer loads a tournament's matches into ``Match`` objects, calls ``settle`` and
``decide`` here, and writes back the ones they return, so the property tests check this very code.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

SINGLE, DOUBLE, ROUND_ROBIN = "SINGLE_ELIMINATION", "DOUBLE_ELIMINATION", "ROUND_ROBIN"
FORMATS = (SINGLE, DOUBLE, ROUND_ROBIN)
WINNERS, LOSERS, FINAL, THIRD, LEAGUE = "WINNERS", "LOSERS", "FINAL", "THIRD_PLACE", "LEAGUE"
PENDING, READY, DISPUTED, DONE = "PENDING", "READY", "DISPUTED", "DONE"
BYE = "BYE"
MIN_PLAYERS = {SINGLE: 2, DOUBLE: 3, ROUND_ROBIN: 2}


@dataclass(kw_only=True)
class Match:
    position: int
    bracket: str
    round: int
    players: list[int | None] = field(default_factory=lambda: [None, None])
    filled: list[bool] = field(default_factory=lambda: [False, False])
    status: str = PENDING
    winner: int | None = None
    decided_by: str | None = None
    next: tuple[int, int] | None = None
    loser_next: tuple[int, int] | None = None

    @property
    def loser(self) -> int | None:
        if self.winner is None:
            return None
        others = [p for p in self.players if p is not None and p != self.winner]
        return others[0] if others else None

    @property
    def real(self) -> bool:
        return all(p is not None for p in self.players)


def size_for(n: int) -> int:
    size = 2
    while size < n:
        size *= 2
    return size


def seed_order(size: int) -> list[int]:
    """Seeds 1..size in bracket order: [1, 4, 2, 3] for 4, [1, 8, 4, 5, 2, 7, 3, 6] for 8."""
    order = [1]
    while len(order) < size:
        total = 2 * len(order) + 1
        order = [x for s in order for x in (s, total - s)]
    return order


def plan(format: str, players: list[int]) -> list[Match]:
    """The matches of a format for ``players`` in seed order (the first is seed 1), settled: byes
    decided, matches with both players READY."""
    if format == ROUND_ROBIN:
        matches = _round_robin(players)
    else:
        matches = _elimination(players, double=format == DOUBLE)
    settle(matches, range(len(matches)))
    return matches


def _round_robin(players: list[int]) -> list[Match]:
    ring: list[int | None] = list(players)
    if len(ring) % 2:
        ring.append(None)
    count = len(ring)
    matches: list[Match] = []
    for rnd in range(1, count):
        for i in range(count // 2):
            a, b = ring[i], ring[count - 1 - i]
            if a is not None and b is not None:
                matches.append(
                    Match(
                        position=len(matches), bracket=LEAGUE, round=rnd, players=[a, b], filled=[True, True]
                    )
                )
        ring = [ring[0], ring[-1], *ring[1:-1]]
    return matches


def _elimination(players: list[int], *, double: bool) -> list[Match]:
    size = size_for(len(players))
    rounds = size.bit_length() - 1
    matches: list[Match] = []
    winners: list[list[Match]] = []

    def add(bracket: str, rnd: int) -> Match:
        made = Match(position=len(matches), bracket=bracket, round=rnd)
        matches.append(made)
        return made

    order = seed_order(size)
    for rnd in range(1, rounds + 1):
        winners.append([add(WINNERS, rnd) for _ in range(size >> rnd)])
    for i, match in enumerate(winners[0]):
        for slot in (0, 1):
            seed = order[2 * i + slot]
            match.players[slot] = players[seed - 1] if seed <= len(players) else None
            match.filled[slot] = True
    for rnd in range(rounds - 1):
        for i, match in enumerate(winners[rnd]):
            match.next = (winners[rnd + 1][i // 2].position, i % 2)
    final = winners[-1][0]
    if not double:
        if rounds >= 2:
            third = add(THIRD, 1)
            for i, semi in enumerate(winners[-2]):
                semi.loser_next = (third.position, i)
        return matches
    losers: list[list[Match]] = []
    for lr in range(1, 2 * (rounds - 1) + 1):
        count = size >> ((lr + 1) // 2 + 1)
        losers.append([add(LOSERS, lr) for _ in range(count)])
    for i, match in enumerate(winners[0]):
        match.loser_next = (losers[0][i // 2].position, i % 2)
    for lr in range(1, len(losers)):
        previous, current = losers[lr - 1], losers[lr]
        if lr % 2:  # an even round of the losers' bracket: its survivors meet the next winners' losers
            dropping = winners[(lr + 1) // 2]
            for i, match in enumerate(previous):
                match.next = (current[i].position, 0)
            flip = (lr // 2) % 2 == 0
            for i, match in enumerate(dropping):
                target = current[len(current) - 1 - i] if flip else current[i]
                match.loser_next = (target.position, 1)
        else:
            for i, match in enumerate(previous):
                match.next = (current[i // 2].position, i % 2)
    grand = add(FINAL, 1)
    final.next = (grand.position, 0)
    losers[-1][0].next = (grand.position, 1)
    return matches


def _fill(
    matches: list[Match], target: tuple[int, int] | None, player: int | None, touched: set[int]
) -> None:
    if target is None:
        return
    position, slot = target
    match = matches[position]
    match.players[slot] = player
    match.filled[slot] = True
    touched.add(position)


def settle(matches: list[Match], positions: Iterable[int]) -> set[int]:
    """Resolves the PENDING matches among ``positions`` whose slots are both filled: READY with two
    players, a walkover with one, void with none (and on through what those decide). Returns every
    position that changed."""
    changed: set[int] = set()
    todo = sorted(set(positions))
    while todo:
        position = todo.pop(0)
        match = matches[position]
        if match.status != PENDING or not all(match.filled):
            continue
        changed.add(position)
        present = [p for p in match.players if p is not None]
        if len(present) == 2:
            match.status = READY
            continue
        match.status, match.decided_by = DONE, BYE
        match.winner = present[0] if present else None
        touched: set[int] = set()
        _fill(matches, match.next, match.winner, touched)
        _fill(matches, match.loser_next, None, touched)
        changed |= touched
        todo = sorted(set(todo) | touched)
    return changed


def decide(matches: list[Match], position: int, winner: int, how: str) -> set[int]:
    """The winner of a READY or DISPUTED match: it advances, the loser drops (or is out); returns
    every position that changed."""
    match = matches[position]
    if match.status not in (READY, DISPUTED) or winner not in match.players:
        raise ValueError(f"match {position} cannot be decided for {winner}")
    match.status, match.winner, match.decided_by = DONE, winner, how
    touched = {position}
    _fill(matches, match.next, winner, touched)
    _fill(matches, match.loser_next, match.loser, touched)
    return touched | settle(matches, touched)


def finished(matches: list[Match]) -> bool:
    return all(m.status == DONE for m in matches)


def standings(format: str, matches: list[Match], seeds: list[int]) -> list[int]:
    """Players from first place down, as far as the format ranks them (the first three at most for
    eliminations; everyone for a round robin: most wins, then the better seed)."""
    if format == ROUND_ROBIN:
        wins = dict.fromkeys(seeds, 0)
        for m in matches:
            if m.winner is not None:
                wins[m.winner] += 1
        return sorted(seeds, key=lambda p: (-wins[p], seeds.index(p)))
    last = FINAL if format == DOUBLE else WINNERS
    final = max((m for m in matches if m.bracket == last), key=lambda m: m.round)
    places = [final.winner, final.loser]
    if format == DOUBLE:
        losers = [m for m in matches if m.bracket == LOSERS]
        if losers:
            places.append(max(losers, key=lambda m: m.round).loser)
    else:
        third = [m for m in matches if m.bracket == THIRD]
        if third:
            places.append(third[0].winner)
    return [p for p in places if p is not None]


SHARES = (50, 30, 20)


def payouts(pool: int, places: list[int]) -> list[tuple[int, int]]:
    """The pool paid 50/30/20 to the first three (rounded down); what is left, including the share
    of a place nobody holds and every remainder, goes to the winner. Sums to the pool."""
    if not places or pool <= 0:
        return []
    amounts = [pool * share // 100 for share in SHARES[: len(places[1:3]) + 1]]
    amounts[0] += pool - sum(amounts)
    return [(player, amount) for player, amount in zip(places[:3], amounts, strict=False) if amount > 0]
