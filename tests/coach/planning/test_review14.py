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
