"""Mini-games: the session engine (sessions) and the games (cities, killer, gd)."""

import resolvers.games.texts  # noqa: F401  (defines this domain's notification texts)
