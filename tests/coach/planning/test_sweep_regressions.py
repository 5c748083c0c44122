"""Violation classes the 5,000-profile property sweep (seeds 51-52) found, each on one fixed profile: the engine keeps
the rule (docs/plan-rules.md) where the sweep saw it broken."""
from __future__ import annotations

from coach.domain.profile import validate_profile
from coach.planning import make_plan, validate_plan
from coach.planning.heavy import heavy_sets
from coach.planning.hints import session_stances
from knowledge.corpus import get_passage

# rule 80: late pregnancy eases week 9's single-leg stand after the home add-on was written at it
LATE_PREGNANT_72 = {"age": 72, "height_cm": 160, "weight_kg": 50, "goal": "general_health", "days_per_week": 3,
                    "minutes_per_session": 10, "sex": "female", "experience": "intermediate", "currently_active": True,
                    "equipment": ["barbell", "none", "pullup_bar", "dumbbells", "bike"], "injuries": [],
                    "conditions": ["pregnancy"], "weeks_pregnant": 37,
                    "clearance": {"by": "Dr X", "date": "2026-01-01", "limits": None}}
# rule 60: the volume cap dropped the week's only hip hinge (a standing hip extension) as a "second" hip exercise
TEEN_NO_GEAR = {"age": 14, "height_cm": 202, "weight_kg": 158, "goal": "muscle_gain", "days_per_week": 5,
                "minutes_per_session": 60, "sex": "male", "experience": "intermediate", "currently_active": True,
                "equipment": [], "injuries": ["neck", "lower_back"], "conditions": [], "resting_hr": 61}
# rule 49: the first session's heavy squat (5 sets, 2-3 min rests) did not fit 45 minutes, so no session was heavy
LIFTER_2X45 = {"age": 53, "height_cm": 189, "weight_kg": 102, "goal": "muscle_gain", "days_per_week": 2,
               "minutes_per_session": 45, "sex": "other", "experience": "intermediate", "currently_active": True,
               "equipment": ["barbell", "pullup_bar", "pool"], "injuries": [], "conditions": [], "bp_systolic": 127,
               "bp_diastolic": 61, "preferences": {"likes": ["hiking"], "dislikes": ["tennis"]}}


def _plan(raw: dict, weeks: int) -> tuple[dict, list]:
    prof = validate_profile(raw)
    plan = make_plan(prof, weeks)
    return plan, validate_plan(plan, prof, kb_lookup=get_passage)


def test_home_balance_add_on_names_only_the_stances_the_final_sessions_hold():
    plan, found = _plan(LATE_PREGNANT_72, 12)
    assert not [v for v in found if v.rule == 80]
    for w in plan["weeks"]:
        add_on = (w.get("daily_activity") or {}).get("add_on") or {}
        if add_on.get("kind") == "balance" and "single_leg_stand" not in session_stances(w):
            assert "single-leg" not in add_on["text"].lower(), w["week"]


def test_volume_cap_keeps_the_weeks_only_hip_hinge_for_muscle_gain():
    plan, found = _plan(TEEN_NO_GEAR, 4)
    assert not [v for v in found if v.rule == 60]


def test_trained_lifter_gets_a_heavy_day_when_the_first_lift_cannot_fit_its_rests():
    plan, found = _plan(LIFTER_2X45, 4)
    assert not [v for v in found if v.rule == 49]
    for w in plan["weeks"]:
        if not w["deload"]:
            assert sum(bool(heavy_sets(s)) for s in w["sessions"]) == 1, w["week"]
