"""Issue 12 (D2b item 4): chest pain with diabetes, known heart disease or from age 45: the hard stop asks for a
same-day medical assessment and names the emergency signs, instead of a routine "see a doctor" (kb-warning-signs-001)."""
from __future__ import annotations

import pytest

from coach.domain.profile import validate_profile
from coach.planning import make_plan, validate_plan
from knowledge.corpus import get_passage

BASE = {"age": 38, "sex": "male", "height_cm": 175, "weight_kg": 88, "goal": "fat_loss", "days_per_week": 3,
        "minutes_per_session": 40, "symptoms": ["chest_pain"]}


def _safety(**change) -> dict:
    prof = validate_profile({**BASE, **change})
    plan = make_plan(prof, 4)
    assert validate_plan(plan, prof, kb_lookup=get_passage) == []
    assert all(not w["sessions"] for w in plan["weeks"])
    return plan["safety"]


@pytest.mark.parametrize("change", [{"conditions": ["type2_diabetes"]}, {"conditions": ["type1_diabetes"]},
                                    {"conditions": ["heart_disease"]}, {"age": 45}, {"age": 67, "sex": "female"}])
def test_chest_pain_with_risk_is_checked_today(change):
    safety = _safety(**change)
    stop = safety["hard_stop"]
    assert stop["urgency"] == "today" and "today" in stop["what_now"] and "routine" in stop["what_now"]
    for sign in ("breathlessness", "sweating", "fainting", "arm", "jaw", "emergency services"):
        assert sign in stop["emergency_if"]
    assert not any("today or tomorrow" in a for a in safety["alerts"])
    assert any("today" in a and "emergency services" in a for a in safety["alerts"])


def test_chest_pain_without_those_risks_keeps_the_prompt_visit():
    stop = _safety()["hard_stop"]
    assert stop["urgency"] == "prompt"


def test_chinese_plan_keeps_the_same_day_stop():
    stop = _safety(age=60, language="zh")["hard_stop"]
    assert stop["urgency"] == "today"
