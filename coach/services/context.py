"""The slice of a conversation turn that use cases need: session, person, clock, notifier, translator."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any, Protocol

from sqlmodel import Session

from storage.models import User


class Ctx(Protocol):
    """Satisfied by coach.dialogue.turn.Turn; services never see the dialogue itself."""

    s: Session
    user: User
    clock: Callable[[], datetime]
    notifier: Callable[[int, str], None] | None

    @property
    def lang(self) -> str: ...

    def _(self, msgid: str, **kw: Any) -> str: ...

    def today(self) -> date: ...
