"""Linking a web account with a Telegram identity (one-time code or the Login Widget), and
choosing which account to keep when both have a history."""

from resolvers.linking.common import ERRORS

__all__ = ["ERRORS"]
