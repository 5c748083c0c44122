"""Issue 12, physician review items 1 and 3: older adults at a moderate cap kept a flat load from week 6-7 on, and
frail people's balance work stayed far below kb-falls-001 (build toward ~3 h a week over months; ACSM neuromotor >= 60
min a week). The load is PLAN_RULES 29's (schedule.week_load, walks and the home add-on included)."""
from __future__ import annotations

import pytest

from coach.domain.profile import validate_profile
from coach.planning import make_plan, validate_plan, week_load
from coach.planning.measure import weekly_balance
from knowledge.corpus import get_passage

OLDER = [
    {"age": 72, "sex": "male", "bp_systolic": 148, "bp_diastolic": 88, "conditions": ["hypertension"],
     "equipment": ["dumbbells", "bands"], "days_per_week": 3, "minutes_per_session": 45},
    {"age": 68, "sex": "female", "conditions": ["osteoarthritis"], "injuries": ["knee"], "currently_active": True,
     "days_per_week": 4, "minutes_per_session": 40},
    {"age": 76, "sex": "female", "conditions": ["type2_diabetes"], "currently_active": True, "days_per_week": 3,
     "minutes_per_session": 30, "equipment": ["bands"]},
]
BASE = {"height_cm": 165, "weight_kg": 72, "resting_hr": 70, "experience": "beginner", "currently_active": False,
        "goal": "general_health", "equipment": []}


def plan_for(change: dict) -> dict:
    prof = validate_profile({**BASE, **change})
    plan = make_plan(prof, 12)
    assert validate_plan(plan, prof, kb_lookup=get_passage) == []
    return plan


@pytest.mark.parametrize("change", OLDER)
def test_older_adults_at_a_moderate_cap_keep_building_to_week_12(change):
    plan = plan_for(change)
    assert plan["safety"]["intensity_cap"] == "moderate"
    loads = [week_load(w) for w in plan["weeks"]]
    assert all(b >= a for a, b in zip(loads, loads[1:])), loads  # never falls (no deloads for them)
    assert loads[5] < loads[7] < loads[9] < loads[11], loads  # still rising in the second half, every two weeks
    balance = [weekly_balance(w) for w in plan["weeks"]]
    assert balance[11] >= 60 and balance[11] > balance[5] > balance[0], balance  # ACSM neuromotor, building


def test_a_frail_older_womans_balance_builds_toward_kb_falls_001():
    plan = plan_for({"age": 82, "sex": "female", "height_cm": 155, "weight_kg": 52, "goal": "mobility",
                     "conditions": ["osteoporosis", "falls", "walking_aid"], "days_per_week": 3,
                     "minutes_per_session": 30, "equipment": ["bands"]})
    balance = [weekly_balance(w) for w in plan["weeks"]]
    assert all(b >= a for a, b in zip(balance, balance[1:])), balance
    assert balance[0] >= 30 and balance[11] >= 90, balance  # about 100 min by week 12, on the way to ~3 h
    loads = [week_load(w) for w in plan["weeks"]]
    assert loads[7] < loads[9] < loads[11], loads
