"""Profiles (bio, avatar, links, badges, privacy) and the activity feed."""

from __future__ import annotations

from schema.profiles.feed import FeedMutation, FeedQuery, FeedSubscription
from schema.profiles.profile import ProfilesMutation, ProfilesQuery

ROOTS = (ProfilesQuery, ProfilesMutation, FeedQuery, FeedMutation, FeedSubscription)
