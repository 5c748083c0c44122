"""Review 10's findings fixed by the lead: a post-stroke plan had no balance work and an unsupported split squat
(kb-stroke-001: balance near a support, supported options), and a floor press went to someone who dislikes floor
exercises."""
from __future__ import annotations

import pytest

from coach.domain.profile import validate_profile
from coach.planning import make_plan
from coach.planning.validator import validate_plan
from knowledge.catalog import load_catalog

NEURO = [
    {"age": 58, "sex": "male", "height_cm": 176, "weight_kg": 84, "goal": "general_health", "days_per_week": 3,
     "minutes_per_session": 40, "equipment": ["dumbbells"], "conditions": ["stroke"], "currently_active": False,
     "clearance": {"by": "stroke team", "date": "2026-10-01"}},
    {"age": 47, "height_cm": 165, "weight_kg": 60, "goal": "fat_loss", "days_per_week": 4,
     "minutes_per_session": 45, "equipment": ["gym"], "conditions": ["multiple_sclerosis"], "experience": "intermediate",
     "currently_active": True, "clearance": {"by": "neurologist", "date": "2026-09-01"}},
]


@pytest.mark.parametrize("raw", NEURO)
def test_stroke_or_ms_gets_balance_work_and_only_supported_one_leg_moves(raw):
    p = validate_profile(raw)
    plan = make_plan(p, 12)
    catalog = load_catalog()
    for w in plan["weeks"]:
        kinds = [e.get("kind") for s in w["sessions"] for e in s["exercises"]]
        assert "balance" in kinds, w["week"]  # (muscle gain: not yet, its sets need the minutes: rule 45)
        for s in w["sessions"]:
            for e in s["exercises"]:
                c = catalog.get(e["id"])
                if c and c.region == "lower" and c.kind != "balance" and (c.per_side or c.pattern == "lunge"):
                    assert any(word in c.id for word in ("supported", "wall", "chair", "seated", "box", "step_up")) \
                        or c.id in ("standing_hip_abduction", "standing_hip_extension"), (w["week"], c.id)
    assert validate_plan(plan, p) == []


def test_a_dislike_of_floor_exercises_leaves_out_floor_work():
    raw = {"age": 40, "height_cm": 170, "weight_kg": 70, "goal": "general_health", "days_per_week": 3,
           "minutes_per_session": 40, "equipment": ["dumbbells", "bands"],
           "preferences": {"dislikes": ["floor exercises"]}}
    p = validate_profile(raw)
    plan = make_plan(p, 12)
    ids = {e["id"] for w in plan["weeks"] for s in w["sessions"] for e in s["exercises"]}
    assert not [i for i in ids if any(x in i for x in ("floor", "bridge", "plank", "dead_bug", "bird_dog", "crunch"))], ids
    assert validate_plan(plan, p) == []
