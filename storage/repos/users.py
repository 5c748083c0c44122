"""Users (with consent and settings on the row) and where each user's conversation stands (dialogue state)."""
from __future__ import annotations

import copy
import secrets
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Text, and_, bindparam, exists, type_coerce
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import defer
from sqlalchemy.orm.attributes import flag_modified
from sqlmodel import Session, select

from storage.models import DialogueState, Plan, SetLog, User, utcnow
from storage.repos.tx_memo import forget_user, memo_of

# Built once: on SQLite, building a select costs about as much as running it.
# A turn starts with the user, their dialogue state and (for most commands) the active plan: one query. The
# plan's data comes as the raw token and is decrypted only if the turn asks for the plan (plans.active_plan).
# Whether they ever logged sets comes along too (an index probe): /today's next-load lines need a query only then.
_FIND_USER = (select(User, DialogueState, Plan, type_coerce(Plan.data, Text).label("plan_token"),
                     exists().where(SetLog.user_id == User.id).label("has_sets"))
              .outerjoin(DialogueState, DialogueState.user_id == User.id)
              .outerjoin(Plan, and_(Plan.user_id == User.id, Plan.active == True))  # noqa: E712
              .where(User.external_id == bindparam("external_id"))
              .order_by(Plan.version.desc()).limit(1)  # type: ignore[attr-defined]
              .options(defer(Plan.data)))


def get_user(s: Session, user_id: int) -> User | None:
    """The user with this id, or None."""
    return s.get(User, user_id)


def find_user(s: Session, external_id: str) -> User | None:
    """The user; their dialogue state and active plan come in the same query (a turn reads them next)."""
    row = s.exec(_FIND_USER, params={"external_id": external_id}).first()
    if row is None:
        return None
    user, state, plan, token, has_sets = row
    memo = memo_of(s)
    if memo is not None:
        memo["dialogue"][user.id] = state
        memo["plan"][user.id] = plan
        memo["plan_token"][user.id] = token
        memo["has_sets"][user.id] = has_sets
    return user


def get_or_create_user(s: Session, external_id: str, *, channel: str, chat_id: int | None = None,
                       language: str = "en", timezone: str = "UTC") -> tuple[User, bool]:
    """Return (user, created); the chat id is refreshed when it changed."""
    user = find_user(s, external_id)
    if user is not None:
        if chat_id is not None and user.chat_id != chat_id:
            user.chat_id = chat_id
            s.add(user)
            s.flush()
        return user, False
    user = User(external_id=external_id, channel=channel, chat_id=chat_id, language=language,
                timezone=timezone, pseudonym="u_" + secrets.token_hex(8))
    s.add(user)
    try:
        s.flush()
    except IntegrityError:  # another process created it first
        s.rollback()
        existing = find_user(s, external_id)
        assert existing is not None
        return existing, False
    return user, True


def update_user(s: Session, user: User, **fields: Any) -> User:
    """Set fields of the user row (consent, language, timezone, reminders...); an unknown field is an error."""
    for key, value in fields.items():
        if not hasattr(user, key):
            raise AttributeError(key)
        setattr(user, key, value)
    s.add(user)
    s.flush()
    return user


@dataclass
class Idle:
    """The dialogue state of a user with none stored. A plain value: building a transient DialogueState (an ORM
    instance) costs more than the query that found there was none."""

    user_id: int
    flow: str = "idle"
    step: str = ""
    data: dict = field(default_factory=dict)


def get_dialogue(s: Session, user_id: int) -> DialogueState | Idle:
    """The stored dialogue state (read it, change it with set_dialogue), or Idle when there is none."""
    memo = memo_of(s)
    if memo is not None and user_id in memo["dialogue"]:
        row = memo["dialogue"][user_id]
    else:
        row = s.get(DialogueState, user_id)
    return row if row is not None else Idle(user_id)


def set_dialogue(s: Session, user_id: int, *, flow: str, step: str = "", data: dict | None = None) -> DialogueState:
    """Store where the user's conversation stands (flow, step and the partial answers)."""
    forget_user(s, user_id)
    row = s.get(DialogueState, user_id)
    if row is None:
        row = DialogueState(user_id=user_id)
    row.flow, row.step, row.updated_at = flow, step, utcnow()
    row.data = copy.deepcopy(data or {})  # callers mutate nested dicts: store a copy and flag it dirty
    flag_modified(row, "data")
    s.add(row)
    s.flush()
    return row
