"""Rule 85: moderate loads with high blood pressure (kb-hypertension-001, kb-hypertension-004: dynamic resistance
training with moderate loads, sets of about 10, no maximal lifts). Before: a treated hypertensive intermediate lifter
building muscle had barbell deadlifts and Romanian deadlifts at 5-8 repetitions, an advanced one rows at 6-12."""
from __future__ import annotations

import copy

import pytest

from coach.domain.profile import validate_profile
from coach.planning import make_plan, validate_plan
from coach.planning.bp_loads import MIN_REPS, low_end
from knowledge.catalog import load_catalog
from knowledge.corpus import get_passage

LOADED = {"barbell", "dumbbells", "kettlebell", "machines"}
LIFTER = {"age": 51, "sex": "female", "height_cm": 166, "weight_kg": 70, "experience": "advanced",
          "currently_active": True, "goal": "muscle_gain", "days_per_week": 4, "minutes_per_session": 75,
          "equipment": ["barbell", "dumbbells", "bench", "machines"], "conditions": ["hypertension"],
          "medications": ["other"], "bp_systolic": 136, "bp_diastolic": 86, "language": "en"}


def loaded_sets(plan: dict) -> list[tuple[int, dict]]:
    cat = load_catalog()
    return [(w["week"], e) for w in plan["weeks"] for s in w["sessions"] for e in s["exercises"]
            if isinstance(e.get("sets"), int) and LOADED & set(cat[e["id"]].equipment)]


@pytest.mark.parametrize("level", ["intermediate", "advanced"])
def test_a_hypertensive_lifter_keeps_every_loaded_lift_at_eight_repetitions_or_more(level):
    raw = dict(LIFTER, experience=level)
    p = validate_profile(raw)
    plan = make_plan(p, 12)
    assert validate_plan(plan, p, kb_lookup=get_passage) == []
    sets = loaded_sets(plan)
    assert sets, "the lifter keeps her loaded lifts"
    low = [(wk, e["id"], e["reps"]) for wk, e in sets if (low_end(e["reps"]) or MIN_REPS) < MIN_REPS]
    assert low == []


def test_a_measured_stage_two_reading_without_a_diagnosis_also_keeps_moderate_loads():
    raw = dict(LIFTER, conditions=[], medications=[], bp_systolic=148, bp_diastolic=92)
    p = validate_profile(raw)
    plan = make_plan(p, 12)
    assert validate_plan(plan, p, kb_lookup=get_passage) == []
    assert all((low_end(e["reps"]) or MIN_REPS) >= MIN_REPS for _, e in loaded_sets(plan))


def test_the_same_lifter_without_high_blood_pressure_still_lifts_heavier_sets():
    raw = dict(LIFTER, conditions=[], medications=[], bp_systolic=118, bp_diastolic=74)
    plan = make_plan(validate_profile(raw), 12)
    assert any((low_end(e["reps"]) or MIN_REPS) < MIN_REPS for _, e in loaded_sets(plan))


def test_the_validator_refuses_a_heavy_set_with_high_blood_pressure():
    p = validate_profile(LIFTER)
    plan = copy.deepcopy(make_plan(p, 12))
    _, lift = next((wk, e) for wk, e in loaded_sets(plan) if wk == 2)
    lift["reps"] = "5-8"
    rules = {v.rule for v in validate_plan(plan, p, kb_lookup=get_passage)}
    assert 85 in rules
