"""Workout logs: oldest first, filtered by date."""
from __future__ import annotations

from datetime import date

from storage.repos import workouts


def test_logs_come_by_session_date_and_filter_by_date(s, user):
    workouts.add_workout_log(s, user.id, session_date=date(2026, 1, 3), status="done", rpe=7, notes="ok")
    workouts.add_workout_log(s, user.id, session_date=date(2026, 1, 1), status="skipped")
    assert [lg.status for lg in workouts.workout_logs(s, user.id)] == ["skipped", "done"]
    assert [lg.rpe for lg in workouts.workout_logs(s, user.id, since=date(2026, 1, 2))] == [7]
