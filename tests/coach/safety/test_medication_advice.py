"""Review 2 (p01, p02, p09-like profiles of our own): the medicine-specific advice the passages give - beta-blockers
and heat (kb-beta-blockers-001), stop-and-treat a hypo and dose changes with the diabetes team (kb-insulin-001),
why fall-prone sports are left out on a blood thinner and what to do after a head knock (kb-anticoagulants-001), and a
fast resting rate in AF flagged to the doctor (kb-afib-001)."""
from __future__ import annotations

from coach.domain.profile import validate_profile
from coach.planning import make_plan, validate_plan
from knowledge.corpus import get_passage

BASE = {"age": 63, "sex": "female", "height_cm": 166, "weight_kg": 74, "goal": "general_health",
        "days_per_week": 3, "minutes_per_session": 40, "currently_active": True, "experience": "intermediate"}


def safety(**kw):
    prof = validate_profile({**BASE, **kw})
    out = make_plan(prof, 12)
    assert validate_plan(out, prof, kb_lookup=get_passage) == []
    s = out["safety"]
    cited = {c["id"]: c for c in out["citations"]}
    return s, " ".join(s["reasons"] + s["alerts"]), cited


def _tag_of(s, text_part):
    """The passage cited for the reason or alert that contains `text_part`."""
    for rc in s["reason_citations"]:
        field = "reasons" if "reason" in rc else "alerts"
        if text_part in s[field][rc.get("reason", rc.get("alert"))]:
            return rc["id"]
    return None


def test_beta_blocker_heat_caution():
    s, text, _ = safety(conditions=["hypertension"], medications=["atenolol"], bp_systolic=138, bp_diastolic=84)
    assert "heat" in text and _tag_of(s, "heat") == "kb-beta-blockers-001"


def test_insulin_user_told_to_stop_and_treat_and_to_agree_dose_changes():
    s, text, _ = safety(conditions=["type2_diabetes"], medications=["insulin", "glipizide"])
    assert "shaky" in text and "sweaty" in text and "diabetes team" in text
    assert _tag_of(s, "shaky") == "kb-insulin-001"


def test_no_hypo_advice_without_glucose_lowering_medicine():
    _, text, _ = safety(conditions=["type2_diabetes"], medications=["metformin"])
    assert "shaky" not in text


def test_anticoagulant_says_why_fall_prone_sports_are_left_out_and_head_knocks():
    s, text, _ = safety(medications=["rivaroxaban"], preferences={"likes": ["mountain biking"]})
    assert "helmet" in text and "head" in text and "mountain biking" in text
    assert _tag_of(s, "helmet") == "kb-anticoagulants-001"


def test_fast_resting_rate_in_af_is_flagged_to_the_doctor():
    fast, text, _ = safety(conditions=["atrial_fibrillation"], medications=["metoprolol", "apixaban"], resting_hr=92)
    assert "92" in text and _tag_of(fast, "92 bpm") == "kb-afib-001"
    _, calm, _ = safety(conditions=["atrial_fibrillation"], medications=["metoprolol", "apixaban"], resting_hr=66)
    assert "66 bpm" not in calm
