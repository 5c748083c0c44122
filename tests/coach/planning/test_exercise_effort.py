"""Issue 12, physician review items 7 and 3: one RPE for a whole session asked for bird dogs at RPE 7-8; each exercise
now carries its own effort (trunk work a step easier, balance and mobility light), and frail people's chair stands
step their repetitions up by block."""
from __future__ import annotations

import copy

from coach.domain.profile import validate_profile
from coach.planning import make_plan, validate_plan
from coach.progression.rules import lighten
from knowledge.corpus import get_passage

LIFTER = {"age": 35, "sex": "male", "height_cm": 180, "weight_kg": 80, "goal": "muscle_gain", "days_per_week": 4,
          "minutes_per_session": 60, "experience": "advanced", "currently_active": True, "equipment": ["gym"],
          "injuries": ["lower_back"]}
FRAIL = {"age": 82, "sex": "female", "height_cm": 155, "weight_kg": 52, "goal": "mobility", "days_per_week": 3,
         "minutes_per_session": 30, "equipment": ["bands"], "conditions": ["osteoporosis", "falls", "walking_aid"],
         "experience": "beginner", "currently_active": False}
TRUNK = {"core", "obliques", "lower_back"}


def plan_for(d: dict) -> tuple[dict, object]:
    prof = validate_profile(d)
    plan = make_plan(prof, 12)
    assert validate_plan(plan, prof, kb_lookup=get_passage) == []
    return plan, prof


def test_trunk_balance_and_mobility_work_are_easier_than_a_hard_lifting_day():
    plan, _ = plan_for(LIFTER)
    hard = [s for w in plan["weeks"] for s in w["sessions"] if s["intensity"]["rpe"][1] >= 8 and s["exercises"]]
    assert hard
    trunk = [e for s in hard for e in s["exercises"] if e.get("sets") and set(e["muscle_groups"]) <= TRUNK]
    assert trunk and all(e["rpe"][1] <= 6 for e in trunk), [(e["id"], e["rpe"]) for e in trunk]
    for s in hard:
        for e in s["exercises"]:
            if e.get("sets"):
                assert e["rpe"][1] <= s["intensity"]["rpe"][1]
            if e.get("sets") and not set(e["muscle_groups"]) <= TRUNK:
                assert e["rpe"] == s["intensity"]["rpe"]  # the main lifts carry the session's effort


def test_balance_work_is_light_for_older_adults():
    plan, _ = plan_for({**FRAIL, "age": 70, "conditions": [], "goal": "general_health"})
    balance = [e for w in plan["weeks"] for s in w["sessions"] for e in s["exercises"] if e["kind"] == "balance"]
    assert balance and all(e["rpe"][1] <= 4 for e in balance)


def test_a_lighter_day_lowers_every_exercises_effort_too():
    plan, prof = plan_for(LIFTER)
    session = copy.deepcopy(next(s for s in plan["weeks"][5]["sessions"] if s["intensity"]["rpe"][1] >= 8))
    lighten(session, prof)
    top = session["intensity"]["rpe"][1]
    assert all(e["rpe"][1] <= top for e in session["exercises"] if "rpe" in e)


def test_frail_chair_stands_step_up_their_repetitions_by_block():
    plan, _ = plan_for(FRAIL)
    # chair stands 8-10 → 8-12; from block 2 they hold a weight at 8-12 (ladders.py), step-ups in block 3
    legs = ("sit_to_stand", "box_squat", "sit_to_stand_weighted", "supported_step_up")
    reps = [{e["reps"] for s in w["sessions"] for e in s["exercises"] if e["id"] in legs} for w in plan["weeks"]]
    assert reps[0] == {"8-10"} and reps[5] == {"8-12"} and reps[11] == {"8-12"}, reps
    sets = [max(e["sets"] for s in w["sessions"] for e in s["exercises"] if e["id"] in legs) for w in plan["weeks"]]
    assert sets[11] > sets[0]
