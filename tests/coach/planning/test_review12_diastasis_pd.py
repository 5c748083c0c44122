"""Physician review 12: a staged return to heavy barbell lifts with diastasis recti or in the first year after birth
(kb-diastasis-001, kb-postpartum-003; rule 84), and Parkinson's disease planned from kb-parkinsons-001."""
from __future__ import annotations

import copy
import re

from coach.domain.profile import validate_profile
from coach.planning import make_plan, validate_plan
from knowledge.corpus import get_passage

LIFTER = {"age": 31, "sex": "female", "height_cm": 168, "weight_kg": 64, "experience": "advanced",
          "currently_active": True, "goal": "muscle_gain", "days_per_week": 4, "minutes_per_session": 60,
          "equipment": ["barbell", "dumbbells", "bench"], "conditions": ["diastasis_recti"],
          "weeks_since_birth": 30, "language": "en"}
HEAVY_IDS = {"barbell_back_squat", "barbell_front_squat", "barbell_deadlift", "barbell_romanian_deadlift",
             "barbell_sumo_deadlift", "trap_bar_deadlift"}


def plan_of(raw: dict) -> tuple[dict, object]:
    p = validate_profile(raw)
    plan = make_plan(p, 12)
    assert validate_plan(plan, p, kb_lookup=get_passage) == []
    return plan, p


def lifts(plan: dict, week: int) -> list[dict]:
    return [e for s in plan["weeks"][week - 1]["sessions"] for e in s["exercises"] if e.get("id") in HEAVY_IDS]


def top(reps: str) -> int:
    return max(int(n) for n in re.findall(r"\d+", reps))


def test_week_one_with_diastasis_has_no_heavy_barbell_sets_and_few_sets():
    plan, _ = plan_of(LIFTER)
    first = lifts(plan, 1)
    assert first, "the lifter keeps her barbell lifts"
    assert all(top(e["reps"]) >= 12 and e["sets"] <= 2 and e["rpe"][1] <= 6 for e in first)


def test_heavy_ranges_come_back_after_the_first_block():
    plan, _ = plan_of(LIFTER)
    later = [e for w in range(5, 13) for e in lifts(plan, w)]
    assert any(top(e["reps"]) <= 8 for e in later) or any(e["sets"] >= 3 for e in later)


def test_loaded_sessions_carry_the_doming_and_leaking_self_check():
    plan, _ = plan_of(LIFTER)
    for s in plan["weeks"][0]["sessions"]:
        if any(e.get("id") in HEAVY_IDS for e in s["exercises"]):
            assert "doming" in s["notes"] and "leaking" in s["notes"]


def test_diastasis_advice_cites_kb_diastasis_001():
    plan, _ = plan_of(LIFTER)
    assert "kb-diastasis-001" in {c["id"] for c in plan["citations"]}


def test_postpartum_without_diastasis_within_the_year_is_staged_too():
    raw = dict(LIFTER, conditions=["postpartum"], weeks_since_birth=26)
    plan, _ = plan_of(raw)
    assert all(top(e["reps"]) >= 12 and e["sets"] <= 2 for e in lifts(plan, 1))


def test_validator_rejects_heavy_barbell_sets_in_week_one_with_diastasis():
    plan, p = plan_of(LIFTER)
    bad = copy.deepcopy(plan)
    e = lifts(bad, 1)[0]
    e["sets"], e["reps"] = 4, "5-8"
    assert any(v.rule == 84 for v in validate_plan(bad, p, kb_lookup=get_passage))


def test_no_staged_return_without_a_birth():
    raw = dict(LIFTER, conditions=[], weeks_since_birth=None)
    plan, _ = plan_of(raw)
    assert "kb-diastasis-001" not in {c["id"] for c in plan["citations"]}


# Parkinson's disease (kb-parkinsons-001) ------------------------------------------------------------------------------

PD = {"age": 74, "sex": "female", "height_cm": 160, "weight_kg": 60, "experience": "beginner",
      "currently_active": False, "goal": "general_health", "days_per_week": 3, "minutes_per_session": 40,
      "equipment": ["none"], "conditions": ["parkinsons", "falls"], "medications": ["levodopa"],
      "preferences": {"likes": ["dance"], "dislikes": []}, "language": "en"}


def cardio_ids(plan: dict) -> set[str]:
    return {e["id"] for w in plan["weeks"] for s in w["sessions"] for e in s["exercises"]
            if e.get("kind") == "aerobic"}


def test_parkinsons_is_recognised_and_cites_its_passage():
    plan, _ = plan_of(PD)
    text = " ".join(plan["safety"]["reasons"])
    assert "no specific rules" not in text
    assert "kb-parkinsons-001" in {c["id"] for c in plan["citations"]}
    assert '"on" time' in text and "moderate-to-vigorous" in text


def test_liked_dancing_is_the_sessions_cardio_with_a_support_for_a_faller():
    plan, _ = plan_of(PD)
    assert "dancing" in cardio_ids(plan) and "walking" not in cardio_ids(plan)
    danced = [s for w in plan["weeks"] for s in w["sessions"] if any(e["id"] == "dancing" for e in s["exercises"])]
    assert all("counter" in s["notes"] and "seated" in s["notes"] for s in danced)


def test_every_parkinsons_session_says_on_time_and_rise_slowly():
    plan, _ = plan_of(PD)
    assert all('"on" time' in s["notes"] and "rise slowly" in s["notes"]
               for w in plan["weeks"] for s in w["sessions"])


def test_a_stationary_bike_liked_and_owned_is_the_cardio():
    plan, _ = plan_of(dict(PD, equipment=["bike"], preferences={"likes": ["cycling on my exercise bike"]}))
    assert cardio_ids(plan) & {"stationary_bike_ride", "recumbent_bike_ride"}


def test_without_a_liked_activity_the_walking_stays():
    plan, _ = plan_of(dict(PD, preferences={"likes": [], "dislikes": []}))
    assert "dancing" not in cardio_ids(plan)
