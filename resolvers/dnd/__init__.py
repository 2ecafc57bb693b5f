"""The D&D workshop: a dice parser (``dice``), characters (``characters``) and sessions with their
log and the DM's tools (``sessions``)."""
