"""``server.asgi:app`` for ``lucas serve --workers N`` and other ASGI servers."""

from server.app import create_app

app = create_app(migrate=False)
