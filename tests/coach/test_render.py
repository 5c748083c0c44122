"""Plan text a person reads: circuits say so instead of "rest 0 s", the walks on days without a session are shown
in the week and on /today's rest day."""
from __future__ import annotations

from datetime import date, datetime, timezone

from coach.domain.profile import validate_profile
from coach.events import Incoming
from coach.planning import make_plan
from coach.render import session_text, week_text
from coach.dialogue import Coach
from tests.factories import make_user

HYPERTENSIVE = {"age": 58, "sex": "male", "height_cm": 175, "weight_kg": 92, "resting_hr": 74, "bp_systolic": 152,
                "bp_diastolic": 94, "conditions": ["hypertension"], "goal": "fat_loss", "days_per_week": 3,
                "minutes_per_session": 45, "experience": "beginner", "currently_active": False, "equipment": []}


def test_a_circuit_is_explained_and_timed_sets_show_their_rest():
    circuit = {"day": 1, "kind": "strength", "minutes": 20, "intensity": {"label": "moderate", "rpe": [5, 6]},
               "exercises": [{"name": "Squat", "sets": 2, "reps": "10-15", "rest_s": 0},
                             {"name": "Row", "sets": 2, "reps": "10-15", "rest_s": 0}]}
    text = session_text(circuit, "en")
    assert "rest 0 s" not in text and "Squat: 2 rounds x 10-15" in text and "As a circuit" in text
    circuit["exercises"][0]["rest_s"] = 60
    text = session_text(circuit, "en")
    assert "Squat: 2 sets x 10-15, rest 60 s" in text and "As a circuit" not in text
    zh = session_text({**circuit, "exercises": [dict(e, rest_s=0) for e in circuit["exercises"]]}, "zh")
    assert "As a circuit" not in zh and "rounds" not in zh


def test_walks_on_days_without_a_session_are_shown_in_the_week_and_on_a_rest_day(container):
    plan = make_plan(validate_profile(HYPERTENSIVE), 4)
    walk = plan["weeks"][0].get("daily_activity")
    assert walk and walk["text"], "a plan for treated hypertension with 3 short sessions carries daily walks"
    assert walk["text"] in week_text(plan, 1, "en")
    start = date(2026, 3, 2)  # a Monday: day 1 has a session, day 2 does not
    make_user(container, "tg:71", start=start, profile=HYPERTENSIVE)
    coach = Coach(container, clock=lambda: datetime(2026, 3, 3, 9, 0, tzinfo=timezone.utc))
    text = "\n".join(r.text for r in coach.handle(Incoming(user_key="tg:71", text="/today")))
    assert "No session today" in text and "walk" in text
