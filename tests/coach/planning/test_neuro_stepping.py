"""Review 11 after the supported-form fix: a post-stroke plan still had "Bench step-ups (cardio)" as its aerobic work.
Stepping onto a bench or stairs as cardio is one leg taking the body's weight on a raised surface: after a stroke, with
Parkinson's or MS it is left out (engine) and rejected (validator, rule 75) unless done in a supported form
(kb-stroke-001: seated or supported options when balance is poor)."""
from __future__ import annotations

import pytest

from coach.domain.profile import validate_profile
from coach.planning import make_plan, validate_plan
from coach.planning.context import make_context
from coach.safety.screening import screen
from knowledge.catalog import load_catalog
from knowledge.corpus import get_passage

BASE = {"age": 66, "sex": "female", "height_cm": 163, "weight_kg": 70, "goal": "fat_loss", "days_per_week": 4,
        "minutes_per_session": 40, "equipment": ["bench", "dumbbells"], "experience": "beginner",
        "currently_active": True, "preferences": {"likes": ["step aerobics", "stairs"], "dislikes": []}}
STEPPING = ("bench_step_ups_cardio", "stair_step_ups")


@pytest.mark.parametrize("condition", ["stroke", "parkinsons", "multiple_sclerosis"])
def test_step_up_cardio_is_not_allowed_with_a_neurological_condition(condition):
    p = validate_profile({**BASE, "conditions": [condition]})
    ctx, cat = make_context(p, screen(p), "en", 12), load_catalog()
    assert not any(ctx.allowed(cat[i]) for i in STEPPING)
    assert ctx.allowed(cat["stationary_bike"]) if "stationary_bike" in cat else True


def test_step_up_cardio_stays_allowed_without_one():
    p = validate_profile({**BASE, "conditions": []})
    ctx, cat = make_context(p, screen(p), "en", 12), load_catalog()
    assert any(ctx.allowed(cat[i]) for i in STEPPING)


@pytest.mark.parametrize("condition", ["stroke", "parkinsons"])
def test_no_plan_week_steps_onto_a_bench_as_cardio(condition):
    p = validate_profile({**BASE, "conditions": [condition]})
    plan = make_plan(p, 12)
    assert validate_plan(plan, p, kb_lookup=get_passage) == []
    found = {e["id"] for w in plan["weeks"] for s in w["sessions"] for e in s["exercises"]}
    assert not found & set(STEPPING)


def test_the_validator_rejects_step_up_cardio_in_a_post_stroke_plan():
    p = validate_profile({**BASE, "conditions": ["stroke"]})
    plan = make_plan(p, 4)
    s = next(s for w in plan["weeks"] for s in w["sessions"] if s["kind"] in ("aerobic", "mixed"))
    s["exercises"].append({"id": "bench_step_ups_cardio", "name": "Bench step-ups (cardio)", "minutes": 10,
                           "muscle_groups": ["quads", "glutes"], "equipment": ["bench"]})
    assert 75 in {v.rule for v in validate_plan(plan, p, kb_lookup=get_passage)}
