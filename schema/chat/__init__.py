"""Chat and moderation: messages in global, clan and private channels, live; mutes, reports, the
review queue, search and export."""

from __future__ import annotations

from schema.chat.messages import ChatMutation, ChatQuery, ChatSubscription
from schema.chat.moderation import ChatModerationMutation, ChatModerationQuery

ROOTS = (ChatQuery, ChatMutation, ChatSubscription, ChatModerationQuery, ChatModerationMutation)
