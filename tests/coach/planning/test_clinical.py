"""Rules 31-35 (coach.planning.clinical): doctor's limits change the numbers; condition passages are enforced."""
from __future__ import annotations

import copy

import pytest

from coach.domain.profile import validate_profile
from coach.planning import make_plan, validate_plan
from coach.planning.clinical import check_clinical
from coach.planning.validator import _check_safety
from knowledge.corpus import get_passage

BASE = {"age": 60, "sex": "male", "height_cm": 176, "weight_kg": 82, "goal": "general_health", "days_per_week": 3,
        "minutes_per_session": 45, "experience": "intermediate", "currently_active": True, "resting_hr": 62,
        "equipment": ["dumbbells", "bands"]}


def plan(weeks=12, **kw):
    prof = validate_profile({**BASE, **kw})
    out = make_plan(prof, weeks)
    assert validate_plan(out, prof, kb_lookup=get_passage) == []
    return out, prof


def sessions(p):
    return [s for w in p["weeks"] for s in w["sessions"]]


def rules(p, prof):
    return sorted({v.rule for v in check_clinical(p["weeks"], _check_safety(p["safety"], prof, []))})


def test_a_heart_rate_ceiling_caps_the_zones_and_every_session_states_it():
    p, prof = plan(clearance={"by": "Dr R", "date": "2026-01-02", "limits": "keep HR under 120"},
                   conditions=["type2_diabetes"])
    zones = [s["intensity"]["hr_bpm"] for s in sessions(p) if s["intensity"]["hr_bpm"]]
    assert zones and max(max(z) for z in zones) <= 120
    assert all("120 bpm" in s["notes"] for s in sessions(p)) and p["safety"]["hr_ceiling_bpm"] == 120


def test_where_bpm_zones_are_not_allowed_the_note_states_the_doctors_number():
    p, _ = plan(conditions=["heart_disease"], clearance={"by": "Dr R", "date": "2026-01-02",
                                                         "limits": "heart rate below 115"})
    assert all(s["intensity"]["hr_bpm"] is None for s in sessions(p))
    assert all("115 bpm" in s["notes"] and "not by heart rate" not in s["notes"] for s in sessions(p))


def test_light_only_and_a_lifting_limit_change_the_numbers():
    p, _ = plan(clearance={"by": "Dr R", "date": "2026-01-02", "limits": "light only, no lifting over 10 kg"})
    assert {s["intensity"]["label"] for s in sessions(p)} == {"light"}
    strength = [s for s in sessions(p) if s["kind"] in ("strength", "mixed")]
    assert strength and all("10 kg" in s["notes"] and "RPE 4 or less" in s["notes"] for s in strength)
    assert "moderate effort at most" not in p["rationale"]


def test_the_validator_catches_a_zone_above_the_doctors_ceiling():
    p, prof = plan(clearance={"by": "Dr R", "date": "2026-01-02", "limits": "keep HR under 120"},
                   conditions=["type2_diabetes"])
    s = next(s for s in sessions(p) if s["intensity"]["hr_bpm"])
    s["intensity"]["hr_bpm"] = [110, 135]
    assert 31 in rules(p, prof)


OSTEO = {"age": 74, "sex": "female", "conditions": ["osteoporosis"], "days_per_week": 2, "minutes_per_session": 30,
         "goal": "mobility", "experience": "beginner", "equipment": ["bands"]}


def test_osteoporosis_gets_no_spinal_flexion_or_twisting_and_two_strength_days_with_back_extensors():
    p, prof = plan(**OSTEO)
    names = " ".join(e["id"] for s in sessions(p) for e in s["exercises"])
    for bad in ("cat_cow", "open_book", "thoracic_rotation", "crunch", "sit_up", "good_morning"):
        assert bad not in names
    for w in p["weeks"]:
        assert sum(s["kind"] in ("strength", "mixed") for s in w["sessions"]) >= 2
        assert any("lower_back" in e["muscle_groups"] for s in w["sessions"] for e in s["exercises"])
    assert rules(p, prof) == []


def test_the_validator_catches_cat_cow_with_osteoporosis():
    p, prof = plan(**OSTEO)
    p["weeks"][0]["sessions"][0]["exercises"].append({"id": "cat_cow", "name": "Cat-cow", "minutes": 2,
                                                      "muscle_groups": [], "equipment": []})
    assert 32 in rules(p, prof)


