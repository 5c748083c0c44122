"""The plan validator on its own: each PLAN_RULES check fires on a plan that breaks it, and only then."""
from __future__ import annotations

import copy

import pytest

from coach.planning import make_plan
from coach.planning.validator import Violation, aerobic_minutes, is_resistance, name_implies, validate_plan
from coach.domain.profile import validate_profile
from knowledge.corpus import get_passage
from tests.conftest import load_jsonl

PERSONAS = {p["id"]: p["profile"] for p in load_jsonl("personas.jsonl")}


def plan_of(pid: str, weeks: int = 4) -> tuple[dict, object]:
    prof = validate_profile(PERSONAS[pid])
    return make_plan(prof, weeks), prof


def rules(plan: object, prof: object, **kw: object) -> set[int]:
    return {v.rule for v in validate_plan(plan, prof, **kw)}


def test_the_engines_plan_is_clean():
    plan, prof = plan_of("seed-paper-example", 8)
    assert validate_plan(plan, prof, kb_lookup=get_passage) == []


@pytest.mark.parametrize("plan", [None, [], "plan", {}, {"weeks": []}])
def test_not_a_plan_is_rule_1_and_nothing_else(plan):
    _, prof = plan_of("busy-parent")
    found = validate_plan(plan, prof)
    assert len(found) == 1 and found[0].rule == 1


def test_violation_reads_as_its_rule_and_message():
    assert str(Violation(7, "too few")) == "rule 7: too few"


def test_validator_rejects_broken_plans():
    prof = validate_profile(dict(PERSONAS["symptomatic"], clearance={"by": "Dr Lee", "date": "2026-04-01",
                                                                      "limits": "light activity only"}))
    bad = copy.deepcopy(make_plan(prof, 4))
    bad["weeks"][1]["sessions"][0]["intensity"]["label"] = "vigorous"
    rules = {v.rule for v in validate_plan(bad, prof)}
    assert {3, 4} <= rules
    plan, prof = plan_of("busy-parent")  # bands only
    bad = copy.deepcopy(plan)
    bad["weeks"][0]["sessions"][0]["exercises"][0].update(name="Barbell back squat", equipment=["barbell"])
    assert 9 in {v.rule for v in validate_plan(bad, prof)}
    bad = copy.deepcopy(plan)
    bad["weeks"][0]["sessions"][0]["minutes"] = 60
    bad["weeks"][0]["sessions"].append(dict(bad["weeks"][0]["sessions"][0], day=7))
    rules = {v.rule for v in validate_plan(bad, prof)}
    assert 2 in rules
    plan, prof = plan_of("bad-knee-gym")
    bad = copy.deepcopy(plan)
    bad["weeks"][0]["sessions"][0]["exercises"][0].update(name="Box jump", id="box_jump")
    assert 10 in {v.rule for v in validate_plan(bad, prof)}
    bad = copy.deepcopy(plan)
    bad["citations"] = [{"id": "kb-nope-001", "title": "x", "source": "y"}]
    assert 14 in {v.rule for v in validate_plan(bad, prof, kb_lookup=get_passage)}


def test_horizon_and_week_numbers_must_match_the_weeks():
    plan, prof = plan_of("busy-parent")
    bad = copy.deepcopy(plan)
    bad["horizon_weeks"] = 5
    bad["weeks"][1]["week"] = 7
    assert [v.rule for v in validate_plan(bad, prof)] == [1, 1]


def test_repeated_day_is_rule_1():
    plan, prof = plan_of("busy-parent")
    bad = copy.deepcopy(plan)
    bad["weeks"][0]["sessions"][1]["day"] = bad["weeks"][0]["sessions"][0]["day"]
    assert 1 in rules(bad, prof)


def test_vigorous_in_week_one_for_a_beginner_is_rule_5():
    plan, prof = plan_of("seed-paper-example")
    bad = copy.deepcopy(plan)
    bad["safety"]["intensity_cap"] = "vigorous"
    bad["weeks"][0]["sessions"][0]["intensity"]["label"] = "vigorous"
    assert 5 in rules(bad, prof)


def test_missing_clearance_flag_is_rule_4():
    plan, prof = plan_of("symptomatic")
    bad = copy.deepcopy(plan)
    bad["safety"]["clearance_required"] = False
    assert 4 in rules(bad, prof)


def test_aerobic_dose_short_of_the_requirement_is_rule_6():
    plan, prof = plan_of("busy-parent")
    bad = copy.deepcopy(plan)
    for week in bad["weeks"]:
        for s in week["sessions"]:
            s["kind"] = "strength"
    assert 6 in rules(bad, prof)
    assert aerobic_minutes(bad["weeks"][2]) == 0


