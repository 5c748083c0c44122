"""After a birth (postpartum, caesarean, diastasis recti with `weeks_since_birth`): the violation classes the widened
property test (test_properties.py) found in postnatal_core.py and postnatal_phase.py, each on a profile the sweep
drew (rules 33, 35, 41, 57, 62)."""
from __future__ import annotations

import random

from coach.domain.profile import validate_profile
from coach.planning import make_plan, validate_plan
from coach.planning.measure import label_of, sets_of, top_rpe
from coach.planning.ramp import _total
from knowledge.corpus import get_passage
from tests.coach.planning.test_properties import _after_birth, horizon, random_profile

LADDER = {"supine_march", "dead_bug", "side_plank_on_knees", "side_plank"}


def _plan(raw: dict, weeks: int):
    prof = validate_profile(raw)
    plan = make_plan(prof, weeks)
    return plan, prof, validate_plan(plan, prof, kb_lookup=get_passage)


def _rules(violations) -> set[int]:
    return {v.rule for v in violations}


def _ladder(week: dict) -> set[str]:
    """The core steps of the week's sessions, or of the home add-on on the walk days where no session had room."""
    home = ((week.get("daily_activity") or {}).get("add_on") or {}).get("exercise")
    return {e["id"] for s in week["sessions"] for e in s["exercises"] if e.get("id") in LADDER and sets_of(e)} | (
        {home} if home in LADDER else set())


# waiting for clearance (heart disease, no clearance recorded), 10 weeks after the birth: week 1 is on the dead bug
PENDING = {"age": 30, "height_cm": 148, "weight_kg": 67, "goal": "fat_loss", "days_per_week": 4,
           "minutes_per_session": 75, "experience": "beginner", "currently_active": True,
           "equipment": ["bench", "pool", "bike", "none", "machines"], "injuries": ["wrist"],
           "conditions": ["heart_disease", "copd", "diastasis_recti"], "weeks_since_birth": 10}


def test_pending_clearance_keeps_week_one_core_step_and_never_says_next_step():
    plan, _, found = _plan(PENDING, 6)
    assert plan["safety"]["clearance_required"]
    assert not _rules(found) & {33, 41, 57}, found
    first = _ladder(plan["weeks"][0])
    assert first == {"dead_bug"}
    assert all(_ladder(w) == first for w in plan["weeks"])  # week 13 after the birth still the dead bug
    assert "next step" not in str(plan["weeks"]).lower()


def test_pending_clearance_from_the_recovery_weeks_keeps_the_gentle_moves():
    """2 weeks after a caesarean, waiting for clearance: the recovery weeks' gentle moves and step 0 throughout."""
    raw = {"age": 30, "height_cm": 161, "weight_kg": 62, "goal": "muscle_gain", "days_per_week": 4,
           "minutes_per_session": 25, "sex": "female", "experience": "intermediate", "currently_active": False,
           "equipment": [], "injuries": [], "conditions": ["caesarean", "postpartum"], "weeks_since_birth": 2,
           "medications": ["metformin", "insulin"], "resting_hr": 103,
           "preferences": {"likes": ["walking", "running"], "dislikes": []}}
    plan, _, found = _plan(raw, 8)
    assert plan["safety"]["clearance_required"]
    assert not _rules(found) & {33, 41, 57}, found
    assert all(_ladder(w) <= {"supine_march"} for w in plan["weeks"])


def test_effort_waits_for_a_week_whose_minutes_hold():
    """Inactive (activity not stated) at 60 after birth: the rebuild phase's RPE 5-6 does not come in a week whose
    minutes rise (rule 62); the deload week is never harder than the full week before it."""
    raw = {"age": 60, "height_cm": 168, "weight_kg": 87, "goal": "endurance", "days_per_week": 7,
           "minutes_per_session": 30, "sex": "other", "experience": "intermediate",
           "equipment": ["pullup_bar", "pool", "treadmill"], "injuries": [], "conditions": ["diastasis_recti"],
           "weeks_since_birth": 8, "resting_hr": 99, "bp_systolic": 97, "bp_diastolic": 55}
    plan, _, found = _plan(raw, 12)
    assert 62 not in _rules(found), found
    weeks = plan["weeks"]
    full = [w for w in weeks if not w["deload"]]
    for a, w in zip(full, full[1:]):
        if _total(w) > _total(a):
            assert max(map(top_rpe, w["sessions"])) <= max(map(top_rpe, a["sessions"]))
    for i, w in enumerate(weeks[1:], 1):
        if w["deload"]:
            assert max(map(top_rpe, w["sessions"])) <= max(map(top_rpe, weeks[i - 1]["sessions"]))
    assert all(label_of(s) != "vigorous" for w in weeks for s in w["sessions"])


def test_core_step_takes_the_room_new_sets_leave():
    """Week 3 adds a third set where its rests fall; the new sets wait a week and the dead bug gets their minutes
    (rule 57: the step in every full week with room)."""
    raw = {"age": 29, "height_cm": 165, "weight_kg": 83, "goal": "mobility", "days_per_week": 6,
           "minutes_per_session": 30, "sex": "female", "experience": "beginner", "currently_active": False,
           "equipment": ["kettlebell", "bands", "treadmill", "bench", "bike"], "injuries": ["neck", "hip"],
           "conditions": ["postpartum"], "weeks_since_birth": 8, "resting_hr": 82, "sleep_hours": 5}
    plan, _, found = _plan(raw, 4)
    assert 57 not in _rules(found), found


def test_copd_swaps_stay_upright():
    """COPD one week after the birth: the gentle swap for a pull is not a face-down raise (rule 35)."""
    raw = {"age": 30, "height_cm": 159, "weight_kg": 47, "goal": "general_health", "days_per_week": 5,
           "minutes_per_session": 25, "sex": "female", "experience": "beginner", "currently_active": False,
           "equipment": ["none", "machines", "pullup_bar", "pool"], "injuries": [], "conditions": ["copd",
                                                                                                 "diastasis_recti"],
           "weeks_since_birth": 1, "bp_systolic": 113, "bp_diastolic": 60,
           "clearance": {"by": "Dr X", "date": "2026-01-01", "limits": "no running"}}
    plan, _, found = _plan(raw, 4)
    assert 35 not in _rules(found), found
    assert not any("prone" in e["id"] for w in plan["weeks"] for s in w["sessions"] for e in s["exercises"]
                   if sets_of(e))


def test_after_birth_sweep_keeps_pending_core_and_one_change():
    """A small sweep of the property test's after-birth profiles: no rule 33, 41 or 62 violation."""
    rng, seen, bad = random.Random(7), 0, []
    while seen < 60:
        raw, weeks = random_profile(rng), horizon(rng)
        if not _after_birth(raw) or "copd" in raw["conditions"]:
            continue
        seen += 1
        _, _, found = _plan(raw, weeks)
        bad += [(raw, str(v)) for v in found if v.rule in (33, 41, 62)]
    assert bad == []
