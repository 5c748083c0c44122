"""Review 7 (independent sports-physician review): what people own is used where it serves the goal, and the main
movement patterns are covered (rules 59-60, coach/planning/owned.py), on profiles of our own. The safety filters
(injuries, pending clearance, age, level) still decide what is allowed."""
from __future__ import annotations

import copy

from coach.domain.profile import validate_profile
from coach.planning import make_plan, validate_plan
from knowledge.catalog import load_catalog
from knowledge.corpus import get_passage

CAT = load_catalog()
TEEN_BAR = {"age": 15, "sex": "male", "height_cm": 170, "weight_kg": 58, "experience": "beginner",
            "currently_active": True, "goal": "muscle_gain", "days_per_week": 3, "minutes_per_session": 45,
            "equipment": ["pullup_bar"]}
TEEN_BANDS = {**TEEN_BAR, "age": 16, "equipment": ["bands"], "days_per_week": 4}
DIABETIC_BANDS = {"age": 56, "sex": "female", "height_cm": 162, "weight_kg": 84, "experience": "beginner",
                  "currently_active": True, "goal": "general_health", "days_per_week": 3, "minutes_per_session": 45,
                  "equipment": ["bands"], "conditions": ["type2_diabetes"]}
OLDER_BANDS = {"age": 72, "sex": "female", "height_cm": 160, "weight_kg": 65, "experience": "beginner",
               "currently_active": True, "goal": "general_health", "days_per_week": 3, "minutes_per_session": 45,
               "equipment": ["bands"]}
FAMILIES = {"push": {"horizontal_push", "vertical_push"}, "pull": {"horizontal_pull", "vertical_pull"},
            "knee": {"squat", "lunge", "knee_extension"}, "hinge": {"hinge", "bridge"}}


def plan(d: dict) -> tuple[dict, object]:
    prof = validate_profile(d)
    out = make_plan(prof, 12)
    assert validate_plan(out, prof, kb_lookup=get_passage) == []
    return out, prof


def lifts(week: dict) -> list[tuple[int, dict]]:
    return [(s["day"], e) for s in week["sessions"] if s["kind"] in ("strength", "mixed")
            for e in s["exercises"] if e.get("sets") and e["id"] in CAT and CAT[e["id"]].kind == "strength"]


def full_weeks(out: dict) -> list[dict]:
    return [w for w in out["weeks"] if not w["deload"]]


def test_a_teen_with_a_pull_up_bar_climbs_a_vertical_pull_ladder():
    """Before: dead hangs (a hold) were the only pull all 12 weeks; now shoulder-blade pull-ups on two days in
    weeks 1-4, slow negative pull-ups (6-8, never 6 or fewer: rule 49) from week 5."""
    out, _ = plan(TEEN_BAR)
    for w in out["weeks"]:
        bar = [(d, e) for d, e in lifts(w) if "pullup_bar" in e["equipment"] and "hang" not in e["id"]]
        want = "scapular_pull_up" if w["week"] <= 4 else "negative_pull_up"
        assert len({d for d, e in bar if e["id"] == want}) == 2, (w["week"], bar)
        if w["week"] > 4:
            assert all(e["reps"] == "6-8" and e["rest_s"] >= 120 for d, e in bar if e["id"] == want)


def test_teenagers_gaining_muscle_hinge_every_full_week():
    """Before: the teenage recipe put a hamstring curl where the hinge goes, so no hip hinge or bridge all plan."""
    for d in (TEEN_BAR, TEEN_BANDS):
        out, _ = plan(d)
        for w in full_weeks(out):
            patterns = {CAT[e["id"]].pattern for _, e in lifts(w)}
            for fam in ("push", "knee", "hinge"):
                assert patterns & FAMILIES[fam], (d["equipment"], w["week"], fam)


def test_owned_bands_are_used_and_the_pull_is_a_row_or_pull_down():
    for d in (DIABETIC_BANDS, OLDER_BANDS, TEEN_BANDS):
        out, _ = plan(d)
        for w in full_weeks(out):
            assert any("bands" in e["equipment"] for _, e in lifts(w)), (d["age"], w["week"])
            assert any(CAT[e["id"]].pattern in FAMILIES["pull"] and "bands" in e["equipment"]
                       for _, e in lifts(w)), (d["age"], w["week"])


def test_waiting_for_clearance_stays_body_weight_only_with_bands_at_home():
    """The filters win: an inactive diabetic waits for clearance on body-weight moves (kb-clearance-001)."""
    out, _ = plan({**DIABETIC_BANDS, "currently_active": False})
    assert out["safety"]["clearance_required"]
    assert not any(e["equipment"] for w in out["weeks"] for _, e in lifts(w))


def test_a_shoulder_injury_keeps_the_bar_ladder_out():
    out, _ = plan({**TEEN_BAR, "injuries": ["shoulder"]})
    ids = {e["id"] for w in out["weeks"] for _, e in lifts(w)}
    assert not ids & {"scapular_pull_up", "negative_pull_up", "band_assisted_pull_up", "pull_up", "dead_hang"}


def test_rule_59_flags_an_owned_item_the_plan_leaves_unused():
    out, _ = plan(DIABETIC_BANDS)
    owner = validate_profile({**DIABETIC_BANDS, "equipment": ["bands", "kettlebell"]})
    found = [v for v in validate_plan(out, owner, kb_lookup=get_passage) if v.rule == 59]
    assert found and all("kettlebell" in v.message for v in found)
    gym = validate_profile({**DIABETIC_BANDS, "equipment": ["bands", "gym"]})  # a gym names no item
    assert not [v for v in validate_plan(out, gym, kb_lookup=get_passage) if v.rule == 59]


def test_rule_60_flags_a_muscle_gain_week_without_a_hinge():
    out, prof = plan(TEEN_BANDS)
    bad = copy.deepcopy(out)
    for w in bad["weeks"]:
        for s in w["sessions"]:
            s["exercises"] = [e for e in s["exercises"]
                              if e["id"] not in CAT or CAT[e["id"]].pattern not in FAMILIES["hinge"]]
    found = [v for v in validate_plan(bad, prof, kb_lookup=get_passage) if v.rule == 60]
    assert found and all("hinge" in v.message for v in found)
