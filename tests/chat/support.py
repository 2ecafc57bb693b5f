"""Shared pieces of the chat tests: operations, players with tokens on the app's clock, the clock."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from resolvers.accounts import tokens
from server.settings import Settings
from tests import factories
from tests.conftest import GraphQLClient

SEND = """mutation($c: String!, $t: String!) { chatSend(input: {channel: $c, text: $t}) {
  message { id text channel author { username } createdAt } errors { code field message } } }"""
MESSAGES = "query($c: String!, $n: Int) { chatMessages(channel: $c, first: $n) { id text channel author { username } } }"
ADVANCE = "mutation($s: Int!) { adminClockAdvance(input: {seconds: $s}) { now errors { code } } }"
JOB_RUN = "mutation($n: String!) { adminJobRun(input: {name: $n}) { name report errors { code } } }"
MUTE = """mutation($u: ID!, $m: Int!, $r: String) { chatMute(input: {userId: $u, minutes: $m, reason: $r}) {
  mute { until reason user { username } } errors { code field } } }"""
UNMUTE = (
    "mutation($u: ID!) { chatUnmute(input: {userId: $u}) { mute { user { username } } errors { code } } }"
)
REPORT = """mutation($m: ID!, $r: String!) { chatReport(input: {messageId: $m, reason: $r}) {
  report { id status reason } errors { code field } } }"""
REPORTS = "{ chatReports { id reason status reporter { username } message { id text channel } } }"
RESOLVE = """mutation($r: ID!, $a: ChatReportAction!, $m: Int) {
  chatReportResolve(input: {reportId: $r, action: $a, minutes: $m}) { report { id status } errors { code } } }"""
SEARCH = "query($q: String!, $c: String) { chatSearch(query: $q, channel: $c) { id text channel } }"
EXPORT = "query($c: String!) { chatExport(channel: $c) }"
NOTES = "{ notifications { edges { node { kind } } } }"


def manual(settings: Settings) -> Settings:
    return replace(settings, clock_mode="manual")


def token(app: Any, settings: Settings, player: factories.Player) -> str:
    """A fresh access token on the app's (possibly moved) clock."""
    now = app.state.services.clock.now()
    return tokens.issue_access_token(secret=settings.secret_key, user_id=player.id, now=now, minutes=15)


async def send(gql: GraphQLClient, who: str, channel: str, text: str) -> dict[str, Any]:
    body = await gql(SEND, {"c": channel, "t": text}, token=who)
    payload: dict[str, Any] = body["data"]["chatSend"]
    return payload


def codes(payload: dict[str, Any]) -> list[str]:
    return [e["code"] for e in payload["errors"]]


async def advance(gql: GraphQLClient, admin: str, seconds: int) -> None:
    moved = await gql(ADVANCE, {"s": seconds}, token=admin)
    assert moved["data"]["adminClockAdvance"]["errors"] == []
