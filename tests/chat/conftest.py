from tests.server.support import postgres_url, restore_dramatiq

__all__ = ["postgres_url", "restore_dramatiq"]
