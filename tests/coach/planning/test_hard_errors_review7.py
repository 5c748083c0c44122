"""Independent physician review 7: the hard errors, each as a general rule (docs/plan-rules.md 61-66) the engine keeps
and the validator enforces. The profiles here are this test's own (varied ages, sexes, gear, languages), not the
reviewer's."""
from __future__ import annotations

import copy
import re

import pytest

from coach.domain.profile import validate_profile
from coach.planning import make_plan
from coach.planning.validator import validate_plan
from knowledge.catalog import load_catalog

BASE = {"height_cm": 170, "weight_kg": 72, "resting_hr": 66, "bp_systolic": 126, "bp_diastolic": 80,
        "symptoms": [], "injuries": []}
# 1: heart disease, active, no clearance / clearance written into the condition / a clearance object with limits
ANGINA = {**BASE, "age": 58, "sex": "female", "experience": "intermediate", "currently_active": True,
          "goal": "general_health", "days_per_week": 4, "minutes_per_session": 50, "equipment": ["gym"],
          "conditions": ["angina"], "medications": ["atenolol"]}
BYPASS_CLEARED = {**ANGINA, "age": 61, "sex": "male", "weight_kg": 90, "goal": "fat_loss", "days_per_week": 5,
                  "minutes_per_session": 70, "conditions": ["bypass surgery 2 years ago, cleared by my cardiologist"],
                  "medications": []}
MI_LIMITS = {**ANGINA, "age": 49, "sex": "male", "goal": "muscle_gain", "conditions": ["heart attack"],
             "clearance": {"by": "cardiologist", "limits": "RPE 11-13 Borg"}, "language": "zh"}
# 2: inactive with a higher-risk marker
INACTIVE_62 = {**BASE, "age": 62, "sex": "male", "experience": "beginner", "currently_active": False,
               "goal": "general_health", "days_per_week": 4, "minutes_per_session": 40, "equipment": ["bike"]}
INACTIVE_BMI = {**BASE, "age": 38, "sex": "female", "height_cm": 162, "weight_kg": 96, "experience": "beginner",
                "currently_active": False, "goal": "fat_loss", "days_per_week": 3, "minutes_per_session": 60,
                "equipment": ["dumbbells", "treadmill"]}
INACTIVE_ASTHMA = {**INACTIVE_BMI, "age": 45, "weight_kg": 70, "conditions": ["asthma"], "days_per_week": 5,
                   "minutes_per_session": 45, "goal": "endurance", "equipment": ["treadmill"]}
# 3: short sessions that used to fit by cutting rests
ON_METOPROLOL = {**BASE, "age": 71, "sex": "male", "experience": "beginner", "currently_active": False,
                 "goal": "general_health", "days_per_week": 3, "minutes_per_session": 35,
                 "equipment": ["bands", "dumbbells"], "conditions": ["hypertension"], "medications": ["metoprolol"]}
AFTER_BIRTH = {**BASE, "age": 31, "sex": "female", "weight_kg": 70, "experience": "beginner",
               "currently_active": False, "goal": "general_health", "days_per_week": 3, "minutes_per_session": 25,
               "equipment": [], "conditions": ["postpartum"], "weeks_since_birth": 16}
YOUNG_SHORT = {**BASE, "age": 27, "sex": "other", "experience": "beginner", "currently_active": False,
               "goal": "muscle_gain", "days_per_week": 3, "minutes_per_session": 20, "equipment": ["dumbbells"]}
# 4: COPD
COPD = {**BASE, "age": 71, "sex": "female", "weight_kg": 60, "experience": "beginner", "currently_active": False,
        "goal": "general_health", "days_per_week": 3, "minutes_per_session": 40, "equipment": ["bike"],
        "conditions": ["copd"]}
COPD_BREATHLESS = {**COPD, "age": 59, "sex": "male", "symptoms": ["shortness_of_breath"], "language": "zh"}
# 5: osteoporosis
OSTEO = {**BASE, "age": 67, "sex": "female", "weight_kg": 58, "experience": "beginner", "currently_active": True,
         "goal": "general_health", "days_per_week": 3, "minutes_per_session": 50,
         "equipment": ["dumbbells", "kettlebell", "bench"], "conditions": ["osteoporosis"]}
OSTEO_GYM = {**OSTEO, "age": 58, "currently_active": False, "days_per_week": 4, "minutes_per_session": 45,
             "equipment": ["gym"], "language": "zh"}
# 6: muscle gain with cardio on lifting days
LIFTER = {**BASE, "age": 30, "sex": "male", "weight_kg": 80, "resting_hr": 56, "experience": "advanced",
          "currently_active": True, "goal": "muscle_gain", "days_per_week": 5, "minutes_per_session": 80,
          "equipment": ["gym"]}
