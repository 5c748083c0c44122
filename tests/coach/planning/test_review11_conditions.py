"""Review 11: conditions written in free text (gestational diabetes, vertebral fracture, heart failure, pelvic girdle
pain, Osgood-Schlatter) get their passages' rules, and every cited condition passage's warning signs are in the
plan's alerts (rules 76-77)."""
from __future__ import annotations

import copy

import pytest

from coach.domain.profile import Profile
from coach.planning.engine import make_plan
from coach.planning.validator import validate_plan
from coach.safety.screening import screen


def _profile(**kw) -> Profile:
    base = dict(age=52, sex="female", height_cm=165, weight_kg=68, experience="beginner", currently_active=True,
                goal="general_health", days_per_week=3, minutes_per_session=40, equipment=["dumbbells", "bands"],
                conditions=[], medications=[], language="en")
    base.update(kw)
    return Profile(**base)


def _cited(plan: dict) -> set[str]:
    return {c["id"] for c in plan["citations"]}


def _ids(plan: dict) -> set[str]:
    return {e["id"] for w in plan["weeks"] for s in w["sessions"] for e in s["exercises"]}


@pytest.mark.parametrize("written, codes", [
    ("heart failure (HFrEF, EF 30%)", {"heart_failure", "heart_disease"}),
    ("心衰", {"heart_failure", "heart_disease"}),
    ("spinal compression fracture L1", {"vertebral_fracture", "osteoporosis"}),
    ("椎体骨折", {"vertebral_fracture", "osteoporosis"}),
    ("Gestational diabetes", {"gestational_diabetes", "pregnancy"}),
    ("妊娠糖尿病", {"gestational_diabetes", "pregnancy"}),
    ("SPD", {"pelvic_girdle_pain"}),
    ("Osgood-Schlatter disease", {"osgood_schlatter"}),
])
def test_written_in_conditions_are_recognised(written, codes):
    p = _profile(conditions=[written])
    assert codes <= set(p.conditions)
    s = screen(p)
    assert "unknown_condition" not in s.flags and not any("no specific rules" in r for r in s.reasons)


def test_osgood_schlatter_brings_the_knee_rules():
    assert "knee" in _profile(age=14, conditions=["osgood schlatter"]).injuries


def test_gestational_diabetes_cites_its_passage_with_the_pregnancy_rules():
    p = _profile(age=31, conditions=["gestational diabetes"], weeks_pregnant=24)
    plan = make_plan(p, 12)
    assert "kb-gdm-001" in _cited(plan)
    assert any("150 minutes" in r and "after meals" in r for r in plan["safety"]["reasons"])
    assert plan["safety"].get("provider_consult") is True
    assert validate_plan(plan, p) == []


def test_vertebral_fracture_needs_a_physiotherapist_first_and_spares_the_spine():
    p = _profile(age=68, conditions=["vertebral fracture T11 last year"],
                 preferences={"likes": ["pilates"], "dislikes": []})
    plan = make_plan(p, 12)
    safety = plan["safety"]
    assert safety["clearance_required"] is True and safety["intensity_cap"] == "light"
    assert any("physiotherapist before starting" in r for r in safety["reasons"])
    assert any("Pilates" in r and "forward folds" in r for r in safety["reasons"])
    assert {"kb-osteoporosis-003", "kb-osteoporosis-001"} <= _cited(plan)
    assert validate_plan(plan, p) == []
    cleared = _profile(age=68, conditions=["vertebral fracture"], clearance={"by": "physiotherapist"})
    assert make_plan(cleared, 4)["safety"]["clearance_required"] is False


def test_heart_failure_plan_asks_for_daily_weights_and_the_signs_to_report():
    p = _profile(age=64, sex="male", conditions=["chronic heart failure"], medications=["bisoprolol"],
                 clearance={"by": "cardiologist", "limits": "RPE 11-13"})
    plan = make_plan(p, 12)
    alerts = " ".join(plan["safety"]["alerts"])
    assert "2 kg in 3 days" in alerts and "lying flat" in alerts and "weigh yourself every morning" in alerts
    assert "kb-heart-failure-001" in _cited(plan)
    assert validate_plan(plan, p) == []


def test_heart_failure_signs_in_chinese():
    p = _profile(age=64, sex="male", conditions=["心力衰竭"], language="zh")
    alerts = " ".join(make_plan(p, 4)["safety"]["alerts"])
    assert "2公斤" in alerts and "3天" in alerts and "平躺" in alerts


@pytest.mark.parametrize("lang, words", [("en", ("face drooping", "arm or leg weakness", "speech difficulty")),
                                         ("zh", ("口角歪斜", "手脚无力", "说话困难"))])
def test_a_stroke_plan_shows_the_stroke_warning_signs(lang, words):
    p = _profile(age=66, sex="male", conditions=["stroke"], currently_active=False, language=lang)
    plan = make_plan(p, 12)
    alerts = " ".join(plan["safety"]["alerts"])
    assert all(w in alerts for w in words)
    assert validate_plan(plan, p) == []
    broken = copy.deepcopy(plan)
    broken["safety"]["alerts"] = [a for a in broken["safety"]["alerts"] if words[0] not in a]
    broken["safety"]["reason_citations"] = [c for c in broken["safety"]["reason_citations"] if "alert" not in c]
    assert any(v.rule == 76 for v in validate_plan(broken, p))


