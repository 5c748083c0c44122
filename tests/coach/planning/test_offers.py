"""Rule 46: hiking at a vigorous effort is named uphill hiking; no door-frame or towel rows; pool work only with a
pool in the person's own equipment."""
from __future__ import annotations

import copy
import random

import pytest

from coach.domain.profile import validate_profile
from coach.planning import make_plan, validate_plan
from knowledge.corpus import get_passage
from tests.coach.planning.test_properties import random_profile

NEW = {"age": 40, "sex": "female", "height_cm": 165, "weight_kg": 78, "experience": "beginner",
       "currently_active": False, "goal": "general_health", "days_per_week": 3, "minutes_per_session": 45,
       "equipment": ["none"]}


def plan_for(change: dict) -> tuple[dict, object]:
    prof = validate_profile({**NEW, **change})
    plan = make_plan(prof, 12)
    assert validate_plan(plan, prof, kb_lookup=get_passage) == []
    return plan, prof


def entries(plan: dict):
    return [(w, s, e) for w in plan["weeks"] for s in w["sessions"] for e in s["exercises"]]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_hiking_in_a_vigorous_session_is_uphill_hiking(lang):
    prof = validate_profile({**NEW, "language": lang, "preferences": {"likes": ["hiking"]}})
    plan = make_plan(prof, 12, lang=lang)
    hikes = [(s["intensity"]["label"], e) for _, s, e in entries(plan) if e["id"] == "hiking"]
    assert any(label == "vigorous" for label, _ in hikes)  # the case exists for this person
    for label, e in hikes:
        if label == "vigorous":
            assert e["name"] == "Uphill hiking" and (lang == "en" or e["name_zh"] == "上坡徒步")


def test_the_validator_rejects_plain_hiking_at_vigorous_and_door_frame_rows():
    plan, prof = plan_for({"preferences": {"likes": ["hiking"]}})
    bad = copy.deepcopy(plan)
    _, _, hike = next((w, s, e) for w, s, e in entries(bad) if e["id"] == "hiking" and
                      s["intensity"]["label"] == "vigorous")
    hike["name"] = "Hiking"
    row = copy.deepcopy(plan)
    _, _, e = next(x for x in entries(row) if x[2].get("sets"))
    e.update(id="door_frame_row", name="Door-frame row")
    assert any(v.rule == 46 and "uphill" in v.message for v in validate_plan(bad, prof))
    assert any(v.rule == 46 and "door frame" in v.message for v in validate_plan(row, prof))


@pytest.mark.parametrize("gear", [["none"], [], ["gym"], ["dumbbells"]])
def test_no_door_frame_or_towel_rows_and_pulls_still_twice_a_week(gear):
    plan, _ = plan_for({"equipment": gear})
    assert not [e["id"] for _, _, e in entries(plan) if "door_frame" in e["id"] or "towel" in e["id"]]


def test_pool_work_only_with_a_pool_listed():
    rng = random.Random(46)
    for _ in range(200):
        raw = random_profile(rng)
        raw["equipment"] = [x for x in raw["equipment"] if x != "pool"] + (["gym"] if rng.random() < .5 else [])
        prof = validate_profile(raw)
        plan = make_plan(prof, 4)
        assert not [e["id"] for _, _, e in entries(plan) if "pool" in e["id"] or "pool" in e.get("equipment", [])
                    or "swim" in e["id"] or "water" in e["id"]], raw
