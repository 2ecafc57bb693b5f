"""Quests: objectives counted from domain events, rewards, chains and branches.

``catalog`` is the admins' side (create, edit, validate, the graph of what unlocks what), ``log``
the players' (the quest log, accept, abandon), ``progress`` the durable consumer that counts events
into active runs, pays completed ones and the daily reset. ``common`` holds what they share.
"""

from __future__ import annotations

import resolvers.quests.texts  # noqa: F401  (defines this domain's notification texts)
from resolvers.errors import ErrorCodes
from resolvers.quests import catalog, log, progress

ERRORS = ErrorCodes("quests", uses=(catalog.ERRORS, log.ERRORS, progress.ERRORS))
