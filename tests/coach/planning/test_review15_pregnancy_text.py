"""Physician review 15: what the profile does not say is not stated as fact. The engine reads an active, trained
pregnant woman as possibly having exercised vigorously before pregnancy (kb-pregnancy-001/-006: those who did can
generally continue, with their provider's agreement); the plan words it as a condition. Profiles are this test's own."""
from __future__ import annotations

import pytest

from coach.domain.profile import validate_profile
from coach.planning import make_plan
from coach.planning.validator import validate_plan
from knowledge.corpus import get_passage

PREGNANT = {"age": 29, "sex": "female", "height_cm": 168, "weight_kg": 66, "experience": "advanced",
            "currently_active": True, "goal": "endurance", "days_per_week": 4, "minutes_per_session": 45,
            "equipment": ["dumbbells"], "conditions": ["pregnancy"], "pregnancy_weeks": 20, "language": "en"}


@pytest.mark.parametrize("extra", [{}, {"clearance": {"by": "midwife", "date": "2026-10-01", "limits": ""}},
                                   {"experience": "intermediate", "conditions": ["pregnancy", "gestational_diabetes"],
                                    "medications": ["insulin"], "goal": "general_health"}])
def test_vigorous_training_before_pregnancy_is_a_condition_not_a_fact(extra):
    prof = validate_profile({**PREGNANT, **extra})
    plan = make_plan(prof, 12)
    text = " ".join(plan["safety"]["reasons"]) + " " + plan["rationale"]
    assert "You trained hard before pregnancy" not in text and "Trained before pregnancy and" not in text
    assert "You were running before pregnancy" not in text
    assert "if you were doing vigorous exercise before pregnancy" in text.lower()
    assert validate_plan(plan, prof, kb_lookup=get_passage) == []


def test_a_runners_rationale_says_if_she_was_running():
    prof = validate_profile({**PREGNANT, "preferences": {"likes": ["running"], "dislikes": []}})
    rationale = make_plan(prof, 12)["rationale"]
    assert "If you were running regularly before pregnancy" in rationale
