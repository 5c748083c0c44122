"""Nutrition advice where the goal needs it (issue 12, physician review): protein ~1.6 g/kg and a modest surplus for
muscle gain (Morton 2018), 1.0-1.2 g/kg with calcium/vitamin D per the doctor for fragile bones (ESCEO 2018) and
older adults (PROT-AGE 2013), RED-S warning signs for trained endurance athletes (IOC 2018); each reason cited to a
passage that covers it, and nothing under a hard stop, in pregnancy or (protein) with kidney disease."""
from __future__ import annotations

from coach.domain.profile import validate_profile
from coach.planning import make_plan, validate_plan
from knowledge.corpus import get_passage

BASE = {"age": 30, "sex": "male", "height_cm": 180, "weight_kg": 80, "goal": "general_health",
        "days_per_week": 3, "minutes_per_session": 45, "experience": "beginner", "currently_active": True,
        "equipment": ["gym"]}


def plan_for(**change) -> dict:
    prof = validate_profile({**BASE, **change})
    plan = make_plan(prof, 12)
    assert validate_plan(plan, prof, kb_lookup=get_passage) == []
    return plan


def cited(plan: dict, words: str) -> list[str]:
    """The passage ids cited for the reason containing `words`."""
    reasons = plan["safety"]["reasons"]
    idx = [i for i, r in enumerate(reasons) if words in r]
    assert idx, reasons
    return [c["id"] for c in plan["safety"]["reason_citations"] if c.get("reason") in idx]


def test_muscle_gain_gets_protein_and_surplus():
    plan = plan_for(goal="muscle_gain", experience="advanced")
    text = next(r for r in plan["safety"]["reasons"] if "protein" in r)
    assert "130 g" in text and "1.6 g per kg" in text and "surplus" in text
    assert cited(plan, "Eating for muscle") == ["kb-muscle-gain-energy-001"]
    assert "kb-muscle-gain-energy-001" in [c["id"] for c in plan["citations"]]


def test_teen_muscle_gain_eats_ordinary_food():
    plan = plan_for(age=15, height_cm=170, weight_kg=58, goal="muscle_gain")
    text = next(r for r in plan["safety"]["reasons"] if "protein" in r)
    assert "no supplements needed" in text


def test_osteoporosis_protein_calcium_vitamin_d_per_doctor():
    plan = plan_for(age=63, sex="female", weight_kg=58, height_cm=162, conditions=["osteoporosis"],
                    equipment=["dumbbells"])
    text = next(r for r in plan["safety"]["reasons"] if "protein" in r)
    assert "1.0-1.2 g per kg" in text and "calcium" in text and "vitamin D as your doctor advises" in text
    assert cited(plan, "For your bones") == ["kb-bone-nutrition-001"]


def test_older_adult_protein_prot_age():
    plan = plan_for(age=70, weight_kg=70)
    assert cited(plan, "To keep muscle as you train") == ["kb-protein-003"]


def test_endurance_athlete_red_s_warning():
    plan = plan_for(age=38, sex="female", weight_kg=55, height_cm=166, goal="endurance", experience="advanced",
                    days_per_week=6, minutes_per_session=70)
    text = next(r for r in plan["safety"]["reasons"] if "RED-S" in r)
    assert "periods" in text and "sports dietitian" in text
    assert cited(plan, "RED-S") == ["kb-energy-003"]


def test_no_nutrition_advice_under_hard_stop_pregnancy_or_kidney_disease():
    for change in ({"goal": "muscle_gain", "symptoms": ["chest_pain"]},
                   {"goal": "muscle_gain", "sex": "female", "conditions": ["pregnancy"], "pregnancy_trimester": 2},
                   {"goal": "muscle_gain", "conditions": ["kidney_disease"], "currently_active": True}):
        prof = validate_profile({**BASE, **change})
        plan = make_plan(prof, 12)
        assert not [r for r in plan["safety"]["reasons"] if "protein" in r or "RED-S" in r], change
