"""What each handler module (a domain) declares about itself: its commands with their ``/help``
lines, its other handlers, and readable texts for its payload errors, keyed by the error's
GraphQL type and code (``("WalletError", "INSUFFICIENT_FUNDS")``).

Every module in ``bot/handlers/`` defines ``domain = Domain(...)``; ``domains()`` imports them all,
so a new domain adds its module and nothing else:

    domain = Domain("wallet", order=10)
    domain.errors("WalletError", {"SELF_TRANSFER": N_("You cannot pay yourself.")})

    @domain.command("balance", N_("your balances"))
    async def balance(update: Update, context: Context) -> None: ...
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Coroutine, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler

from bot.i18n import Texts

Callback = Callable[[Update, Any], Coroutine[Any, Any, None]]
Handler = BaseHandler[Any, Any, Any]
# Within one group python-telegram-bot runs the first handler that matches: "first" handlers see
# an update before every command, "last" ones only when nothing else took it.
Stage = Literal["first", "normal", "last"]
_STAGES: dict[Stage, int] = {"first": 0, "normal": 1, "last": 2}
HANDLERS_PACKAGE = "bot.handlers"


@dataclass(frozen=True)
class Command:
    names: tuple[str, ...]
    description: str  # an N_() text, translated where shown

    @property
    def name(self) -> str:
        return self.names[0]


class Domain:
    def __init__(self, name: str, *, order: int) -> None:
        """``order`` places the domain's commands in ``/help`` and the command menu."""
        self.name = name
        self.order = order
        self.commands: list[Command] = []
        self.handlers: list[tuple[Stage, Handler]] = []
        self.error_texts: dict[tuple[str, str], str] = {}

    def command(self, names: str | Sequence[str], description: str) -> Callable[[Callback], Callback]:
        """Registers ``/name`` (aliases after the first are handled but not listed)."""
        names = (names,) if isinstance(names, str) else tuple(names)

        def register(callback: Callback) -> Callback:
            self.commands.append(Command(names, description))
            self.handler(CommandHandler(names, callback))
            return callback

        return register

    def handler(self, handler: Handler, *, stage: Stage = "normal") -> None:
        self.handlers.append((stage, handler))

    def errors(self, error_type: str, texts: Mapping[str, str]) -> None:
        """Readable texts (``N_()``) for the codes of one payload error type."""
        for code, text in texts.items():
            self.error_texts[(error_type, code)] = text


@cache
def domains() -> tuple[Domain, ...]:
    """Every ``bot/handlers/*`` module's ``domain``, in their ``order``."""
    package = importlib.import_module(HANDLERS_PACKAGE)
    found = []
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{HANDLERS_PACKAGE}.{info.name}")
        domain = getattr(module, "domain", None)
        if not isinstance(domain, Domain):
            raise TypeError(f"{module.__name__} defines no `domain = Domain(...)`")
        found.append(domain)
    _check(found)
    return tuple(sorted(found, key=lambda d: (d.order, d.name)))


def _check(found: Iterable[Domain]) -> None:
    commands: dict[str, str] = {}
    errors: dict[tuple[str, str], str] = {}
    for domain in found:
        for command in domain.commands:
            for name in command.names:
                if name in commands:
                    raise ValueError(f"/{name} is registered by {commands[name]} and {domain.name}")
                commands[name] = domain.name
        for key in domain.error_texts:
            if key in errors:
                raise ValueError(f"{key} has texts in {errors[key]} and {domain.name}")
            errors[key] = domain.name


def all_handlers() -> list[Handler]:
    """By stage, then domain order, then declaration order."""
    ranked = [
        (_STAGES[stage], domain.order, index, handler)
        for domain in domains()
        for index, (stage, handler) in enumerate(domain.handlers)
    ]
    return [handler for *_, handler in sorted(ranked, key=lambda r: r[:3])]


def commands() -> list[Command]:
    return [command for domain in domains() for command in domain.commands]


def command_names() -> frozenset[str]:
    return frozenset(name for command in commands() for name in command.names)


@cache
def error_texts() -> dict[tuple[str, str], str]:
    return {key: text for domain in domains() for key, text in domain.error_texts.items()}


def error_text(_: Texts, error: Mapping[str, Any]) -> str:
    """A payload error (``__typename``, ``code``, ``message``) in the reader's language; a code the
    bot has no text for shows the server's own message."""
    known = error_texts().get((str(error.get("__typename")), str(error.get("code"))))
    return _(known) if known else str(error.get("message", ""))


def payload_errors_text(_: Texts, errors: Sequence[Mapping[str, Any]]) -> str:
    """One line per error."""
    if not errors:
        return _("Something went wrong. Please try again later.")
    return "\n".join(error_text(_, error) for error in errors)
