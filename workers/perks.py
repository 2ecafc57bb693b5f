"""The group perks: effects start from shop purchases (the durable consumer ``perks``), end by the
job ``perks_expire``, and the job ``perks_telegram`` makes the group match them.

``perks_telegram`` is a reconciler: the players who should be admins (an ADMIN effect running) are
compared with ``perk_group_admins`` (what the bot did), and the difference is fixed through the
Bot API — promote with minimal rights and a custom title, or demote — then recorded. A player who
already was an admin is recorded ``kept`` and never demoted by us; a refusal by Telegram (400/403)
is recorded ``failed`` and not retried for that effect; anything transient is retried next run.
The group is ``LUCAS_TELEGRAM_GROUP_ID`` (the bot reads the same setting).
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from typing import Any

import httpx
from sqlmodel.ext.asyncio.session import AsyncSession

from db.models import Event
from resolvers import outbox, perks
from resolvers.outbox import consumer
from workers import runtime
from workers.broker import job

log = logging.getLogger("lucas.workers.perks")

TITLE = "Admin for a day"
RIGHTS = {
    "can_manage_chat": True,
    "can_delete_messages": False,
    "can_manage_video_chats": False,
    "can_restrict_members": False,
    "can_promote_members": False,
    "can_change_info": False,
    "can_invite_users": False,
    "can_pin_messages": False,
    "can_post_stories": False,
    "can_edit_stories": False,
    "can_delete_stories": False,
}
DEMOTE = dict.fromkeys(RIGHTS, False)


def group_chat_id(settings: Any) -> int | None:
    """``LUCAS_TELEGRAM_GROUP_ID`` (or ``extra["telegram_group_id"]``): the group the perks apply to."""
    extra = getattr(settings, "extra", None) or {}
    raw = extra.get("telegram_group_id") or os.environ.get("LUCAS_TELEGRAM_GROUP_ID")
    try:
        return int(raw) if raw else None
    except ValueError:
        return None


@consumer(perks.CONSUMER)
async def start_effects(session: AsyncSession, event: Event) -> None:
    await perks.start_from_purchase(session, event)


@dataclass(frozen=True)
class Answer:
    ok: bool
    final: bool  # Telegram refused (400/403): retrying will not help
    result: Any = None
    error: str = ""


class BotAPI:
    def __init__(self, http: httpx.AsyncClient, api_url: str, token: str) -> None:
        self.http, self.base = http, f"{api_url}{token}/"

    async def call(self, method: str, **params: Any) -> Answer:
        try:
            response = await self.http.post(self.base + method, json=params)
            body = response.json()
        except (httpx.HTTPError, ValueError) as exc:
            return Answer(ok=False, final=False, error=f"{method}: {type(exc).__name__}")
        if not isinstance(body, dict):
            return Answer(ok=False, final=False, error=f"{method}: HTTP {response.status_code}")
        if body.get("ok"):
            return Answer(ok=True, final=False, result=body.get("result"))
        code = int(body.get("error_code") or response.status_code)
        error = f"{method}: {code} {str(body.get('description', ''))[:300]}"
        return Answer(ok=False, final=code in (400, 403), error=error)


async def sync_admins(
    *, token: str, api_url: str, chat_id: int, http: httpx.AsyncClient | None = None
) -> dict[str, int]:
    rt = runtime.get()
    async with rt.db.reader() as session:
        wanted = await perks.admins_wanted(session, clock=rt.clock)
        done = {row.user_id: row for row in await perks.group_admins(session, chat_id=chat_id)}
    report = {"promoted": 0, "demoted": 0, "kept": 0, "failed": 0, "retry": 0}
    client = http or httpx.AsyncClient(timeout=httpx.Timeout(15.0, connect=5.0))
    bot = BotAPI(client, api_url, token)

    async def record(user_id: int, telegram_id: int, state: str | None, error: str | None = None) -> None:
        await rt.transaction(
            lambda s: perks.record_admin(
                s,
                user_id=user_id,
                chat_id=chat_id,
                telegram_id=telegram_id,
                state=state,
                error=error,
                clock=rt.clock,
            )
        )

    try:
        for user_id, telegram_id in sorted(wanted.items()):
            if user_id in done:
                continue
            if not telegram_id:
                await record(user_id, 0, "failed", "no Telegram account")
                report["failed"] += 1
                continue
            member = await bot.call("getChatMember", chat_id=chat_id, user_id=telegram_id)
            status = (member.result or {}).get("status") if member.ok else None
            if status in ("creator", "administrator"):
                await record(user_id, telegram_id, "kept")
                report["kept"] += 1
                continue
            promoted = await bot.call("promoteChatMember", chat_id=chat_id, user_id=telegram_id, **RIGHTS)
            if not promoted.ok:
                log.warning("could not promote %s: %s", telegram_id, promoted.error)
                if promoted.final:
                    await record(user_id, telegram_id, "failed", promoted.error)
                    report["failed"] += 1
                else:
                    report["retry"] += 1
                continue
            titled = await bot.call(
                "setChatAdministratorCustomTitle", chat_id=chat_id, user_id=telegram_id, custom_title=TITLE
            )
            await record(user_id, telegram_id, "promoted", None if titled.ok else titled.error)
            report["promoted"] += 1
        for user_id, row in sorted(done.items()):
            if user_id in wanted:
                continue
            if row.state == "promoted":
                demoted = await bot.call(
                    "promoteChatMember", chat_id=chat_id, user_id=row.telegram_id, **DEMOTE
                )
                if not demoted.ok and not demoted.final:
                    report["retry"] += 1
                    continue
                report["demoted"] += 1
            await record(user_id, row.telegram_id, None)
    finally:
        if http is None:
            await client.aclose()
    return report


async def _sync(rt: runtime.Runtime) -> dict[str, int]:
    chat = group_chat_id(rt.settings)
    if not rt.settings.telegram_token or chat is None:
        return {}
    return await sync_admins(
        token=rt.settings.telegram_token, api_url=rt.settings.telegram_api_url, chat_id=chat
    )


@job("perks_expire", every=60.0, max_retries=3, time_limit=120_000)
async def perks_expire() -> dict[str, int]:
    """Ends the effects past their expiry, then demotes in the group whoever lost "admin for a day"."""
    rt = runtime.get()
    ended = await rt.transaction(lambda s: perks.expire(s, clock=rt.clock))
    return {"ended": ended, **await _sync(rt)}


@job("perks_telegram", every=30.0, max_retries=0, time_limit=120_000)
async def perks_telegram() -> dict[str, int]:
    """Starts what purchases started: the effects the consumer has not yet seen, then the promotions."""
    rt = runtime.get()
    started = await perks_relay(rt)
    return {"relayed": started, **await _sync(rt)}


async def perks_relay(rt: runtime.Runtime) -> int:
    return await outbox.relay(rt.db, perks.CONSUMER, clock=rt.clock, publish=rt.publish)
