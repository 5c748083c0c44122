"""Physician review 14, finding 4: a powerlifter with a barbell and a shoulder injury was given wall push-ups at RPE
8-9 - the easiest push-up regression dosed as near-maximal. A trained lifter with a painful shoulder now presses a
load kb-shoulder-001 allows (a barbell floor press, a neutral-grip dumbbell floor press) at RPE 6-7 with the pain
rule, and no wall push-up is ever asked for at RPE 8 or more (rule 96). The profiles are this test's own."""
from __future__ import annotations

import pytest

from coach.domain.profile import validate_profile
from coach.planning import make_plan, validate_plan
from knowledge.catalog import load_catalog
from knowledge.corpus import get_passage

LIFTER = {"age": 31, "sex": "male", "height_cm": 181, "weight_kg": 93, "goal": "muscle_gain", "days_per_week": 4,
          "minutes_per_session": 70, "experience": "advanced", "currently_active": True, "equipment": ["barbell"],
          "injuries": ["shoulder"], "preferences": {"likes": ["powerlifting"]}, "language": "en"}
PRESSES = {"barbell_floor_press", "dumbbell_neutral_grip_floor_press"}


def plan_of(raw: dict) -> dict:
    p = validate_profile(raw)
    plan = make_plan(p, 12)
    assert validate_plan(plan, p, kb_lookup=get_passage) == []
    return plan


def pushes(plan: dict) -> list[tuple[dict, dict]]:
    cat = load_catalog()
    return [(s, e) for w in plan["weeks"] for s in w["sessions"] for e in s["exercises"]
            if e["id"] in cat and cat[e["id"]].pattern == "horizontal_push"]


def rpe(s: dict, e: dict) -> list[int]:
    return list(e.get("rpe") or s["intensity"]["rpe"])


@pytest.mark.parametrize("exp,gear,goal,want", [
    ("advanced", ["barbell"], "muscle_gain", "barbell_floor_press"),
    ("advanced", ["barbell"], "general_health", "barbell_floor_press"),
    ("intermediate", ["dumbbells"], "muscle_gain", "dumbbell_neutral_grip_floor_press"),
    ("advanced", ["gym"], "endurance", None)])
def test_a_trained_lifter_with_a_painful_shoulder_presses_a_load_the_passage_allows(exp, gear, goal, want):
    plan = plan_of({**LIFTER, "experience": exp, "equipment": gear, "goal": goal})
    found = pushes(plan)
    loaded = [(s, e) for s, e in found if e["id"] in PRESSES]
    assert loaded and (want is None or any(e["id"] == want for _, e in loaded))
    assert all(s["kind"] in ("strength", "mixed") for s, _ in loaded)
    assert all(rpe(s, e)[-1] <= 7 for s, e in found)
    assert all("pain-free range" in s["notes"] and "RPE 6-7" in s["notes"] for s, _ in loaded)


@pytest.mark.parametrize("raw", [
    {**LIFTER, "equipment": []}, {**LIFTER, "experience": "beginner", "currently_active": False},
    {**LIFTER, "goal": "general_health", "equipment": [], "experience": "intermediate"}])
def test_no_wall_push_up_is_dosed_near_maximal(raw):
    plan = plan_of(raw)
    walls = [(s, e) for s, e in pushes(plan) if e["id"].startswith("wall_push_up")]
    assert walls and all(rpe(s, e)[-1] <= 7 for s, e in walls)


def test_the_check_refuses_a_wall_push_up_at_rpe_8_9():
    p = validate_profile({**LIFTER, "equipment": []})
    plan = make_plan(p, 12)
    s, e = next((s, e) for s, e in pushes(plan) if e["id"].startswith("wall_push_up"))
    e["rpe"] = [8, 9]
    assert any(v.rule == 96 for v in validate_plan(plan, p, kb_lookup=get_passage))


def test_the_presses_are_only_offered_to_a_trained_person_with_a_painful_shoulder():
    healthy = plan_of({**LIFTER, "injuries": [], "equipment": ["barbell", "bench", "dumbbells"]})
    assert not {e["id"] for _, e in pushes(healthy)} & PRESSES
    new = plan_of({**LIFTER, "experience": "beginner", "currently_active": False})
    assert not {e["id"] for _, e in pushes(new)} & PRESSES
