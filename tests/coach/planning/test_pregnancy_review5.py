"""Issue 12, physician review 5: pregnancy picks supported, stable exercises (ACOG CO 804 2020, RCOG / UK CMO 2019,
Mottola 2018); after birth the plan follows the weeks since birth (ACOG 2020, Goom 2019)."""
from __future__ import annotations

import pytest

from coach.domain.profile import validate_profile
from coach.planning import make_plan, validate_plan
from coach.planning.antenatal_choice import pregnancy_tags
from knowledge.catalog import load_catalog
from knowledge.corpus import get_passage

PREGNANT = {"age": 31, "sex": "female", "height_cm": 165, "weight_kg": 64, "experience": "intermediate",
            "currently_active": True, "goal": "general_health", "days_per_week": 4, "minutes_per_session": 45,
            "equipment": ["gym"], "conditions": ["pregnancy"], "pregnancy_trimester": 2}


def _ids(plan: dict) -> set[str]:
    return {e["id"] for w in plan["weeks"] for s in w["sessions"] for e in s["exercises"] if e.get("sets")}


def _plan(**changes):
    p = validate_profile({**PREGNANT, **changes})
    plan = make_plan(p, 12)
    assert validate_plan(plan, p, kb_lookup=get_passage) == []
    return plan


def test_the_reviewed_gym_pregnancy_gets_supported_choices_not_lunges_or_hanging_work():
    ids = _ids(_plan())
    assert not ids & {"dumbbell_reverse_lunge", "negative_pull_up", "dumbbell_bent_over_row",
                      "dumbbell_romanian_deadlift", "cable_pull_through", "dumbbell_overhead_press"}
    assert {"supported_split_squat", "goblet_box_squat"} <= ids
    assert ids & {"cable_row", "band_seated_row", "dumbbell_one_arm_row", "chest_supported_dumbbell_row"}


@pytest.mark.parametrize("equipment", [["gym"], ["dumbbells"], [], ["bands"], ["kettlebell", "pullup_bar"],
                                       ["dumbbells", "bench"], ["machines"]])
@pytest.mark.parametrize("trimester", [1, 2, 3, None])
def test_no_pregnancy_plan_hangs_steps_out_carries_or_goes_upside_down(equipment, trimester):
    cat = load_catalog()
    for i in _ids(_plan(equipment=equipment, pregnancy_trimester=trimester)):
        assert not pregnancy_tags(cat[i]) & {"hanging", "stepping", "bracing", "upside_down"}, i
        if trimester != 1:
            assert "loads_lower_back" not in pregnancy_tags(cat[i]), i


def test_the_tags_come_from_the_catalog_fields():
    cat = load_catalog()
    assert "hanging" in pregnancy_tags(cat["negative_pull_up"])
    assert "stepping" in pregnancy_tags(cat["dumbbell_reverse_lunge"])
    assert "stepping" not in pregnancy_tags(cat["supported_split_squat"])
    assert "loads_lower_back" in pregnancy_tags(cat["dumbbell_bent_over_row"])
    assert "loads_lower_back" not in pregnancy_tags(cat["cable_row"])
    assert "supported" in pregnancy_tags(cat["goblet_box_squat"])
    assert "supported" not in pregnancy_tags(cat["leg_press_machine"])


def test_people_who_are_not_pregnant_keep_their_choices():
    p = validate_profile({**PREGNANT, "conditions": [], "pregnancy_trimester": None})
    ids = _ids(make_plan(p, 12))
    assert not ids & {"supported_split_squat", "goblet_box_squat"}


CAESAREAN = {"age": 40, "sex": "female", "height_cm": 168, "weight_kg": 72, "experience": "beginner",
             "currently_active": False, "goal": "general_health", "days_per_week": 3, "minutes_per_session": 40,
             "equipment": ["dumbbells", "bands"], "conditions": ["caesarean"], "weeks_since_birth": 8}
VAGINAL = {"age": 34, "sex": "female", "height_cm": 162, "weight_kg": 66, "experience": "intermediate",
           "currently_active": True, "goal": "general_health", "days_per_week": 4, "minutes_per_session": 45,
           "equipment": ["dumbbells", "bands", "bike"], "conditions": ["postpartum"], "weeks_since_birth": 5}


def _postnatal(d: dict) -> dict:
    p = validate_profile(d)
    plan = make_plan(p, 12)
    assert validate_plan(plan, p, kb_lookup=get_passage) == []
    return plan


@pytest.mark.parametrize("given, weeks", [("8 weeks postpartum", 8), ("caesarean 8 weeks ago", 8),
                                          ("产后8周", 8), ("3 months postnatal", 13), ("postpartum", None)])
def test_weeks_since_birth_are_read_from_the_condition(given, weeks):
    base = {k: v for k, v in VAGINAL.items() if k != "weeks_since_birth"}
    assert validate_profile({**base, "conditions": [given]}).weeks_since_birth == weeks


def test_weeks_since_birth_need_a_birth():
    from coach.domain.profile import ProfileError
    with pytest.raises(ProfileError, match="weeks_since_birth"):
        validate_profile({**VAGINAL, "conditions": []})


def test_before_the_postnatal_check_the_sessions_are_walks_and_gentle_moves():
    cat = load_catalog()
    week1 = _postnatal(VAGINAL)["weeks"][0]  # week 6 after the birth
    for s in week1["sessions"]:
        moves = [cat[e["id"]] for e in s["exercises"] if e.get("sets")]
        assert all(not set(x.equipment) - {"bands"} for x in moves), s
        assert all(e["id"] == "walking" for e in s["exercises"] if e.get("kind") == "aerobic")
        assert s["intensity"]["rpe"][1] <= 5
        assert "Week 6 after the birth" in s["notes"]
    week2 = _postnatal(VAGINAL)["weeks"][1]  # week 7: after the check, a graded return
    assert all(s["intensity"]["rpe"] == [4, 5] for s in week2["sessions"])
    assert "Week 7 after the birth" in week2["sessions"][0]["notes"]


def test_the_graded_return_lasts_to_twelve_weeks_then_moderate():
    weeks = _postnatal(VAGINAL)["weeks"]  # plan week k = week 5 + k after the birth
    assert all(s["intensity"]["rpe"][1] <= 5 for w in weeks[1:7] for s in w["sessions"])
    assert any(s["intensity"]["rpe"] == [5, 6] for w in weeks[8:] for s in w["sessions"])


def test_after_a_caesarean_no_tummy_loading_before_twelve_weeks():
    cat = load_catalog()
    weeks = _postnatal(CAESAREAN)["weeks"]  # weeks 9-12 after the birth first
    for w in weeks[:4]:
        for s in w["sessions"]:
            assert s["intensity"]["rpe"][1] <= 5
            for e in s["exercises"]:
                x = cat[e["id"]]
                assert x.pattern not in ("trunk_flexion", "trunk_rotation", "carry") and "pallof" not in x.id
    assert "caesarean" in weeks[0]["sessions"][0]["notes"]
    reasons = " ".join(_postnatal(CAESAREAN)["safety"]["reasons"])
    assert "About 8 weeks after the birth" in reasons
