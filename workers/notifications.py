"""Durable consumers of notifications (Telegram delivery is wired by the bot's worker module)."""

from __future__ import annotations
