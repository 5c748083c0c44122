"""Who a transport is talking to: the account questions the bot asks without touching storage itself."""
from __future__ import annotations

from sqlmodel import Session

from storage.repos import users


def chat_id_of(session: Session, user_id: int) -> int | None:
    """The chat a user's messages go to, or None for an unknown user or one without a chat."""
    user = users.get_user(session, user_id)
    return user.chat_id if user else None


def terminal_user(session: Session, user_key: str, timezone: str) -> int:
    """The id of the terminal (`fitcoach chat`) user with this key, created on first use."""
    user, _created = users.get_or_create_user(session, user_key, channel="cli", timezone=timezone)
    return user.id
