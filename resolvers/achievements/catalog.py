"""The achievements, defined in code: what each counts from which events, its tiers and rewards.

An achievement's progress is a count of events (``COUNT``), a sum of a payload amount (``SUM``) or
the best value seen (``BEST``, a streak or a level). Its goals are one per tier, rising: three are
bronze, silver and gold; one is a single unlock (no tier name). ``requires`` names another
achievement's tier that must be unlocked first (progress still counts meanwhile). A hidden
achievement shows neither its title nor its goal until it is unlocked.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from db.models import Event

COUNT, SUM, BEST = "count", "sum", "best"
TIER_NAMES = ("bronze", "silver", "gold")
LANGUAGES = ("en", "ru")

Measure = Callable[[Event], Iterable[tuple[int, int]]]


@dataclass(frozen=True)
class Text:
    en: str
    ru: str

    def get(self, language: str) -> str:
        return self.ru if language == "ru" else self.en


@dataclass(frozen=True, kw_only=True)
class Achievement:
    key: str
    kinds: tuple[str, ...]
    measure: Measure
    mode: str
    goals: tuple[int, ...]
    coin: tuple[int, ...]
    xp: tuple[int, ...]
    title: Text
    description: Text = field(default_factory=lambda: Text("", ""))
    requires: tuple[str, int] | None = None
    hidden: bool = False

    def tier_name(self, step: int) -> str | None:
        """The tier of a step (1-based): bronze, silver, gold; None for a single-step achievement."""
        return TIER_NAMES[step - 1] if len(self.goals) == len(TIER_NAMES) else None

    def describe(self, language: str, goal: int) -> str:
        return self.description.get(language).format(goal=goal)


def _whole(value: object) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else 0


def by_actor(event: Event) -> Iterable[tuple[int, int]]:
    return [(event.actor_id, 1)] if event.actor_id is not None else []


def by_audience(event: Event) -> Iterable[tuple[int, int]]:
    return [(user_id, 1) for user_id in sorted(set(event.audience))]


def actor_value(name: str, *, currency_only: bool = False) -> Measure:
    def measure(event: Event) -> Iterable[tuple[int, int]]:
        if event.actor_id is None:
            return []
        if currency_only and str(event.payload.get("asset", "")).startswith("item:"):
            return []
        return [(event.actor_id, _whole(event.payload.get(name)))]

    return measure


def at_night(event: Event) -> Iterable[tuple[int, int]]:
    return by_actor(event) if event.created_at.hour < 5 else []


CATALOG: tuple[Achievement, ...] = (
    Achievement(
        key="first_transfer",
        kinds=("wallet.transfer",),
        measure=by_actor,
        mode=COUNT,
        goals=(1,),
        coin=(10,),
        xp=(10,),
        title=Text("First transfer", "Первый перевод"),
        description=Text("Send coins to another player.", "Отправьте монеты другому игроку."),
    ),
    Achievement(
        key="payer",
        kinds=("wallet.transfer",),
        measure=by_actor,
        mode=COUNT,
        goals=(10, 50, 200),
        coin=(20, 100, 400),
        xp=(20, 100, 400),
        title=Text("Paymaster", "Казначей"),
        description=Text("Transfers made: {goal}.", "Сделано переводов: {goal}."),
        requires=("first_transfer", 1),
    ),
    Achievement(
        key="shopper",
        kinds=("shop.purchase",),
        measure=by_actor,
        mode=COUNT,
        goals=(1, 10, 50),
        coin=(10, 50, 250),
        xp=(10, 50, 250),
        title=Text("Shopper", "Покупатель"),
        description=Text("Shop purchases: {goal}.", "Покупки в магазине: {goal}."),
    ),
    Achievement(
        key="generous",
        kinds=("gift.sent",),
        measure=by_actor,
        mode=COUNT,
        goals=(1, 10, 50),
        coin=(10, 50, 250),
        xp=(10, 50, 250),
        title=Text("Generous", "Щедрая душа"),
        description=Text("Gifts sent: {goal}.", "Отправлено подарков: {goal}."),
    ),
    Achievement(
        key="philanthropist",
        kinds=("gift.sent",),
        measure=actor_value("amount", currency_only=True),
        mode=SUM,
        goals=(1000,),
        coin=(300,),
        xp=(300,),
        title=Text("Philanthropist", "Меценат"),
        description=Text("Give away {goal} coins in gifts.", "Подарите {goal} монет."),
        requires=("generous", 2),
    ),
    Achievement(
        key="regular",
        kinds=("daily.claimed",),
        measure=actor_value("streak"),
        mode=BEST,
        goals=(7, 30, 100),
        coin=(50, 200, 1000),
        xp=(50, 200, 1000),
        title=Text("Regular", "Завсегдатай"),
        description=Text("Reach a {goal}-day daily bonus streak.", "Серия ежедневных бонусов: {goal} дн."),
    ),
    Achievement(
        key="climber",
        kinds=("progression.level_up",),
        measure=actor_value("level"),
        mode=BEST,
        goals=(5, 10, 25),
        coin=(50, 200, 1000),
        xp=(0, 0, 0),
        title=Text("Climber", "Восхождение"),
        description=Text("Reach level {goal}.", "Достигните уровня {goal}."),
    ),
    Achievement(
        key="trader",
        kinds=("trade.accepted",),
        measure=by_audience,
        mode=COUNT,
        goals=(1, 10, 50),
        coin=(10, 50, 250),
        xp=(10, 50, 250),
        title=Text("Trader", "Торговец"),
        description=Text("Trades completed: {goal}.", "Завершено обменов: {goal}."),
    ),
    Achievement(
        key="bidder",
        kinds=("auction.bid",),
        measure=by_actor,
        mode=COUNT,
        goals=(1, 10, 50),
        coin=(10, 50, 250),
        xp=(10, 50, 250),
        title=Text("Bidder", "Участник торгов"),
        description=Text("Auction bids: {goal}.", "Ставки на аукционах: {goal}."),
    ),
    Achievement(
        key="saver",
        kinds=("bank.deposited",),
        measure=by_actor,
        mode=COUNT,
        goals=(1, 5, 20),
        coin=(10, 50, 200),
        xp=(10, 50, 200),
        title=Text("Saver", "Вкладчик"),
        description=Text("Bank deposits opened: {goal}.", "Открыто вкладов в банке: {goal}."),
    ),
    Achievement(
        key="dice_roller",
        kinds=("dnd.rolled",),
        measure=by_actor,
        mode=COUNT,
        goals=(10, 100, 500),
        coin=(10, 50, 250),
        xp=(10, 50, 250),
        title=Text("Dice roller", "Игрок в кости"),
        description=Text("Dice rolls at a table: {goal}.", "Броски костей за столом: {goal}."),
    ),
    Achievement(
        key="friendly",
        kinds=("friend.added",),
        measure=by_audience,
        mode=COUNT,
        goals=(1, 5, 20),
        coin=(10, 50, 200),
        xp=(10, 50, 200),
        title=Text("Friendly", "Дружелюбный"),
        description=Text("Friends made: {goal}.", "Друзей: {goal}."),
    ),
    Achievement(
        key="whale",
        kinds=("wallet.transfer",),
        measure=actor_value("amount"),
        mode=BEST,
        goals=(1000,),
        coin=(100,),
        xp=(200,),
        title=Text("Whale", "Кит"),
        description=Text(
            "Send {goal} or more in one transfer.", "Отправьте {goal} или больше одним переводом."
        ),
        hidden=True,
    ),
    Achievement(
        key="night_owl",
        kinds=("daily.claimed",),
        measure=at_night,
        mode=COUNT,
        goals=(1,),
        coin=(25,),
        xp=(50,),
        title=Text("Night owl", "Сова"),
        description=Text(
            "Claim the daily bonus between 00:00 and 05:00 UTC.",
            "Заберите ежедневный бонус с 00:00 до 05:00 UTC.",
        ),
        hidden=True,
    ),
)

BY_KEY: dict[str, Achievement] = {a.key: a for a in CATALOG}
BY_KIND: dict[str, tuple[Achievement, ...]] = {}
for _a in CATALOG:
    for _kind in _a.kinds:
        BY_KIND[_kind] = (*BY_KIND.get(_kind, ()), _a)
# Achievements to look at again when one of them unlocks a tier (their precondition).
DEPENDENTS: dict[str, tuple[Achievement, ...]] = {}
for _a in CATALOG:
    if _a.requires is not None:
        DEPENDENTS[_a.requires[0]] = (*DEPENDENTS.get(_a.requires[0], ()), _a)


def language_of(raw: str | None) -> str:
    code = (raw or "").lower()[:2]
    return code if code in LANGUAGES else "en"
