"""Issue 12, physician review item 4: a 50-year-old runner training for endurance on 6 days got power-walk intervals
and a long run that never grew. Now the intervals are runs, and the long easy run grows by about 10 % a full week
(kb-endurance-001: 80/20 with one long easy session) with the lighter weeks as recovery weeks."""
from __future__ import annotations

import pytest

from coach.domain.profile import validate_profile
from coach.planning import make_plan, validate_plan
from coach.planning.rationale import cardio_minutes, has_long_session
from knowledge.corpus import get_passage

RUNNER = {"age": 50, "sex": "female", "height_cm": 166, "weight_kg": 60, "resting_hr": 54,
          "experience": "intermediate", "currently_active": True, "goal": "endurance", "days_per_week": 6,
          "minutes_per_session": 60, "equipment": [], "preferences": {"likes": ["running"]}}


def plan_for(**change) -> dict:
    prof = validate_profile({**RUNNER, **change})
    plan = make_plan(prof, 12)
    assert validate_plan(plan, prof, kb_lookup=get_passage) == []
    return plan


@pytest.mark.parametrize("change", [{}, {"minutes_per_session": 90, "experience": "advanced"},
                                    {"preferences": {}, "days_per_week": 5}])
def test_a_runners_intervals_are_runs_and_the_long_easy_run_grows(change):
    plan = plan_for(**change)
    hard = [s for w in plan["weeks"] if not w["deload"] for s in w["sessions"] if s["kind"] == "hiit"]
    assert hard and all(e["id"] == "running" and e.get("intervals") for s in hard for e in s["exercises"])
    longs = []
    for w in plan["weeks"]:
        aer = [s for s in w["sessions"] if s["kind"] == "aerobic"]
        longs.append(max(cardio_minutes(s) for s in aer))
        assert w["deload"] or has_long_session(w)
    full = [x for x, w in zip(longs, plan["weeks"]) if not w["deload"]]
    m = validate_profile({**RUNNER, **change}).minutes_per_session
    growth = [b / a for a, b in zip(full, full[1:]) if a < m]
    assert full[0] < m and growth and all(1.05 <= g <= 1.15 for g in growth[:3]), full
    deloads = [x for x, w in zip(longs, plan["weeks"]) if w["deload"]]
    assert all(d < max(full) for d in deloads)


def test_someone_who_does_not_run_keeps_low_impact_intervals():
    plan = plan_for(preferences={"likes": ["cycling"], "dislikes": ["running"]}, experience="beginner",
                    currently_active=True, age=58, injuries=["knee"])
    ids = {e["id"] for w in plan["weeks"] for s in w["sessions"] if s["kind"] == "hiit" for e in s["exercises"]}
    assert "running" not in ids