@pytest.mark.parametrize("days", [3, 4, 5, 6, 7])
def test_teenagers_lift_on_non_consecutive_days(days):
    p, prof = plan(age=16, goal="muscle_gain", days_per_week=days, minutes_per_session=60, equipment=["gym"])
    for w in p["weeks"]:
        res = [s["day"] for s in w["sessions"] if s["kind"] in ("strength", "mixed")]
        assert len(res) >= 2 and all(b - a > 1 for a, b in zip(res, res[1:])) and not {1, 7} <= set(res)
    assert rules(p, prof) == []


def test_copd_intensity_is_by_breathlessness_without_bpm_zones():
    p, prof = plan(age=70, conditions=["copd"], currently_active=True, equipment=["bike", "bands"])
    assert all(s["intensity"]["hr_bpm"] is None for s in sessions(p))
    cardio = [s for s in sessions(p) if s["kind"] in ("aerobic", "mixed")]
    assert cardio and all("breathlessness" in s["notes"] and "talk but not sing" not in s["notes"] for s in cardio)
    assert any("flare-up" in a for a in p["safety"]["alerts"])


def shape(week):
    return [[(e["id"], e.get("sets")) for e in s["exercises"] if e.get("sets")] for s in week["sessions"]]


@pytest.mark.parametrize("kw", [
    {"conditions": ["heart_disease"], "goal": "fat_loss", "days_per_week": 4, "minutes_per_session": 40},
    {"conditions": ["type2_diabetes"], "medications": ["insulin"], "age": 45, "sex": "female", "weight_kg": 88,
     "goal": "fat_loss", "days_per_week": 4, "minutes_per_session": 45, "equipment": ["none"],
     "experience": "beginner"},
])
def test_while_clearance_is_pending_sessions_stay_light_and_only_their_minutes_grow(kw):
    """Issue 12 review item 2: 12 identical light weeks before; now the beginner ramp within light (kb-beginner-001:
    start with 10-20 minutes, add 5-10 every 1-2 weeks) and what changes after clearance is said."""
    p, prof = plan(currently_active=False, **kw)
    assert p["safety"]["clearance_required"]
    weeks = p["weeks"]
    assert {s["intensity"]["label"] for w in weeks for s in w["sessions"]} == {"light"}
    ids = [[[i for i, _ in s] for s in shape(w)] for w in weeks]
    assert all(x == ids[0] for x in ids)  # the same exercises: no loads added
    # review 3: sets may rise by one (a third set from the third block), never fall (kb-beginner-001)
    top = [max(n for s in shape(w) for _, n in s) for w in weeks]
    assert top == sorted(top) and top[-1] - top[0] <= 1, top
    longest = [max(s["minutes"] for s in w["sessions"]) for w in weeks]
    assert longest[-1] > longest[0] and all(0 <= b - a <= 5 for a, b in zip(longest, longest[1:])), longest
    assert all(max(longest[i:i + 3]) > longest[i] for i in range(0, 6)), longest  # something grows every 2 weeks
    walks = [w["daily_activity"]["minutes"] for w in weeks if w.get("daily_activity")]
    assert walks == sorted(walks) and all(w["label"] == "light" for w in (x.get("daily_activity") for x in weeks) if w)
    assert "/cleared" in p["rationale"] and "light-to-moderate" in p["rationale"]
    assert all("/cleared" in s["notes"] for s in weeks[0]["sessions"])
    jump = copy.deepcopy(p)
    jump["weeks"][5]["sessions"][0]["minutes"] = longest[4] + 10
    assert 33 in rules(jump, prof)
    heavier = copy.deepcopy(p)
    next(e for s in heavier["weeks"][6]["sessions"] for e in s["exercises"] if e.get("sets"))["sets"] += 1
    assert 33 in rules(heavier, prof)


@pytest.mark.parametrize("kw", [
    {"goal": "muscle_gain", "days_per_week": 4, "minutes_per_session": 60, "equipment": ["gym"], "age": 30},
    {"goal": "fat_loss", "days_per_week": 4, "minutes_per_session": 40, "experience": "beginner", "age": 45},
    {"goal": "endurance", "days_per_week": 6, "minutes_per_session": 75, "experience": "advanced", "age": 36},
])
def test_added_sets_never_eat_the_cardio_minutes(kw):
    p, prof = plan(**kw)
    assert 36 not in rules(p, prof)
    first, last = (sum(e["minutes"] for s in w["sessions"] if s["kind"] == "mixed" for e in s["exercises"]
                       if e["kind"] == "aerobic") for w in (p["weeks"][0], [w for w in p["weeks"] if not w["deload"]][-1]))
    assert last >= first  # before: 04/05/06/15/16-like plans lost cardio as sets were added
