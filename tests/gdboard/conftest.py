from tests.server.support import postgres_url, restore_dramatiq, sqlite_url

__all__ = ["postgres_url", "restore_dramatiq", "sqlite_url"]
