"""The auction house: a player lists an item for 1, 3, 7 or 14 days, others bid, the best bid wins.

The item and the best bid sit in the system account ``escrow:auction:<id>``. A bid must beat the
current one by 5% (rounded up, at least 1), or reach the start price when nobody bid yet; its amount
goes to escrow and the bidder it outbids gets theirs back in the same transaction. A bid at or above
the buyout price sells at once for the buyout price. A bid in the last 5 minutes moves the end to 5
minutes after it, at most 12 times. At the end (``settle``, run by the ``auction_settle`` job, or by
an admin early) the item goes to the winner and the price to the seller less a 10% fee (rounded up)
to ``fees``, or the item back to the seller when nobody bid.

Bids and settlement lock the auction's row first (``FOR UPDATE`` on PostgreSQL; SQLite runs one
writer at a time), so concurrent bids are decided one after the other and a settlement happens once:
the row leaves OPEN in the transaction that moves the goods.

Modules: ``common`` (statuses, rules, escrow and locking), ``lifecycle`` (list, cancel), ``bids``,
``settlement`` (the sale, ``settle``, ``end``, ``due``), ``queries`` (pages, recent bids, last sales),
``texts`` (notification texts).
"""

import resolvers.auctions.texts  # noqa: F401  (defines this domain's notification texts)
