"""After-birth profiles the property sweep found breaking a rule (tests/coach/planning/test_properties.py's KNOWN_GAPS
until then): each class with one profile that failed before its fix."""
from __future__ import annotations

import pytest

from coach.domain.profile import validate_profile
from coach.planning import make_plan, validate_plan
from knowledge.corpus import get_passage


def _violations(raw: dict, weeks: int) -> tuple[dict, list[str]]:
    prof = validate_profile(raw)
    plan = make_plan(prof, weeks)
    return plan, [str(v) for v in validate_plan(plan, prof, kb_lookup=get_passage)]


def _modes(week: dict) -> list[str]:
    return [str(e.get("id")) for s in week["sessions"] if s.get("kind") in ("aerobic", "mixed")
            for e in s["exercises"] if e.get("kind") == "aerobic" and not e.get("sets")]


COPD_BIRTH = {"age": 55, "height_cm": 197, "weight_kg": 122, "goal": "fat_loss", "days_per_week": 4,
              "minutes_per_session": 75, "sex": "female", "experience": "intermediate", "currently_active": True,
              "equipment": ["bike"], "injuries": [], "conditions": ["postpartum", "copd"], "weeks_since_birth": 0}


def test_copd_walks_only_before_the_postnatal_check_then_walks_and_cycles():
    """Rule 35 yields to kb-postpartum-001 before the check (walking only); from week 7 after the birth it holds."""
    plan, found = _violations(COPD_BIRTH, 10)
    assert found == []
    weeks = plan["weeks"]
    assert all("bike" not in m for w in weeks[:6] for m in _modes(w))
    assert any("bike" in m for m in _modes(weeks[6])) and any("walk" in m for m in _modes(weeks[6]))


def test_copd_warm_up_before_lifting_cycles_when_the_session_walks():
    """Rule 35: muscle gain's warm-up before the lifting (careful.lift_first_cardio) is the bike for a walking day."""
    raw = {"age": 21, "height_cm": 195, "weight_kg": 103, "goal": "muscle_gain", "days_per_week": 1,
           "minutes_per_session": 180, "sex": "female", "experience": "beginner", "currently_active": True,
           "equipment": ["gym", "bands", "pool"], "injuries": ["elbow", "knee"],
           "conditions": ["copd", "caesarean", "diastasis_recti"], "target_weight_kg": 95, "target_weeks": 38,
           "sleep_hours": 6.5, "weeks_since_birth": 8}
    assert _violations(raw, 12)[1] == []


@pytest.mark.parametrize("conditions, extra", [(["caesarean", "copd"], {"weeks_since_birth": 5}), (["copd"], {})])
def test_copd_light_start_holds_the_walks_in_the_week_its_effort_rises(conditions, extra):
    """Rule 62 (a higher-risk marker, activity not stated, not someone who builds up): the walks wait a week."""
    raw = {"age": 43, "height_cm": 178, "weight_kg": 143, "goal": "fat_loss", "days_per_week": 4,
           "minutes_per_session": 45, "sex": "female", "experience": "intermediate", "equipment": [],
           "injuries": ["hip"], "conditions": conditions, "sleep_hours": 6.5, **extra}
    assert _violations(raw, 8)[1] == []


