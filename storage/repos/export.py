"""One user's data as a whole: export it, erase it, and count what is left."""
from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, func
from sqlmodel import Session, select

from storage.crypto import clear_cache
from storage.models import (
    ALL_TABLES, Adjustment, Alert, ChatTurn, CheckIn, Delivery, DialogueState, Group, GroupAttendance, GroupBatch,
    GroupCoach, GroupMessage, GroupSession, LlmUsage, Membership, MetricReading, Plan, ProfileVersion, SetLog, User,
    WorkoutLog,
)
from storage.repos.tx_memo import forget_user

# children first, so erasing works without FK cascades
_USER_TABLES = (Membership, Delivery, LlmUsage, ChatTurn, DialogueState, Alert, Adjustment, CheckIn,
                SetLog, WorkoutLog, MetricReading, Plan, ProfileVersion)


def delete_user(s: Session, user_id: int) -> None:
    """Erase every row that belongs to the user (children first, so it works without FK cascades)."""
    forget_user(s, user_id)
    group_ids = []
    for g in s.exec(select(Group).where(Group.coach_user_id == user_id)):
        heir = s.exec(select(GroupCoach.user_id).where(GroupCoach.group_id == g.id, GroupCoach.user_id != user_id)
                      .order_by(GroupCoach.id)).first()
        if heir is None:
            group_ids.append(g.id)
        else:  # a group with other coaches stays theirs: it was set up by the user, not owned only by them
            g.coach_user_id = heir
            s.add(g)
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


def _coached_groups(s: Session, user_id: int) -> list[dict]:
    """The groups the user coaches or set up: each group, the user's coach settings there and the sessions they
    wrote; of the members only how many there are (their data is theirs to export)."""
    coach_rows = {r.group_id: r for r in s.exec(select(GroupCoach).where(GroupCoach.user_id == user_id))}
    q = select(Group).where((Group.coach_user_id == user_id) | Group.id.in_(list(coach_rows)))  # type: ignore[union-attr]
    out = []
    for g in s.exec(q.order_by(Group.id)):
        sessions = s.exec(select(GroupSession).where(GroupSession.group_id == g.id, GroupSession.user_id == user_id)
                          .order_by(GroupSession.id))
        members = s.exec(select(func.count()).select_from(Membership).where(Membership.group_id == g.id)).one()
        row = coach_rows.get(g.id)
        out.append({"group": g.model_dump(mode="json"), "set_up_by_you": g.coach_user_id == user_id,
                    "coach": row.model_dump(mode="json") if row else None, "members": members,
                    "sessions_written": [x.model_dump(mode="json") for x in sessions]})
    return out


def _plain(value: Any) -> Any:
    """A column value as JSON has it (times in ISO 8601, like the model dumps)."""
    return value.isoformat() if isinstance(value, (datetime, date)) else value


def export_user(s: Session, user_id: int) -> dict:
    """Everything stored about one user, decrypted, as plain JSON-able data."""
    user = s.get(User, user_id)
    if user is None:
        return {}

    def rows(table: Any) -> list[dict]:
        # plain rows, not ORM objects: a year of readings and messages exports in well under a second
        t = table.__table__
        items = s.execute(t.select().where(t.c.user_id == user_id).order_by(t.c.id))
        return [{k: _plain(v) for k, v in r._mapping.items()} for r in items]

    state = s.get(DialogueState, user_id)
    return {
        "user": user.model_dump(mode="json"),
        "profiles": rows(ProfileVersion), "metrics": rows(MetricReading), "plans": rows(Plan),
        "workouts": rows(WorkoutLog), "sets": rows(SetLog), "checkins": rows(CheckIn), "adjustments": rows(Adjustment),
        "alerts": rows(Alert), "deliveries": rows(Delivery), "chat_memory": rows(ChatTurn),
        "llm_usage": rows(LlmUsage), "memberships": rows(Membership),
        "groups_coached": _coached_groups(s, user_id), "group_attendance": rows(GroupAttendance),
        "group_batches": rows(GroupBatch), "group_messages": rows(GroupMessage),
        "dialogue_state": state.model_dump(mode="json") if state else None,
    }
