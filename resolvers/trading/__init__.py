"""Trading: offers of currency and items on both sides, between two players.

Making an offer moves what the sender gives into the ``escrow:trades`` account (one operation with
the offer's row). The recipient accepts (one operation: the escrow goes to the recipient, what the
sender wants goes from the recipient to the sender, each currency amount less a 5% fee, rounded up,
paid to ``fees``), declines or counters (a new offer the other way; the old one is COUNTERED); the
sender cancels; the ``trade_expire`` job expires offers after 72 hours. Every way out of OPEN is one
conditional update of the offer's status, so of concurrent ones exactly one wins, and every one but
accepting returns the escrow to the sender.

Scam check: each side's market value (``resolvers.market_value``); an offer where one side is worth
under 10% of the other is ``lopsided`` (shown to the recipient) and gets a ``trade_flags`` row; three
such offers towards one account within 24 hours raise a ``trade_alerts`` row for moderators.

Modules: ``common`` (statuses, rules, locking and closing an offer), ``terms`` (checking the goods
and the message), ``offers`` (create, counter), ``flags`` (the scam check), ``settlement`` (accept,
decline, cancel, expire), ``queries`` (the expiry job's work list, a player's offers), ``texts``.
"""

import resolvers.trading.texts  # noqa: F401  (defines this domain's notification texts)
