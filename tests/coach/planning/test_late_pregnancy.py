"""Issue 12, physician review item 5: a third-trimester plan had loaded hinges and no end point at delivery and no
postpartum restart note (kb-pregnancy-001: after delivery, return gradually once medically safe; after a caesarean,
plan it with a health professional)."""
from __future__ import annotations

import copy

import pytest

from coach.domain.profile import validate_profile
from coach.planning import make_plan, validate_plan
from knowledge.catalog import load_catalog
from knowledge.corpus import get_passage

T3 = {"age": 31, "sex": "female", "height_cm": 168, "weight_kg": 72, "resting_hr": 74, "experience": "intermediate",
      "currently_active": True, "goal": "general_health", "days_per_week": 4, "minutes_per_session": 45,
      "equipment": ["gym"], "conditions": ["pregnancy"], "pregnancy_trimester": 3}
LOADED_HINGE = ("deadlift", "pull_through", "bent_over", "swing", "high_pull", "pull_up", "inverted", "bulgarian")


def plan_for(**change):
    prof = validate_profile({**T3, **change})
    plan = make_plan(prof, 12)
    assert validate_plan(plan, prof, kb_lookup=get_passage) == []
    return plan, prof


@pytest.mark.parametrize("change", [{}, {"equipment": ["dumbbells", "kettlebell"]}, {"goal": "muscle_gain"}])
def test_the_third_trimester_drops_loaded_hinges_and_says_when_the_plan_ends(change):
    plan, _ = plan_for(**change)
    ids = {e["id"] for w in plan["weeks"] for s in w["sessions"] for e in s["exercises"]}
    assert not [i for i in ids if any(k in i for k in LOADED_HINGE) and load_catalog()[i].equipment != ("bands",)
                and set(load_catalog()[i].equipment) - {"bands"}], ids
    reasons = plan["safety"]["reasons"]
    end = [i for i, r in enumerate(reasons) if "until the birth" in r and "postnatal" in r]
    assert end, reasons
    cited = {c["id"] for c in plan["safety"]["reason_citations"] if c.get("reason") == end[0]}
    assert cited == {"kb-pregnancy-001"}


def test_the_validator_rejects_a_loaded_hinge_in_the_third_trimester():
    plan, prof = plan_for()
    bad = copy.deepcopy(plan)
    session = next(s for s in bad["weeks"][1]["sessions"] if any(e.get("sets") for e in s["exercises"]))
    ex = next(e for e in session["exercises"] if e.get("sets"))
    ex.update(id="dumbbell_romanian_deadlift", name="Dumbbell Romanian deadlift", equipment=["dumbbells"])
    assert any(v.rule == 47 for v in validate_plan(bad, prof))


def test_the_second_trimester_keeps_its_hinges_and_has_no_birth_note():
    plan, _ = plan_for(pregnancy_trimester=2)
    assert not any("until the birth" in r for r in plan["safety"]["reasons"])
