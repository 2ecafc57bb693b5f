"""Properties of the Cities rules: the letter a city passes on, normalisation, and the atlas."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from resolvers.errors import DomainError
from resolvers.games import cities


@pytest.fixture(scope="module", autouse=True)
def atlas() -> cities.Index:
    """The atlas is built once per process (a few seconds); build it before the timed examples."""
    return cities.index()


RU = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
words = st.text(alphabet=RU + RU.upper() + " -", min_size=1, max_size=20).filter(
    lambda s: any(c.isalpha() for c in s)
)


@given(words)
def test_the_last_letter_is_never_a_skipped_one_unless_the_name_has_no_other(name: str) -> None:
    letter = cities.last_letter(name)
    letters = [c for c in cities.normalise(name) if c.isalpha()]
    assert letter is not None and letter in letters
    kept = [c for c in letters if c not in cities.SKIPPED]
    if kept:
        assert letter == kept[-1]
    else:
        assert letter == letters[-1]


@given(words, words)
def test_a_city_follows_another_exactly_when_it_starts_with_its_last_letter(previous: str, name: str) -> None:
    assert cities.follows(previous, name) == (cities.first_letter(name) == cities.last_letter(previous))
    assert cities.follows(None, name)


@given(words)
def test_normalisation_ignores_case_yo_hyphens_and_spacing_and_is_idempotent(name: str) -> None:
    once = cities.normalise(name)
    assert cities.normalise(once) == once
    assert cities.normalise(name.upper()) == once
    assert cities.normalise(name.replace("е", "ё")) == once
    assert cities.normalise("  " + name.replace(" ", "-") + " ") == once
    assert "ё" not in once and once == once.lower()


@given(st.sampled_from(["Москва", "Анапа", "Астрахань", "Йошкар-Ола", "Орёл", "Сыктывкар"]), st.data())
def test_the_atlas_finds_real_cities_in_any_case_and_spelling(name: str, data: st.DataObject) -> None:
    flips = data.draw(st.lists(st.booleans(), min_size=len(name), max_size=len(name)))
    typed = "".join(c.upper() if f else c.lower() for c, f in zip(name, flips, strict=True))
    assert cities.index().find(typed.replace("ё", "е")) is not None


def test_check_explains_each_refusal() -> None:
    atlas = cities.index()
    assert cities.check(atlas, previous=None, used=[], name="москва") == "Москва"
    for previous, used, name, code in [
        ("Москва", [], "Тула", "WRONG_LETTER"),
        ("Москва", ["Москва", "Анапа"], "АНАПА", "ALREADY_USED"),
        ("Москва", [], "Абырвалг", "UNKNOWN_CITY"),
        (None, [], "   ", "UNKNOWN_CITY"),
    ]:
        with pytest.raises(DomainError) as refused:
            cities.check(atlas, previous=previous, used=used, name=name)
        assert refused.value.code == code and refused.value.field == "move"
    assert cities.last_letter("Сыктывкар") == "р" and cities.last_letter("Грозный") == "н"
    assert cities.last_letter("Обь") == "б" and cities.first_letter("Ёлкино") == "е"
