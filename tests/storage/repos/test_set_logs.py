"""The training log table: sets stored per exercise and day, encrypted at rest, read back by exercise and date."""
from __future__ import annotations

from datetime import date

from sqlalchemy import text
from sqlmodel import Session

from storage import repos


def _user(s, key="tg:1"):
    user, _ = repos.users.get_or_create_user(s, key, channel="telegram")
    return user


def test_sets_are_stored_per_exercise_and_read_back(engine):
    with Session(engine) as s:
        uid = _user(s).id
        repos.workouts.add_set_log(s, uid, session_date=date(2026, 3, 2), exercise="goblet_squat",
                                   sets=[[10, 16.0]] * 3, unit="kg", text="goblet squat 3x10 16kg")
        repos.workouts.add_set_log(s, uid, session_date=date(2026, 3, 4), exercise="goblet_squat",
                                   sets=[[12, 16.0]] * 3, hard=True)
        repos.workouts.add_set_log(s, uid, session_date=date(2026, 3, 4), exercise="push_up", sets=[[15, None]] * 2)
        assert [r.session_date.day for r in repos.workouts.set_logs(s, uid, exercise="goblet_squat")] == [2, 4]
        assert len(repos.workouts.set_logs(s, uid, since=date(2026, 3, 3))) == 2
        last = repos.workouts.last_set_log(s, uid, "goblet_squat")
        assert last.data == {"sets": [[12, 16.0]] * 3, "unit": "kg", "hard": True}
        raw = s.exec(text("SELECT data, text FROM set_logs")).all()
        # encrypted columns: Fernet tokens (whose base64 may contain any digits), never the plaintext
        assert all(str(d).startswith("gAAAA") and '"sets"' not in str(d) and "goblet" not in str(t or "")
                   for d, t in raw)


def test_latest_metric_and_replace(engine):
    with Session(engine) as s:
        uid = _user(s).id
        repos.readings.add_metric(s, uid, "weight", 62.8, "kg")
        row = repos.readings.add_metric(s, uid, "weight", 52.8, "kg")
        assert repos.readings.latest_metric(s, uid, "weight").id == row.id
        repos.readings.replace_metric(s, row, 62.6, source="corrected")
        assert [r.value for r in repos.readings.metrics(s, uid, "weight")] == [62.8, 62.6]



def test_erasing_a_user_erases_their_sets(engine):
    with Session(engine) as s:
        uid = _user(s, "tg:2").id
        repos.workouts.add_set_log(s, uid, session_date=date(2026, 3, 2), exercise="squat", sets=[[5, 100.0]])
        assert repos.export.export_user(s, uid)["sets"][0]["data"]["sets"] == [[5, 100.0]]
        repos.export.delete_user(s, uid)
        assert repos.export.rows_for_user(s, uid) == 0
