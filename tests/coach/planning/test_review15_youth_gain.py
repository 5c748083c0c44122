"""Physician review 15: a teenager's technique block is lifted light (kb-youth-strength-003: light loads,
moderate-to-high repetitions, gradual progression), so its effort label agrees with "Technique first: light loads you
could lift 15 or more times" (rule 108); a weight-GAIN target is judged by the gain rate of kb-muscle-gain-energy-001
(0.25-0.5 % of body weight a week), not by the weight-loss rate (rule 107). Profiles are this test's own."""
from __future__ import annotations

import copy

import pytest

from coach.domain.profile import validate_profile
from coach.planning import make_plan
from coach.planning.validator import validate_plan
from knowledge.corpus import get_passage

TEEN = {"age": 16, "sex": "female", "height_cm": 163, "weight_kg": 54, "experience": "intermediate",
        "currently_active": True, "goal": "muscle_gain", "days_per_week": 4, "minutes_per_session": 60,
        "equipment": ["gym"], "language": "en"}
ADULT = {"age": 30, "sex": "male", "height_cm": 180, "weight_kg": 70, "experience": "intermediate",
         "currently_active": True, "goal": "muscle_gain", "days_per_week": 4, "minutes_per_session": 60,
         "equipment": ["gym"], "language": "en"}


def plan(raw):
    prof = validate_profile(raw)
    return make_plan(prof, 12), prof


def rules(p, prof):
    return sorted({v.rule for v in validate_plan(p, prof, kb_lookup=get_passage)})


@pytest.mark.parametrize("extra", [{}, {"age": 15, "sex": "male", "days_per_week": 6, "minutes_per_session": 90},
                                   {"experience": "advanced", "goal": "general_health", "equipment": ["dumbbells"]}])
def test_a_teenagers_technique_block_is_not_vigorous(extra):
    p, prof = plan({**TEEN, **extra})
    first = [s for w in p["weeks"][:4] for s in w["sessions"] if s["kind"] in ("strength", "mixed")]
    assert first and all(s["intensity"]["label"] != "vigorous" and max(s["intensity"]["rpe"]) <= 6 for s in first)
    assert any("Technique first" in s["notes"] for s in first)
    assert rules(p, prof) == []
    bad = copy.deepcopy(p)
    s = next(s for s in bad["weeks"][0]["sessions"] if s["kind"] in ("strength", "mixed"))
    s["intensity"].update(label="vigorous", rpe=[7, 8])
    assert 108 in rules(bad, prof)


@pytest.mark.parametrize("raw", [{**TEEN, "target_weight_kg": 62, "target_weeks": 12},
                                 {**ADULT, "target_weight_kg": 78, "target_weeks": 10}])
def test_a_gain_target_is_judged_by_the_gain_rate(raw):
    p, prof = plan(raw)
    alert = next(a for a in p["safety"]["alerts"] if "Your target of" in a)
    assert "0.25-0.5 % of body weight a week" in alert and "1% of body weight" not in alert
    hi = round(0.005 * prof.weight_kg - 0.005, 2)
    assert f"{hi:.2f} kg for you" in alert or f"{0.005 * prof.weight_kg:.2f} kg for you" in alert
    idx = p["safety"]["alerts"].index(alert)
    assert {"alert": idx, "id": "kb-muscle-gain-energy-001", "for": "muscle-gain-nutrition"} in \
        p["safety"]["reason_citations"]
    assert p["safety"]["target_rate"]["safe_kg_per_week"] <= 0.005 * prof.weight_kg
    assert rules(p, prof) == []
    bad = copy.deepcopy(p)
    bad["safety"]["reason_citations"] = [c for c in bad["safety"]["reason_citations"] if c.get("alert") != idx]
    assert 107 in rules(bad, prof)


def test_a_gain_within_the_rate_has_no_alert_and_a_loss_keeps_the_loss_rate():
    p, _ = plan({**ADULT, "target_weight_kg": 72, "target_weeks": 12})
    assert not any("Your target of" in a for a in p["safety"]["alerts"])
    p, _ = plan({**ADULT, "goal": "fat_loss", "weight_kg": 90, "target_weight_kg": 80, "target_weeks": 6})
    assert any("1% of body weight" in a for a in p["safety"]["alerts"])


@pytest.mark.parametrize("extra", [{"age": 15, "sex": "male", "days_per_week": 6, "minutes_per_session": 90},
                                   {"minutes_per_session": 75}])
def test_a_teenagers_strength_minutes_are_the_time_the_work_takes(extra):
    from coach.planning.strength_time import work_limit
    p, prof = plan({**TEEN, **extra})
    strength = [s for w in p["weeks"] for s in w["sessions"] if work_limit(s) is not None]
    assert strength and all(s["minutes"] <= max(work_limit(t) for t in strength if t["day"] == s["day"])
                            for s in strength)
    assert "build to" not in p["rationale"].split(".")[0] or "start at" in p["rationale"]
    assert max(s["minutes"] for s in strength) < prof.minutes_per_session  # (the padded length is gone)
    assert rules(p, prof) == []
