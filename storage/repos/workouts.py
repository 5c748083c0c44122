"""Workout logs: what the user did with each planned session (done, skipped, too easy, too hard, pain)."""
from __future__ import annotations

from datetime import date

from sqlalchemy import bindparam
from sqlmodel import Session, select

from storage.models import SetLog, WorkoutLog
from storage.repos.tx_memo import memo_of


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


def latest_log_on(s: Session, user_id: int, session_date: date) -> WorkoutLog | None:
    """The last log stored for one day's session, or None."""
    q = select(WorkoutLog).where(WorkoutLog.user_id == user_id, WorkoutLog.session_date == session_date)
    return s.exec(q.order_by(WorkoutLog.id.desc())).first()  # type: ignore[union-attr]


def add_set_log(s: Session, user_id: int, *, session_date: date, exercise: str, sets: list[list],
                unit: str = "kg", text: str | None = None, source: str = "typed", hard: bool = False,
                rpe: float | None = None) -> SetLog:
    """Store one exercise's sets for a day: `sets` is [[reps, load_kg], ...] (None where not said)."""
    data: dict = {"sets": sets, "unit": unit}
    if hard:
        data["hard"] = True  # the person said it was too hard
    if rpe is not None:
        data["rpe"] = rpe  # the effort typed with the sets ("rpe 8")
    row = SetLog(user_id=user_id, session_date=session_date, exercise=exercise[:64], data=data, text=text,
                 source=source)
    s.add(row)
    s.flush()
    memo = memo_of(s)
    if memo is not None:
        memo["has_sets"].pop(user_id, None)  # "never logged sets" no longer holds
    return row


def set_logs(s: Session, user_id: int, *, since: date | None = None, exercise: str | None = None) -> list[SetLog]:
    """The user's logged sets (since a date, of one exercise, when given), oldest first."""
    q = select(SetLog).where(SetLog.user_id == user_id)
    if exercise:
        q = q.where(SetLog.exercise == exercise)
    if since:
        q = q.where(SetLog.session_date >= since)
    return list(s.exec(q.order_by(SetLog.session_date, SetLog.id)))


# built once, no IN list: a list of names is expanded into the SQL text on every call (about half a /today turn's
# CPU); the person's logged exercises are few (one per exercise done, by the (user_id, exercise, ...) index)
_LOGGED = select(SetLog.exercise).where(SetLog.user_id == bindparam("user_id")).distinct()


def logged_exercises(s: Session, user_id: int, exercises: list[str]) -> set[str]:
    """Which of `exercises` have any sets logged (one query for a whole session; none when the turn's first query
    found that they never logged a set)."""
    memo = memo_of(s)
    if not exercises or (memo is not None and memo["has_sets"].get(user_id) is False):
        return set()
    return set(s.connection().execute(_LOGGED, {"user_id": user_id}).scalars()).intersection(exercises)


def last_set_log(s: Session, user_id: int, exercise: str) -> SetLog | None:
    """The most recent sets logged for one exercise, or None."""
    q = select(SetLog).where(SetLog.user_id == user_id, SetLog.exercise == exercise)
    return s.exec(q.order_by(SetLog.session_date.desc(), SetLog.id.desc())).first()  # type: ignore[attr-defined]
