"""Rule 45 (coach/planning/lifters.py): trained lifters building muscle get kb-hypertrophy-001's weekly volume,
compound lifts before isolation work, and a loaded carry once a week where their equipment allows."""
from __future__ import annotations

import copy
import random

import pytest

from coach.domain.profile import validate_profile
from coach.planning import make_plan, validate_plan
from coach.planning.lifters import COMPOUND, ISOLATION, VOLUME_GROUPS, is_lifter
from knowledge.catalog import load_catalog
from knowledge.corpus import get_passage

LIFTER = {"age": 28, "sex": "male", "height_cm": 180, "weight_kg": 80, "experience": "intermediate",
          "currently_active": True, "goal": "muscle_gain", "days_per_week": 4, "minutes_per_session": 60}
GEAR = [["gym"], ["dumbbells"], ["dumbbells", "bench"], ["kettlebell"], ["bands"], []]


def plan_for(change: dict) -> tuple[dict, object]:
    prof = validate_profile({**LIFTER, **change})
    plan = make_plan(prof, 12)
    assert validate_plan(plan, prof, kb_lookup=get_passage) == []
    return plan, prof


def group_sets(week: dict, groups: set[str]) -> int:
    return sum(e.get("sets") or 0 for s in week["sessions"] for e in s["exercises"]
               if set(e.get("muscle_groups") or []) & groups)


@pytest.mark.parametrize("gear", GEAR)
@pytest.mark.parametrize("days, minutes", [(3, 60), (4, 60), (5, 45)])
def test_each_major_group_gets_ten_sets_a_week(gear, days, minutes):
    plan, _ = plan_for({"equipment": gear, "days_per_week": days, "minutes_per_session": minutes,
                        "experience": "advanced" if days == 5 else "intermediate"})
    for w in plan["weeks"]:
        if not w["deload"]:
            short = {g: group_sets(w, gs) for g, gs in VOLUME_GROUPS.items() if group_sets(w, gs) < 10}
            assert short == {}, (w["week"], short)


@pytest.mark.parametrize("gear", GEAR)
def test_compound_lifts_come_before_isolation_work(gear):
    plan, _ = plan_for({"equipment": gear, "days_per_week": 5})
    cat = load_catalog()
    for w in plan["weeks"]:
        for s in w["sessions"]:
            patterns = [cat[e["id"]].pattern for e in s["exercises"] if e.get("sets")]
            first_iso = next((i for i, x in enumerate(patterns) if x in ISOLATION), len(patterns))
            assert not [x for x in patterns[first_iso:] if x in COMPOUND], (w["week"], s["day"], patterns)


@pytest.mark.parametrize("gear, carry", [(["dumbbells"], True), (["kettlebell"], True), (["gym"], True),
                                         (["bands"], False), ([], False)])
def test_a_loaded_carry_once_a_week_where_the_equipment_allows(gear, carry):
    plan, _ = plan_for({"equipment": gear})
    for w in plan["weeks"]:
        days = [s["day"] for s in w["sessions"] for e in s["exercises"] if "carry" in e["id"]]
        assert len(days) == (1 if carry else 0), (w["week"], days)


def test_the_validator_rejects_isolation_first_and_too_few_sets():
    plan, prof = plan_for({"equipment": ["dumbbells"]})
    cat = load_catalog()
    bad = copy.deepcopy(plan)
    s = next(s for s in bad["weeks"][0]["sessions"] if any(cat[e["id"]].pattern in ISOLATION for e in s["exercises"]
                                                           if e["id"] in cat and e.get("sets")))
    s["exercises"].sort(key=lambda e: cat[e["id"]].pattern not in ISOLATION if e["id"] in cat else True)
    assert any(v.rule == 45 and "isolation" in v.message for v in validate_plan(bad, prof))
    thin = copy.deepcopy(plan)
    for w in thin["weeks"]:
        for s in w["sessions"]:
            for e in s["exercises"]:
                if e.get("sets"):
                    e["sets"] = 2
    assert any(v.rule == 45 and "sets for the" in v.message for v in validate_plan(thin, prof))


def test_random_lifters_break_no_rule():
    rng = random.Random(45)
    n = 0
    while n < 150:
        raw = {**LIFTER, "age": rng.randint(18, 64), "days_per_week": rng.randint(1, 7),
               "minutes_per_session": rng.choice([20, 30, 45, 60, 75, 90]),
               "experience": rng.choice(["intermediate", "advanced"]),
               "equipment": rng.choice(GEAR), "injuries": rng.sample(["knee", "shoulder", "lower_back", "wrist"],
                                                                     rng.choice([0, 0, 1]))}
        prof = validate_profile(raw)
        assert is_lifter(prof)
        plan = make_plan(prof, 12)
        assert validate_plan(plan, prof, kb_lookup=get_passage) == [], raw
        n += 1
