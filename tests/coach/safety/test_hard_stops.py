"""Issue 12, review round 2: a clearance never lifts a current crisis; urgency is one instruction; pregnancy stops."""
from __future__ import annotations

import pytest

from coach.domain.profile import ProfileError, validate_profile
from coach.planning import make_plan, validate_plan
from coach.safety.screening import screen
from knowledge.corpus import get_passage

BASE = {"age": 58, "sex": "female", "height_cm": 164, "weight_kg": 80, "goal": "general_health",
        "days_per_week": 3, "minutes_per_session": 45, "currently_active": False}


def plan(**kw):
    prof = validate_profile({**BASE, **kw})
    out = make_plan(prof, 12)
    assert validate_plan(out, prof, kb_lookup=get_passage) == []
    return out


def n_sessions(p):
    return sum(len(w["sessions"]) for w in p["weeks"])


def test_a_clearance_does_not_lift_a_current_crisis_reading():
    p = plan(bp_systolic=186, bp_diastolic=108, clearance={"by": "GP", "date": "2026-02-01"})
    assert p["safety"]["clearance_required"] and n_sessions(p) == 0 and p["safety"]["hard_stop"]


def test_a_clearance_after_the_reading_lifts_it():
    p = plan(bp_systolic=186, bp_diastolic=108, bp_date="2026-01-20", clearance={"by": "GP", "date": "2026-02-01"})
    assert n_sessions(p) > 0 and "hard_stop" not in p["safety"]


def test_symptoms_newer_than_the_clearance_stop_the_plan_again():
    old = plan(symptoms=["fainting"], symptoms_since="2026-01-05", clearance={"by": "Dr A", "date": "2026-01-10"})
    new = plan(symptoms=["fainting"], symptoms_since="2026-02-05", clearance={"by": "Dr A", "date": "2026-01-10"})
    assert n_sessions(old) > 0
    assert n_sessions(new) == 0 and new["safety"]["hard_stop"]


def test_what_now_has_the_alerts_urgency():
    bp = plan(bp_systolic=182, bp_diastolic=100)["safety"]
    assert "today" in bp["hard_stop"]["what_now"] and any("today" in a for a in bp["alerts"])
    assert "few days" not in bp["hard_stop"]["what_now"]
    pain = plan(symptoms=["chest_pain"], age=30)["safety"]  # (from 45, or with diabetes or heart disease: same day)
    assert "today or tomorrow" in pain["hard_stop"]["what_now"] and any("today or tomorrow" in a for a in pain["alerts"])
    older = plan(symptoms=["chest_pain"])["safety"]
    assert "today" in older["hard_stop"]["what_now"] and not any("tomorrow" in a for a in older["alerts"])
    for s in (bp, pain, older):  # emergency wording only where the passage calls it an emergency
        assert "emergency services now (" not in s["hard_stop"]["what_now"]


@pytest.mark.parametrize("symptom", ["headache", "vision_change"])
def test_crisis_bp_with_headache_or_vision_change_is_an_emergency(symptom):
    s = plan(bp_systolic=190, bp_diastolic=115, symptoms=[symptom])["safety"]
    assert s["hard_stop"]["urgency"] == "emergency"
    assert "emergency services now" in s["hard_stop"]["what_now"]
    assert any("emergency services now" in a for a in s["alerts"])


def test_headache_alone_is_accepted_and_no_hard_stop():
    assert "hard_stop" not in screen(validate_profile({**BASE, "symptoms": ["headache"]})).flags


def test_a_hard_stop_has_no_moderate_reason_and_no_dose_citations():
    p = plan(bp_systolic=184, bp_diastolic=112, conditions=["severe_headache"], goal="fat_loss")
    assert not any("moderate intensity at most" in r for r in p["safety"]["reasons"])
    ids = {c["id"] for c in p["citations"]}
    assert "kb-hard-stop-001" in ids and not ids & {"kb-weight-loss-001", "kb-overload-001", "kb-who-adults-001"}


@pytest.mark.parametrize("extra", [{"bp_systolic": 146, "bp_diastolic": 92}, {"symptoms": ["vaginal_bleeding"]},
                                   {"symptoms": ["headache"]}, {"conditions": ["pregnancy", "preeclampsia"]}])
def test_pregnancy_contraindications_are_a_hard_stop_with_provider_contact(extra):
    kw = {"sex": "female", "age": 30, "conditions": ["pregnancy"], "pregnancy_trimester": 3, **extra}
    p = plan(**kw)
    assert n_sessions(p) == 0 and p["safety"]["clearance_required"]
    assert "obstetric provider or maternity unit today" in p["safety"]["hard_stop"]["what_now"]
    assert "kb-pregnancy-007" in {c["id"] for c in p["citations"]}


def test_pregnancy_with_normal_bp_still_gets_sessions():
    p = plan(sex="female", age=30, conditions=["pregnancy"], pregnancy_trimester=2, bp_systolic=118, bp_diastolic=74)
    assert n_sessions(p) > 0


@pytest.mark.parametrize("kw", [{"sex": "male", "pregnancy_trimester": 2}, {"sex": "female", "pregnancy_trimester": 1}])
def test_a_trimester_without_pregnancy_or_on_a_male_profile_names_the_field(kw):
    with pytest.raises(ProfileError) as err:
        validate_profile({**BASE, **kw})
    assert err.value.field == "pregnancy_trimester"


def test_a_known_disease_under_a_hard_stop_says_tell_the_doctor_not_continue_at_moderate():
    from coach.domain.profile import validate_profile
    from coach.planning import make_plan
    p = validate_profile({"age": 62, "sex": "male", "height_cm": 172, "weight_kg": 84, "goal": "general_health",
                          "days_per_week": 3, "minutes_per_session": 30, "currently_active": True,
                          "conditions": ["type2_diabetes"], "symptoms": ["chest_pain"]})
    plan = make_plan(p, 4)
    text = " ".join(plan["safety"]["reasons"])
    assert plan["safety"].get("hard_stop") and all(not w["sessions"] for w in plan["weeks"])
    assert "continue at moderate" not in text and "Tell the doctor about" in text
