"""Which exercises a person logged sets for (/today's next-load lines): the turn's first query says whether they
ever logged any, and a set logged later in the same transaction is seen."""
from __future__ import annotations

from datetime import date

from storage.db import session_scope
from storage.repos import users, workouts


def test_logged_exercises_after_the_first_query_and_after_a_new_set(engine):
    with session_scope(engine) as s:
        uid = users.get_or_create_user(s, "tg:31", channel="telegram")[0].id
        users.get_or_create_user(s, "tg:32", channel="telegram")
    with session_scope(engine, read_only=True) as s:
        users.find_user(s, "tg:31")  # never logged a set: known without another query
        assert workouts.logged_exercises(s, uid, ["squat", "row"]) == set()
    with session_scope(engine) as s:
        users.find_user(s, "tg:31")
        workouts.add_set_log(s, uid, session_date=date(2026, 3, 2), exercise="squat", sets=[[10, 40.0]])
        assert workouts.logged_exercises(s, uid, ["squat", "row"]) == {"squat"}  # the same transaction sees it
    with session_scope(engine, read_only=True) as s:
        users.find_user(s, "tg:31")
        assert workouts.logged_exercises(s, uid, ["squat", "row"]) == {"squat"}
        assert workouts.logged_exercises(s, uid, ["row"]) == set()
        assert workouts.logged_exercises(s, uid, []) == set()
    with session_scope(engine, read_only=True) as s:  # without the user's query first: asked directly
        assert workouts.logged_exercises(s, uid, ["squat", "lunge"]) == {"squat"}
        other = users.find_user(s, "tg:32")
        assert workouts.logged_exercises(s, other.id, ["squat"]) == set()  # someone else's sets are not theirs
