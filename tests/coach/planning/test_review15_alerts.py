"""Physician review 15, alert texts: a symptom hard stop's emergency advice follows the symptoms named (dizziness:
sit or lie down, when to call; on blood-pressure medicine or a diuretic, a word on low blood pressure or too little
fluid; ankle swelling with breathlessness), in English and Chinese (kb-warning-signs-001, kb-orthostatic-001,
kb-heart-failure-001); no English fragment in a Chinese plan's weight-target alert. Profiles are this test's own."""
from __future__ import annotations

import re

import pytest

from coach.domain.profile import validate_profile
from coach.planning import make_plan
from coach.planning.validator import validate_plan
from knowledge.corpus import get_passage

BASE = {"age": 66, "sex": "female", "height_cm": 160, "weight_kg": 64, "experience": "beginner",
        "currently_active": False, "goal": "general_health", "days_per_week": 3, "minutes_per_session": 30,
        "equipment": ["none"], "language": "en"}


def plan(**change):
    prof = validate_profile({**BASE, **change})
    out = make_plan(prof, 12)
    assert validate_plan(out, prof, kb_lookup=get_passage) == []
    return out


def test_dizziness_brings_sit_down_and_when_to_call_not_chest_pain_alone():
    safety = plan(symptoms=["dizziness"])["safety"]
    signs = safety["hard_stop"]["emergency_if"]
    assert "sit or lie down" in signs and "faint" in signs and "emergency services" in signs
    assert "sweating, nausea" not in signs  # (the chest-pain wording is for chest pain)
    assert not any("call emergency services at once if chest pain" in a for a in safety["alerts"])
    assert any("dizziness" in a and "today or tomorrow" in a for a in safety["alerts"])
    assert not any("water tablet" in a for a in safety["alerts"])  # no blood-pressure medicine named


@pytest.mark.parametrize("meds", [["furosemide"], ["lisinopril"], ["diuretic"], ["amlodipine", "metformin"]])
def test_dizziness_on_blood_pressure_medicine_or_a_diuretic_names_low_pressure_and_fluid(meds):
    safety = plan(symptoms=["dizziness"], medications=meds, conditions=["hypertension"])["safety"]
    alert = next(a for a in safety["alerts"] if "water tablet" in a)
    assert "too low" in alert and "short of fluid" in alert and "tell the doctor" in alert
    idx = safety["alerts"].index(alert)
    assert any(c.get("alert") == idx and c["id"] == "kb-orthostatic-001" for c in safety["reason_citations"])


def test_ankle_swelling_with_breathlessness_says_when_it_is_urgent():
    signs = plan(symptoms=["ankle_swelling", "shortness_of_breath"], conditions=["kidney_disease"])[
        "safety"]["hard_stop"]["emergency_if"]
    assert "Swollen ankles" in signs and "same day" in signs and "lying flat" in signs
    assert "does not ease with rest" in signs


def test_palpitations_are_in_the_emergency_signs():
    signs = plan(symptoms=["palpitations"])["safety"]["hard_stop"]["emergency_if"]
    assert "irregular heartbeat" in signs and "few minutes of rest" in signs


def test_chest_pain_keeps_its_own_emergency_words():
    signs = plan(symptoms=["chest_pain"], age=40)["safety"]["hard_stop"]["emergency_if"]
    assert "sweating, nausea" in signs and "arm, jaw or back" in signs


def test_chinese_weight_target_alert_has_no_english_fragment():
    safety = plan(language="zh", goal="fat_loss", weight_kg=80, target_weight_kg=66, target_weeks=8)["safety"]
    alerts = " ".join(safety["alerts"])
    assert "每周" in alerts and "safe rate" not in alerts and "kg per week" not in alerts
    assert not re.search(r"[A-Za-z]{3,}", alerts.replace("kb-", ""))
