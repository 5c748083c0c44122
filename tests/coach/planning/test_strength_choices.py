"""Strength choices (issue 12, physician review): BMI >= 35 gets machines or supported, two-footed, standing work
rather than floor, prone or single-leg exercises (kb-obesity-003); teenagers progress load by technique milestones
checked by a coach, not by the calendar, and practise landings in few, perfect repetitions (NSCA youth position,
Lloyd et al. 2014)."""
from __future__ import annotations

from coach.domain.profile import validate_profile
from coach.planning import make_plan, validate_plan
from knowledge.catalog import load_catalog
from knowledge.corpus import get_passage

HEAVY = {"age": 54, "sex": "female", "height_cm": 163, "weight_kg": 98, "goal": "fat_loss", "target_weight_kg": 90,
         "target_weeks": 12, "experience": "beginner", "currently_active": True, "days_per_week": 3,
         "minutes_per_session": 45, "equipment": ["gym"], "conditions": ["type2_diabetes"]}
TEEN = {"age": 15, "sex": "male", "height_cm": 170, "weight_kg": 58, "goal": "muscle_gain", "experience": "beginner",
        "currently_active": True, "days_per_week": 4, "minutes_per_session": 60, "equipment": ["gym"]}


def plan_for(base: dict, **change) -> dict:
    prof = validate_profile({**base, **change})
    plan = make_plan(prof, 12)
    assert validate_plan(plan, prof, kb_lookup=get_passage) == []
    return plan


def resistance(plan: dict) -> list[dict]:
    return [e for w in plan["weeks"] for s in w["sessions"] for e in s["exercises"] if isinstance(e.get("sets"), int)]


def test_high_bmi_gets_no_floor_or_single_leg_work_and_machines_in_a_gym():
    cat = load_catalog()
    for change in ({}, {"equipment": []}, {"currently_active": False}):
        plan = plan_for(HEAVY, **change)
        for e in resistance(plan):
            x = cat[e["id"]]
            assert x.lying is None and not (x.region == "lower" and x.per_side), (change, e["id"])
    gym = plan_for(HEAVY)
    assert sum("machines" in e["equipment"] for e in resistance(gym)) >= len(resistance(gym)) // 2


def test_teen_load_rises_by_technique_milestones():
    plan = plan_for(TEEN)
    notes = {w: " ".join(s["notes"] for s in plan["weeks"][w - 1]["sessions"]) for w in (1, 5)}
    assert "Technique first" in notes[1] and "qualified coach" in notes[1] and "Double progression" not in notes[1]
    assert "5-10 % load only when all sets reach the top" in notes[5]
    landings = [e for e in resistance(plan) if load_catalog()[e["id"]].pattern == "jump"]
    assert landings and all(e["reps"] == "5-8" for e in landings)


def test_endurance_athlete_lifts_one_heavy_lower_body_pattern_a_day_and_rows():
    runner = {"age": 38, "sex": "female", "height_cm": 166, "weight_kg": 55, "goal": "endurance",
              "experience": "advanced", "currently_active": True, "days_per_week": 6, "minutes_per_session": 70,
              "equipment": ["gym"], "preferences": {"likes": ["running"]}}
    plan = plan_for(runner)
    cat = load_catalog()
    for w in plan["weeks"]:
        for s in w["sessions"]:
            pats = [cat[e["id"]].pattern for e in s["exercises"] if isinstance(e.get("sets"), int)]
            assert not ("squat" in pats and "hinge" in pats), (w["week"], s["day"], pats)
            assert "high_pull" not in " ".join(e["id"] for e in s["exercises"])
