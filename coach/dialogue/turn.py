"""What a handler gets: the open session, the person, the clock, their language, the agent and the notifier."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlmodel import Session


from coach.i18n import t
from storage.models import User
from coach.services.clock import local_today

Notifier = Callable[[int, str], None]


@dataclass
class Turn:
    """One event being handled. Handlers read and write through `s`; nothing here outlives the turn."""

    s: Session
    user: User
    clock: Callable[[], datetime]
    agent: Any = None  # coach.agent.CoachAgent when a model is configured
    notifier: Notifier | None = None  # (user id, text) -> None: messages to other people (group coaches)
    container: Any = None  # settings and the retriever, for the few features that need them
    # replies a flow produced before declining the message as no answer to its question (sent first)
    before: list = field(default_factory=list)
    sender_name: str | None = None  # the person's own Telegram name, when the mouth knows it
    misses: int = 0  # messages not understood in a row before this one (coach.dialogue.unclear)

    @property
    def lang(self) -> str:
        return self.user.language

    def _(self, msgid: str, **kw: Any) -> str:
        """Translate into the person's language."""
        return t(self.user.language, msgid, **kw)

    def now(self) -> datetime:
        return self.clock()

    def today(self) -> date:
        """Today in the person's timezone."""
        return local_today(self.user, self.clock())

    @property
    def settings(self) -> Any:
        return self.container.settings
