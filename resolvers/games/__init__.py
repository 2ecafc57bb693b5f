"""Mini-games: the session engine (sessions) and the games (cities, killer, gd)."""
