"""Physician review of 12-week plans: loaded presses for trained lifters, jumps first, outdoor activities only where
the person has access, support for people who fall or use a walking aid. Profiles of our own; every plan must also
pass the validator."""
from __future__ import annotations

import pytest

from coach.domain.profile import validate_profile
from coach.planning import make_plan, validate_plan
from knowledge.catalog import load_catalog
from knowledge.corpus import get_passage

BASE = {"age": 38, "sex": "female", "height_cm": 168, "weight_kg": 66, "resting_hr": 62, "goal": "general_health",
        "days_per_week": 3, "minutes_per_session": 50, "experience": "beginner", "currently_active": True}


def plan_for(**change):
    prof = validate_profile({**BASE, **change})
    plan = make_plan(prof, 12)
    assert validate_plan(plan, prof, kb_lookup=get_passage) == []
    return plan


def all_exercises(plan: dict) -> list[dict]:
    return [e for w in plan["weeks"] for s in w["sessions"] for e in s["exercises"]]


# --- 1. a loaded horizontal press for trained lifters and teenagers in a gym
@pytest.mark.parametrize("change", [
    {"experience": "intermediate", "equipment": ["dumbbells", "bench"], "goal": "muscle_gain"},
    {"experience": "advanced", "equipment": ["gym"], "goal": "muscle_gain", "days_per_week": 5},
    {"experience": "intermediate", "equipment": ["barbell", "bench"], "goal": "general_health"},
    {"age": 15, "sex": "male", "equipment": ["gym"], "goal": "muscle_gain", "days_per_week": 4},
])
def test_horizontal_push_is_a_loaded_press(change):
    cat = load_catalog()
    pushes = [e for e in all_exercises(plan_for(**change)) if cat[e["id"]].pattern == "horizontal_push"]
    assert pushes
    assert all(set(e["equipment"]) - {"bench"} for e in pushes), {e["name"] for e in pushes}


def test_beginner_at_home_may_still_push_up():
    cat = load_catalog()
    pushes = [e for e in all_exercises(plan_for(equipment=[])) if cat[e["id"]].pattern == "horizontal_push"]
    assert pushes and all(not set(e["equipment"]) - {"bench"} for e in pushes)


# --- 2. jumps and landings first in a session (after the warm-up), before other strength work
@pytest.mark.parametrize("change", [
    {"age": 15, "sex": "male", "equipment": ["gym"], "goal": "muscle_gain", "days_per_week": 4},
    {"age": 16, "equipment": ["bands"], "goal": "muscle_gain", "days_per_week": 4, "minutes_per_session": 60},
])
def test_jumps_come_before_other_strength_work(change):
    cat = load_catalog()
    jumped = 0
    for w in plan_for(**change)["weeks"]:
        for s in w["sessions"]:
            lifts = [e for e in s["exercises"] if e.get("sets")]
            kinds = [cat[e["id"]].pattern == "jump" for e in lifts]
            if any(kinds):
                jumped += 1
                assert kinds == sorted(kinds, reverse=True), [e["name"] for e in lifts]
    assert jumped


# --- 3. hiking needs trails or hills the profile does not model: only for people who like it or the outdoors
HIKERS = [{"experience": "advanced", "equipment": ["gym"], "goal": "muscle_gain", "days_per_week": 5,
           "minutes_per_session": 75},
          {"experience": "intermediate", "equipment": [], "goal": "endurance", "days_per_week": 5},
          {"experience": "intermediate", "equipment": ["dumbbells"], "goal": "fat_loss", "days_per_week": 5}]


def hikes(plan: dict) -> int:
    return sum("hik" in e["id"] for e in all_exercises(plan))


@pytest.mark.parametrize("change", HIKERS)
def test_no_hiking_unless_liked(change):
    assert hikes(plan_for(**change)) == 0


def test_hiking_for_someone_who_likes_it():
    assert hikes(plan_for(**HIKERS[1], preferences={"likes": ["hiking"]})) > 0


# --- 4. a fall or a walking aid: something to hold for standing exercises, the aid for the walk
@pytest.mark.parametrize("conditions", [["walking_aid"], ["falls"]])
def test_standing_work_gets_a_support_instruction(conditions):
    plan = plan_for(age=76, conditions=conditions, currently_active=False, minutes_per_session=30)
    sessions = [s for w in plan["weeks"] for s in w["sessions"] if any(e.get("sets") for e in s["exercises"])]
    assert sessions
    for s in sessions:
        assert "hold a chair or counter" in s["notes"], s["notes"]
        walks = any("walk" in e["id"] for e in s["exercises"])
        assert ("walking aid for the walk" in s["notes"]) == (walks and conditions == ["walking_aid"])


def test_no_support_instruction_without_a_fall_or_aid():
    plan = plan_for(age=76, currently_active=False, minutes_per_session=30)
    assert not any("hold a chair or counter" in s["notes"] for w in plan["weeks"] for s in w["sessions"])
