"""Physician review 12: anticoagulants keep running and road cycling with a helmet (kb-anticoagulants-001), the
menstrual RED-S sign only where it applies, beginners keep a full rest day (kb-rest-days-001) and a strength
session's minutes match its listed work. Profiles written for these tests."""
from __future__ import annotations

import json

import pytest

from coach.domain.profile import validate_profile
from coach.planning import make_plan, validate_plan
from coach.planning.measure import session_seconds
from coach.planning.rest_day import check_rest_day
from coach.planning.strength_time import check_strength_time
from coach.safety.indoor import indoor_cycling_only
from knowledge.corpus import get_passage

RUNNER = {"age": 52, "sex": "female", "height_cm": 168, "weight_kg": 63, "experience": "intermediate",
          "currently_active": True, "goal": "endurance", "days_per_week": 4, "minutes_per_session": 50,
          "equipment": ["treadmill", "dumbbells"], "preferences": {"likes": ["running"]}}
NEWCOMER = {"age": 31, "sex": "female", "height_cm": 165, "weight_kg": 82, "experience": "beginner",
            "currently_active": False, "goal": "fat_loss", "days_per_week": 7, "minutes_per_session": 100,
            "equipment": ["gym"]}


def plan_for(base: dict, **change) -> tuple[dict, object]:
    prof = validate_profile({**base, **change})
    plan = make_plan(prof, 12)
    assert validate_plan(plan, prof, kb_lookup=get_passage) == []
    return plan, prof


def _ids(plan: dict) -> set[str]:
    return {e["id"] for w in plan["weeks"] for s in w["sessions"] for e in s["exercises"]}


def _running(plan: dict) -> bool:
    return any("jog" in i or "run" in i for i in _ids(plan))


@pytest.mark.parametrize("change", [{"medications": ["apixaban"]}, {"medications": ["warfarin"]},
                                    {"medications": ["rivaroxaban"], "conditions": ["atrial_fibrillation"]},
                                    {"conditions": ["atrial_fibrillation"]}])
def test_blood_thinner_or_af_keeps_running(change):
    """kb-anticoagulants-001: running can be done on a blood thinner; before, all running became treadmill walking."""
    plan, _ = plan_for(RUNNER, **change)
    assert _running(plan)


@pytest.mark.parametrize("change", [{"medications": ["apixaban"]}, {"conditions": ["atrial_fibrillation"]}])
def test_anticoagulant_alone_may_cycle_on_the_road_with_a_helmet(change):
    prof = validate_profile({**RUNNER, **change})
    assert not indoor_cycling_only(prof)
    plan = make_plan(prof, 12)
    text = json.dumps(plan["safety"])
    assert "cycling on the road are left out" not in text
    if "medications" in change:
        assert "cycling on the road with a helmet" in text


@pytest.mark.parametrize("change", [{"age": 82}, {"conditions": ["pregnancy"], "pregnancy_weeks": 20},
                                    {"medications": ["apixaban", "clopidogrel", "aspirin"]}])
def test_other_rules_still_keep_the_bike_indoors(change):
    prof = validate_profile({**RUNNER, "medications": ["apixaban"], **change} if "medications" not in change
                            else {**RUNNER, **change})
    assert indoor_cycling_only(prof)


def test_periods_sign_only_where_it_applies():
    male, _ = plan_for(RUNNER, sex="male", goal="endurance", days_per_week=5, experience="advanced")
    female, _ = plan_for(RUNNER, days_per_week=5, experience="advanced")
    words = "missed or irregular periods"
    assert words not in json.dumps(male)
    if "RED-S" in json.dumps(female):
        assert words in json.dumps(female)


@pytest.mark.parametrize("change", [{}, {"sex": "male", "weight_kg": 95, "minutes_per_session": 120},
                                    {"experience": "intermediate", "days_per_week": 7, "minutes_per_session": 60},
                                    {"goal": "general_health", "minutes_per_session": 45}])
def test_beginner_or_inactive_keeps_a_full_rest_day(change):
    plan, prof = plan_for(NEWCOMER, **change)
    assert all(len(w["sessions"]) <= 6 for w in plan["weeks"])
    assert "the seventh day is a full rest day" in plan["rationale"]


def test_trained_person_may_train_seven_days():
    plan, _ = plan_for(NEWCOMER, experience="advanced", currently_active=True, minutes_per_session=45)
    assert "full rest day" not in plan["rationale"]


def test_rest_day_check_catches_seven_sessions():
    plan, prof = plan_for(NEWCOMER)
    week = plan["weeks"][0]
    week["sessions"].append({**week["sessions"][0], "day": 7})
    from coach.planning.checks import Bounds
    bounds = Bounds.__new__(Bounds)
    object.__setattr__(bounds, "profile", prof)
    assert [v.rule for v in check_rest_day(plan, plan["weeks"], bounds)] == [82]


@pytest.mark.parametrize("change", [{}, {"sex": "male", "weight_kg": 95, "minutes_per_session": 120}])
def test_strength_minutes_match_listed_work(change):
    plan, _ = plan_for(NEWCOMER, **change)
    last = plan["weeks"][-1]
    for s in last["sessions"]:
        if s["kind"] == "strength":  # the last week lists the most work (before: 84 minutes for ~30 of work)
            assert s["minutes"] <= session_seconds(s) / 60 * 1.25 + 11
    assert check_strength_time(plan["weeks"], None) == []


def test_rules_6_and_29_hold_for_rest_day_profiles():
    """A small sweep: beginners asking for 7 days at several lengths and goals pass the whole validator (6, 29)."""
    for minutes in (30, 60, 90, 120):
        for goal in ("fat_loss", "general_health", "muscle_gain", "endurance"):
            plan_for(NEWCOMER, minutes_per_session=minutes, goal=goal)
