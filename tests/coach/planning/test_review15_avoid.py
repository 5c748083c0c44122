"""Physician review 15 (issue #12), findings on injuries' avoid lists, ankle balance, short sleep and tempo notes.
Rules 100-104 (docs/plan-rules.md); the profiles are this test's own.

- A wrist or elbow injury: no dead hangs, hanging raises or loaded carries (kb-elbow-001 "long dead hangs", heavy
  gripping; kb-wrist-001/-002 heavy gripping), deadlifts only with the straps note, and the rationale's "left out"
  sentence only when true.
- Each injury passage's avoid list is in the catalog's contraindications.
- An ankle injury brings single-leg balance every week (kb-ankle-001/-003).
- Sleep under 7 h brings the sleep alert with kb-sleep-001's lighter-day advice.
- A tempo session on the bike is not called a run, and counts the week's hard sessions as planned.
"""
from __future__ import annotations

import copy

import pytest

from coach.domain.profile import validate_profile
from coach.i18n import t
from coach.planning import make_plan, validate_plan
from coach.planning.context import floor_work
from coach.planning.grip import note_text
from coach.safety.screening import SLEEP_ADVICE
from knowledge.catalog import load_catalog

LIFTER = {"age": 39, "sex": "female", "height_cm": 168, "weight_kg": 70, "goal": "muscle_gain", "days_per_week": 4,
          "minutes_per_session": 60, "experience": "intermediate", "currently_active": True,
          "equipment": ["gym"], "language": "en"}
RIDER = {"age": 31, "sex": "female", "height_cm": 170, "weight_kg": 60, "resting_hr": 50, "goal": "endurance",
         "days_per_week": 6, "minutes_per_session": 90, "experience": "advanced", "currently_active": True,
         "equipment": ["gym", "bike"], "preferences": {"likes": ["cycling"]}, "language": "en"}
HANG_OR_CARRY = {"dead_hang", "hanging_knee_raise", "scapular_pull_up", "dumbbell_farmer_carry",
                 "dumbbell_suitcase_carry", "kettlebell_suitcase_carry"}


def plan_for(d: dict, weeks: int = 12, lang: str = "en") -> tuple[dict, object]:
    p = validate_profile({**d, "language": lang})
    return make_plan(p, weeks, lang=lang), p


def entries(plan: dict):
    return [(w, s, e) for w in plan["weeks"] for s in w["sessions"] for e in s["exercises"]]


@pytest.mark.parametrize("injuries", [["wrist"], ["elbow"], ["wrist", "elbow"]])
@pytest.mark.parametrize("equipment", [["gym"], ["barbell", "dumbbells", "pullup_bar", "kettlebell", "bench"]])
def test_no_hangs_or_carries_and_deadlifts_carry_the_straps_note(injuries, equipment):
    plan, p = plan_for({**LIFTER, "injuries": injuries, "equipment": equipment})
    assert not {e["id"] for _, _, e in entries(plan)} & HANG_OR_CARRY
    note = note_text("en", injuries)
    for _, s, e in entries(plan):
        if "deadlift" in e["id"] and e.get("sets"):
            assert note in s["notes"]
    assert not [v for v in validate_plan(plan, p) if v.rule in (100, 101, 102)]


def test_the_checks_refuse_a_hang_a_deadlift_without_straps_and_a_false_left_out_sentence():
    plan, p = plan_for({**LIFTER, "injuries": ["elbow"], "equipment": ["barbell", "pullup_bar", "bench"]})
    bad = copy.deepcopy(plan)
    session = bad["weeks"][0]["sessions"][0]
    session["exercises"].append({"id": "dead_hang", "name": "Dead hang (pull-up bar)", "sets": 3, "reps": "20-40 s",
                                 "rest_s": 90, "kind": "strength", "muscle_groups": ["forearms"],
                                 "equipment": ["pullup_bar"]})
    session["exercises"].append({"id": "barbell_deadlift", "name": "Barbell deadlift", "sets": 3, "reps": "5-8",
                                 "rest_s": 120, "kind": "strength", "muscle_groups": ["hamstrings"],
                                 "equipment": ["barbell"]})
    session["notes"] = session["notes"].replace(note_text("en", ["elbow"]), "")
    rules = {v.rule for v in validate_plan(bad, p)}
    assert {100, 101, 102} <= rules
    assert "Exercises that load your elbow in risky ways are left out" in plan["rationale"]


def test_the_straps_note_is_translated():
    plan, _ = plan_for({**LIFTER, "injuries": ["wrist"], "equipment": ["barbell", "bench", "dumbbells"]}, 4, "zh")
    notes = " ".join(s["notes"] for w in plan["weeks"] for s in w["sessions"])
    assert note_text("zh", ["wrist"]) in notes and "手腕" in note_text("zh", ["wrist"])


