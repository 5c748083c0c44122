"""Regression tests for the violation classes the widened property test (test_properties.py) and
bench/plan_bench.py's random profiles found; each failed before its engine fix.

- Rule 37 vs rule 68: heavy barbell sets rest 120 s (review8.barbell_safety); in a session too short for those rests
  (every lift at 2 sets, extras out, the person's full minutes) the lift stays at RPE 6-7 instead of overrunning the
  session.
- Rule 59 vs ladders: an owned item swapped in (owned.use_owned) stays in use in blocks 2 and 3 (a banded bridge no
  longer becomes a dowel hip hinge in week 5).
- Rule 37 vs rule 65: fragile bones' 8-12 repetitions fit a full-length session by trimming its stretches
  (careful.bone_default), not by overrunning it.
- Rule 62 vs COPD's light start: someone who did not say they are active, with higher-risk markers, starts light and
  steps up in a week whose minutes hold (careful.copd_light_start), as rule 62 asks.
"""
from __future__ import annotations

from coach.domain.profile import validate_profile
from coach.planning import make_plan, validate_plan
from coach.planning.measure import session_seconds
from coach.planning.review8 import HEAVY_RPE, effort, _heavy_multi
from knowledge.corpus import get_passage


def _violations(raw: dict, weeks: int = 12, rules: tuple[int, ...] = ()) -> list[str]:
    p = validate_profile(raw)
    found = validate_plan(make_plan(p, weeks), p, kb_lookup=get_passage)
    return [str(v) for v in found if not rules or v.rule in rules]


def _short_barbell(minutes: int, days: int, equipment: list[str], goal: str = "general_health") -> dict:
    return {"age": 33, "height_cm": 195, "weight_kg": 132, "goal": goal, "days_per_week": days,
            "minutes_per_session": minutes, "experience": "intermediate", "currently_active": True,
            "equipment": equipment, "resting_hr": 79}


def test_heavy_barbell_rests_fit_a_fifteen_minute_session():
    """bench seed 42: squat and deadlift at 120 s made 15.2 min of work in a 15-min session (rule 37)."""
    assert _violations(_short_barbell(15, 5, ["gym", "bands", "pool"]), rules=(37, 52, 68)) == []


def test_short_barbell_sessions_keep_time_and_heavy_rests_for_every_length_and_goal():
    bad = []
    for minutes in (15, 20):
        for days in (2, 5):
            for goal in ("general_health", "fat_loss", "muscle_gain"):
                for kit in (["gym"], ["barbell", "bench", "dumbbells"]):
                    raw = _short_barbell(minutes, days, kit, goal)
                    bad += [(minutes, days, goal, kit, v) for v in _violations(raw, rules=(37, 68))]
    assert bad == []


def test_a_lift_without_room_for_two_minute_rests_is_not_heavy():
    p = validate_profile(_short_barbell(15, 5, ["gym", "bands", "pool"]))
    plan = make_plan(p, 12)
    for w in plan["weeks"]:
        for s in w["sessions"]:
            assert session_seconds(s) <= 60 * s["minutes"] + 1e-6 or all(
                not e.get("rest_s") for e in s["exercises"] if isinstance(e.get("sets"), int))
            for e in s["exercises"]:
                if _heavy_multi(e, s) and e.get("rest_s"):
                    assert e["rest_s"] >= 120 and effort(e, s) >= HEAVY_RPE


def test_owned_bands_stay_in_use_after_the_ladder_steps_up():
    """bench seed 42: a 75-year-old with elbow and lower-back injuries, bands, machines and a pool: the banded bridge
    became a dowel hip hinge in week 5 and the bands went unused (rule 59)."""
    raw = {"age": 75, "height_cm": 175, "weight_kg": 72, "goal": "general_health", "days_per_week": 1,
           "minutes_per_session": 20, "experience": "intermediate", "currently_active": True,
           "equipment": ["bands", "machines", "pool"], "injuries": ["elbow", "lower_back"], "conditions": [],
           "resting_hr": 48}
    assert _violations(raw, rules=(59, 60)) == []


