"""Workout logs: what the user did with each planned session (done, skipped, too easy, too hard, pain)."""
from __future__ import annotations

from datetime import date

from sqlmodel import Session, select

from storage.models import WorkoutLog


def add_workout_log(s: Session, user_id: int, *, session_date: date, status: str, plan_id: int | None = None,
                    week: int | None = None, day: int | None = None, rpe: float | None = None,
                    notes: str | None = None) -> WorkoutLog:
    """Store how one session went."""
    row = WorkoutLog(user_id=user_id, plan_id=plan_id, week=week, day=day, session_date=session_date,
                     status=status, rpe=rpe, notes=notes)
    s.add(row)
    s.flush()
    return row


def workout_logs(s: Session, user_id: int, *, since: date | None = None) -> list[WorkoutLog]:
    """The user's logs (since a date, when given), oldest first."""
    q = select(WorkoutLog).where(WorkoutLog.user_id == user_id)
    if since:
        q = q.where(WorkoutLog.session_date >= since)
    return list(s.exec(q.order_by(WorkoutLog.session_date, WorkoutLog.id)))
