"""Texts for failures of the API itself (unreachable, rate limited, refused), shared by every
domain. Payload errors have their texts in their domains (``bot/domains.py``)."""

from __future__ import annotations

from bot.api import APIError, APIRateLimited, APIUnavailable
from bot.i18n import Texts


def api_error_text(_: Texts, exc: APIError) -> str:
    if isinstance(exc, APIRateLimited):
        return _("Too many requests. Try again in {seconds} s.", seconds=exc.retry_after)
    if isinstance(exc, APIUnavailable):
        return _("The service is unavailable right now. Try again in a minute.")
    return _("Something went wrong. Please try again later.")