def test_pelvic_girdle_pain_keeps_both_feet_down():
    p = _profile(age=30, experience="intermediate", conditions=["pregnancy", "pelvic girdle pain"], weeks_pregnant=22,
                 days_per_week=4, minutes_per_session=45, equipment=["dumbbells", "kettlebell", "bands", "bench"])
    plan = make_plan(p, 12)
    bad = [i for i in _ids(plan) if any(w in i for w in ("lunge", "split", "step_up", "single_leg", "bulgarian"))]
    assert bad == []
    assert "kb-pregnancy-009" in _cited(plan)
    assert validate_plan(plan, p) == []
    broken = copy.deepcopy(plan)
    session = next(s for w in broken["weeks"] for s in w["sessions"] if s["exercises"])
    session["exercises"].append({"id": "supported_split_squat", "name": "Supported split squat", "kind": "strength",
                                 "sets": 2, "reps": "8-10"})
    assert any(v.rule == 77 for v in validate_plan(broken, p))


def test_osgood_schlatter_leaves_out_step_ups_and_jumps_and_keeps_pain_low():
    p = _profile(age=14, sex="male", currently_active=True, goal="muscle_gain", conditions=["Osgood-Schlatter"],
                 days_per_week=4, minutes_per_session=50, equipment=["dumbbells", "bench", "pullup_bar"],
                 preferences={"likes": ["football"], "dislikes": []})
    plan = make_plan(p, 12)
    assert [i for i in _ids(plan) if any(w in i for w in ("step_up", "lunge", "split", "jump"))] == []
    assert any("2 out of 10" in r for r in plan["safety"]["reasons"])
    assert "kb-osgood-001" in _cited(plan)
    assert validate_plan(plan, p) == []


def _sets(plan: dict, week: int) -> set[int]:
    return {e["sets"] for s in plan["weeks"][week - 1]["sessions"] for e in s["exercises"] if e.get("sets")}


def test_a_cleared_heart_patient_starts_light_then_reaches_the_allowed_effort_and_a_third_set():
    """Review 11 (rule 78): cleared at Borg 11-13, under 100 bpm on a beta-blocker and 8 kg: two light weeks, then
    moderate (the ceiling is not compared with age-formula bands on the medicine), and 2 -> 3 sets later on."""
    p = _profile(age=58, sex="male", weight_kg=88, currently_active=False, goal="endurance", days_per_week=4,
                 minutes_per_session=45, conditions=["heart failure", "stent 3 months ago"],
                 medications=["carvedilol"], preferences={"likes": ["walking"], "dislikes": []},
                 clearance={"by": "cardiologist", "limits": "Borg 11-13, heart rate below 100, lift at most 8 kg"})
    plan = make_plan(p, 12)
    labels = [{s["intensity"]["label"] for s in w["sessions"]} for w in plan["weeks"]]
    assert labels[0] == labels[1] == {"light"}
    assert all("moderate" in x for x in labels[4:]) and not any("vigorous" in x for x in labels)
    assert _sets(plan, 1) == {2} and _sets(plan, 12) == {3}
    assert all(s["intensity"].get("hr_max_bpm") == 100 for w in plan["weeks"] for s in w["sessions"])
    assert any("third set" in r for r in plan["safety"]["reasons"])
    assert validate_plan(plan, p) == []
    flat = copy.deepcopy(plan)
    for w in flat["weeks"]:
        for s in w["sessions"]:
            s["intensity"] = {**s["intensity"], "label": "light", "rpe": [3, 4]}
    assert any(v.rule == 78 for v in validate_plan(flat, p))


def test_waiting_for_clearance_keeps_week_ones_sets_for_twelve_weeks():
    """Rule 33 (review 11): a 74-year-old awaiting clearance got a third set in week 10; week 1's sets hold."""
    p = _profile(age=73, sex="male", currently_active=False, conditions=["atrial fibrillation", "type 2 diabetes"],
                 medications=["apixaban"])
    plan = make_plan(p, 12)
    assert plan["safety"]["clearance_required"] is True
    assert all(_sets(plan, w) == _sets(plan, 1) for w in range(2, 13))
    assert validate_plan(plan, p) == []
    third = copy.deepcopy(plan)
    for s in third["weeks"][9]["sessions"]:
        for e in s["exercises"]:
            if e.get("sets"):
                e["sets"] += 1
    assert any(v.rule == 33 for v in validate_plan(third, p))


@pytest.mark.parametrize("med", ["prednisolone 5 mg", "泼尼松", "oral steroids"])
def test_steroid_tablets_bring_bone_and_muscle_care(med):
    p = _profile(age=66, medications=[med])
    assert "oral_steroid" in p.medications
    plan = make_plan(p, 4)
    assert any("bone-density" in r and "never stop" in r for r in plan["safety"]["reasons"])
    assert "kb-steroids-001" in _cited(plan)
