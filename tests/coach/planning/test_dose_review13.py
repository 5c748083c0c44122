"""Physician review 13: the aerobic dose is in the plan (rule 6) and the rationale says only what the plan holds
(rule 88). Profiles written for these tests, not the review's."""
from __future__ import annotations

import copy
import re

import pytest

from coach.domain.profile import validate_profile
from coach.planning import make_plan, validate_plan
from coach.planning.measure import aerobic_minutes
from knowledge.corpus import get_passage

BASE = {"age": 39, "sex": "female", "height_cm": 166, "weight_kg": 71, "experience": "beginner",
        "currently_active": False, "goal": "general_health", "equipment": ["dumbbells"], "injuries": [],
        "conditions": [], "symptoms": [], "language": "en"}


def build(change: dict, weeks: int = 12) -> tuple[dict, object]:
    prof = validate_profile({**BASE, **change})
    return make_plan(prof, weeks), prof


def rules(plan: dict, prof) -> set[int]:
    return {v.rule for v in validate_plan(plan, prof, kb_lookup=get_passage)}


def last_full(plan: dict) -> dict:
    return [w for w in plan["weeks"] if not w["deload"]][-1]


# --------------------------------------------------------------------- rule 6 on the budget the person gave


@pytest.mark.parametrize("change", [{"days_per_week": 7, "minutes_per_session": 24},
                                    {"days_per_week": 7, "minutes_per_session": 30, "goal": "fat_loss"}])
def test_a_rest_day_keeps_half_the_asked_budget_as_cardio(change):
    plan, prof = build(change)
    need = min(150, change["days_per_week"] * change["minutes_per_session"] / 2)
    assert max(len(w["sessions"]) for w in plan["weeks"]) <= 6  # rule 82's rest day stays
    assert aerobic_minutes(last_full(plan)) >= need
    assert rules(plan, prof) == set()


def test_the_validator_judges_rule_6_on_the_asked_budget():
    plan, prof = build({"days_per_week": 7, "minutes_per_session": 24})
    bad = copy.deepcopy(plan)
    for w in bad["weeks"]:  # lifting sessions without their walk block: 3 x 24 moderate = 72 < 84
        for s in w["sessions"]:
            if s["kind"] == "mixed":
                s["kind"] = "strength"
    assert aerobic_minutes(last_full(bad)) < 84
    assert 6 in rules(bad, prof)


# --------------------------------------------------------------------- rule 6 while clearance is pending

PENDING = [{"conditions": ["type2_diabetes"], "days_per_week": 3, "minutes_per_session": 45},
           {"conditions": ["kidney_disease"], "days_per_week": 4, "minutes_per_session": 35, "goal": "muscle_gain"},
           {"conditions": ["type2_diabetes"], "days_per_week": 5, "minutes_per_session": 60, "goal": "endurance",
            "age": 52},
           {"age": 24, "experience": "intermediate", "resting_hr": 106, "weight_kg": 124, "days_per_week": 4,
            "minutes_per_session": 150, "equipment": ["dumbbells", "bike"]}]


@pytest.mark.parametrize("change", PENDING)
def test_pending_clearance_walks_in_every_lifting_session_up_to_the_ramp(change):
    plan, prof = build(change)
    assert plan["safety"]["clearance_required"]
    last = last_full(plan)
    for s in last["sessions"]:
        assert s["kind"] != "strength", s  # a lifting session carries its walk while light minutes count half
        if s["kind"] in ("mixed", "aerobic"):
            assert any(e.get("kind") == "aerobic" for e in s["exercises"]), s
    first = max(s["minutes"] for s in plan["weeks"][0]["sessions"])
    allowed = min(change["minutes_per_session"], first + 5 * (11 // 2))  # rule 33: +5 every two weeks
    share = {"aerobic": 1.0, "mixed": 0.5}
    floor = sum(allowed * 0.5 * share.get(s["kind"], 0.0) for s in last["sessions"])
    assert aerobic_minutes(last) >= min(floor, 150) - 1e-9
    assert rules(plan, prof) == set()


def test_the_validator_checks_the_pending_dose():
    plan, prof = build(PENDING[0])
    bad = copy.deepcopy(plan)
    for s in bad["weeks"][-1]["sessions"]:  # week 12's sessions back to the week-1 length: the ramp not followed
        s["minutes"] = bad["weeks"][0]["sessions"][0]["minutes"]
    assert 6 in rules(bad, prof)


# --------------------------------------------------------------------- rule 88: the text


def test_who_is_judged_on_the_sessions_and_walks_say_what_they_add():
    plan, prof = build({"age": 67, "conditions": ["copd"], "days_per_week": 3, "minutes_per_session": 30,
                        "equipment": ["treadmill", "bands"]})
    text = plan["rationale"]
    own = aerobic_minutes(last_full(plan))
    assert own < 150
    assert "within the 150-300" not in text and "already above the 150-300" not in text
    walk = re.search(r"[^.]*walk on each of the \d+ days without a session[^.]*\.(?: \[([^\]]*)\])?", text)
    assert walk and "kb-sedentary-001" not in (walk.group(1) or ""), text
    bad = copy.deepcopy(plan)
    bad["rationale"] += " That is within the 150-300 minutes a week that WHO recommends."
    assert 88 in rules(bad, prof) and 88 not in rules(plan, prof)


def test_one_day_without_a_session_is_one_day():
    plan, _ = build({"days_per_week": 7, "minutes_per_session": 20})
    assert "each of the 1 days" not in plan["rationale"]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_light_to_moderate_while_every_session_is_light(lang):
    plan, prof = build({"age": 63, "conditions": ["type2_diabetes"], "days_per_week": 3, "minutes_per_session": 40,
                        "language": lang})
    said = " ".join([plan["rationale"], *plan["safety"]["reasons"]])
    assert plan["safety"]["clearance_required"]
    assert "stays light to moderate" not in said and "保持低到中等强度" not in said
    assert "light until a doctor clears you" in said or "医生许可之前保持低强度" in said
    bad = copy.deepcopy(plan)
    bad["safety"]["reasons"].append("This 12-week plan stays light to moderate.")
    assert 88 in rules(bad, prof)


def test_walks_only_while_pending_claim_no_exercises_or_sets():
    plan, _ = build({"age": 50, "sex": "male", "bp_systolic": 166, "bp_diastolic": 102, "goal": "muscle_gain",
                     "days_per_week": 3, "minutes_per_session": 50, "equipment": ["gym"]})
    assert not any(e.get("sets") for w in plan["weeks"] for s in w["sessions"] for e in s["exercises"])
    assert "same exercises and sets" not in plan["rationale"]
