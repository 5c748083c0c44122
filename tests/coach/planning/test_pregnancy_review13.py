"""Physician review 13 (rule 90): a trained pregnant runner got chair squats and wall push-ups, a moderate cap for 12
weeks whatever her provider said, pelvic-floor training only in the text, and weekly minutes that rose through the
pregnancy (kb-pregnancy-001/-005/-006: active women continue, vigorous exercise can go on with the provider's
agreement, pelvic floor training every day). The profiles here are this file's own."""
from __future__ import annotations

import copy

import pytest

from coach.domain.profile import validate_profile
from coach.i18n import t
from coach.planning import make_plan, validate_plan
from coach.safety.screening import screen
from knowledge.corpus import get_passage

RUNNER = {"age": 34, "sex": "female", "height_cm": 162, "weight_kg": 60, "experience": "intermediate",
          "currently_active": True, "goal": "endurance", "days_per_week": 4, "minutes_per_session": 45,
          "equipment": ["dumbbells"], "conditions": ["pregnancy"], "weeks_pregnant": 16,
          "preferences": {"likes": ["jogging"]}, "language": "en"}
LIFTER = {"age": 29, "sex": "female", "height_cm": 170, "weight_kg": 64, "experience": "advanced",
          "currently_active": True, "goal": "muscle_gain", "days_per_week": 3, "minutes_per_session": 60,
          "equipment": ["gym"], "conditions": ["pregnancy"], "pregnancy_trimester": 2}
NEW = {"age": 27, "sex": "female", "height_cm": 160, "weight_kg": 70, "experience": "beginner",
       "currently_active": False, "goal": "general_health", "days_per_week": 3, "minutes_per_session": 40,
       "equipment": [], "conditions": ["pregnancy"], "weeks_pregnant": 10, "language": "zh"}
PF = "pelvic_floor_squeezes"


def plan_for(base: dict, **change):
    prof = validate_profile({**base, **change})
    plan = make_plan(prof, 12)
    assert validate_plan(plan, prof, kb_lookup=get_passage) == []
    return plan, prof


def total(w: dict) -> int:
    walk = w.get("daily_activity") or {}
    return sum(s["minutes"] for s in w["sessions"]) + (0 if walk.get("optional") else walk.get("total_minutes", 0))


@pytest.mark.parametrize("base", [RUNNER, LIFTER, NEW])
def test_the_pelvic_floor_is_an_exercise_in_the_sessions(base):
    plan, _ = plan_for(base)
    for w in plan["weeks"]:
        have = [s for s in w["sessions"] if any(e["id"] == PF for e in s["exercises"])]
        assert len(have) >= min(3, len(w["sessions"])), (w["week"], [s["day"] for s in have])
        block = next(e for s in have for e in s["exercises"] if e["id"] == PF)
        dose = t(base.get("language"), "10 slow squeezes held for up to 5 seconds, then 10 quick ones; let go fully "
                 "after each")  # the plan's language (the zh plan has it translated)
        assert block["minutes"] == 2 and block["holds"] == dose


@pytest.mark.parametrize("base", [RUNNER, LIFTER])
def test_an_active_pregnant_womans_minutes_do_not_rise_after_the_first_two_weeks(base):
    plan, _ = plan_for(base)
    top = max(total(plan["weeks"][0]), total(plan["weeks"][1]))
    assert [total(w) for w in plan["weeks"][2:] if total(w) > top] == []
    assert any("hold steady" in r for r in plan["safety"]["reasons"])


def test_a_trained_woman_gets_loaded_work_not_wall_push_ups():
    plan, _ = plan_for(RUNNER)
    ids = {e["id"] for s in plan["weeks"][0]["sessions"] for e in s["exercises"]}
    assert not ids & {"wall_push_up", "wall_push_up_on_fists", "box_squat"}, ids
    assert "goblet_squat" in ids


def test_a_cleared_trained_runner_keeps_one_harder_run_a_week():
    plan, prof = plan_for(RUNNER, clearance={"by": "obstetrician"})
    assert screen(prof, "en").intensity_cap == "vigorous"
    for w in plan["weeks"][2:]:
        hard = [s for s in w["sessions"] if s["intensity"]["label"] == "vigorous"]
        assert len(hard) == (0 if w["deload"] else 1), w["week"]
        for s in hard:
            assert s["kind"] == "aerobic" and s["intensity"]["rpe"] == [7, 8] and not s["intensity"].get("hr_bpm")
            assert "a few words" in s["notes"] and "full sentences" not in s["notes"]
    assert not [s for w in plan["weeks"][:2] for s in w["sessions"] if s["intensity"]["label"] == "vigorous"]


def test_without_her_providers_agreement_she_stays_moderate_and_is_told_how_to_change_that():
    plan, prof = plan_for(RUNNER)
    assert screen(prof, "en").intensity_cap == "moderate"
    assert any("/cleared" in r for r in plan["safety"]["reasons"])
    assert not [s for w in plan["weeks"] for s in w["sessions"] if s["intensity"]["label"] == "vigorous"]


def test_a_warning_sign_keeps_the_cleared_runner_moderate():
    prof = validate_profile({**RUNNER, "clearance": {"by": "midwife"}, "conditions": ["pregnancy", "severe_anaemia"]})
    assert screen(prof, "en").intensity_cap != "vigorous"


def test_the_third_trimester_walks_are_not_called_long_runs():
    plan, _ = plan_for(RUNNER, weeks_pregnant=24, clearance={"by": "obstetrician"})
    late = plan["weeks"][6]  # week 30 of pregnancy
    assert all(s["intensity"]["label"] != "vigorous" for s in late["sessions"])
    assert not [s for s in late["sessions"] if s.get("long_run")]


def test_rule_90_catches_a_missing_pelvic_floor_and_rising_minutes():
    plan, prof = plan_for(LIFTER)
    bad = copy.deepcopy(plan)
    for s in bad["weeks"][6]["sessions"]:
        s["exercises"] = [e for e in s["exercises"] if e["id"] != PF]
        s["minutes"] += 10
    rules = {v.rule for v in validate_plan(bad, prof, kb_lookup=get_passage)}
    assert 90 in rules


def test_the_pelvic_floor_block_is_not_picked_for_anyone_else():
    prof = validate_profile({**NEW, "conditions": [], "weeks_pregnant": None, "goal": "mobility", "days_per_week": 5})
    plan = make_plan(prof, 12)
    assert not [e for w in plan["weeks"] for s in w["sessions"] for e in s["exercises"] if e["id"] == PF]
