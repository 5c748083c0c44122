"""Muscle gain with a target weight below today's ("get stronger and lose 4 kg", typed at onboarding by a 35-year-old):
the plan advised "a small energy surplus of a few hundred kcal a day" against the loss she asked for. Now such a plan
gets the recomposition advice (kb-energy-004: maintenance or a modest deficit, protein, progress by strength and
waist), as obesity and overweight with high blood pressure already did."""
from __future__ import annotations

import pytest

import json

from coach.domain.profile import validate_profile
from coach.planning import make_plan, validate_plan
from knowledge.corpus import get_passage

BASE = {"age": 35, "sex": "female", "height_cm": 165, "weight_kg": 70, "experience": "intermediate",
        "currently_active": True, "goal": "muscle_gain", "days_per_week": 3, "minutes_per_session": 45,
        "equipment": ["dumbbells"]}


def _advice(**over) -> str:
    p = validate_profile({**BASE, **over})
    plan = make_plan(p, 4)
    assert validate_plan(plan, p, kb_lookup=get_passage) == []
    return json.dumps(plan, ensure_ascii=False)


@pytest.mark.parametrize("target", [66, 69.5, 60])
def test_a_target_below_todays_weight_gets_no_surplus(target):
    text = _advice(target_weight_kg=target, target_weeks=14)
    assert "energy surplus of a few hundred kcal" not in text
    assert "No energy surplus for you" in text


@pytest.mark.parametrize("over", [{}, {"target_weight_kg": 73, "target_weeks": 20}])
def test_no_target_or_a_gain_target_keeps_the_small_surplus(over):
    assert "energy surplus of a few hundred kcal" in _advice(**over)
