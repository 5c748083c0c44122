"""Review 7 (independent sports-physician review), trained people: rules 53-55 and the engine behind them.

A trained half-marathon runner who also lifts: lifting that progresses by block (it stayed at RPE 5-6 for 12 weeks),
the hard run before the lifting on a shared day and no heavy leg lifting the day before a hard run or the long run
(kb-concurrent-003), and an easy zone reaching the top of zone 1 (kb-endurance-003). An advanced lifter on 5 days:
at most 20 hard sets a week per muscle group (36 for the back and the hips before), at most 5 sets of one exercise in
a session (6 before) and never a heavy squat and a heavy deadlift on the same day (both at RPE 7-9 before).
"""
from __future__ import annotations

import copy

from coach.domain.profile import validate_profile
from coach.planning import make_plan
from coach.planning.lifters import VOLUME_GROUPS
from coach.planning.validator import validate_plan
from coach.planning.zones import hr_max
from knowledge.catalog import load_catalog

RUNNER = {"age": 34, "sex": "female", "height_cm": 168, "weight_kg": 57, "resting_hr": 48, "bp_systolic": 110,
          "bp_diastolic": 68, "experience": "advanced", "currently_active": True, "goal": "endurance",
          "days_per_week": 6, "minutes_per_session": 75, "equipment": ["gym"],
          "preferences": {"likes": ["running", "half marathon"], "dislikes": []}}
LIFTER = {"age": 29, "sex": "male", "height_cm": 180, "weight_kg": 82, "resting_hr": 58, "bp_systolic": 120,
          "bp_diastolic": 76, "experience": "advanced", "currently_active": True, "goal": "muscle_gain",
          "days_per_week": 5, "minutes_per_session": 75, "equipment": ["gym"]}
LEGS = {"squat", "hinge", "lunge"}


def _plan(raw: dict) -> tuple[dict, object]:
    p = validate_profile(raw)
    return make_plan(p, 12), p


def _pattern(e: dict) -> str | None:
    x = load_catalog().get(str(e.get("id")))
    return x.pattern if x else None


def _rules(plan: dict, p: object) -> set[int]:
    return {v.rule for v in validate_plan(plan, p)}


# --- the lifter: rules 53, 54, 55 -------------------------------------------------------------------------------


def test_an_advanced_lifter_gets_at_most_20_hard_sets_per_muscle_group_and_still_10():
    plan, p = _plan(LIFTER)
    for w in plan["weeks"]:
        for name, groups in VOLUME_GROUPS.items():
            n = sum(e["sets"] for s in w["sessions"] for e in s["exercises"]
                    if isinstance(e.get("sets"), int) and set(e["muscle_groups"]) & groups and max(e["rpe"]) >= 7)
            assert n <= 20, (w["week"], name, n)
            if not w["deload"]:
                assert n >= 10, (w["week"], name, n)  # rule 45 still holds
    assert _rules(plan, p) == set()


def test_no_exercise_has_more_than_5_sets_in_a_session():
    plan, _ = _plan(LIFTER)
    most = max(e["sets"] for w in plan["weeks"] for s in w["sessions"] for e in s["exercises"]
               if isinstance(e.get("sets"), int))
    assert most == 5  # the main lifts still reach 5 sets


def test_heavy_squat_and_heavy_deadlift_are_not_on_the_same_day_and_both_get_hard_weeks():
    plan, _ = _plan(LIFTER)
    hard = {"squat": 0, "hinge": 0}
    for w in plan["weeks"]:
        for s in w["sessions"]:
            big = {_pattern(e): e for e in s["exercises"] if e["id"].startswith("barbell_")
                   and _pattern(e) in ("squat", "hinge")}
            if len(big) == 2:
                tops = {k: max(e["rpe"]) for k, e in big.items()}
                assert min(tops.values()) <= 7, (w["week"], s["day"], tops)
                for k, top in tops.items():
                    hard[k] += top >= 8
    assert hard["squat"] and hard["hinge"]  # spread: each has its heavy days


def test_the_validator_flags_too_many_sets_and_two_heavy_leg_lifts_on_one_day():
    plan, p = _plan(LIFTER)
    bad = copy.deepcopy(plan)
    day = next(s for s in bad["weeks"][0]["sessions"] if any(_pattern(e) == "hinge" for e in s["exercises"]))
    for e in day["exercises"]:
        if _pattern(e) in ("squat", "hinge") and e["id"].startswith("barbell_"):
            e["rpe"] = [8, 9]
        if isinstance(e.get("sets"), int) and _pattern(e) in ("squat", "hinge"):
            e["sets"] = 6
    bad["weeks"][0]["sessions"].append(copy.deepcopy(day) | {"day": 6})  # a copy of the leg day: too many sets
    rules = [v.rule for v in validate_plan(bad, p)]
    assert {53, 54, 55} <= set(rules)


