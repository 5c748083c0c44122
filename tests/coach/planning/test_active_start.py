"""Issue 12, physician review item 6: an active teenager new to structured training started at the sedentary 20
minutes; people already active start from what they do (~60 % of their session length), inactive people still start
at 10-20 minutes (kb-beginner-001)."""
from __future__ import annotations

import pytest

from coach.domain.profile import validate_profile
from coach.planning import make_plan, validate_plan
from knowledge.corpus import get_passage

TEEN = {"age": 15, "sex": "female", "height_cm": 162, "weight_kg": 52, "resting_hr": 64, "experience": "beginner",
        "currently_active": True, "goal": "general_health", "days_per_week": 4, "minutes_per_session": 60,
        "equipment": ["dumbbells"], "preferences": {"likes": ["basketball"]}}


def first_and_last(**change):
    prof = validate_profile({**TEEN, **change})
    plan = make_plan(prof, 12)
    assert validate_plan(plan, prof, kb_lookup=get_passage) == []
    longest = [max(s["minutes"] for s in w["sessions"]) for w in plan["weeks"]]
    return longest[0], longest[-1], plan


@pytest.mark.parametrize("change", [{}, {"age": 16, "sex": "male", "goal": "muscle_gain", "experience": None},
                                    {"age": 30, "minutes_per_session": 45}])
def test_active_people_new_to_training_start_from_what_they_already_do(change):
    first, last, plan = first_and_last(**change)
    m = validate_profile({**TEEN, **change}).minutes_per_session
    assert first >= 0.55 * m and last == m
    assert all(s["intensity"]["label"] != "vigorous" for w in plan["weeks"][:8] for s in w["sessions"])


@pytest.mark.parametrize("change", [{"currently_active": False}, {"currently_active": True, "age": 70},
                                    {"currently_active": True, "conditions": ["type2_diabetes"], "age": 40,
                                     "bp_systolic": 165, "bp_diastolic": 100}])
def test_inactive_older_or_waiting_people_still_start_short(change):
    first, _, _ = first_and_last(**change)
    assert first <= 30
