"""Domains register themselves: commands (and their /help lines), handlers in their stage, and
payload error texts keyed by (error type, code); the bot answers an unknown command in a private
chat with a hint towards /help and stays silent in groups."""

from __future__ import annotations

import pytest
from telegram.ext import CommandHandler, MessageHandler

from bot.domains import Domain, _check, all_handlers, commands, domains, error_text, payload_errors_text
from bot.handlers import help, ingestion
from bot.i18n import Texts
from tests.bot.harness import ALICE, OLGA, Harness, message_update

EN, RU = Texts("en"), Texts("ru")


CORE_DOMAINS = ["accounts", "wallet", "shop", "ingestion", "notifications", "help"]
CORE_COMMANDS = ["start", "balance", "history", "pay", "shop", "buy", "inventory", "parse", "nick"]


def test_every_handler_module_is_a_domain_in_order() -> None:
    # A new domain adds its module and appears here by itself: the core keeps its relative order,
    # every domain sits by its ``order``, and the commands follow their domains.
    found = domains()
    names = [d.name for d in found]
    assert [n for n in names if n in CORE_DOMAINS] == CORE_DOMAINS
    assert names[0] == "accounts" and names[-1] == "help"
    assert [d.order for d in found] == sorted(d.order for d in found)
    listed = [c.name for c in commands()]
    assert listed == [c.name for d in found for c in d.commands]
    assert [c for c in listed if c in CORE_COMMANDS] == CORE_COMMANDS
    assert len(listed) == len(set(listed))


def test_stages_put_game_bots_first_and_the_unknown_command_hint_last() -> None:
    handlers = all_handlers()
    first, last = handlers[0], handlers[-1]
    assert isinstance(first, MessageHandler) and first.callback is ingestion.from_game_bot
    assert isinstance(last, MessageHandler) and last.callback is help.unknown_command
    assert sum(isinstance(h, CommandHandler) for h in handlers) == len(commands())


def test_a_command_or_an_error_text_is_declared_once() -> None:
    one, other = Domain("one", order=1), Domain("other", order=2)

    @one.command("same", "a")
    async def first(update: object, context: object) -> None:
        return None

    other.command(["else", "same"], "b")(first)
    with pytest.raises(ValueError, match="/same is registered by one and other"):
        _check([one, other])

    three, four = Domain("three", order=3), Domain("four", order=4)
    three.errors("WalletError", {"X": "x"})
    four.errors("WalletError", {"X": "y"})
    with pytest.raises(ValueError, match="has texts in three and four"):
        _check([three, four])
    _check([one, three])


def test_error_texts_are_keyed_by_type_and_code() -> None:
    found = {"__typename": "NotificationError", "code": "NOT_FOUND", "message": "No notification 9."}
    # The same code in another domain is another text (here: none, so the server's message).
    other = {"__typename": "IngestionError", "code": "NOT_FOUND", "message": "No such submission."}
    assert error_text(EN, found) == "No such notification."
    assert error_text(RU, found) == "Такого уведомления нет."
    assert error_text(EN, other) == "No such submission."
    untyped = {"code": "INSUFFICIENT_FUNDS", "message": "Not enough COIN."}
    assert error_text(EN, untyped) == "Not enough COIN."
    shop = {"__typename": "ShopError", "code": "INSUFFICIENT_FUNDS", "message": "…"}
    assert payload_errors_text(EN, [found, shop]) == (
        "No such notification.\nYou do not have enough money for that."
    )
    assert payload_errors_text(EN, []) == "Something went wrong. Please try again later."


@pytest.mark.parametrize("text", ["/nonsense", "/balance_now 5", "/start@other_bot"])
async def test_an_unknown_command_in_a_private_chat_gets_a_hint(harness: Harness, text: str) -> None:
    assert await harness.command(ALICE, text) == "I do not know that command. Send /help for the list."
    assert await harness.command(OLGA, text) == "Такой команды нет. Список команд: /help."


async def test_unknown_commands_in_groups_are_other_bots_and_get_no_answer(harness: Harness) -> None:
    for text in ["/nonsense", "/roll@dice_bot", "/start@other_bot"]:
        calls = await harness.deliver(message_update(harness.next_id(), ALICE, text, chat_type="supergroup"))
        assert calls == [], text
    # Our own commands still work there.
    reply = await harness.command(ALICE, "/help", chat_type="supergroup")
    assert reply.splitlines()[0] == "Commands:"
    assert "/pay — pay a player: /pay @username amount [memo]" in reply.splitlines()
