"""The dice parser: every accepted form, every refusal with its code, and the distribution."""

from __future__ import annotations

import math
import random
import secrets

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from resolvers.dnd import dice
from resolvers.errors import DomainError


@pytest.mark.parametrize(
    ("text", "normal", "bounds", "count"),
    [
        ("d20", "d20", (1, 20), 1),
        ("1d20", "1d20", (1, 20), 1),
        ("2d6+3", "2d6+3", (5, 15), 2),
        ("1d8-1", "1d8-1", (0, 7), 1),
        ("4d6kh3", "4d6kh3", (3, 18), 4),
        ("4d6k3", "4d6k3", (3, 18), 4),
        ("2d20kl1", "2d20kl1", (1, 20), 2),
        ("4d6dl1", "4d6dl1", (3, 18), 4),
        ("4d6d1", "4d6d1", (3, 18), 4),
        ("3d6dh1", "3d6dh1", (2, 12), 3),
        ("1d20+1d4+2", "1d20+1d4+2", (4, 26), 2),
        ("d%", "d%", (1, 100), 1),
        (" 2D6 + 3 ", "2d6+3", (5, 15), 2),
        ("10-1d4", "10-1d4", (6, 9), 1),
        ("100d1", "100d1", (100, 100), 100),
        ("1d1000", "1d1000", (1, 1000), 1),
    ],
)
def test_notations_parse_with_their_bounds(
    text: str, normal: str, bounds: tuple[int, int], count: int
) -> None:
    parsed = dice.parse(text)
    assert (parsed.text, parsed.bounds(), parsed.dice) == (normal, bounds, count)


BAD = [
    ("", "INVALID_DICE"),
    ("   ", "INVALID_DICE"),
    ("abc", "INVALID_DICE"),
    ("2d", "INVALID_DICE"),
    ("d", "INVALID_DICE"),
    ("2d6+", "INVALID_DICE"),
    ("+", "INVALID_DICE"),
    ("2d6++3", "INVALID_DICE"),
    ("2d6 3", "INVALID_DICE"),
    ("2 d6", "INVALID_DICE"),
    ("1d6x", "INVALID_DICE"),
    ("2d6*2", "INVALID_DICE"),
    ("1.5d6", "INVALID_DICE"),
    ("d-6", "INVALID_DICE"),
    ("0d6", "INVALID_DICE"),
    ("1d0", "INVALID_DICE"),
    ("5", "INVALID_DICE"),
    ("3+4", "INVALID_DICE"),
    ("4d6kh0", "INVALID_DICE"),
    ("4d6kh5", "INVALID_DICE"),
    ("4d6kl5", "INVALID_DICE"),
    ("4d6dl0", "INVALID_DICE"),
    ("4d6dl4", "INVALID_DICE"),
    ("4d6dh4", "INVALID_DICE"),
    ("1d6kh", "INVALID_DICE"),
    ("1d20+99999", "INVALID_DICE"),
    ("+".join(["1d4"] * 21), "INVALID_DICE"),
    ("1d6" + "+1" * 60, "INVALID_DICE"),
    ("101d6", "INVALID_DICE"),
    ("60d6+41d6", "INVALID_DICE"),
    ("99999999999999999999d6", "INVALID_DICE"),
    ("1d1001", "INVALID_DICE"),
    ("2d99999", "INVALID_DICE"),
]


@pytest.mark.parametrize(("text", "code"), BAD)
def test_bad_notation_is_refused_with_its_code(text: str, code: str) -> None:
    with pytest.raises(DomainError) as refused:
        dice.parse(text)
    assert (refused.value.code, refused.value.field) == (code, "notation")
    assert refused.value.message


def test_a_roll_keeps_every_die_and_totals_the_kept_ones() -> None:
    rolled = dice.roll(dice.parse("4d6kh3+1d4-2"), random.Random(7))
    assert len(rolled.rolls) == 5
    four, one, minus = rolled.terms
    assert sum(four.kept) == 3 and one.kept == [True] and minus.subtotal == -2
    kept = sum(v for v, k in zip(four.rolls, four.kept, strict=True) if k)
    assert kept == sum(sorted(four.rolls)[1:])
    assert rolled.total == kept + one.rolls[0] - 2


def test_the_production_source_is_the_system_csprng() -> None:
    assert isinstance(dice.SYSTEM_RANDOM, secrets.SystemRandom)


notations = st.builds(
    lambda count, sides, mod: f"{count}d{sides}{mod:+d}" if mod else f"{count}d{sides}",
    st.integers(1, 100),
    st.sampled_from([2, 4, 6, 8, 10, 12, 20, 100, 1000]),
    st.integers(-20, 20),
)


@settings(max_examples=60, deadline=None)
@given(text=notations, seed=st.integers(0, 2**32))
def test_rolls_stay_in_range_and_the_mean_is_the_expected_one(text: str, seed: int) -> None:
    """Range: every total within the notation's bounds; mean: 2,000 rolls within 5 standard errors
    of the expected mean (a fair die's variance is (s² - 1) / 12)."""
    parsed = dice.parse(text)
    rng = random.Random(seed)
    low, high = parsed.bounds()
    totals = [dice.roll(parsed, rng).total for _ in range(2000)]
    assert low <= min(totals) and max(totals) <= high
    term = parsed.terms[0]
    assert isinstance(term, dice.Dice)
    expected = (low + high) / 2
    error = math.sqrt(term.count * (term.sides**2 - 1) / 12 / len(totals))
    assert abs(sum(totals) / len(totals) - expected) <= 5 * error + 1e-9


def test_the_system_source_is_fair_on_a_d20() -> None:
    """10,000 d20 rolls from secrets.SystemRandom: every face shows up, the mean is 10.5 ± 6 SE."""
    parsed = dice.parse("1d20")
    totals = [dice.roll(parsed).total for _ in range(10_000)]
    assert set(totals) == set(range(1, 21))
    error = math.sqrt((20**2 - 1) / 12 / len(totals))
    assert abs(sum(totals) / len(totals) - 10.5) <= 6 * error


@settings(max_examples=200, deadline=None)
@given(
    count=st.integers(1, 20),
    sides=st.integers(1, 30),
    mode=st.sampled_from(["kh", "kl", "dh", "dl"]),
    data=st.data(),
    seed=st.integers(0, 2**32),
)
def test_keep_and_drop_pick_the_right_dice(
    count: int, sides: int, mode: str, data: st.DataObject, seed: int
) -> None:
    """kh/dl keep the highest dice, kl/dh the lowest; the total is the kept dice's sum."""
    if mode in ("dh", "dl") and count == 1:
        return
    n = data.draw(st.integers(1, count) if mode in ("kh", "kl") else st.integers(1, count - 1))
    rolled = dice.roll(dice.parse(f"{count}d{sides}{mode}{n}"), random.Random(seed))
    term = rolled.terms[0]
    kept = [v for v, k in zip(term.rolls, term.kept, strict=True) if k]
    dropped = [v for v, k in zip(term.rolls, term.kept, strict=True) if not k]
    assert len(kept) == (n if mode in ("kh", "kl") else count - n)
    assert len(term.rolls) == count and all(1 <= v <= sides for v in term.rolls)
    if dropped:
        if mode in ("kh", "dl"):
            assert min(kept) >= max(dropped)
        else:
            assert max(kept) <= min(dropped)
    assert rolled.total == sum(kept)
