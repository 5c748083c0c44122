"""An interval exercise makes its session vigorous, whatever the session's label says (a swap into a moderate
session must not slip sprints past rules 3-5)."""
from __future__ import annotations

from coach.domain.profile import validate_profile
from coach.planning import make_plan
from coach.planning.validator import validate_plan

BEGINNER = {"age": 34, "height_cm": 180, "weight_kg": 75, "resting_hr": 62, "experience": "beginner",
            "currently_active": False, "goal": "fat_loss", "days_per_week": 3, "minutes_per_session": 45}


def test_sprints_swapped_into_a_moderate_session_break_rule_5_for_a_beginner():
    p = validate_profile(BEGINNER)
    plan = make_plan(p, 4)
    assert validate_plan(plan, p) == []
    session = next(s for s in plan["weeks"][0]["sessions"] if any(e.get("kind") == "aerobic" for e in s["exercises"]))
    cardio = next(e for e in session["exercises"] if e.get("kind") == "aerobic")
    cardio.update(id="sprint_intervals", name="Sprint intervals", kind="hiit")
    assert session["intensity"]["label"] != "vigorous"
    rules = {v.rule for v in validate_plan(plan, p)}
    assert 5 in rules
