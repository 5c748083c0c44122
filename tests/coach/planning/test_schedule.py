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
     "equipment": [], "preferences": {"likes": ["hiking"]}},  # uphill hiking: the vigorous step at home, low impact
    {"goal": "muscle_gain", "days_per_week": 4, "minutes_per_session": 60, "equipment": ["gym"]},
]


@pytest.mark.parametrize("change", STEPPING)
def test_intensity_rises_in_graded_steps_never_one_jump(change):
    plan = plan_for(12, **change)
    n = len(plan["weeks"][0]["sessions"])
    band = {"light": ((3, 4), (30, 39)), "moderate": ((4, 6), (40, 59)), "vigorous": ((7, 8), (60, 89))}
    for i in range(n):
        zones = [w["sessions"][i]["intensity"]["pct_hrr"] for w in plan["weeks"] if not w["deload"]]
        tops = [z[1] for z in zones if z]
        assert all(b - a <= 15 for a, b in zip(tops, tops[1:])), (i, tops)  # graded %HRR steps, never one jump
    for s in (s for w in plan["weeks"] for s in w["sessions"]):
        inten = s["intensity"]
        (rlo, rhi), (plo, phi) = band[inten["label"]]  # the label says what kb-rpe-001 / kb-hrr-001 say it is
        assert rlo <= inten["rpe"][0] and inten["rpe"][1] <= rhi + (1 if s["kind"] == "strength" else 0)
        if inten["pct_hrr"]:
            assert plo <= inten["pct_hrr"][0] and inten["pct_hrr"][1] <= phi
            assert inten["pct_hrr"][1] - inten["pct_hrr"][0] <= 15  # a range someone can follow
    first = {s["intensity"]["label"] for s in plan["weeks"][0]["sessions"]}
    assert "vigorous" not in first
    if validate_profile({**BASE, **change}).is_beginner_or_inactive:  # 8 weeks at moderate (kb-overload-001)
        assert all(s["intensity"]["label"] != "vigorous" for w in plan["weeks"][:8] for s in w["sessions"])


@pytest.mark.parametrize("change", STEPPING + [
    {"experience": "beginner", "currently_active": False, "days_per_week": 4, "minutes_per_session": 60},
])
def test_load_rises_in_every_four_week_block_while_there_is_room(change):
    plan = plan_for(12, **change)
    blocks = [[week_load(w) for w in plan["weeks"][b:b + 4] if not w["deload"]] for b in (0, 4, 8)]
    tops = [max(b) for b in blocks]
    # people new to exercise keep the second block at moderate (kb-overload-001); where its sessions are already
    # full length with no room for another set, the effort step of the third block is what rises
    assert tops[0] <= tops[1] < tops[2] and tops[0] < tops[2], tops


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
