from tests.server.support import postgres_url, restore_dramatiq, sqlite_url
from tests.server.test_cli import fresh_pg_database

__all__ = ["fresh_pg_database", "postgres_url", "restore_dramatiq", "sqlite_url"]