def test_rule_6_is_relaxed_for_a_restricted_plan():
    prof = validate_profile(dict(PERSONAS["symptomatic"], clearance={"by": "Dr Lee", "date": "2026-04-01"}))
    plan = make_plan(prof, 4)
    bad = copy.deepcopy(plan)
    for week in bad["weeks"]:
        for s in week["sessions"]:
            s["minutes"] = 10
    assert 6 not in rules(bad, prof)


def test_aerobic_minutes_weigh_intensity_and_halve_mixed_sessions():
    week = {"sessions": [
        {"kind": "aerobic", "minutes": 30, "intensity": {"label": "vigorous"}},
        {"kind": "mixed", "minutes": 40, "intensity": {"label": "moderate"}},
        {"kind": "hiit", "minutes": 20, "intensity": {"label": "light"}},
        {"kind": "strength", "minutes": 60, "intensity": {"label": "moderate"}},
    ]}
    assert aerobic_minutes(week) == 30 * 2 + 20 + 20 * 0.5


def test_resistance_is_strength_mixed_or_three_exercises_with_sets():
    assert is_resistance({"kind": "mixed", "exercises": []})
    assert is_resistance({"kind": "aerobic", "exercises": [{"sets": 2}] * 3})
    assert not is_resistance({"kind": "aerobic", "exercises": [{"sets": 2}] * 2})


def test_too_few_resistance_sessions_is_rule_7():
    plan, prof = plan_of("home-dumbbells-gain")
    bad = copy.deepcopy(plan)
    for s in bad["weeks"][0]["sessions"]:
        s["kind"], s["exercises"] = "aerobic", []
    assert 7 in rules(bad, prof)


def test_same_muscles_on_consecutive_days_is_rule_8_across_weeks_too():
    plan, prof = plan_of("busy-parent")
    bad = copy.deepcopy(plan)
    squat = {"id": "squat", "name": "Squat", "sets": 3, "muscle_groups": ["quads"], "equipment": []}
    bad["weeks"][0]["sessions"][-1].update(day=7, exercises=[squat])
    bad["weeks"][1]["sessions"][0].update(day=1, exercises=[squat])
    found = [v for v in validate_plan(bad, prof) if v.rule == 8]
    assert any("week 1 day 7 and week 2 day 1" in v.message for v in found)


def test_older_adult_without_balance_work_is_rule_11():
    plan, prof = plan_of("retiree")
    bad = copy.deepcopy(plan)
    for s in bad["weeks"][1]["sessions"]:
        s["kind"] = "aerobic"
        s["exercises"] = [e for e in s["exercises"]
                          if e.get("kind") != "balance" and "balance" not in e["name"].lower()]
    assert 11 in rules(bad, prof)


def test_heart_rate_that_does_not_match_the_reserve_is_rule_12():
    plan, prof = plan_of("seed-paper-example")
    bad = copy.deepcopy(plan)
    sess = next(s for s in bad["weeks"][0]["sessions"] if s["intensity"]["hr_bpm"])
    sess["intensity"]["hr_bpm"] = [60, 61]
    assert 12 in rules(bad, prof)


def test_a_jump_in_weekly_minutes_is_rule_13_but_a_deload_week_is_exempt():
    prof = validate_profile(dict(PERSONAS["busy-parent"], experience="intermediate", currently_active=True))
    plan = make_plan(prof, 8)
    bad = copy.deepcopy(plan)
    for s in bad["weeks"][0]["sessions"]:
        s["minutes"] = 10
    assert 13 in rules(bad, prof)
    bad = copy.deepcopy(plan)
    assert bad["weeks"][3]["deload"]
    for s in bad["weeks"][2]["sessions"]:  # week 4 (deload) is now far above 125 % of week 3
        s["minutes"] = 10
    assert not [v for v in validate_plan(bad, prof) if v.rule == 13 and v.message.startswith("week 4")]


def test_one_sentence_rationale_is_rule_15():
    plan, prof = plan_of("busy-parent")
    bad = dict(plan, rationale="Train.")
    assert 15 in rules(bad, prof)


def test_too_fast_target_without_a_weekly_figure_is_rule_16():
    plan, prof = plan_of("too-fast-target")
    assert 16 not in rules(plan, prof)
    bad = copy.deepcopy(plan)
    bad["safety"]["alerts"] = ["Slow down."]
    assert 16 in rules(bad, prof)


@pytest.mark.parametrize("name, implied", [
    ("Barbell back squat", {"barbell"}), ("Dumbbell bench press", {"dumbbells", "bench"}),
    ("Bicycle crunch", set()), ("Pull-up", {"pullup_bar"}), ("Stationary bike", {"bike"}),
    ("Bodyweight squat", set()),
])
def test_names_imply_equipment(name, implied):
    assert name_implies(name) == implied