def test_owned_items_are_used_in_every_block_across_injuries():
    bad = []
    for injuries in ([], ["lower_back"], ["elbow", "lower_back"], ["knee"], ["shoulder", "wrist"]):
        for kit in (["bands", "machines"], ["bands", "kettlebell"]):
            for age in (70,):
                raw = {"age": age, "height_cm": 170, "weight_kg": 75, "goal": "general_health",
                       "days_per_week": 2, "minutes_per_session": 30, "experience": "intermediate",
                       "currently_active": True, "equipment": kit, "injuries": injuries}
                bad += [(injuries, kit, age, v) for v in _violations(raw, rules=(59,))]
    assert bad == []


def test_copd_without_a_stated_activity_steps_up_in_a_week_whose_minutes_hold():
    """widened property test, seed 2026: COPD and hypertension, activity not stated: light weeks 1-2, then moderate in
    week 3 while the session and the walks grew (rule 62: inactive higher-risk people, one change at a time)."""
    raw = {"age": 51, "height_cm": 155, "weight_kg": 119, "goal": "general_health", "days_per_week": 1,
           "minutes_per_session": 120, "sex": "other", "experience": "advanced",
           "equipment": ["pullup_bar", "bike", "bands", "machines"], "injuries": ["hip", "shoulder"],
           "conditions": ["copd", "hypertension"], "bp_systolic": 127, "bp_diastolic": 61}
    assert _violations(raw, rules=(62,)) == []
    raw2 = {"age": 63, "height_cm": 146, "weight_kg": 63, "goal": "fat_loss", "days_per_week": 5,
            "minutes_per_session": 120, "sex": "other", "experience": "advanced",
            "equipment": ["pool", "gym", "bands", "bench"], "conditions": ["falls", "copd"],
            "medications": ["metformin", "insulin"], "resting_hr": 95}
    assert _violations(raw2, rules=(62,)) == []


def test_fragile_bones_longer_repetitions_fit_by_trimming_the_stretches():
    """widened property test, seed 1: osteoporosis, 25-minute mixed sessions at the person's length: rule 65's 8-12
    repetitions in block 3 made 26 min of work (rule 37); the stretches give a minute instead."""
    raw = {"age": 64, "height_cm": 147, "weight_kg": 123, "goal": "mobility", "days_per_week": 3,
           "minutes_per_session": 25, "experience": "advanced", "equipment": [], "injuries": ["shoulder", "ankle"],
           "conditions": ["lupus", "osteoporosis"], "medications": ["sulfonylurea"],
           "preferences": {"likes": ["dancing"], "dislikes": []}}
    assert _violations(raw, rules=(37, 65)) == []


def test_fragile_bones_longer_repetitions_fit_every_short_session_shape():
    """widened sweeps (seed 3, an osteoporosis sweep): the 8-12 repetitions overran 25-, 20- and 15-minute sessions
    whose room was in balance blocks, a third set of a hold, or nowhere (then a circuit, rules 37 and 52)."""
    base = {"height_cm": 178, "weight_kg": 100, "conditions": ["osteoporosis"]}
    profiles = [
        {"age": 49, "goal": "fat_loss", "days_per_week": 7, "minutes_per_session": 25, "experience": "intermediate",
         "currently_active": True, "equipment": [], "injuries": ["neck"], "conditions": ["osteoporosis", "falls"]},
        {"age": 30, "goal": "general_health", "days_per_week": 3, "minutes_per_session": 20, "experience": "beginner",
         "currently_active": True, "equipment": ["pullup_bar"], "injuries": ["lower_back", "hip"],
         "conditions": ["hypertension", "osteoporosis"]},
        {"age": 26, "goal": "general_health", "days_per_week": 2, "minutes_per_session": 15, "experience": "beginner",
         "equipment": ["bench", "pullup_bar"], "medications": ["sulfonylurea"]},
    ]
    bad = [(p, v) for p in profiles for v in _violations({**base, **p}, rules=(37, 52, 65))]
    assert bad == []
