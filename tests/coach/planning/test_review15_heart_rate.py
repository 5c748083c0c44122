"""Physician review 15, heart-rate policy (rules 105-106): where age formulas do not apply (atrial fibrillation, a
beta-blocker, heart disease, pregnancy) no age-formula or heart-rate-reserve figure is stated anywhere; a doctor's
ceiling stands beside RPE and the talk test and, with AF, the warning that watches and chest straps misread the pulse
(kb-afib-001, kb-beta-blockers-001). The profiles are this test's own, not the reviewer's."""
from __future__ import annotations

import copy
import json

import pytest

from coach.domain.profile import validate_profile
from coach.planning import make_plan
from coach.planning.hr_policy import stated_bpm
from coach.planning.validator import validate_plan
from knowledge.corpus import get_passage

BASE = {"age": 58, "sex": "female", "height_cm": 166, "weight_kg": 70, "experience": "beginner",
        "currently_active": False, "goal": "general_health", "days_per_week": 4, "minutes_per_session": 35,
        "equipment": ["bands"], "language": "en"}
AF_ONLY = {**BASE, "conditions": ["atrial_fibrillation"], "medications": ["anticoagulant"], "resting_hr": 72,
           "clearance": {"by": "GP", "date": "2026-10-01", "limits": "keep HR under 110"}}
BETA = {**BASE, "age": 67, "sex": "male", "conditions": ["hypertension"], "medications": ["beta_blocker"],
        "resting_hr": 58, "clearance": {"by": "cardiologist", "date": "2026-10-01", "limits": "max heart rate 115"}}
HEART = {**BASE, "age": 71, "sex": "male", "conditions": ["heart_disease"], "goal": "endurance",
         "clearance": {"by": "cardiologist", "date": "2026-10-01", "limits": "heart rate below 118"}}
CASES = [AF_ONLY, BETA, HEART, {**AF_ONLY, "language": "zh"}, {**BETA, "language": "zh"}]


def plan(raw):
    prof = validate_profile(raw)
    return make_plan(prof, 12), prof


def sessions(p):
    return [s for w in p["weeks"] for s in w["sessions"]]


def rules(p, prof):
    return sorted({v.rule for v in validate_plan(p, prof, kb_lookup=get_passage)})


@pytest.mark.parametrize("raw", CASES)
def test_no_age_formula_heart_rate_is_stated_where_zones_do_not_apply(raw):
    p, prof = plan(raw)
    ceiling = prof.clearance.limits
    allowed = {int(n) for n in "".join(c if c.isdigit() else " " for c in ceiling).split()} | {prof.resting_hr}
    texts = p["safety"]["reasons"] + p["safety"]["alerts"] + [p["rationale"]] + [s["notes"] for s in sessions(p)]
    assert set().union(*(stated_bpm(t) for t in texts)) <= allowed
    assert all(not s["intensity"].get("hr_bpm") and not s["intensity"].get("pct_hrr") for s in sessions(p))
    assert "sits below where vigorous effort starts" not in json.dumps(p)
    assert p["safety"]["intensity_cap"] != "vigorous"
    assert rules(p, prof) == []


@pytest.mark.parametrize("raw", [AF_ONLY, BETA, HEART])
def test_the_doctors_ceiling_stands_beside_rpe_and_with_af_the_device_warning(raw):
    p, prof = plan(raw)
    bpm = p["safety"]["hr_ceiling_bpm"]
    for s in sessions(p):
        assert f"under {bpm} bpm" in s["notes"] and "RPE" in s["notes"] and "talk test" in s["notes"]
        assert ("misread" in s["notes"]) == ("atrial_fibrillation" in prof.conditions)
        assert "chest strap or watch" not in s["notes"]
    reasons = " ".join(p["safety"]["reasons"])
    assert f"ceiling of {bpm} bpm stands" in reasons and "based on age do not apply" in reasons
    assert ("watches and chest straps often misread it" in reasons) == ("atrial_fibrillation" in prof.conditions)


def test_where_zones_apply_the_ceiling_keeps_its_watch_note():
    raw = {**BASE, "conditions": ["type2_diabetes"], "resting_hr": 70,
           "clearance": {"by": "GP", "date": "2026-10-01", "limits": "keep HR under 120"}}
    p, prof = plan(raw)
    assert all("chest strap or watch" in s["notes"] for s in sessions(p))
    assert rules(p, prof) == []


def test_the_validator_refuses_an_age_formula_figure_and_a_ceiling_without_rpe():
    p, prof = plan(AF_ONLY)
    bad = copy.deepcopy(p)
    bad["safety"]["reasons"].append("Vigorous effort starts for you at about 126 bpm.")
    assert 105 in rules(bad, prof)
    bad = copy.deepcopy(p)
    bad["weeks"][0]["sessions"][0]["intensity"]["hr_bpm"] = [95, 105]
    assert 105 in rules(bad, prof)
    bad = copy.deepcopy(p)
    bad["weeks"][0]["sessions"][0]["notes"] = "Keep your heart rate under 110 bpm (check it with a chest strap)."
    assert 106 in rules(bad, prof)
