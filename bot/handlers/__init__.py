"""One module per domain; each defines ``domain = Domain(...)`` (see ``bot/domains.py``) and
registers its commands, handlers and error texts on it. Nothing here lists them."""
