"""Seasonal events: scheduled events with their own currency (a ledger asset) and shop.

- ``admin``: admins make events (name, dates, currency) and stock their shops;
- ``earn``: the durable consumer ``seasonal`` pays event currency for activity in the window;
- ``shop``: players buy the event's limited editions with its currency;
- ``lifecycle``: the ``event_start``/``event_end`` jobs open and close events; at the end unused
  currency becomes COIN at half (rounded down), and yearly events schedule next year's;
- ``progress``: what a player earned, spent, holds and got back.
"""

import resolvers.seasonal.texts  # noqa: F401  (defines this domain's notification texts)