CASES = {
    # rule 33: waiting for clearance, week 1's step no longer fit its day once the rests grew (week 1's rests back)
    "pending_step_kept": ({"age": 47, "height_cm": 160, "weight_kg": 81, "goal": "mobility", "days_per_week": 1,
                           "minutes_per_session": 90, "sex": None, "experience": "beginner", "currently_active": False,
                           "equipment": ["barbell", "treadmill", "machines"], "injuries": [],
                           "conditions": ["stroke", "osteoporosis", "postpartum"], "weeks_since_birth": 14}, 8),
    # rule 29: before the postnatal check no set is added, so the return's longer lifts do not undercut week 2
    "recovery_holds_sets": ({"age": 36, "height_cm": 196, "weight_kg": 65, "goal": "fat_loss", "days_per_week": 5,
                             "minutes_per_session": 20, "sex": "female", "experience": "advanced",
                             "currently_active": True, "equipment": ["treadmill", "gym", "none"], "injuries": [],
                             "conditions": ["caesarean", "postpartum"], "medications": ["antiplatelet"],
                             "resting_hr": 58, "bp_systolic": 137, "bp_diastolic": 85, "weeks_since_birth": 2}, 12),
    # rule 57: the post-lift cardio cut (careful.py) leaves room for the step after postnatal_core ran
    "refilled_step": ({"age": 32, "height_cm": 150, "weight_kg": 101, "goal": "muscle_gain", "days_per_week": 5,
                       "minutes_per_session": 20, "sex": "female", "experience": "intermediate",
                       "currently_active": False, "equipment": ["gym", "pool", "machines", "bench", "treadmill"],
                       "injuries": ["elbow", "knee"], "conditions": ["caesarean", "copd"], "resting_hr": 52,
                       "bp_systolic": 134, "bp_diastolic": 84, "target_weight_kg": 101, "target_weeks": 21,
                       "weeks_since_birth": 10}, 8),
    # rule 57 beside rule 8: supine marching works the hips, and the days around the one with room load them
    "step_not_beside_hips": ({"age": 48, "height_cm": 173, "weight_kg": 95, "goal": "muscle_gain",
                              "days_per_week": 4, "minutes_per_session": 15, "sex": "female",
                              "experience": "beginner", "currently_active": True,
                              "equipment": ["barbell", "none", "kettlebell"], "injuries": ["wrist", "knee"],
                              "conditions": ["caesarean", "postpartum", "copd"], "target_weight_kg": 98,
                              "target_weeks": 43, "sleep_hours": 8, "weeks_since_birth": 4}, 12),
    # rule 32: the gentle swap before the check keeps back-extensor work with osteoporosis (a bird dog for the RDL)
    "back_extensor_kept": ({"age": 22, "height_cm": 201, "weight_kg": 126, "goal": "muscle_gain",
                            "days_per_week": 4, "minutes_per_session": 120, "sex": "other", "experience": "beginner",
                            "equipment": ["dumbbells", "machines"], "injuries": ["ankle"],
                            "conditions": ["osteoporosis", "postpartum"], "resting_hr": 46,
                            "weeks_since_birth": 3}, 4),
    # rule 29: a shoulder injury rules out the side plank on the knees; the dead bug stays (not no core at all)
    "lower_step_kept": ({"age": 23, "height_cm": 173, "weight_kg": 46, "goal": "general_health",
                         "days_per_week": 7, "minutes_per_session": 10, "sex": "other", "experience": "beginner",
                         "currently_active": True, "equipment": ["barbell", "dumbbells", "pullup_bar"],
                         "injuries": ["ankle", "shoulder"], "conditions": ["caesarean"],
                         "medications": ["beta_blocker", "anticoagulant"], "resting_hr": 52,
                         "preferences": {"likes": ["pilates"], "dislikes": []}, "weeks_since_birth": 4}, 9),
    # rule 29: no heavier 6-10 block within 12 weeks of the birth (the graded return), so week 9 keeps its sets
    "no_heavier_block_in_return": ({"age": 24, "height_cm": 197, "weight_kg": 68, "goal": "fat_loss",
                                    "days_per_week": 6, "minutes_per_session": 20, "sex": None,
                                    "experience": "intermediate", "equipment": ["bands"], "injuries": [],
                                    "conditions": ["caesarean", "postpartum"], "medications": ["statin"],
                                    "bp_systolic": 120, "bp_diastolic": 76,
                                    "clearance": {"by": "Dr X", "date": "2026-01-01", "limits": None},
                                    "weeks_since_birth": 1}, 9),
    # rule 37: a one-sided gentle swap in a full session: the shortest swap, then rests to their floor
    "swap_fits_minutes": ({"age": 31, "height_cm": 144, "weight_kg": 104, "goal": "muscle_gain",
                           "days_per_week": 4, "minutes_per_session": 25, "sex": "female", "currently_active": False,
                           "equipment": ["dumbbells"], "injuries": [], "conditions": ["caesarean"],
                           "resting_hr": 106, "clearance": {"by": "Dr X", "date": "2026-01-01",
                                                            "limits": "no heavy lifting"},
                           "weeks_since_birth": 0}, 7),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_after_birth_profiles_the_sweep_found_get_clean_plans(name):
    raw, weeks = CASES[name]
    assert _violations(raw, weeks)[1] == []
