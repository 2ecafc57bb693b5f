"""Tournament notifications in English and Russian (see ``resolvers.notification_texts``)."""

from __future__ import annotations

from resolvers.notification_texts import define

define(
    "tournament.match_ready",
    en=lambda d: (
        f"{d['name']}: your next match",
        "Play your match and report the result before the deadline.",
    ),
    ru=lambda d: (f"{d['name']}: ваш следующий матч", "Сыграйте матч и сообщите результат до дедлайна."),
)
define(
    "tournament.reminder",
    en=lambda d: (
        f"{d['name']}: report your match",
        "Your match's deadline is in an hour; report its result or it will be forfeited.",
    ),
    ru=lambda d: (
        f"{d['name']}: сообщите результат матча",
        "До дедлайна матча остался час: сообщите результат, иначе вам засчитают поражение.",
    ),
)
define(
    "tournament.disputed",
    en=lambda d: (
        f"{d['name']}: disputed result",
        "You and your opponent reported different winners; a moderator will decide.",
    ),
    ru=lambda d: (
        f"{d['name']}: спорный результат",
        "Вы и соперник назвали разных победителей; решение примет модератор.",
    ),
)
define(
    "tournament.dispute_review",
    en=lambda d: (
        f"{d['name']}: a disputed match",
        f"Match #{d['match_id']} needs a moderator: the players reported different winners.",
    ),
    ru=lambda d: (
        f"{d['name']}: спорный матч",
        f"Матч №{d['match_id']} ждёт решения модератора: игроки назвали разных победителей.",
    ),
)
define(
    "tournament.prize",
    en=lambda d: (
        f"{d['name']}: place {d['place']}",
        f"You finished {d['place']} and won {d['amount']} {d['currency']}.",
    ),
    ru=lambda d: (
        f"{d['name']}: {d['place']}-е место",
        f"Вы заняли {d['place']}-е место и выиграли {d['amount']} {d['currency']}.",
    ),
)
define(
    "tournament.cancelled",
    en=lambda d: (
        f"{d['name']}: cancelled",
        f"The tournament was cancelled; your entry fee ({d['amount']} {d['currency']}) is back.",
    ),
    ru=lambda d: (
        f"{d['name']}: отменён",
        f"Турнир отменён; ваш взнос ({d['amount']} {d['currency']}) возвращён.",
    ),
)
