"""The bot's texts: gettext catalogs compiled by Babel (``bot/locales``), Russian for Telegram users
whose language is ``ru*`` and English for everyone else; numbers and dates in the same locale.

Message ids are the English texts; placeholders use ``str.format`` names, filled by ``Texts``.
"""

from __future__ import annotations

import gettext
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

from babel.dates import format_datetime
from babel.numbers import format_decimal
from babel.support import Translations

LOCALES_DIR = Path(__file__).resolve().parent / "locales"
DOMAIN = "messages"
LANGUAGES = ("en", "ru")


def N_(message: str) -> str:
    """Marks a text for the catalogs where it is defined; it is translated where it is shown."""
    return message


def language_for(language_code: str | None) -> str:
    return "ru" if language_code and language_code.lower().startswith("ru") else "en"


@cache
def _catalog(language: str) -> gettext.NullTranslations:
    return Translations.load(str(LOCALES_DIR), [language], DOMAIN)


class Texts:
    """``_("Sent {amount}.", amount=...)`` in one language."""

    def __init__(self, language: str) -> None:
        self.language = language if language in LANGUAGES else "en"
        self._catalog = _catalog(self.language)

    def __call__(self, message: str, /, **values: object) -> str:
        text = self._catalog.gettext(message)
        return text.format(**values) if values else text

    def number(self, value: int) -> str:
        return format_decimal(value, locale=self.language)

    def money(self, value: int, currency: str) -> str:
        return f"{self.number(value)} {currency}"

    def when(self, iso: str) -> str:
        """A GraphQL ``DateTime`` (ISO 8601) as a short local date and time, in UTC."""
        try:
            moment = datetime.fromisoformat(iso)
        except ValueError:
            return iso
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        return format_datetime(moment, "short", tzinfo=UTC, locale=self.language)


def texts_for(language_code: str | None) -> Texts:
    return Texts(language_for(language_code))
