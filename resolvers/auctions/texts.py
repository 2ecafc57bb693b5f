"""Auction notifications in English and Russian (see ``resolvers.notification_texts``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from resolvers.notification_texts import define


def _by(d: Mapping[str, Any], fallback: str) -> str:
    return str(d.get("by_username") or fallback)


define(
    "auction.outbid",
    en=lambda d: (
        f"Outbid: {d['name']}",
        f"{_by(d, 'Someone')} bid {d['amount']} {d['currency']}; your bid is refunded.",
    ),
    ru=lambda d: (
        f"Вашу ставку перебили: {d['name']}",
        f"{_by(d, 'Другой игрок')} поставил {d['amount']} {d['currency']}; ваша ставка возвращена.",
    ),
)
define(
    "auction.won",
    en=lambda d: (
        f"Won: {d['name']}",
        f"You won {d['name']} × {d['quantity']} for {d['amount']} {d['currency']}.",
    ),
    ru=lambda d: (
        f"Выигрыш: {d['name']}",
        f"Вы выиграли {d['name']} × {d['quantity']} за {d['amount']} {d['currency']}.",
    ),
)
define(
    "auction.sold",
    en=lambda d: (
        f"Sold: {d['name']}",
        f"Sold for {d['amount']} {d['currency']}; you receive {d['net']} after the fee.",
    ),
    ru=lambda d: (
        f"Продано: {d['name']}",
        f"Лот продан за {d['amount']} {d['currency']}; после комиссии вы получаете {d['net']}.",
    ),
)
define(
    "auction.unsold",
    en=lambda d: (f"Unsold: {d['name']}", "Nobody bid; the item is back in your inventory."),
    ru=lambda d: (f"Не продано: {d['name']}", "Ставок не было; предмет вернулся в ваш инвентарь."),
)
