"""Regression tests for violation classes the widened property generator (test_properties.random_profile) found:
each profile here broke its rule before the fix named in the test."""
from __future__ import annotations

from coach.domain.profile import validate_profile
from coach.planning import make_plan, validate_plan
from knowledge.corpus import get_passage


def _plan(raw: dict, weeks: int):
    prof = validate_profile(raw)
    plan = make_plan(prof, weeks)
    return plan, validate_plan(plan, prof, kb_lookup=get_passage)


def test_frail_people_who_dislike_walking_keep_the_home_balance_add_on_without_a_walk():
    """Rule 44: the home balance add-on rides on the days without a session even when no walk may be scheduled
    (before: 16 balance minutes < 20 in week 1, the add-on was dropped with the walk)."""
    raw = {"age": 87, "height_cm": 168, "weight_kg": 100, "goal": "fat_loss", "days_per_week": 4,
           "minutes_per_session": 25, "sex": "female", "experience": "beginner", "currently_active": True,
           "equipment": ["none", "dumbbells"], "injuries": [], "conditions": [],
           "preferences": {"likes": [], "dislikes": ["tennis", "walking"]}}
    plan, found = _plan(raw, 12)
    assert [v for v in found if v.rule == 44] == []
    adds = []
    for w in plan["weeks"]:
        daily = w["daily_activity"]
        assert daily["minutes"] == 0 and daily["total_minutes"] == 0 and daily.get("activity") != "walking"
        assert "walk at" not in daily["text"] and daily["add_on"]["balance_minutes"] > 0
        if not w["deload"]:
            adds.append(daily["add_on"]["minutes"])
    assert adds == sorted(adds) and adds[-1] > adds[0]  # the add-on grows and never shrinks


def test_older_adults_who_dislike_walking_keep_the_home_balance_add_on():
    raw = {"age": 70, "height_cm": 170, "weight_kg": 70, "goal": "general_health", "days_per_week": 3,
           "minutes_per_session": 45, "experience": "beginner", "equipment": [], "injuries": [], "conditions": [],
           "preferences": {"likes": [], "dislikes": ["walking"]}}
    plan, found = _plan(raw, 4)
    assert found == []
    assert all(w["daily_activity"]["add_on"]["kind"] == "balance" and w["daily_activity"]["minutes"] == 0
               for w in plan["weeks"])


def _cardio(s: dict) -> int:
    return sum(e["minutes"] for e in s["exercises"] if e.get("kind") in ("aerobic", "hiit") and not e.get("sets")
               and e.get("minutes"))


def test_balance_blocks_that_grow_never_take_a_same_length_sessions_cardio():
    """Rule 36: balance blocks sized from the week's nominal minutes grew by a minute while the session stayed the
    same length (cardio 38 -> 37 in week 10 for a frail endurance plan; 10 -> 9 after a stroke)."""
    frail = {"age": 25, "height_cm": 144, "weight_kg": 91, "goal": "endurance", "days_per_week": 5,
             "minutes_per_session": 75, "sex": "female", "experience": "beginner", "currently_active": True,
             "equipment": ["gym", "machines"], "injuries": [], "conditions": ["frailty", "type1_diabetes"],
             "resting_hr": 74, "preferences": {"likes": ["jogging", "running"], "dislikes": ["hiking"]}}
    stroke = {"age": 14, "height_cm": 161, "weight_kg": 137, "goal": "endurance", "days_per_week": 6,
              "minutes_per_session": 120, "sex": "female", "equipment": ["none", "dumbbells", "bike", "treadmill"],
              "injuries": ["knee", "shoulder"], "conditions": ["stroke"], "medications": ["beta_blocker", "insulin"],
              "resting_hr": 94}
    for raw in (frail, stroke):
        plan, found = _plan(raw, 12)
        assert [v for v in found if v.rule == 36] == []
        full = [w for w in plan["weeks"] if not w["deload"]]
        for a, b in zip(full, full[1:]):
            before = {s["day"]: s for s in a["sessions"]}
            for s in b["sessions"]:
                if s["minutes"] >= before[s["day"]]["minutes"]:
                    assert _cardio(s) >= _cardio(before[s["day"]])


def test_a_teenage_endurance_runner_has_vigorous_work_on_at_most_three_days():
    """Rule 67: three lifting days at RPE 7-8 beside the interval day made four vigorous days; the surplus lifting
    day eases to RPE 6-7 (still moderate)."""
    raw = {"age": 15, "height_cm": 153, "weight_kg": 47, "goal": "endurance", "days_per_week": 7,
           "minutes_per_session": 10, "sex": "female", "experience": "advanced", "currently_active": True,
           "equipment": [], "injuries": [], "conditions": [], "preferences": {"likes": ["running"], "dislikes": []}}
    plan, found = _plan(raw, 4)
    assert [v for v in found if v.rule == 67] == []
    week1 = plan["weeks"][0]["sessions"]
    # (review 15, rule 108: a teenager's first block is lifted light, RPE 5-6, below the eased 6-7)
    assert any(s["kind"] == "strength" and s["intensity"]["label"] == "moderate" and s["intensity"]["rpe"] in
               ([5, 6], [6, 7]) and all(e["rpe"] == s["intensity"]["rpe"] for e in s["exercises"] if e.get("sets"))
               for s in week1)


def test_walking_class_cardio_gets_no_interval_exercise_of_its_own_kind():
    """Rule 38: a teenager's shadow-boxing session got shadow-boxing intervals (a hiit exercise), which makes the
    session vigorous while its steady cardio is walking-class."""
    raw = {"age": 15, "height_cm": 168, "weight_kg": 74, "goal": "muscle_gain", "days_per_week": 7,
           "minutes_per_session": 60, "sex": "female", "experience": "advanced", "equipment": [], "injuries": [],
           "conditions": [], "resting_hr": 52, "preferences": {"likes": [], "dislikes": ["walking", "rowing",
                                                                                         "dancing", "swimming"]}}
    _, found = _plan(raw, 5)
    assert [v for v in found if v.rule == 38] == []


def test_a_lifting_limit_keeps_every_strength_day_light_when_lifting_days_are_split_upper_and_lower():
    """Rules 31 and 6: the upper/lower split moved the mixed session's kind to another day without its label, so a
    strength day kept the mixed session's moderate effort despite 'no heavy lifting' and the mixed session's cardio
    was light (30 < 60 moderate-equivalent minutes)."""
    raw = {"age": 44, "height_cm": 153, "weight_kg": 63, "goal": "muscle_gain", "days_per_week": 5,
           "minutes_per_session": 120, "sex": "male", "experience": "intermediate", "equipment": ["pool"],
           "injuries": ["shoulder"], "conditions": [],
           "clearance": {"by": "Dr X", "date": "2026-01-01", "limits": "no heavy lifting"}}
    plan, found = _plan(raw, 12)
    assert [v for v in found if v.rule in (6, 31)] == []
    assert all(s["intensity"]["label"] == "light" for w in plan["weeks"] for s in w["sessions"]
               if s["kind"] == "strength")
