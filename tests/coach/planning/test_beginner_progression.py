"""Item 1 of issue #12's last round: people new to exercise keep progressing once their sessions are full length.

kb-beginner-001 / kb-overload-001: add 5-10 minutes a session every 1-2 weeks up to the session length, then raise
something else (an effort step, a set), one change at a time. The load is PLAN_RULES 29's (schedule.week_load).
"""
from __future__ import annotations

import pytest

from coach.domain.profile import validate_profile
from coach.planning import make_plan, validate_plan
from coach.planning.schedule import week_load
from knowledge.corpus import get_passage

NEW = {"sex": "female", "height_cm": 165, "weight_kg": 78, "experience": "beginner", "currently_active": False}
PEOPLE = [
    {"age": 40, "goal": "general_health", "days_per_week": 3, "minutes_per_session": 45, "equipment": ["none"]},
    # likes hiking: at home and low impact, uphill hiking is the vigorous step of the walking day (no hiking for
    # people who don't name it, test_physician_review)
    {"age": 30, "goal": "fat_loss", "days_per_week": 4, "minutes_per_session": 60, "equipment": ["dumbbells"],
     "preferences": {"likes": ["hiking"]}},
    {"age": 52, "goal": "general_health", "days_per_week": 4, "minutes_per_session": 45, "equipment": ["bands"]},
    {"age": 35, "goal": "muscle_gain", "days_per_week": 3, "minutes_per_session": 50, "equipment": ["dumbbells"]},
    {"age": 45, "goal": "fat_loss", "days_per_week": 5, "minutes_per_session": 40, "equipment": ["bike"]},
]


def loads(change: dict) -> list[float]:
    prof = validate_profile({**NEW, **change})
    plan = make_plan(prof, 12)
    assert validate_plan(plan, prof, kb_lookup=get_passage) == []
    assert not any(w["deload"] for w in plan["weeks"])  # beginners training moderately: no deloads (kb-deload-001)
    return [week_load(w) for w in plan["weeks"]]


@pytest.mark.parametrize("change", PEOPLE)
def test_the_load_rises_at_least_every_other_week_for_twelve_weeks(change):
    load = loads(change)
    flat = [i + 1 for i in range(2, 12) if load[i] <= load[i - 1] and load[i - 1] <= load[i - 2]]
    assert flat == [], (flat, load)  # never two weeks running without a rise


@pytest.mark.parametrize("change", PEOPLE)
def test_weeks_six_to_eight_and_the_last_block_are_not_flat(change):
    load = loads(change)
    assert load[7] > load[5], load  # the middle block keeps rising after the minutes are full
    assert load[11] > load[8], load  # and so does the last one


def test_the_first_weeks_are_an_easier_moderate_effort_that_steps_up_once_sessions_are_full_length():
    prof = validate_profile({**NEW, **PEOPLE[0]})
    weeks = make_plan(prof, 12)["weeks"]
    first = weeks[0]["sessions"][0]["intensity"]
    assert first["label"] == "moderate" and first["rpe"] == [4, 5]  # kb-beginner-001: light to moderate at first
    full = next(w["week"] for w in weeks if w["sessions"][0]["minutes"] == prof.minutes_per_session)
    rpe = {w["week"]: max(s["intensity"]["rpe"][1] for s in w["sessions"]) for w in weeks}
    assert rpe[full] == 5 and any(rpe[w] == 6 for w in range(full + 1, 9))  # the step after the minutes, before 9
