"""Review 2 (p04, p02, p08-like profiles of our own): a teenager's week is counted against WHO's youth dose (60 min a
day, vigorous on >= 3 days; kb-youth-dose-001), with the growth-area pain note (kb-youth-strength-003); an adult
fat-loss plan says what deficit and rate to aim for (kb-weight-loss-001) and aims its aerobic minutes toward
200-300 a week where the budget allows (Donnelly 2009, kb-weight-loss-002)."""
from __future__ import annotations

import re

from coach.domain.limits import safe_rate_kg_week
from coach.domain.profile import validate_profile
from coach.planning import make_plan, validate_plan
from coach.planning.rationale import FACTOR, honest_aerobic
from knowledge.corpus import get_passage

TEEN = {"age": 16, "sex": "female", "height_cm": 163, "weight_kg": 54, "resting_hr": 66, "experience": "beginner",
        "currently_active": True, "goal": "general_health", "days_per_week": 3, "minutes_per_session": 45,
        "equipment": ["dumbbells"]}
ADULT = {"age": 41, "sex": "female", "height_cm": 165, "weight_kg": 86, "resting_hr": 72, "experience": "beginner",
         "currently_active": False, "goal": "fat_loss", "days_per_week": 4, "minutes_per_session": 45,
         "equipment": ["dumbbells"]}


def plan(d, **kw):
    prof = validate_profile({**d, **kw})
    out = make_plan(prof, 12)
    assert validate_plan(out, prof, kb_lookup=get_passage) == []
    return prof, out


def cited_for(out, part):
    s = out["safety"]
    for rc in s["reason_citations"]:
        field, i = ("reasons", rc["reason"]) if "reason" in rc else ("alerts", rc["alert"])
        if part in s[field][i]:
            return rc["id"]
    return None


def test_teen_rationale_counts_against_the_youth_hour_not_the_adult_150():
    for kw in ({}, {"goal": "muscle_gain", "days_per_week": 4, "minutes_per_session": 60, "equipment": ["gym"]}):
        _, out = plan(TEEN, **kw)
        assert "about 150" not in out["rationale"] and "150-300" not in out["rationale"]
        assert "60 minutes" in out["rationale"]


def test_teen_gets_vigorous_days_and_growth_area_pain_notes():
    _, out = plan(TEEN, goal="muscle_gain", days_per_week=4, minutes_per_session=60, equipment=["gym"])
    assert cited_for(out, "at least 3 days") == "kb-youth-dose-001"
    assert cited_for(out, "below the kneecap") == "kb-youth-strength-003"


def test_adult_fat_loss_gets_a_deficit_and_the_safe_rate():
    prof, out = plan(ADULT)
    rate = f"{safe_rate_kg_week(prof.weight_kg):g} kg"
    assert cited_for(out, "kcal") == "kb-weight-loss-001"
    assert any("kcal" in r and rate in r for r in out["safety"]["reasons"])


def test_teen_fat_loss_never_gets_the_adult_deficit():
    _, out = plan(TEEN, goal="fat_loss")
    assert not any("kcal" in r for r in out["safety"]["reasons"] + out["safety"]["alerts"])


def test_fat_loss_aerobic_aims_toward_200_to_300_minutes_when_the_budget_allows():
    _, out = plan(ADULT)
    last = out["weeks"][-1]
    walk = last.get("daily_activity") or {}
    total = honest_aerobic(last) + walk.get("total_minutes", 0) * FACTOR[walk.get("label", "moderate")]
    assert total >= 200, total
    assert "200-300" in out["rationale"] and re.search(r"200-300[^\[]*\[[^\]]*kb-weight-loss-002", out["rationale"])


def test_general_health_walks_still_aim_at_150():
    _, out = plan(ADULT, goal="general_health")
    last = out["weeks"][-1]
    walk = last.get("daily_activity") or {}
    assert honest_aerobic(last) + walk.get("total_minutes", 0) < 200
