"""PLAN_RULES 37: a session's work fits its minutes (review fix 10: 10 min for ~24 min of work)."""
from __future__ import annotations

import pytest

from coach.domain.profile import validate_profile
from coach.planning import make_plan, validate_plan
from coach.planning.measure import session_seconds
from knowledge.corpus import get_passage

BASE = {"age": 46, "sex": "male", "height_cm": 178, "weight_kg": 84, "goal": "general_health",
        "days_per_week": 2, "minutes_per_session": 20, "experience": "beginner", "currently_active": False,
        "equipment": [], "injuries": ["lower_back"]}


@pytest.mark.parametrize("change", [
    {},
    {"age": 75, "sex": "female", "conditions": ["osteoporosis"], "injuries": [], "minutes_per_session": 30,
     "equipment": ["bands"], "preferences": {"likes": ["walking"]}},
    {"age": 68, "sex": "female", "days_per_week": 4, "minutes_per_session": 15, "equipment": ["dumbbells"],
     "injuries": []},
    {"age": 28, "experience": "intermediate", "currently_active": True, "goal": "muscle_gain", "days_per_week": 4,
     "minutes_per_session": 60, "equipment": ["barbell", "bench"], "injuries": []},
    {"age": 16, "experience": None, "currently_active": True, "goal": "muscle_gain", "days_per_week": 4,
     "minutes_per_session": 60, "equipment": ["gym"], "injuries": []},
])
def test_every_session_fits_its_minutes(change):
    prof = validate_profile({**BASE, **change})
    plan = make_plan(prof, 12)
    assert validate_plan(plan, prof, kb_lookup=get_passage) == []
    for w in plan["weeks"]:
        for s in w["sessions"]:
            assert session_seconds(s) <= 60 * s["minutes"], (w["week"], s["day"], session_seconds(s) / 60, s)


def test_the_validator_rejects_a_session_whose_work_overruns_it():
    prof = validate_profile(BASE)
    plan = make_plan(prof, 4)
    s = next(s for s in plan["weeks"][0]["sessions"] if any(e.get("sets") for e in s["exercises"]))
    s["exercises"].append({"id": "x", "name": "Glute bridge", "sets": 6, "reps": "15-20", "rest_s": 120,
                           "equipment": []})
    assert 37 in [v.rule for v in validate_plan(plan, prof, kb_lookup=get_passage)]
