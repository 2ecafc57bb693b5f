"""Game sessions: a host opens a lobby (in a Telegram chat or the web app), players join, the host
starts; players move in seat order, each turn with a timer (``games.turn_seconds``, 60 by default).
A turn that runs out, or the last of a game's refused tries, is a lost turn (the game decides what
it costs); the ``game_turns`` job ends turns that ran out. Leaving a running game is forfeiting it.

A player is in one unfinished game at a time and a chat has one at a time: a row keyed by the
player (the chat) is inserted on joining and removed at the end, so concurrent joins cannot break
the rule. Every change is a line of the session's log and an event on the subject ``game:<id>``,
which anyone may watch (``gameEvents``). At the end the winner of a game of two or more players is
paid ``games.reward.<GAME>`` coins from the ``games`` faucet, in the transaction that finishes the
game (the session's row is locked and leaves RUNNING there, so it is paid once); every player's
statistics are updated.

Modules: ``common`` (statuses, settings, the row, its players and log), ``lobby`` (create, join, start,
leave, forfeit), ``turns`` (move, strike, the turns that ran out), ``progress`` (the next turn, the end
and its reward), ``queries``.
"""
