"""Review 2 (p10-like): one consistent instruction when a crisis BP comes with chest symptoms, and a resume condition
that names a heart evaluation for exertional chest pain (kb-hard-stop-001, kb-warning-signs-001)."""
from __future__ import annotations

from coach.domain.profile import validate_profile
from coach.planning import make_plan, validate_plan
from knowledge.corpus import get_passage

BASE = {"age": 61, "sex": "male", "height_cm": 175, "weight_kg": 88, "goal": "general_health",
        "days_per_week": 3, "minutes_per_session": 40, "currently_active": False}


def stop_of(**kw):
    prof = validate_profile({**BASE, **kw})
    out = make_plan(prof, 12)
    assert validate_plan(out, prof, kb_lookup=get_passage) == []
    return out["safety"]


def test_crisis_bp_with_chest_pain_is_conditional_not_two_urgencies():
    s = stop_of(bp_systolic=188, bp_diastolic=112, symptoms=["chest_pain", "shortness_of_breath"])
    now = s["hard_stop"]["what_now"]
    assert "if you have" in now.lower() and "emergency services now" in now and "if not" in now.lower()
    assert not any("today or tomorrow" in a for a in s["alerts"])  # no slower instruction next to the emergency one
    assert all("if" in a.lower() for a in s["alerts"] if "emergency services now" in a)


def test_exertional_chest_pain_resumes_only_after_a_heart_evaluation():
    for kw in ({"bp_systolic": 188, "bp_diastolic": 112}, {}, {"age": 30}):
        s = stop_of(symptoms=["chest_pain"], **kw)
        resume = s["hard_stop"]["how_to_resume"]
        assert "heart" in resume, (kw, resume)


def test_bp_alone_resumes_on_the_reading():
    """Resuming asks for a controlled reading below 160/100 (kb-bp-001, kb-hypertension-001: at 160/100 the guidance
    still asks for an evaluation before training), not merely below the 180/110 crisis line."""
    s = stop_of(bp_systolic=186, bp_diastolic=100)
    resume = s["hard_stop"]["how_to_resume"]
    assert "160/100" in resume and "180/110" not in resume and "heart" not in resume
    both = stop_of(bp_systolic=188, bp_diastolic=112, symptoms=["chest_pain"])["hard_stop"]["how_to_resume"]
    assert "160/100" in both and "heart" in both
