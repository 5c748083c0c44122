"""Review 5 (issue #12): a trained lifter's strength dose. Heavy days and hypertrophy days for the main lifts
(daily undulating periodisation, kb-periodisation-004: ACSM 2009 progression models, Schoenfeld 2021, NSCA), all 5
offered days used for lifting with the cardio as a short add-on, and no heavy sets for anyone who should not have
them. Profiles are our own."""
from __future__ import annotations

import copy

import pytest

from coach.domain.profile import validate_profile
from coach.planning import make_plan, validate_plan
from coach.planning.doses import set_rpes
from coach.planning.heavy import check_heavy, heavy_sets, top_reps
from coach.planning.validator import _check_safety  # the validator's own bounds for check_heavy
from knowledge.corpus import get_passage

LIFTER = {"age": 28, "sex": "male", "height_cm": 180, "weight_kg": 80, "goal": "muscle_gain",
          "experience": "advanced", "currently_active": True, "days_per_week": 5, "minutes_per_session": 75,
          "equipment": ["gym"]}
GROUPS = {"chest": {"chest"}, "back": {"back", "lats", "upper_back"}, "quads": {"quads"},
          "hips": {"glutes", "hamstrings"}}


def plan_for(**kw):
    prof = validate_profile({**LIFTER, **kw})
    plan = make_plan(prof, 12)
    assert validate_plan(plan, prof, kb_lookup=get_passage) == []
    return prof, plan


def resistance(week):
    return [s for s in week["sessions"] if s["kind"] in ("strength", "mixed")]


def test_main_lifts_rotate_heavy_and_hypertrophy_days_every_full_week():
    _, plan = plan_for()
    for w in plan["weeks"]:
        res = resistance(w)
        heavy = [s for s in res if heavy_sets(s)]
        if w["deload"]:
            assert not heavy, w["week"]
            continue
        assert heavy and len(heavy) < len(res), w["week"]
        for s in heavy:
            main = heavy_sets(s)
            assert len(main) == 1 and main[0]["reps"] in ("4-6", "3-5")
            assert main[0]["rpe"][1] <= 8 and main[0]["rest_s"] >= 150
            assert "Heavy day" in s["notes"]
            others = [e for e in s["exercises"] if isinstance(e.get("sets"), int) and e is not main[0]]
            assert all((top_reps(e) or 12) >= 8 for e in others)
        # each region has a heavy day and a hypertrophy day in the same week
        lower = [s for s in res if s["exercises"][0]["id"].startswith("barbell") and "squat" in s["exercises"][0]["id"]]
        assert {bool(heavy_sets(s)) for s in lower} == {True, False}, w["week"]


def test_each_main_lift_alternates_from_week_to_week():
    _, plan = plan_for()
    full = [w for w in plan["weeks"] if not w["deload"]]
    for day in (1, 4):
        marks = [bool(heavy_sets(next(s for s in w["sessions"] if s["day"] == day))) for w in full]
        assert all(a != b for a, b in zip(marks, marks[1:])), (day, marks)


def test_heavy_days_cite_their_passage():
    _, plan = plan_for()
    assert "kb-periodisation-004" in [c["id"] for c in plan["citations"]]
    assert "3–6 repetitions" in get_passage("kb-periodisation-004").text


@pytest.mark.parametrize("kw", [{"experience": "beginner"}, {"experience": "intermediate", "age": 16},
                                {"age": 70}, {"conditions": ["hypertension"]}, {"injuries": ["lower_back"]},
                                {"currently_active": False}, {"sex": "female", "conditions": ["pregnancy"]}])
def test_no_new_heavy_days_for_beginners_youth_older_conditions_injuries(kw):
    _, plan = plan_for(**kw)
    assert not [s for w in plan["weeks"] for s in w["sessions"] if "Heavy day:" in s["notes"]]
    assert all(e["reps"] not in ("4-6", "3-5") for w in plan["weeks"] for s in w["sessions"]
               for e in s["exercises"] if isinstance(e.get("sets"), int))


def test_five_lifting_days_upper_lower_with_short_cardio_add_ons():
    _, plan = plan_for()
    for w in plan["weeks"]:
        days = [s["day"] for s in resistance(w)]
        assert len(days) == 5 and not [s for s in w["sessions"] if s["kind"] == "aerobic"], w["week"]
        for s in w["sessions"]:
            if s["kind"] == "mixed":
                cardio = [e for e in s["exercises"] if e.get("minutes")]
                assert cardio and cardio[-1]["minutes"] <= 0.4 * s["minutes"], "cardio is the add-on, after lifting"
        if w["deload"]:
            continue
        for name, groups in GROUPS.items():
            hit = {s["day"] for s in resistance(w) for e in s["exercises"]
                   if (e.get("sets") or 0) >= 2 and set(e["muscle_groups"]) & groups}
            sets = sum(e["sets"] for s in resistance(w) for e in s["exercises"]
                       if isinstance(e.get("sets"), int) and set(e["muscle_groups"]) & groups)
            assert len(hit) >= 2 and sets >= 10, (w["week"], name, hit, sets)


def test_four_days_keep_four_lifting_days_and_six_keep_their_cardio_days():
    for d, n in ((4, 4), (6, 4)):
        _, plan = plan_for(days_per_week=d)
        assert len(resistance(plan["weeks"][2])) == n


def test_recomputed_effort_keeps_heavy_sets_at_rpe_8():
    _, plan = plan_for()
    s = next(s for s in plan["weeks"][1]["sessions"] if heavy_sets(s))
    s["intensity"] = {**s["intensity"], "rpe": [8, 9]}
    set_rpes(s)
    assert all(e["rpe"][1] <= 8 for e in heavy_sets(s))


def _bounds(prof, plan):
    return _check_safety(plan["safety"], prof, [])


def test_rule_49_catches_a_plan_without_heavy_days_or_with_heavy_sets_at_rpe_9():
    prof, plan = plan_for()
    flat = copy.deepcopy(plan)
    for w in flat["weeks"]:
        for s in w["sessions"]:
            for e in heavy_sets(s):
                e["reps"] = "6-12"
    assert any(v.rule == 49 for v in check_heavy(flat["weeks"], _bounds(prof, flat)))
    hard = copy.deepcopy(plan)
    e = heavy_sets(next(s for s in hard["weeks"][0]["sessions"] if heavy_sets(s)))[0]
    e["rpe"], e["rest_s"] = [8, 9], 90
    assert any(v.rule == 49 for v in validate_plan(hard, prof, kb_lookup=get_passage))


def test_rule_49_catches_heavy_sets_for_a_beginner():
    prof, plan = plan_for(experience="beginner", currently_active=False)
    e = next(e for w in plan["weeks"] for s in w["sessions"] for e in s["exercises"] if isinstance(e.get("sets"), int))
    e["reps"] = "3-6"
    assert any(v.rule == 49 for v in validate_plan(plan, prof, kb_lookup=get_passage))
