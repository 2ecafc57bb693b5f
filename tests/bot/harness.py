"""Telegram updates as Telegram sends them, and a harness that posts them to the platform's
``/telegram/webhook`` and reads what the bot said back from the fake Bot API."""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass, field
from typing import Any

import httpx
from sqlalchemy import update

from bot.api import TelegramActor, actor_headers
from db.engine import Database
from db.models import User
from server.settings import Settings
from tests.bot.fake_telegram import BOT_ID, BOT_USERNAME, Call, FakeTelegram
from tests.conftest import GraphQLClient

TOKEN = f"{BOT_ID}:AAE-test_token"
SECRET = "webhook-secret-1234"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"

GRANT = """mutation($u: ID!, $amount: Amount!) {
  adminGrant(input: {userId: $u, amount: $amount, reason: "welcome"}) { transfer { id } errors { code } }
}"""
ITEM_CREATE = """mutation($name: String!, $price: Amount!, $stock: Int) {
  adminItemCreate(input: {name: $name, price: $price, stock: $stock, description: "shiny"}) {
    item { id } errors { code }
  }
}"""
ME = "{ me { id username balances { currency amount } inventory { item { id name } quantity } } }"


@dataclass(frozen=True)
class TgUser:
    id: int
    first_name: str
    username: str | None = None
    language_code: str | None = "en"
    is_bot: bool = False

    def json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "is_bot": self.is_bot, "first_name": self.first_name}
        if self.username:
            data["username"] = self.username
        if self.language_code:
            data["language_code"] = self.language_code
        return data

    def actor(self) -> TelegramActor:
        return TelegramActor(telegram_id=self.id, username=self.username, language=self.language_code)


ALICE = TgUser(1001, "Alice", "alice", "en")
BOB = TgUser(1002, "Bob", "bob", "en")
OLGA = TgUser(1003, "Ольга", "olga", "ru-RU")


def _chat(user: TgUser, chat_id: int | None, chat_type: str) -> dict[str, Any]:
    if chat_type == "private":
        return {"id": user.id, "type": "private", "first_name": user.first_name}
    return {"id": chat_id or -100123, "type": chat_type, "title": "LucasTeam"}


def chat_message(
    message_id: int,
    user: TgUser,
    text: str,
    *,
    chat_id: int | None = None,
    chat_type: str = "private",
    reply_to: dict[str, Any] | None = None,
    date: int | None = None,
) -> dict[str, Any]:
    """A Message as Telegram sends it; ``reply_to`` is the message it answers (Telegram nests one
    level only: a replied-to message carries no ``reply_to_message`` of its own in an update)."""
    message: dict[str, Any] = {
        "message_id": message_id,
        "date": date if date is not None else int(time.time()),
        "chat": _chat(user, chat_id, chat_type),
        "from": user.json(),
        "text": text,
    }
    if text.startswith("/"):
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
    if reply_to is not None:
        message["reply_to_message"] = reply_to
    return message


def message_update(
    update_id: int,
    user: TgUser,
    text: str,
    *,
    chat_id: int | None = None,
    chat_type: str = "private",
    reply_to: dict[str, Any] | None = None,
) -> dict[str, Any]:
    message = chat_message(update_id, user, text, chat_id=chat_id, chat_type=chat_type, reply_to=reply_to)
    return {"update_id": update_id, "message": message}


def callback_update(update_id: int, user: TgUser, data: str) -> dict[str, Any]:
    return {
        "update_id": update_id,
        "callback_query": {
            "id": f"cq{update_id}",
            "from": user.json(),
            "chat_instance": "ci-1",
            "data": data,
            "message": {
                "message_id": 77,
                "date": int(time.time()),
                "chat": _chat(user, None, "private"),
                "from": {"id": BOT_ID, "is_bot": True, "first_name": "Lucas", "username": BOT_USERNAME},
                "text": "…",
            },
        },
    }


@dataclass
class Harness:
    fake: FakeTelegram
    url: str
    settings: Settings
    http: httpx.AsyncClient
    db: Database
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(5000))

    @property
    def gql(self) -> GraphQLClient:
        return GraphQLClient(self.http)

    def next_id(self) -> int:
        return next(self._ids)

    async def post(self, update: dict[str, Any], *, secret: str | None = SECRET) -> httpx.Response:
        headers = {SECRET_HEADER: secret} if secret is not None else {}
        return await self.http.post("/telegram/webhook", json=update, headers=headers)

    async def deliver(self, update: dict[str, Any]) -> list[Call]:
        """Posts an update as Telegram would; returns the Bot API calls the bot made for it."""
        before = len(self.fake.calls)
        response = await self.post(update)
        assert response.status_code == 200, response.text
        return self.fake.calls[before:]

    async def command(self, user: TgUser, text: str, *, update_id: int | None = None, **kw: Any) -> str:
        """The text of the bot's one reply to a command."""
        calls = await self.deliver(message_update(update_id or self.next_id(), user, text, **kw))
        replies = [c for c in calls if c.method == "sendMessage"]
        assert len(replies) == 1, [(c.method, c.params) for c in calls]
        return str(replies[0].params["text"])

    async def press(self, user: TgUser, data: str, *, update_id: int | None = None) -> list[Call]:
        return await self.deliver(callback_update(update_id or self.next_id(), user, data))

    async def me(self, user: TgUser) -> dict[str, Any]:
        """The user's account as the API shows it to them (through the bot's service key)."""
        headers = actor_headers(self.settings.telegram_service_key, user.actor())
        body = await self.gql(ME, headers=headers)
        return dict(body["data"]["me"])

    async def balance(self, user: TgUser, currency: str = "COIN") -> int:
        me = await self.me(user)
        return next((b["amount"] for b in me["balances"] if b["currency"] == currency), 0)

    admin_token: str = ""

    async def admin(self) -> str:
        """Registers the admin once; later calls return the same token."""
        if self.admin_token:
            return self.admin_token
        token, user_id = await self.gql.register("admin")
        async with self.db.transaction() as session:
            await session.execute(update(User).where(User.id == user_id).values(role="admin"))  # type: ignore[arg-type]
        self.admin_token = token
        return token

    async def grant(self, admin: str, user: TgUser, amount: int) -> None:
        me = await self.me(user)
        body = await self.gql(GRANT, {"u": me["id"], "amount": amount}, token=admin)
        assert body["data"]["adminGrant"]["errors"] == []

    async def create_item(self, admin: str, name: str, price: int, stock: int | None = None) -> str:
        body = await self.gql(ITEM_CREATE, {"name": name, "price": price, "stock": stock}, token=admin)
        payload = body["data"]["adminItemCreate"]
        assert payload["errors"] == [], payload
        return str(payload["item"]["id"])
