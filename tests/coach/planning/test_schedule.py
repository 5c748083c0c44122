"""Real progression (review fix 7): graded intensity steps, load rising block after block, deloads for trained
older, young and clinical people, and a 4-week block equal to weeks 1-4 of the 12-week plan."""
from __future__ import annotations

import pytest

from coach.domain.profile import validate_profile
from coach.planning import make_plan, validate_plan, week_load
from knowledge.corpus import get_passage

BASE = {"age": 38, "sex": "female", "height_cm": 165, "weight_kg": 70, "goal": "general_health",
        "days_per_week": 3, "minutes_per_session": 45, "experience": "beginner", "currently_active": True,
        "resting_hr": 70, "equipment": ["dumbbells"]}


def plan_for(weeks: int, **change):
    prof = validate_profile({**BASE, **change})
    plan = make_plan(prof, weeks)
    assert validate_plan(plan, prof, kb_lookup=get_passage) == []
    return plan


STEPPING = [  # people new to exercise whose cap may lift after the first block
    {},
    {"weight_kg": 86, "injuries": ["knee"], "goal": "fat_loss", "currently_active": False},
    {"age": 46, "sex": "male", "injuries": ["lower_back"], "days_per_week": 2, "minutes_per_session": 20,
     "equipment": []},
    {"goal": "muscle_gain", "days_per_week": 4, "minutes_per_session": 60, "equipment": ["gym"]},
]


@pytest.mark.parametrize("change", STEPPING)
def test_intensity_rises_in_graded_steps_never_one_jump(change):
    plan = plan_for(12, **change)
    n = len(plan["weeks"][0]["sessions"])
    for i in range(n):
        tops = [w["sessions"][i]["intensity"]["rpe"][1] for w in plan["weeks"] if not w["deload"]]
        assert all(b - a <= 1 for a, b in zip(tops, tops[1:])), (i, tops)
    first = {s["intensity"]["label"] for s in plan["weeks"][0]["sessions"]}
    week5 = [s["intensity"] for s in plan["weeks"][4]["sessions"]]
    assert "vigorous" not in first
    assert all(i["rpe"][1] <= 7 for i in week5)  # at most the entry step of vigorous in the second block
    with_zone = [i for i in week5 if i["pct_hrr"] and i["label"] == "vigorous"]
    assert all(i["pct_hrr"][1] < 89 for i in with_zone)


@pytest.mark.parametrize("change", STEPPING + [
    {"experience": "beginner", "currently_active": False, "days_per_week": 4, "minutes_per_session": 60},
])
def test_load_rises_in_every_four_week_block_while_there_is_room(change):
    plan = plan_for(12, **change)
    blocks = [[week_load(w) for w in plan["weeks"][b:b + 4] if not w["deload"]] for b in (0, 4, 8)]
    tops = [max(b) for b in blocks]
    assert tops[0] < tops[1] < tops[2], tops


@pytest.mark.parametrize("change", [
    {"age": 70, "experience": "intermediate"},
    {"age": 16, "experience": "intermediate", "goal": "muscle_gain"},
    {"conditions": ["hypertension"], "bp_systolic": 138, "bp_diastolic": 86, "experience": "intermediate"},
])
def test_trained_older_young_and_clinical_people_also_deload_every_fourth_week(change):
    plan = plan_for(12, **change)
    assert [w["week"] for w in plan["weeks"] if w["deload"]] == [4, 8, 12]


def test_teenagers_stay_at_one_to_three_sets():
    plan = plan_for(12, age=15, experience=None, currently_active=False)
    assert max(e.get("sets") or 0 for w in plan["weeks"] for s in w["sessions"] for e in s["exercises"]) <= 3


@pytest.mark.parametrize("change", STEPPING + [
    {"age": 66, "conditions": ["atrial_fibrillation"], "medications": ["anticoagulant", "beta_blocker"],
     "days_per_week": 4, "minutes_per_session": 45},
    {"age": 72, "experience": "intermediate", "days_per_week": 5},
    {"experience": "advanced", "goal": "endurance", "days_per_week": 6, "minutes_per_session": 75,
     "equipment": ["bike", "treadmill", "dumbbells"]},
])
def test_the_four_week_block_is_weeks_one_to_four_of_the_twelve_week_plan(change):
    four, twelve = plan_for(4, **change), plan_for(12, **change)
    assert four["weeks"] == twelve["weeks"][:4]