LIFTER_F = {**LIFTER, "age": 24, "sex": "female", "weight_kg": 60, "experience": "intermediate",
            "days_per_week": 5, "minutes_per_session": 90}


def _plan(raw: dict) -> tuple[dict, object]:
    p = validate_profile(copy.deepcopy(raw))
    return make_plan(p, 12), p


def _sessions(plan: dict):
    return [(w, s) for w in plan["weeks"] for s in w["sessions"]]


def _lifts(s: dict) -> list[dict]:
    return [e for e in s["exercises"] if isinstance(e.get("sets"), int)]


def _rules(plan: dict, p: object) -> set[int]:
    return {v.rule for v in validate_plan(plan, p)}


def _text(plan: dict) -> str:
    return " ".join(plan["safety"]["reasons"] + plan["safety"]["alerts"])


# ---- 1 heart disease (rule 61)
def test_heart_disease_without_clearance_is_light_with_the_rehab_referral_even_when_active():
    plan, p = _plan(ANGINA)
    assert plan["safety"]["clearance_required"] is True
    assert {s["intensity"]["label"] for _, s in _sessions(plan)} == {"light"}
    cited = {c["id"] for c in plan["safety"]["reason_citations"]}
    assert "kb-cardiac-rehab-001" in cited
    assert not _rules(plan, p) & {4, 20, 61}


def test_a_clearance_written_into_the_condition_is_read_and_the_plan_builds_up():
    p = validate_profile(copy.deepcopy(BYPASS_CLEARED))
    assert p.clearance is not None and p.clearance.by == "cardiologist"
    assert validate_profile({**BYPASS_CLEARED, "conditions": ["bypass surgery, not cleared by cardiologist"]}).clearance \
        is None
    plan, p = _plan(BYPASS_CLEARED)
    assert plan["safety"]["clearance_required"] is False
    labels = {s["intensity"]["label"] for _, s in _sessions(plan)}
    assert "moderate" in labels and "vigorous" not in labels
    first = plan["weeks"][0]["sessions"]
    assert max(e["sets"] for s in first for e in _lifts(s)) <= 3
    assert max((e.get("minutes") or 0) for s in first for e in s["exercises"] if e.get("kind") == "aerobic") <= 30
    assert max(s["minutes"] for s in first) < BYPASS_CLEARED["minutes_per_session"]
    assert 61 not in _rules(plan, p)


def test_validator_flags_a_cleared_heart_plan_that_starts_at_full_volume():
    plan, p = _plan(MI_LIMITS)
    assert 61 not in _rules(plan, p)
    bad = copy.deepcopy(plan)
    for s in bad["weeks"][0]["sessions"]:
        for e in _lifts(s):
            e["sets"] = 5
    assert 61 in _rules(bad, p)


# ---- 2 inactive, higher-risk start (rule 62)
@pytest.mark.parametrize("raw", [INACTIVE_62, INACTIVE_BMI, INACTIVE_ASTHMA])
def test_an_inactive_higher_risk_start_stays_light_to_moderate_for_twelve_weeks(raw):
    plan, p = _plan(raw)
    assert plan["safety"]["intensity_cap"] in ("light", "moderate")
    assert not [s for _, s in _sessions(plan) if s["intensity"]["label"] == "vigorous"]
    assert 62 not in _rules(plan, p)


def test_effort_never_rises_in_the_same_week_as_the_minutes():
    for raw in (INACTIVE_62, INACTIVE_BMI, ON_METOPROLOL, COPD):
        plan, _ = _plan(raw)
        full = [w for w in plan["weeks"] if not w["deload"]]
        for a, b in zip(full, full[1:]):
            eff = {s["day"]: (s["intensity"]["label"], max(s["intensity"]["rpe"])) for s in a["sessions"]}
            order = ("light", "moderate", "vigorous")
            harder = any(s["day"] in eff and (order.index(s["intensity"]["label"]), max(s["intensity"]["rpe"]))
                         > (order.index(eff[s["day"]][0]), eff[s["day"]][1]) for s in b["sessions"])
            total = [sum(s["minutes"] for s in w["sessions"]) + (w.get("daily_activity") or {}).get(
                "total_minutes", 0) for w in (a, b)]
            assert not (harder and total[1] > total[0]), (raw["age"], b["week"], total)


def test_validator_flags_vigorous_weeks_for_an_inactive_higher_risk_start():
    plan, p = _plan(INACTIVE_BMI)
    bad = copy.deepcopy(plan)
    bad["weeks"][10]["sessions"][0]["intensity"] = {"label": "vigorous", "rpe": [7, 8], "pct_hrr": None,
                                                   "hr_bpm": None}
    assert 62 in _rules(bad, p)


