"""The registry of commands, buttons and flows: one source for routing, /help and the Telegram command menu.

Feature modules register with decorators at import time::

    @router.command("checkin", help=N_("a quick check-in"))
    def checkin(turn: Turn, arg: str) -> list[Reply]: ...

`needs` says what a person must have done before a handler runs: "nothing" (always), "consent" (agreed to the
health-data notice), "plan" (finished onboarding, so an active plan exists).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from coach.dialogue.callbacks import CallbackData
from coach.i18n import t

Needs = Literal["nothing", "consent", "profile", "plan"]
CommandHandler = Callable[[Any, str], list]
CallbackHandler = Callable[[Any, Any], list]
FlowHandler = Callable[[Any, str, dict, str], list]


@dataclass(frozen=True)
class Command:
    name: str
    handler: CommandHandler
    help: str | None  # msgid; None keeps the command out of /help and the menu
    needs: Needs
    quick: bool  # read-only and cheap: a mouth may answer it on its event loop
    order: int


@dataclass(frozen=True)
class CallbackRoute:
    kind: type[CallbackData]
    handler: CallbackHandler
    needs: Needs
    quick: bool


class Router:
    """Commands, callbacks and flow steps by name; features add themselves, the dialogue looks them up."""

    def __init__(self) -> None:
        self.commands: dict[str, Command] = {}
        self.callbacks: dict[str, CallbackRoute] = {}
        self.flows: dict[str, FlowHandler] = {}

    def command(self, *names: str, help: str | None = None, needs: Needs = "plan", quick: bool = False,
                order: int = 100) -> Callable[[CommandHandler], CommandHandler]:
        """Register a handler(turn, arg) for /name (the first name is the one /help shows)."""
        def add(fn: CommandHandler) -> CommandHandler:
            for i, name in enumerate(names):
                self.commands[name] = Command(name, fn, help if i == 0 else None, needs, quick, order)
            return fn
        return add

    def callback(self, kind: type[CallbackData], *, needs: Needs = "plan",
                 quick: bool = False) -> Callable[[CallbackHandler], CallbackHandler]:
        """Register a handler(turn, data) for buttons whose data decodes to `kind`."""
        def add(fn: CallbackHandler) -> CallbackHandler:
            self.callbacks[kind.prefix] = CallbackRoute(kind, fn, needs, quick)
            return fn
        return add

    def flow(self, name: str) -> Callable[[FlowHandler], FlowHandler]:
        """Register a handler(turn, text, data, step) for text typed while the flow `name` is open."""
        def add(fn: FlowHandler) -> FlowHandler:
            self.flows[name] = fn
            return fn
        return add

    def remove_command(self, name: str) -> None:
        self.commands.pop(name, None)

    def listed(self) -> list[Command]:
        """Commands shown in /help and the menu, in their order."""
        shown = [c for c in self.commands.values() if c.help]
        return sorted(shown, key=lambda c: (c.order, list(self.commands).index(c.name)))

    def help_lines(self, lang: str) -> list[str]:
        return [f"/{c.name} — {t(lang, c.help or '')}" for c in self.listed()]

    def menu(self, lang: str) -> list[tuple[str, str]]:
        """(command, description) pairs for Telegram's setMyCommands in `lang`."""
        return [(c.name, t(lang, c.help or "")[:256]) for c in self.listed()]

    def route_callback(self, raw: str) -> tuple[CallbackRoute, CallbackData] | None:
        """The route and the decoded, range-checked data for a button press (None: unknown or malformed)."""
        prefix = CallbackData.prefix_of(raw)
        route = self.callbacks.get(prefix)
        if route is None:
            return None
        data = route.kind.decode(raw)
        return (route, data) if data is not None else None


router = Router()
