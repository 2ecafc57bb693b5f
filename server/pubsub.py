"""Pub/sub lives in ``db.pubsub`` (the server and the workers both publish); re-exported here."""

from db.pubsub import (
    BroadcastPubSub,
    Publisher,
    PubSub,
    RedisPublisher,
    create_pubsub,
    event_message,
    publish_events,
    user_channel,
)

__all__ = [
    "BroadcastPubSub",
    "PubSub",
    "Publisher",
    "RedisPublisher",
    "create_pubsub",
    "event_message",
    "publish_events",
    "user_channel",
]
