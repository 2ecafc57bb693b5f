"""Bank notifications in English and Russian (see ``resolvers.notification_texts``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from resolvers.notification_texts import define, plural_ru


def _cur(d: Mapping[str, Any]) -> str:
    return str(d.get("currency") or "COIN")


def _installments_ru(days: int) -> str:
    return f"{days} {plural_ru(days, 'ежедневный платёж', 'ежедневных платежа', 'ежедневных платежей')}"


define(
    "loan.granted",
    en=lambda d: (
        f"🏦 +{d['amount']} {_cur(d)}",
        f"Loan #{d['loan_id']}: {d['total']} to repay in {d['days']} daily installments.",
    ),
    ru=lambda d: (
        f"🏦 +{d['amount']} {_cur(d)}",
        f"Кредит №{d['loan_id']}: вернуть {d['total']} за {_installments_ru(int(d['days']))}.",
    ),
)
for _kind in ("loan.payment", "loan.installment_paid"):
    define(
        _kind,
        en=lambda d: (
            f"🏦 −{d['amount']} {_cur(d)}",
            f"Paid on loan #{d['loan_id']}; {d['outstanding']} left.",
        ),
        ru=lambda d: (
            f"🏦 −{d['amount']} {_cur(d)}",
            f"Платёж по кредиту №{d['loan_id']}; осталось {d['outstanding']}.",
        ),
    )
define(
    "loan.repaid",
    en=lambda d: (f"🏦 Loan #{d['loan_id']} repaid", "Nothing is left to pay."),
    ru=lambda d: (f"🏦 Кредит №{d['loan_id']} погашен", "Больше ничего платить не нужно."),
)
define(
    "loan.installment_missed",
    en=lambda d: (
        f"⚠️ Missed {d['amount']} {_cur(d)}",
        f"Loan #{d['loan_id']}: not enough money; a late fee of {d['fee']} was added.",
    ),
    ru=lambda d: (
        f"⚠️ Пропущен платёж {d['amount']} {_cur(d)}",
        f"Кредит №{d['loan_id']}: не хватило денег, начислен штраф за просрочку {d['fee']}.",
    ),
)
define(
    "bank.deposit_matured",
    en=lambda d: (
        f"🏦 +{d['amount']} {_cur(d)}",
        f"Your deposit #{d['deposit_id']} matured: {d['principal']} back with {d['interest']} interest.",
    ),
    ru=lambda d: (
        f"🏦 +{d['amount']} {_cur(d)}",
        f"Срок вклада №{d['deposit_id']} истёк: {d['principal']} вернулись вместе с процентами "
        f"({d['interest']}).",
    ),
)
define(
    "bank.deposit_withdrawn",
    en=lambda d: (
        f"🏦 +{d['amount']} {_cur(d)}",
        f"Your deposit #{d['deposit_id']} was withdrawn early: {d['penalty']} forfeited, "
        f"{d['interest']} interest kept.",
    ),
    ru=lambda d: (
        f"🏦 +{d['amount']} {_cur(d)}",
        f"Вклад №{d['deposit_id']} закрыт досрочно: штраф {d['penalty']}, проценты ({d['interest']}) "
        "сохранены.",
    ),
)