# each injury passage's "avoid" list (kb-<area>-001) against the catalog's contraindications
PASSAGE_AVOIDS = {
    "wrist": ("push_up", "high_plank", "barbell_front_squat", "kettlebell_clean", "wall_handstand_hold", "burpee",
              "downward_dog", "barbell_curl", "dead_hang", "dumbbell_farmer_carry"),
    "elbow": ("dead_hang", "dumbbell_farmer_carry", "kettlebell_suitcase_carry", "barbell_bent_over_row", "pull_up",
              "dumbbell_skull_crusher", "barbell_close_grip_bench_press"),
    "knee": ("jump_squat", "pistol_squat", "sprint_intervals", "knee_push_up", "side_plank_on_knees", "bird_dog",
             "kneeling_hip_flexor_stretch"),
    "lower_back": ("barbell_deadlift", "barbell_good_morning", "barbell_bent_over_row", "kettlebell_swing", "sit_up",
                   "crunch", "barbell_back_squat"),
    "shoulder": ("barbell_overhead_press", "dumbbell_overhead_press", "bench_dip", "dumbbell_upright_row",
                 "barbell_bench_press"),
    "hip": ("deep_squat_hold", "barbell_back_squat", "goblet_squat", "walking_lunge", "knee_to_chest_stretch",
            "supine_figure_four_stretch"),
    "neck": ("dumbbell_shrug", "wall_handstand_hold", "crunch", "barbell_overhead_press", "barbell_push_press"),
    "ankle": ("jump_squat", "sprint_intervals", "hiking", "skater_hops"),
}


@pytest.mark.parametrize("area", sorted(PASSAGE_AVOIDS))
def test_each_injury_passages_avoid_list_is_contraindicated_in_the_catalog(area):
    cat = load_catalog()
    assert [x for x in PASSAGE_AVOIDS[area] if area not in cat[x].contraindicated] == []


def test_what_the_ankle_passage_prescribes_is_not_contraindicated():
    cat = load_catalog()
    assert "ankle" not in cat["single_leg_stand"].contraindicated  # kb-ankle-001: balance on the injured leg
    assert "ankle" not in cat["standing_calf_raise"].contraindicated  # kb-ankle-001: strength (calf raises)


@pytest.mark.parametrize("profile", [RIDER, {**LIFTER, "equipment": ["dumbbells", "bands"]},
                                     {**LIFTER, "goal": "fat_loss", "experience": "beginner", "days_per_week": 3,
                                      "minutes_per_session": 45, "equipment": []}])
def test_an_ankle_injury_brings_single_leg_balance_every_week(profile):
    plan, p = plan_for({**profile, "injuries": ["ankle", "shoulder"]})
    for w in plan["weeks"]:
        assert any(e["id"] == "single_leg_stand" for s in w["sessions"] for e in s["exercises"]), w["week"]
    assert not validate_plan(plan, p)


def test_the_ankle_check_refuses_a_week_without_one_leg_balance():
    plan, p = plan_for({**RIDER, "injuries": ["ankle"]}, 4)
    for s in plan["weeks"][1]["sessions"]:
        s["exercises"] = [e for e in s["exercises"] if e["id"] != "single_leg_stand"]
    assert 103 in {v.rule for v in validate_plan(plan, p)}


@pytest.mark.parametrize("hours,alert", [(6, True), (6.5, True), (5, True), (7, False), (8, False)])
def test_sleep_under_seven_hours_brings_the_alert_and_advice(hours, alert):
    plan, p = plan_for({**RIDER, "sleep_hours": hours}, 4)
    assert any(t("en", SLEEP_ADVICE) in a for a in plan["safety"]["alerts"]) is alert
    assert not validate_plan(plan, p)
    if alert:
        plan["safety"]["alerts"] = [a for a in plan["safety"]["alerts"] if t("en", SLEEP_ADVICE) not in a]
        assert 104 in {v.rule for v in validate_plan(plan, p)}


def test_a_tempo_ride_is_not_a_run_and_counts_the_hard_sessions_planned():
    plan, _ = plan_for({**RIDER, "injuries": ["ankle"], "days_per_week": 7}, 12)
    tempo = [(w, s) for w in plan["weeks"] for s in w["sessions"] if "Tempo" in s.get("notes", "")]
    assert tempo
    for w, s in tempo:
        cardio = [e for e in s["exercises"] if e.get("structure")]
        if cardio and not any(x in cardio[0]["id"] for x in ("run", "jog")):
            assert "Tempo run" not in s["notes"] and "Run first" not in s["notes"]
        hard = sum(1 for x in w["sessions"] if x["intensity"]["label"] == "vigorous"
                   or any(e.get("kind") == "hiit" for e in x["exercises"]))
        assert ("one of your two hard sessions" in s["notes"]) is (hard >= 2)


OLDER = {"age": 72, "sex": "female", "height_cm": 160, "weight_kg": 62, "goal": "general_health", "days_per_week": 3,
         "minutes_per_session": 40, "experience": "beginner", "currently_active": False, "equipment": ["bands"]}


@pytest.mark.parametrize("extra", [{"conditions": ["osteoporosis"]},
                                   {"conditions": ["osteoarthritis"], "injuries": ["knee"]},
                                   {"conditions": ["stroke"], "goal": "mobility"},
                                   {"conditions": ["parkinsons"], "equipment": []}])
def test_older_people_with_bones_knees_or_a_stroke_get_no_floor_work(extra):
    plan, p = plan_for({**OLDER, **extra})
    cat = load_catalog()
    floor = {e["id"] for _, _, e in entries(plan) if e["id"] in cat and floor_work(cat[e["id"]])}
    assert floor == set()
    assert not validate_plan(plan, p)


def test_floor_work_stays_for_a_younger_person_with_osteoporosis():
    plan, _ = plan_for({**OLDER, "age": 55, "conditions": ["osteoporosis"]})
    cat = load_catalog()
    assert any(floor_work(cat[e["id"]]) for _, _, e in entries(plan) if e["id"] in cat)