# ---- 3 rests and sets (rule 63)
@pytest.mark.parametrize("raw", [ON_METOPROLOL, AFTER_BIRTH, YOUNG_SHORT, COPD, OSTEO])
def test_a_rest_never_falls_in_a_week_whose_sets_or_reps_change(raw):
    plan, p = _plan(raw)
    full = [w for w in plan["weeks"] if not w["deload"]]
    for a, b in zip(full, full[1:]):
        before = {(s["day"], e["id"]): e for s in a["sessions"] for e in _lifts(s)}
        for s in b["sessions"]:
            for e in _lifts(s):
                x = before.get((s["day"], e["id"]))
                if x is None or not e.get("rest_s") or not x.get("rest_s") or x["rest_s"] >= 120:
                    continue
                changed = e["sets"] != x["sets"] or e["reps"] != x["reps"]
                assert not (e["rest_s"] < x["rest_s"] and changed), (raw["age"], b["week"], e["name"], x, e)
    assert 63 not in _rules(plan, p)


def test_validator_flags_sets_up_and_rest_down_together():
    plan, p = _plan(ON_METOPROLOL)
    bad = copy.deepcopy(plan)
    w5, w6 = bad["weeks"][4], bad["weeks"][5]
    e5, e6 = _lifts(w5["sessions"][0])[0], _lifts(w6["sessions"][0])[0]
    e5["rest_s"], e6["rest_s"], e6["sets"] = 60, 30, e5["sets"] + 1
    assert 63 in _rules(bad, p)


# ---- 4 COPD and hard stops (rule 64)
def test_copd_starts_light_with_a_doctors_review_and_pulmonary_rehab():
    plan, p = _plan(COPD)
    assert {s["intensity"]["label"] for s in plan["weeks"][0]["sessions"]} == {"light"}
    assert "moderate" in {s["intensity"]["label"] for s in plan["weeks"][-1]["sessions"]}
    text = _text(plan)
    assert "pulmonary rehabilitation" in text and "review" in text
    assert 64 not in _rules(plan, p)


def test_a_hard_stop_gives_no_effort_target():
    plan, p = _plan(COPD_BREATHLESS)
    assert not any(w["sessions"] for w in plan["weeks"])
    assert not re.search(r"Borg|RPE\s*\d", _text(plan))
    assert 64 not in _rules(plan, p)
    bad = copy.deepcopy(plan)
    bad["safety"]["reasons"].append("Keep to Borg 2-3 until cleared.")
    assert 64 in _rules(bad, p)


# ---- 5 osteoporosis (rule 65)
@pytest.mark.parametrize("raw", [OSTEO, OSTEO_GYM])
def test_heavier_osteoporosis_lifting_is_only_offered_with_a_qualified_coach(raw):
    plan, p = _plan(raw)
    cat = load_catalog()
    multi = {"squat", "hinge", "lunge", "horizontal_push", "vertical_push", "horizontal_pull", "vertical_pull"}
    heavy = [(w["week"], e["id"], e["reps"]) for w, s in _sessions(plan) for e in _lifts(s)
             if cat[e["id"]].pattern in multi and set(cat[e["id"]].equipment) & {"barbell", "dumbbells", "kettlebell",
                                                                                 "machines"}
             and int(re.findall(r"\d+", e["reps"])[1 if "-" in e["reps"] else 0]) <= 10]
    assert heavy == []
    assert 65 not in _rules(plan, p)


def test_the_osteoporosis_reason_says_heavy_lifting_is_not_self_taught():
    plan, _ = _plan(OSTEO)
    assert "should not be self-taught" in " ".join(plan["safety"]["reasons"])
    assert any("qualified coach" in s["notes"] for w, s in _sessions(plan) if w["week"] >= 9)


# ---- 6 muscle gain: cardio after lifting (rule 66)
@pytest.mark.parametrize("raw", [LIFTER, LIFTER_F])
def test_cardio_after_lifting_is_short_and_moderate_for_muscle_gain(raw):
    plan, p = _plan(raw)
    for w, s in _sessions(plan):
        lifted = False
        for e in s["exercises"]:
            lifted = lifted or isinstance(e.get("sets"), int)
            if lifted and e.get("kind") == "aerobic":
                assert e["minutes"] <= 20, (w["week"], s["day"], e)
                assert (s["intensity"].get("pct_hrr") or [0, 0])[1] < 60
    assert 66 not in _rules(plan, p)


# ---- 7 beta-blockers: dizziness on standing
def test_beta_blockers_bring_the_standing_up_and_cool_down_advice_with_its_passage():
    plan, _ = _plan(ON_METOPROLOL)
    reasons = plan["safety"]["reasons"]
    i = next(i for i, r in enumerate(reasons) if "stand up" in r and "cool down" in r)
    assert {"reason": i, "id": "kb-beta-blockers-001", "for": "beta-blockers"} in plan["safety"]["reason_citations"]