# --- the runner -------------------------------------------------------------------------------------------------


def _lifts(w: dict) -> list[dict]:
    return [e for s in w["sessions"] for e in s["exercises"] if isinstance(e.get("sets"), int)
            and not set(e["muscle_groups"]) <= {"core", "obliques", "lower_back"}]


def test_a_trained_runners_lifting_gets_harder_by_block():
    plan, p = _plan(RUNNER)
    tops = {}
    for w in plan["weeks"]:
        lifts = _lifts(w)
        assert lifts
        if w["deload"]:
            assert all(max(e["rpe"]) <= 6 for e in lifts)
            continue
        tops[w["week"]] = {tuple(e["rpe"]) for e in lifts}
    assert tops[1] == {(6, 7)} and tops[5] == {(7, 8)} and tops[11] == {(7, 8)}
    low = [int(e["reps"].split("-")[0]) for e in _lifts(plan["weeks"][10])]
    assert max(low) <= 6  # the third block goes heavier (6-10)
    assert _rules(plan, p) == set()


def test_a_runner_runs_first_and_lifts_no_heavy_legs_the_day_before_a_hard_run_or_the_long_run():
    plan, p = _plan(RUNNER)
    days = [(w, s) for w in plan["weeks"] for s in w["sessions"]]
    timeline = {(w["week"] - 1) * 7 + s["day"]: s for w, s in days}
    for t, s in timeline.items():
        legs = [e for e in s["exercises"] if isinstance(e.get("sets"), int) and _pattern(e) in LEGS]
        if legs and any(e.get("kind") == "aerobic" for e in s["exercises"]):
            assert s["exercises"][0]["kind"] == "aerobic"  # the run first (kb-concurrent-003)
        nxt = timeline.get(t + 1)
        if legs and nxt and (nxt["intensity"]["label"] == "vigorous" or nxt.get("long_run")):
            assert all(max(e["rpe"]) <= 7 for e in legs), (t, s["day"])
    bad = copy.deepcopy(plan)
    tempo = next(s for w in bad["weeks"] for s in w["sessions"] if s["kind"] == "mixed"
                 and s["intensity"]["label"] == "vigorous")
    tempo["exercises"] = tempo["exercises"][1:] + tempo["exercises"][:1]  # lifting before the tempo run
    assert 55 in {v.rule for v in validate_plan(bad, p)}


def test_the_day_before_the_interval_session_holds_no_heavy_leg_lifting_in_the_validator():
    plan, p = _plan(RUNNER)
    bad = copy.deepcopy(plan)
    w = bad["weeks"][4]
    hard = next(s for s in w["sessions"] if s["kind"] == "hiit")
    before = next((s for s in w["sessions"] if s["day"] == hard["day"] - 1), None)
    assert before is not None
    before["exercises"].append({"id": "barbell_back_squat", "name": "Barbell back squat", "sets": 3, "reps": "6-10",
                                "rest_s": 120, "rpe": [7, 8], "muscle_groups": ["quads", "glutes"],
                                "equipment": ["barbell"]})
    assert any(v.rule == 55 and "day before" in v.message for v in validate_plan(bad, p))


def test_a_trained_runners_easy_zone_reaches_the_top_of_zone_1():
    plan, p = _plan(RUNNER)
    easy = [s["intensity"] for w in plan["weeks"] for s in w["sessions"]
            if s["intensity"]["label"] == "moderate" and s["intensity"]["pct_hrr"]]
    top = 0.72 * hr_max(34)  # zone 1: 60-72 % HRmax (kb-endurance-003)
    assert easy and all(i["pct_hrr"] == [50, 62] and top - 2 <= i["hr_bpm"][1] <= top for i in easy)
    assert any(c["id"] == "kb-endurance-003" for c in plan["citations"])


def test_a_changed_session_effort_keeps_one_heavy_big_leg_lift():
    from coach.planning.doses import set_rpes
    plan, _ = _plan(LIFTER)
    s = next(s for s in plan["weeks"][0]["sessions"] if {_pattern(e) for e in s["exercises"]} >= {"squat", "hinge"})
    s["intensity"]["rpe"] = [8, 9]  # the coach makes the day harder
    set_rpes(s)
    tops = [max(e["rpe"]) for e in s["exercises"] if e["id"].startswith("barbell_") and _pattern(e) in ("squat", "hinge")]
    assert len(tops) == 2 and min(tops) <= 7
