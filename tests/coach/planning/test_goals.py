"""Unsafe weight goals change the plan (PLAN_RULES 27, 28; kb-youth-weight-001, kb-underweight-001)."""
from __future__ import annotations

import pytest

from coach.domain.profile import validate_profile
from coach.planning import make_plan, validate_plan
from knowledge.corpus import get_passage

BASE = {"age": 35, "sex": "male", "height_cm": 180, "weight_kg": 75, "goal": "general_health",
        "days_per_week": 4, "minutes_per_session": 45, "experience": "intermediate", "currently_active": True,
        "equipment": ["dumbbells"]}


def plan_for(lang: str = "en", weeks: int = 4, **change):
    prof = validate_profile({**BASE, **change})
    plan = make_plan(prof, weeks, lang=lang)
    assert validate_plan(plan, prof, kb_lookup=get_passage) == []
    return plan


def cited_for(plan, tag):
    return [rc for rc in plan["safety"]["reason_citations"]
            if "reason" in rc and tag in get_passage(rc["id"]).tags]


@pytest.mark.parametrize("change, tag, words", [
    # a 15-year-old boy at a healthy BMI (20.4) asking for fat loss, no target
    ({"age": 15, "height_cm": 172, "weight_kg": 60.4, "goal": "fat_loss", "experience": None},
     "plan:youth-weight", ("paediatrician", "eating disorder")),
    # a 16-year-old girl with an endurance goal but a lower target weight
    ({"age": 16, "sex": "female", "height_cm": 163, "weight_kg": 54, "goal": "endurance", "target_weight_kg": 50,
      "target_weeks": 12, "experience": None}, "plan:youth-weight", ("paediatrician", "dietitian")),
    # an adult whose target means BMI 17.3
    ({"height_cm": 180, "weight_kg": 70, "goal": "fat_loss", "target_weight_kg": 56, "target_weeks": 30},
     "plan:underweight", ("18.5", "eating disorder", "RED-S")),
    # an adult already underweight who wants to lose more, no target
    ({"sex": "female", "height_cm": 170, "weight_kg": 52, "goal": "fat_loss"}, "plan:underweight", ("18.5",)),
])
def test_unsafe_weight_goal_builds_a_general_health_plan_with_a_cited_referral(change, tag, words):
    plan = plan_for(**change)
    assert plan["goal"] == "general_health"
    assert plan["safety"]["requested_goal"] == change["goal"]
    assert "target_rate" not in plan["safety"]
    reasons = cited_for(plan, tag)
    assert reasons, plan["safety"]["reason_citations"]
    text = plan["safety"]["reasons"][reasons[0]["reason"]]
    assert all(w in text for w in words), text
    assert "kb-weight-loss-001" not in [c["id"] for c in plan["citations"]]


def test_the_switch_and_referral_in_chinese():
    plan = plan_for("zh", age=14, sex="female", height_cm=160, weight_kg=48, goal="fat_loss", target_weight_kg=44,
                    target_weeks=10, experience=None)
    assert plan["goal"] == "general_health" and plan["safety"]["requested_goal"] == "fat_loss"
    text = plan["safety"]["reasons"][cited_for(plan, "plan:youth-weight")[0]["reason"]]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in text)
    assert "safe rate" not in " ".join(plan["safety"]["alerts"])  # no adult % rate for a teenager


def test_a_teen_whose_bmi_for_age_warrants_it_keeps_the_goal_with_a_family_based_note():
    # 14-year-old boy, BMI 27.3 (IOTF overweight cut-off at 14: 22.6)
    plan = plan_for(age=14, height_cm=165, weight_kg=74.3, goal="fat_loss", target_weight_kg=68, target_weeks=20,
                    experience=None)
    assert plan["goal"] == "fat_loss" and "requested_goal" not in plan["safety"]
    alert = " ".join(plan["safety"]["alerts"])
    assert "family" in alert and "paediatrician" in alert
    assert "1%" not in alert and "safe rate" not in alert and "target_rate" not in plan["safety"]


def test_safe_goals_are_untouched():
    plan = plan_for(goal="fat_loss", weight_kg=90, target_weight_kg=82, target_weeks=16)
    assert plan["goal"] == "fat_loss" and "requested_goal" not in plan["safety"]


def test_the_validator_rejects_an_unsafe_weight_goal_planned_as_fat_loss():
    prof = validate_profile({**BASE, "age": 15, "height_cm": 172, "weight_kg": 60.4, "goal": "fat_loss",
                             "experience": None})
    plan = make_plan(prof, 4)
    plan["goal"] = "fat_loss"
    assert [v.rule for v in validate_plan(plan, prof, kb_lookup=get_passage)] == [27]


def test_a_switched_endurance_goal_is_judged_as_the_general_health_plan_it_is():
    # 16-year-old, healthy BMI, endurance goal with a lower target, one 45-min day, 12 weeks (no 80/20 rule applies)
    prof = validate_profile({**BASE, "age": 16, "height_cm": 175, "weight_kg": 59, "goal": "endurance",
                             "days_per_week": 1, "experience": "advanced", "equipment": ["treadmill"],
                             "target_weight_kg": 51, "target_weeks": 11, "resting_hr": 67})
    plan = make_plan(prof, 12)
    assert plan["goal"] == "general_health"
    assert validate_plan(plan, prof, kb_lookup=get_passage) == []
