"""Review 11: the plan's words keep the rules its sessions keep (rules 42 text, 73 light start, 80, 81)."""
from __future__ import annotations

import json

import pytest

from coach.domain.profile import validate_profile
from coach.planning.engine import make_plan
from coach.planning.validator import validate_plan


def _plan(**kw):
    d = {"age": 45, "height_cm": 170, "weight_kg": 70, "goal": "general_health", "days_per_week": 3,
         "minutes_per_session": 40, "experience": "beginner", "currently_active": False}
    d.update(kw)
    p = validate_profile(d)
    return p, make_plan(p, 12)


def _all_text(plan) -> str:
    return json.dumps(plan, ensure_ascii=False)


def _rules(plan, p) -> set[int]:
    return {v.rule for v in validate_plan(plan, p)}


@pytest.mark.parametrize("kw", [
    {"age": 71, "conditions": ["atrial_fibrillation", "falls"], "medications": ["rivaroxaban"], "equipment": ["bike"],
     "preferences": {"likes": ["cycling"]}},
    {"age": 83, "language": "zh", "conditions": ["falls"], "medications": ["warfarin"], "equipment": ["bike"],
     "preferences": {"likes": ["cycling"]}},
    {"age": 58, "conditions": ["heart_disease"], "medications": ["clopidogrel", "aspirin"], "equipment": ["bike"],
     "preferences": {"likes": ["cycling"]}, "clearance": {"by": "cardiologist", "limits": "keep HR under 110"}},
])
def test_stationary_bike_only_in_every_text(kw):
    p, plan = _plan(**kw)
    text = _all_text(plan)
    assert "on the road or" not in text and "公路上骑车" not in text and "ride your bike" not in text
    assert "outdoor_bike" not in text
    assert 42 not in _rules(plan, p)


def test_rule_42_reads_the_text():
    p, plan = _plan(age=66, medications=["apixaban", "clopidogrel", "aspirin"])
    plan["safety"]["reasons"].append("You can cycle on the road or a stationary bike.")
    assert 42 in _rules(plan, p)


def test_a_single_antiplatelet_keeps_the_outdoor_helmet_advice():
    _, plan = _plan(age=50, medications=["clopidogrel"])
    assert "helmet on an outdoor bike" in _all_text(plan)


@pytest.mark.parametrize("kw", [
    {"age": 86, "language": "zh", "conditions": ["frailty", "osteoporosis"], "equipment": []},
    {"age": 68, "equipment": [], "goal": "muscle_gain"},
    {"age": 55, "conditions": ["osteoporosis"], "equipment": ["bands"]},
    {"age": 70, "injuries": ["knee"], "equipment": ["dumbbells"]},
    {"age": 15, "injuries": ["knee"], "equipment": ["dumbbells"], "goal": "muscle_gain", "currently_active": True,
     "experience": "intermediate", "days_per_week": 4},
])
def test_no_backpack_loading_for_the_careful(kw):
    p, plan = _plan(**kw)
    text = _all_text(plan)
    assert "backpack" not in text and "背包" not in text
    assert 80 not in _rules(plan, p)


def test_a_younger_adult_without_weights_may_still_use_a_backpack():
    _, plan = _plan(age=30, equipment=[], goal="muscle_gain", currently_active=True, experience="intermediate")
    assert "backpack" in _all_text(plan)


def test_rule_80_reads_a_backpack_hint():
    p, plan = _plan(age=72, equipment=[])
    plan["weeks"][0]["sessions"][0]["notes"] += " Or a filled backpack for squats and step-ups."
    assert 80 in _rules(plan, p)


@pytest.mark.parametrize("kw", [
    {"age": 74, "conditions": ["atrial_fibrillation", "type2_diabetes"], "medications": ["apixaban"]},
    {"age": 69, "conditions": ["copd"], "goal": "endurance", "minutes_per_session": 30, "language": "zh"},
    {"age": 66, "currently_active": True},
])
def test_home_balance_add_on_keeps_to_the_sessions_stances(kw):
    p, plan = _plan(**kw)
    add_ons = [w["daily_activity"]["add_on"]["text"] for w in plan["weeks"]
               if (w.get("daily_activity") or {}).get("add_on")]
    assert add_ons
    assert not any("one leg" in x or "heel to toe" in x or "单腿" in x for x in add_ons[:4])
    assert 80 not in _rules(plan, p)


def test_rule_80_reads_a_harder_home_stance():
    p, plan = _plan(age=75)
    week = next(w for w in plan["weeks"] if (w.get("daily_activity") or {}).get("add_on"))
    week["daily_activity"]["add_on"]["text"] += " For example standing on one leg."
    assert 80 in _rules(plan, p)


def test_a_light_start_walks_at_an_easy_pace():
    p, plan = _plan(age=64, conditions=["copd"], goal="endurance", equipment=["bike"], minutes_per_session=30)
    light = [w for w in plan["weeks"] if all(s["intensity"]["label"] == "light" for s in w["sessions"])]
    assert light and light[0]["week"] == 1
    first = plan["weeks"][0]["daily_activity"]
    assert first["label"] == "light" and "brisk" not in first["text"]
    assert 73 not in _rules(plan, p)
    later = next(w for w in plan["weeks"] if any(s["intensity"]["label"] != "light" for s in w["sessions"]))
    first.update(label="moderate", text=first["text"].replace("an easy pace", "a brisk pace you can talk at"))
    assert later["week"] > 1 and 73 in _rules(plan, p)


@pytest.mark.parametrize("kw,ref", [
    ({"age": 40, "height_cm": 183, "weight_kg": 108, "conditions": ["hypertension"], "bp_systolic": 150,
      "bp_diastolic": 95}, 84),
    ({"age": 29, "height_cm": 160, "weight_kg": 85, "language": "zh"}, 64),
])
def test_no_surplus_and_reference_weight_protein_at_bmi_30(kw, ref):
    p, plan = _plan(goal="muscle_gain", currently_active=True, experience="intermediate", equipment=["dumbbells"],
                    **kw)
    reasons = " ".join(plan["safety"]["reasons"])
    assert "surplus of a few hundred" not in reasons and "每天比消耗多吃几百千卡" not in reasons
    assert f"{ref}" in reasons
    assert "kb-energy-004" in {c["id"].removesuffix("-zh") for c in plan["citations"]}
    assert 81 not in _rules(plan, p)


def test_hypertension_and_overweight_hears_what_weight_loss_does():
    _, plan = _plan(age=50, height_cm=175, weight_kg=84, goal="muscle_gain", conditions=["hypertension"],
                    bp_systolic=142, bp_diastolic=88, equipment=["gym"], currently_active=True)
    reasons = " ".join(plan["safety"]["reasons"])
    assert "1 mmHg" in reasons and "few hundred kcal" not in reasons


def test_a_lean_lifter_keeps_the_small_surplus():
    _, plan = _plan(age=25, height_cm=180, weight_kg=72, goal="muscle_gain", equipment=["gym"],
                    currently_active=True, experience="intermediate")
    assert "small energy surplus" in " ".join(plan["safety"]["reasons"])


def test_rule_81_reads_a_surplus_and_total_weight_protein():
    p, plan = _plan(age=44, height_cm=183, weight_kg=108, goal="muscle_gain", equipment=["gym"])
    plan["safety"]["reasons"].append("Eating for muscle: about 175 g of protein a day and a small energy surplus of "
                                     "a few hundred kcal a day.")
    assert 81 in _rules(plan, p)
