"""Chat and moderation: channels (global, the sender's clan, private between two players), the
profanity filter and automatic mutes, the 10-a-minute rule, moderators' mutes, reports and their
review queue, search, export and the 90-day retention.

Modules: ``channels`` (names and who may read or write them), ``messages`` (send, read, search,
export), ``moderation`` (mutes, offences, reports), ``profanity`` (the filter).
"""
