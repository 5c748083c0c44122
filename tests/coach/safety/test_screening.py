"""Pre-participation screening: red flags, BP bands, known disease, conditions, vitals, and their order."""
from __future__ import annotations

import pytest

from coach.domain.profile import validate_profile
from coach.safety.screening import RED_FLAG_SYMPTOMS, Screening, lower, rank, screen

BASE = {"age": 35, "height_cm": 175, "weight_kg": 70, "goal": "general_health", "days_per_week": 3,
        "minutes_per_session": 30, "experience": "intermediate", "currently_active": True}


def screened(lang: str = "en", **fields: object) -> Screening:
    return screen(validate_profile({**BASE, **fields}), lang)


def test_a_healthy_active_adult_may_go_vigorous_without_clearance():
    s = screened()
    assert (s.intensity_cap, s.clearance_required, s.reasons, s.alerts) == ("vigorous", False, [], [])
    assert not s.restricted


@pytest.mark.parametrize("symptom", RED_FLAG_SYMPTOMS)
def test_each_red_flag_symptom_caps_at_light_with_clearance_and_a_stop_alert(symptom):
    s = screened(symptoms=[symptom])
    assert s.intensity_cap == "light" and s.clearance_required and s.restricted
    assert "red_flag" in s.flags and "plan:red-flags" in s.cite_tags
    assert any("See a doctor today or tomorrow" in a for a in s.alerts)


def test_other_signs_need_clearance_and_stay_light_until_cleared():
    s = screened(symptoms=["ankle_swelling"])
    assert s.intensity_cap == "light" and s.clearance_required and not s.restricted  # PLAN_RULES 20
    cleared = screened(symptoms=["ankle_swelling"], clearance={"by": "Dr Li", "date": "2026-05-01"})
    assert cleared.intensity_cap == "moderate" and not cleared.clearance_required


@pytest.mark.parametrize("sys_, dia, cap, clearance, flag, alert", [
    (118, 76, "vigorous", False, None, None),
    (132, 78, "vigorous", False, None, "stage 1"),  # stage 1: a recheck alert, no cap
    (145, 85, "moderate", False, "hypertension", "stage 2 range"),  # ACC/AHA stage 2 below clearance: recheck it
    (160, 90, "light", True, "stage2", "doctor's review"),  # the engine's stage-2 rule: light until cleared
    (150, 100, "light", True, "stage2", "doctor's review"),
    (180, 100, "light", True, "red_flag", "checked by a doctor today"),  # at 180/110: a hard stop, seen today
    (170, 110, "light", True, "red_flag", "checked by a doctor today"),  # (one urgency with the hard stop's)
    (181, 100, "light", True, "red_flag", "checked by a doctor today"),
    (200, 121, "light", True, "red_flag", "checked by a doctor today"),
])
def test_blood_pressure_bands(sys_, dia, cap, clearance, flag, alert):
    s = screened(bp_systolic=sys_, bp_diastolic=dia)
    assert s.intensity_cap == cap and s.clearance_required is clearance
    if flag:
        assert flag in s.flags
    alerts = " ".join(s.alerts)
    assert (alert in alerts) if alert else alerts == ""


def test_known_hypertension_below_stage_1_still_caps_at_moderate_without_the_stage_1_alert():
    s = screened(conditions=["hypertension"], bp_systolic=132, bp_diastolic=82)
    assert s.intensity_cap == "moderate" and "hypertension" in s.flags and s.alerts == []


def test_known_disease_when_inactive_needs_clearance_and_when_active_does_not():
    inactive = screened(conditions=["type2_diabetes"], currently_active=False)
    active = screened(conditions=["type2_diabetes"])
    assert inactive.clearance_required and not active.clearance_required
    assert inactive.intensity_cap == "light" and active.intensity_cap == "moderate"  # light until cleared (rule 20)
    assert "plan:diabetes" in active.cite_tags and any("blood glucose" in a for a in active.alerts)


def test_unknown_activity_counts_as_inactive():
    s = screened(conditions=["heart_disease"], currently_active=None)
    assert s.clearance_required and "plan:heart-disease" in s.cite_tags


def test_pregnancy_depends_on_activity():
    assert screened(conditions=["pregnancy"], currently_active=False).intensity_cap == "moderate"
    active = screened(conditions=["pregnancy"])
    # ACOG 2020: active women continue, at an effort they can talk through
    assert active.intensity_cap == "moderate" and "pregnancy" in active.flags
    assert any("obstetric provider" in r for r in active.reasons)


@pytest.mark.parametrize("cond", ["asthma", "osteoporosis", "osteoarthritis"])
def test_advisory_conditions_add_a_reason_and_a_citation_but_no_cap(cond):
    s = screened(conditions=[cond])
    assert s.intensity_cap == "vigorous" and cond in s.flags and f"plan:{cond}" in s.cite_tags
    assert len(s.reasons) == 1


def test_a_condition_without_rules_caps_at_moderate_and_names_it():
    s = screened(conditions=["lupus"])
    assert s.intensity_cap == "moderate" and "lupus" in s.reasons[0]


@pytest.mark.parametrize("rhr, alarming", [(100, False), (101, True)])
def test_resting_heart_rate_above_100_needs_clearance(rhr, alarming):
    s = screened(resting_hr=rhr)
    assert ("tachycardia" in s.flags) is alarming and s.clearance_required is alarming


def test_status_flags_and_short_sleep():
    s = screened(age=70, experience="beginner", sleep_hours=5.5, weight_kg=110, height_cm=170)
    assert {"beginner", "older", "high_bmi"} <= s.flags
    assert any("5.5 h" in a for a in s.alerts)
    assert "high_bmi" not in screened(weight_kg=100, height_cm=170).flags  # BMI 34.6


def test_red_flags_come_first_and_a_red_flag_suppresses_the_beginner_flag():
    s = screened(symptoms=["chest_pain"], conditions=["type2_diabetes"], experience="beginner")
    assert s.reasons[0].startswith("Symptoms") and s.cite_tags[0] == "plan:red-flags"
    assert "beginner" not in s.flags


def test_chinese_texts_and_language_default():
    zh = screened("zh", symptoms=["chest_pain"])
    assert any("\u4e00" <= ch <= "\u9fff" for ch in zh.reasons[0])
    prof = validate_profile({**BASE, "language": "zh", "symptoms": ["chest_pain"]})
    assert screen(prof).reasons == zh.reasons


def test_to_json_is_the_contract_safety_object():
    s = screened(symptoms=["dizziness"])
    out = s.to_json()
    assert {k: out[k] for k in ("clearance_required", "intensity_cap", "reasons", "alerts")} == {
        "clearance_required": True, "intensity_cap": "light", "reasons": s.reasons, "alerts": s.alerts}
    assert set(out["hard_stop"]) == {"reason", "urgency", "what_now", "emergency_if", "how_to_resume"}


def test_rank_and_lower_order_intensity_labels():
    assert [rank(x) for x in ("light", "moderate", "vigorous", None, "??")] == [0, 1, 2, 1, 1]
    assert lower("vigorous", "moderate") == "moderate" and lower("light", "vigorous") == "light"
