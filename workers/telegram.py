"""Notifications delivered to Telegram: at least once into a queue, never twice to the user.

1. The durable events consumer ``telegram`` turns each ``notification.created`` event of a user
   with a Telegram link into one ``deliveries`` row (channel ``telegram``, ref
   ``notification:<id>``). The unique (channel, ref) key makes a re-read event a no-op.
2. The job ``telegram_deliver`` (a reconciler, scheduled every few seconds) sends what is
   ``pending`` or ``failed`` with attempts left. Each row is claimed by a conditional UPDATE
   (pending/failed → sending, committed before the Bot API call), so concurrent runs never send
   the same row; then it is marked ``sent``, or put back.

"Never twice": the Bot API has no idempotency key, so a delivery is only retried when Telegram
surely did not send it — Telegram answered ``ok: false`` (400/403 are final, others count an
attempt), answered 429 (put back as it was, the run stops), or the connection was never made
(put back, the run stops: an outage does not burn attempts). Everything ambiguous — a timeout or
a broken connection after the request went out, a non-JSON 5xx from a proxy, or a crash between
the call and the mark — leaves the row ``unknown``: it is not retried, and it is written to the
audit log (``telegram.delivery_unknown``) and logged as an error for admins. A crash leaves the
row in ``sending``; a later run turns a ``sending`` row older than ``STALE_AFTER`` into
``unknown``. While a row is ``sending``, ``sent_at`` holds the moment it was handed to Telegram
(the table has no separate claim column); it is cleared when the row is put back.

A notification read elsewhere (the web app) before its turn, or older than ``MAX_AGE`` (queued
while the bot had no token, or during a long outage), is ``skipped``, not sent.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import select, update
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.dialect import insert_for
from db.engine import Database
from db.models import Delivery, Event, Notification, User
from resolvers import audit, notification_texts
from resolvers.accounts.telegram import link_of
from resolvers.clock import Clock
from resolvers.outbox import consumer
from workers import runtime
from workers.broker import job

log = logging.getLogger("lucas.workers.telegram")

CHANNEL = "telegram"
MAX_ATTEMPTS = 5
STALE_AFTER = timedelta(minutes=10)
MAX_AGE = timedelta(days=1)  # e.g. queued while the bot had no token: old news is not pushed
BATCH = 50
MAX_TEXT = 4096
REF_PREFIX = "notification:"


@consumer(CHANNEL)
async def queue_delivery(session: AsyncSession, event: Event) -> None:
    if event.kind != "notification.created":
        return
    note_id, user_id = event.payload.get("notification_id"), event.payload.get("user_id")
    if not isinstance(note_id, int) or not isinstance(user_id, int):
        return
    if await link_of(session, user_id) is None:
        return
    await session.execute(
        insert_for(session, Delivery)
        .values(
            channel=CHANNEL,
            ref=f"{REF_PREFIX}{note_id}",
            status="pending",
            attempts=0,
            created_at=event.created_at,
        )
        .on_conflict_do_nothing()
    )


@dataclass
class Report:
    sent: int = 0
    failed: int = 0
    defer: int = 0
    skipped: int = 0
    unknown: int = 0

    def any(self) -> bool:
        return any(vars(self).values())


@dataclass(frozen=True)
class _Outcome:
    status: str  # sent | retry | final | defer | skipped | unknown
    error: str | None = None
    retry_after: float = 0.0


# Flood control from Telegram pauses this process's deliveries until then (per bot token).
_paused_until: dict[str, datetime] = {}


def _text(note: Notification, language: str | None) -> str:
    """In the reader's language (their account's, from Telegram) when the kind has texts."""
    title, body = notification_texts.render(note.kind, note.data, language, title=note.title, body=note.body)
    text = title if not body else f"{title}\n{body}"
    return text[:MAX_TEXT]


async def _send(http: httpx.AsyncClient, url: str, chat_id: int, text: str) -> _Outcome:
    try:
        response = await http.post(url, json={"chat_id": chat_id, "text": text})
    except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout) as exc:
        return _Outcome("defer", f"Bot API unreachable: {type(exc).__name__}")
    except httpx.HTTPError as exc:
        return _Outcome("unknown", f"no answer after sending: {type(exc).__name__}")
    try:
        body: Any = response.json()
    except ValueError:
        body = None
    if not isinstance(body, dict) or "ok" not in body:
        return _Outcome("unknown", f"HTTP {response.status_code} without a Bot API answer")
    if body["ok"]:
        return _Outcome("sent")
    code = int(body.get("error_code") or response.status_code)
    error = f"{code}: {str(body.get('description', ''))[:400]}"
    if code == 429:
        parameters = body.get("parameters") or {}
        return _Outcome("defer", error, retry_after=float(parameters.get("retry_after") or 1))
    if code in (401, 404):  # a wrong token or URL: not this row's fault
        return _Outcome("defer", error)
    return _Outcome("final" if code in (400, 403) else "retry", error)


async def _flag_unknown(session: AsyncSession, row: Delivery, reason: str, clock: Clock) -> None:
    log.error("Telegram delivery %s (%s) may or may not have arrived: %s", row.id, row.ref, reason)
    await audit.append(
        session,
        action="telegram.delivery_unknown",
        clock=clock,
        actor_id=None,
        subject=f"delivery:{row.id}",
        data={"ref": row.ref, "reason": reason},
    )


async def flag_stale(db: Database, *, clock: Clock) -> int:
    """Rows left in ``sending`` by a crash become ``unknown`` (reported, never resent)."""
    async with db.transaction() as session:
        rows = (
            await session.execute(
                update(Delivery)
                .where(
                    col(Delivery.channel) == CHANNEL,
                    col(Delivery.status) == "sending",
                    col(Delivery.sent_at) < clock.now() - STALE_AFTER,
                )
                .values(status="unknown", last_error="interrupted while sending")
                .returning(Delivery)
            )
        ).scalars()
        stale = list(rows)
        for row in stale:
            await _flag_unknown(session, row, "interrupted while sending", clock)
    return len(stale)


async def _claim(db: Database, delivery_id: int, clock: Clock) -> Delivery | None:
    async with db.transaction() as session:
        return (
            await session.execute(
                update(Delivery)
                .where(
                    col(Delivery.id) == delivery_id,
                    col(Delivery.status).in_(("pending", "failed")),
                    col(Delivery.attempts) < MAX_ATTEMPTS,
                )
                .values(status="sending", sent_at=clock.now())
                .returning(Delivery)
            )
        ).scalar_one_or_none()


async def _target(db: Database, row: Delivery) -> tuple[Notification, int, str | None] | None:
    raw = row.ref.removeprefix(REF_PREFIX)
    if not raw.isdigit():
        return None
    async with db.reader() as session:
        note = await session.get(Notification, int(raw))
        link = await link_of(session, note.user_id) if note is not None else None
        user = await session.get(User, note.user_id) if note is not None else None
    if note is None or link is None:
        return None
    return note, link.chat_id or link.telegram_id, user.language if user is not None else None


async def _finish(db: Database, row: Delivery, outcome: _Outcome, *, put_back: str, clock: Clock) -> None:
    values: dict[str, Any]
    if outcome.status == "sent":
        values = {"status": "sent", "last_error": None}
    elif outcome.status == "defer":
        values = {"status": put_back, "sent_at": None, "last_error": outcome.error}
    elif outcome.status == "skipped":
        values = {"status": "skipped", "sent_at": None, "last_error": outcome.error}
    elif outcome.status == "unknown":
        values = {"status": "unknown", "last_error": outcome.error}
    else:
        attempts = MAX_ATTEMPTS if outcome.status == "final" else row.attempts + 1
        values = {"status": "failed", "attempts": attempts, "sent_at": None, "last_error": outcome.error}
    async with db.transaction() as session:
        # "sent" also overrides "unknown": a slow send flagged as stale did arrive after all.
        allowed = ("sending", "unknown") if outcome.status == "sent" else ("sending",)
        await session.execute(
            update(Delivery)
            .where(col(Delivery.id) == row.id, col(Delivery.status).in_(allowed))
            .values(**values)
        )
        if outcome.status == "unknown":
            await _flag_unknown(session, row, outcome.error or "unknown", clock)


async def _deliver(db: Database, http: httpx.AsyncClient, url: str, row: Delivery, clock: Clock) -> _Outcome:
    if clock.now() - row.created_at > MAX_AGE:
        return _Outcome("skipped", "too old to deliver")
    target = await _target(db, row)
    if target is None:
        return _Outcome("final", "no notification or no Telegram link")
    note, chat_id, language = target
    if note.read_at is not None:
        return _Outcome("skipped", "read before delivery")
    return await _send(http, url, chat_id, _text(note, language))


async def deliver_pending(
    db: Database,
    *,
    token: str,
    api_url: str,
    clock: Clock,
    http: httpx.AsyncClient | None = None,
    batch: int = BATCH,
) -> Report:
    """One pass: flag stale sends, then send up to ``batch`` deliveries, oldest first."""
    report = Report(unknown=await flag_stale(db, clock=clock))
    if clock.now() < _paused_until.get(token, clock.now()):
        return report
    # httpx logs request URLs at INFO, and Bot API URLs carry the token.
    httpx_log = logging.getLogger("httpx")
    httpx_log.setLevel(max(httpx_log.getEffectiveLevel(), logging.WARNING))
    async with db.reader() as session:
        due = (
            await session.execute(
                select(col(Delivery.id), col(Delivery.status))
                .where(
                    col(Delivery.channel) == CHANNEL,
                    col(Delivery.status).in_(("pending", "failed")),
                    col(Delivery.attempts) < MAX_ATTEMPTS,
                )
                .order_by(col(Delivery.id))
                .limit(batch)
            )
        ).all()
    client = http or httpx.AsyncClient(timeout=httpx.Timeout(15.0, connect=5.0))
    url = f"{api_url}{token}/sendMessage"
    try:
        for delivery_id, status_before in due:
            row = await _claim(db, delivery_id, clock)
            if row is None:  # another run took it
                continue
            outcome = await _deliver(db, client, url, row, clock)
            await _finish(db, row, outcome, put_back=status_before, clock=clock)
            if outcome.status in ("retry", "final"):
                report.failed += 1
            else:
                setattr(report, outcome.status, getattr(report, outcome.status) + 1)
            if outcome.status == "defer":
                log.warning("Telegram delivery paused: %s", outcome.error)
                if outcome.retry_after:
                    _paused_until[token] = clock.now() + timedelta(seconds=outcome.retry_after)
                break
    finally:
        if http is None:
            await client.aclose()
    return report


@job("telegram_deliver", every=2.0, max_retries=0, time_limit=120_000)
async def telegram_deliver() -> dict[str, int]:
    rt = runtime.get()
    if not rt.settings.telegram_token:
        return {}
    report = await deliver_pending(
        rt.db, token=rt.settings.telegram_token, api_url=rt.settings.telegram_api_url, clock=rt.clock
    )
    return dict(vars(report))
