"""One user's data as a whole: export it, erase it, and count what is left."""
from __future__ import annotations

from typing import Any

from sqlalchemy import delete, func
from sqlmodel import Session, select

from storage.crypto import clear_cache
from storage.models import (
    ALL_TABLES, Adjustment, Alert, ChatTurn, CheckIn, Delivery, DialogueState, Group, LlmUsage, Membership,
    MetricReading, Plan, ProfileVersion, SetLog, User, WorkoutLog,
)
from storage.repos.tx_memo import forget_user

# children first, so erasing works without FK cascades
_USER_TABLES = (Membership, Delivery, LlmUsage, ChatTurn, DialogueState, Alert, Adjustment, CheckIn,
                SetLog, WorkoutLog, MetricReading, Plan, ProfileVersion)


def delete_user(s: Session, user_id: int) -> None:
    """Erase every row that belongs to the user (children first, so it works without FK cascades)."""
    forget_user(s, user_id)
    group_ids = [g.id for g in s.exec(select(Group).where(Group.coach_user_id == user_id))]
    if group_ids:
        s.exec(delete(Membership).where(Membership.group_id.in_(group_ids)))  # type: ignore[attr-defined]
        s.exec(delete(Group).where(Group.id.in_(group_ids)))  # type: ignore[union-attr]
    for table in _USER_TABLES:
        s.exec(delete(table).where(table.user_id == user_id))  # type: ignore[attr-defined]
    s.exec(delete(User).where(User.id == user_id))
    s.flush()
    clear_cache()  # no decrypted copy of the erased rows stays in this process's memory (erasure is rare)


def rows_for_user(s: Session, user_id: int) -> int:
    """How many rows in any table still reference the user (0 after delete_user)."""
    total = 0
    for table in ALL_TABLES:
        if table is User:
            total += s.exec(select(func.count()).select_from(User).where(User.id == user_id)).one()
        elif table is Group:
            total += s.exec(select(func.count()).select_from(Group).where(Group.coach_user_id == user_id)).one()
        else:
            col = getattr(table, "user_id")
            total += s.exec(select(func.count()).select_from(table).where(col == user_id)).one()
    return total


def export_user(s: Session, user_id: int) -> dict:
    """Everything stored about one user, decrypted, as plain JSON-able data."""
    user = s.get(User, user_id)
    if user is None:
        return {}

    def rows(table: Any) -> list[dict]:
        items = s.exec(select(table).where(table.user_id == user_id).order_by(table.id))
        return [r.model_dump(mode="json") for r in items]

    state = s.get(DialogueState, user_id)
    return {
        "user": user.model_dump(mode="json"),
        "profiles": rows(ProfileVersion), "metrics": rows(MetricReading), "plans": rows(Plan),
        "workouts": rows(WorkoutLog), "sets": rows(SetLog), "checkins": rows(CheckIn), "adjustments": rows(Adjustment),
        "alerts": rows(Alert), "deliveries": rows(Delivery), "chat_memory": rows(ChatTurn),
        "llm_usage": rows(LlmUsage), "memberships": rows(Membership),
        "dialogue_state": state.model_dump(mode="json") if state else None,
    }
