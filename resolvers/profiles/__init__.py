"""Profiles: what a player shows (bio, links, avatar, badges, stats) and to whom, and the activity
feed made from other domains' events (``feed``)."""
