"""Achievements: counted from domain events (``counting``, the durable consumer's work) over a
catalog defined in code (``catalog``), shown to players with their progress and featured on their
profile (``board``)."""

import resolvers.achievements.texts  # noqa: F401  (defines this domain's notification texts)
