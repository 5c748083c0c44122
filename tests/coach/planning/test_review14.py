"""Physician review 14's hard errors: asthma's warm-up as long as its passage says (kb-asthma-005: about 10-15
minutes), and a limit the passages advise is not called the doctor's (a heart-failure plan said "Your doctor's limit:
no heavy lifting" to a man who had reported no limit)."""
from __future__ import annotations

import re

from coach.domain.profile import validate_profile
from coach.planning import make_plan, validate_plan
from knowledge.corpus import get_passage

ASTHMA = {"age": 26, "sex": "female", "height_cm": 164, "weight_kg": 61, "experience": "beginner",
          "currently_active": False, "goal": "general_health", "days_per_week": 3, "minutes_per_session": 35,
          "equipment": ["bands"], "conditions": ["asthma"], "language": "en"}
HEART = {"age": 74, "sex": "male", "height_cm": 172, "weight_kg": 80, "experience": "beginner",
         "currently_active": False, "goal": "general_health", "days_per_week": 3, "minutes_per_session": 30,
         "equipment": [], "conditions": ["heart_disease"], "language": "en"}
_WARM = re.compile(r"Warm up (\d+) min")


def plan_of(raw: dict) -> dict:
    p = validate_profile(raw)
    plan = make_plan(p, 12)
    assert validate_plan(plan, p, kb_lookup=get_passage) == []
    return plan


def notes(plan: dict) -> list[str]:
    return [str(s.get("notes") or "") for w in plan["weeks"] for s in w["sessions"]]


def test_an_asthma_plans_separate_warm_up_is_at_least_ten_minutes():
    warm = [int(m.group(1)) for n in notes(plan_of(ASTHMA)) for m in _WARM.finditer(n)]
    assert warm and min(warm) >= 10


def test_without_asthma_the_warm_up_stays_five_minutes():
    warm = [int(m.group(1)) for n in notes(plan_of({**ASTHMA, "conditions": []})) for m in _WARM.finditer(n)]
    assert warm and max(warm) == 5


def test_advice_from_the_passages_is_not_called_the_doctors_limit():
    text = " ".join(notes(plan_of(HEART)))
    assert "No heavy lifting for now" in text and "Your doctor's limit" not in text


def test_a_limit_the_doctor_gave_is_called_the_doctors():
    cleared = {**HEART, "clearance": {"by": "Dr Lee", "date": "2026-11-20", "limits": "no heavy lifting"}}
    assert "Your doctor's limit: no heavy lifting" in " ".join(notes(plan_of(cleared)))


AF_LIFTER = {"age": 40, "sex": "male", "height_cm": 180, "weight_kg": 84, "experience": "intermediate",
             "currently_active": True, "goal": "muscle_gain", "days_per_week": 4, "minutes_per_session": 60,
             "equipment": ["gym"], "conditions": ["atrial_fibrillation"], "medications": ["anticoagulant"],
             "language": "en"}


def _barbell_sessions(plan: dict) -> list[dict]:
    from knowledge.catalog import load_catalog
    cat = load_catalog()
    return [s for w in plan["weeks"] for s in w["sessions"]
            if any(e.get("sets") and "barbell" in cat[e["id"]].equipment for e in s["exercises"])]


def test_barbell_sessions_on_a_blood_thinner_say_safety_arms_spotter_or_machine():
    sessions = _barbell_sessions(plan_of(AF_LIFTER))
    assert sessions and all("safety arms" in s["notes"] and "spotter" in s["notes"] for s in sessions)


def test_the_validator_refuses_a_barbell_session_on_a_blood_thinner_without_the_note():
    import copy
    p = validate_profile(AF_LIFTER)
    plan = copy.deepcopy(make_plan(p, 12))
    s = _barbell_sessions(plan)[0]
    s["notes"] = s["notes"].replace("On a blood thinner", "Note")
    assert 92 in {v.rule for v in validate_plan(plan, p, kb_lookup=get_passage)}


def test_type_1_diabetes_gets_the_insulin_glucose_rules_without_insulin_listed():
    raw = {"age": 58, "sex": "male", "height_cm": 178, "weight_kg": 76, "experience": "intermediate",
           "currently_active": True, "goal": "endurance", "days_per_week": 4, "minutes_per_session": 60,
           "equipment": [], "conditions": ["type1_diabetes", "insulin_pump"], "language": "en"}
    plan = plan_of(raw)
    alerts = " ".join(plan["safety"]["alerts"])
    assert "check ketones" in alerts and "during longer sessions" in alerts
    assert not any("no specific rules" in r for r in plan["safety"]["reasons"])  # the pump is insulin, not unknown
