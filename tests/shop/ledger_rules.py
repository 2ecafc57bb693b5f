"""The shop's operations in the ledger state machine: purchases, and items going on and off sale."""

from __future__ import annotations

from hypothesis import strategies as st
from hypothesis.stateful import initialize, invariant, rule
from sqlalchemy import func, select
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.models import Account, Purchase
from resolvers import ledger, shop
from tests import factories
from tests.ledger.machine import LedgerMachine, domain_rules, key, player

ITEMS = 2
item = st.integers(0, ITEMS - 1)


@domain_rules
class ShopRules(LedgerMachine):
    items: list[int]

    @initialize()
    def shop_items(self) -> None:
        """A scarce priced item and a free unlimited one, both at most five per player."""
        self.items = [
            int(
                self.run(
                    factories.item(
                        self.db,
                        name=f"i{price}",
                        price=price,
                        stock=stock,
                        per_user_limit=5,
                        by=self.admin,
                        clock=self.clock,
                    )
                ).id
            )
            for price, stock in ((25, 3), (0, None))
        ]

    @rule(buyer=player, which=item, quantity=st.integers(-1, 4), key=key)
    def shop_buy(self, buyer: int, which: int, quantity: int, key: str | None) -> None:
        actor = self.players[buyer]
        self.attempt(
            "shop.purchase",
            actor=actor,
            key=key,
            use_case=lambda s: shop.purchase(
                s,
                actor_id=actor,
                item_id=self.items[which],
                quantity=quantity,
                idempotency_key=key,
                clock=self.clock,
            ),
        )

    @rule(which=item, active=st.booleans(), stock=st.one_of(st.none(), st.integers(-1, 3)))
    def shop_restock(self, which: int, active: bool, stock: int | None) -> None:
        self.attempt(
            "shop.update_item",
            actor=self.admin,
            key=None,
            use_case=lambda s: shop.update_item(
                s,
                actor_id=self.admin,
                item_id=self.items[which],
                fields={"active": active, "stock": stock},
                clock=self.clock,
            ),
        )

    @invariant()
    def shop_holdings_were_bought(self) -> None:
        """Every item a player holds, or an escrow holds for them, came out of a purchase (items are
        only minted by the shop)."""

        async def compare(session: AsyncSession) -> tuple[dict[str, int], dict[str, int]]:
            held = await session.execute(
                select(col(Account.asset), func.sum(col(Account.balance)))
                .where(col(Account.owner_kind) != "system", col(Account.asset).startswith("item:"))
                .group_by(col(Account.asset))
            )
            bought = await session.execute(
                select(col(Purchase.item_id), func.sum(col(Purchase.quantity))).group_by(
                    col(Purchase.item_id)
                )
            )
            holdings = {asset: int(n) for asset, n in held.all() if n}
            # Summed over every escrow account (one per auction, offer book or deposit book).
            for (asset, owner), n in (await ledger.system_balances(session)).items():
                if owner.startswith(ledger.ESCROW_PREFIX) and asset.startswith("item:"):
                    holdings[asset] = holdings.get(asset, 0) + n
            return (
                {asset: n for asset, n in holdings.items() if n},
                {ledger.item_asset(ident): int(n) for ident, n in bought.all() if n},
            )

        held, bought = self.run(self._read(compare))
        assert held == bought, (held, bought)
