from tests.server.support import postgres_url, sqlite_url

__all__ = ["postgres_url", "sqlite_url"]
