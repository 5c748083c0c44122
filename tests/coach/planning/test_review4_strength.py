"""Issue 12, physician review 3 (strength progression): a knee's quadriceps loading that rises block by block, harder
variations instead of "add a little load" without weights, and a 5-10 min cool-down with high blood pressure or a
beta-blocker. Profiles of our own (not the review's); every plan must also pass the validator."""
from __future__ import annotations

from coach.domain.profile import validate_profile
from coach.planning import make_plan, validate_plan
from knowledge.corpus import get_passage

BASE = {"age": 57, "sex": "female", "height_cm": 162, "weight_kg": 74, "resting_hr": 70, "goal": "general_health",
        "days_per_week": 3, "minutes_per_session": 45, "experience": "beginner", "currently_active": False,
        "equipment": ["none"]}
LOADED = {"sit_to_stand_weighted", "supported_step_up"}
CHAIR = {"box_squat", "sit_to_stand"}


def plan_for(**change):
    prof = validate_profile({**BASE, **change})
    plan = make_plan(prof, 12)
    assert validate_plan(plan, prof, kb_lookup=get_passage) == []
    return plan


def ids(week: dict) -> set[str]:
    return {str(e.get("id")) for s in week["sessions"] for e in s["exercises"]}


def strength_sessions(week: dict) -> list[dict]:
    return [s for s in week["sessions"] if any(isinstance(e.get("sets"), int) for e in s["exercises"])]


# --- 1. a painful knee: chair squats -> a loaded sit-to-stand -> a step-up, 8-12 repetitions once loaded

def test_knee_quadriceps_loading_rises_by_block():
    for change in ({"injuries": ["knee"]}, {"injuries": ["knee"], "conditions": ["osteoarthritis"], "age": 66}):
        weeks = plan_for(**change)["weeks"]
        assert ids(weeks[0]) & CHAIR and not ids(weeks[0]) & LOADED  # week 1: body weight, learning the movement
        for w in weeks[4:]:  # from week 5 a held weight, from week 9 a step-up too
            if w["deload"]:
                continue
            assert "sit_to_stand_weighted" in ids(w), w["week"]
            loaded = [e for s in w["sessions"] for e in s["exercises"] if e.get("id") in LOADED]
            assert all(e["reps"].startswith("8-12") for e in loaded)
        assert any("supported_step_up" in ids(w) for w in weeks[8:])
        notes = " ".join(s["notes"] for s in strength_sessions(weeks[5]))
        # 65 and over: a light weight at the chest, no backpack (rule 80, review 11)
        assert ("1-2 kg" if change.get("age") else "filled backpack") in notes
        assert "step up onto the bottom stair" in notes and ("backpack" not in notes or not change.get("age"))


def test_knee_ladder_waits_for_clearance():
    weeks = plan_for(injuries=["knee"], conditions=["type2_diabetes"])["weeks"]
    assert not any(ids(w) & LOADED for w in weeks)


# --- 2. no equipment: harder variations, not "add a little load"

def test_no_weights_progresses_by_harder_variations():
    notes = " ".join(s["notes"] for s in strength_sessions(plan_for()["weeks"][1]))
    assert "add a little load" not in notes and "make the movement harder" in notes and "backpack" in notes
    notes = " ".join(s["notes"] for s in strength_sessions(plan_for(equipment=["dumbbells"])["weeks"][1]))
    assert "add a little load" in notes and "make the movement harder" not in notes


# --- 6. high blood pressure or a beta-blocker: an explicit 5-10 min cool-down in every session, short ones too

def test_cool_down_5_to_10_minutes_every_session():
    for change in ({"conditions": ["hypertension"]}, {"medications": ["metoprolol"]}):
        plan = plan_for(minutes_per_session=20, **change)
        sessions = [s for w in plan["weeks"] for s in w["sessions"]]
        assert sessions and all("Cool down for 5-10 minutes" in s["notes"] for s in sessions), change
    plain = [s for w in plan_for(minutes_per_session=20)["weeks"] for s in w["sessions"]]
    assert not any("Cool down for 5-10 minutes" in s["notes"] for s in plain)


# --- 4. pregnancy: a 12-week plan from the second trimester runs into the third

PREGNANT = {"age": 31, "height_cm": 168, "weight_kg": 68, "resting_hr": 72, "experience": "intermediate",
            "currently_active": True, "days_per_week": 4, "minutes_per_session": 45, "equipment": ["gym"],
            "conditions": ["pregnancy"], "pregnancy_trimester": 2}


def test_pregnancy_no_bulgarian_split_squat_or_high_pull():
    for equipment in (["gym"], ["dumbbells", "bench", "kettlebell"]):
        plan = plan_for(**{**PREGNANT, "equipment": equipment})
        used = set().union(*(ids(w) for w in plan["weeks"]))
        assert not any("bulgarian" in x or "high_pull" in x for x in used), used


def test_pregnancy_stops_adding_load_from_week_8():
    weeks = plan_for(**PREGNANT)["weeks"]
    for w in weeks:
        notes = " ".join(s["notes"] for s in strength_sessions(w))
        assert ("keep the loads you have" in notes) == (w["week"] >= 8), w["week"]
        if w["week"] >= 8:
            assert "add a little load" not in notes
            assert all(e["rpe"][1] <= 6 for s in w["sessions"] for e in s["exercises"] if e.get("rpe"))
    early = " ".join(s["notes"] for s in strength_sessions(weeks[1]))
    assert "keep the loads you have" not in early
    first = plan_for(**{**PREGNANT, "pregnancy_trimester": 1})["weeks"][9]
    assert "keep the loads you have" not in " ".join(s["notes"] for s in strength_sessions(first))


# --- 3. teenagers: lifts go up one RPE point at a time; vigorous sessions come 2 weeks after the lifts step up

def lift_top(week: dict) -> int:
    return max((e["rpe"][1] for s in week["sessions"] for e in s["exercises"]
                if isinstance(e.get("sets"), int) and e.get("rpe") and e.get("kind") == "strength"), default=0)


def test_youth_steps_up_one_rpe_point_at_a_time():
    for change in ({"goal": "muscle_gain"}, {"goal": "general_health", "days_per_week": 4, "minutes_per_session": 50}):
        weeks = plan_for(**{"age": 16, "sex": "male", "height_cm": 172, "weight_kg": 60, "resting_hr": 66,
                            "experience": "beginner", "currently_active": True, "days_per_week": 3,
                            "minutes_per_session": 60, "equipment": ["gym"], **change})["weeks"]
        full = [w for w in weeks if not w["deload"]]
        for prev, w in zip(full, full[1:]):
            assert lift_top(w) - lift_top(prev) <= 1, (w["week"], lift_top(prev), lift_top(w))
        first_lift = next((w["week"] for w in full[1:] if lift_top(w) > lift_top(full[0])), None)
        first_vig = next((w["week"] for w in full if any(s["intensity"]["label"] == "vigorous"
                                                         for s in w["sessions"])), None)
        assert first_vig is None or (first_lift is not None and first_vig - first_lift >= 2), (first_lift, first_vig)
