"""Frail or very old people (80+, frailty, falls, a walking aid): resistance on >= 2 days a week and balance work
that builds by block to ACSM's neuromotor >= 60 min a week by week 12 (kb-falls-001), checked by rule 44."""
from __future__ import annotations

import copy

import pytest

from coach.domain.profile import validate_profile
from coach.planning import make_plan, validate_plan
from coach.planning.measure import is_resistance, weekly_balance
from knowledge.corpus import get_passage

OLD = {"age": 84, "sex": "female", "height_cm": 158, "weight_kg": 60, "goal": "general_health",
       "currently_active": False, "equipment": []}
PEOPLE = [{"days_per_week": 3, "minutes_per_session": 20}, {"days_per_week": 3, "minutes_per_session": 30},
          {"days_per_week": 2, "minutes_per_session": 45}, {"days_per_week": 5, "minutes_per_session": 20},
          {"age": 72, "conditions": ["falls"], "days_per_week": 3, "minutes_per_session": 40},
          {"age": 68, "conditions": ["walking_aid"], "days_per_week": 4, "minutes_per_session": 30,
           "goal": "muscle_gain"}]


def plan_for(change: dict) -> tuple[dict, object]:
    prof = validate_profile({**OLD, **change})
    plan = make_plan(prof, 12)
    assert validate_plan(plan, prof, kb_lookup=get_passage) == []
    return plan, prof


@pytest.mark.parametrize("change", PEOPLE)
def test_balance_builds_to_an_hour_a_week_by_week_twelve(change):
    plan, _ = plan_for(change)
    weekly = [weekly_balance(w) for w in plan["weeks"]]
    assert weekly[3] >= 29 and weekly[7] >= 44 and weekly[11] >= 59, weekly  # 30 → 45 → 60 by block
    assert weekly[11] > weekly[0], weekly  # progressed, not a token dose
    assert all(b >= a - 1 for a, b in zip(weekly, weekly[1:])), weekly  # never cut


@pytest.mark.parametrize("change", PEOPLE)
def test_resistance_on_at_least_two_days_every_week(change):
    plan, _ = plan_for(change)
    assert all(sum(map(is_resistance, w["sessions"])) >= 2 for w in plan["weeks"])


def test_the_home_balance_add_on_says_how_long_and_is_chair_supported():
    plan, _ = plan_for(PEOPLE[0])
    add_on = plan["weeks"][-1]["daily_activity"]["add_on"]
    assert add_on["minutes"] > 5 and f"{add_on['minutes']} minutes of balance next to a sturdy support" in \
        plan["weeks"][-1]["daily_activity"]["text"]


def test_the_validator_rejects_a_token_balance_dose_for_a_frail_person():
    plan, prof = plan_for(PEOPLE[0])
    bad = copy.deepcopy(plan)
    for w in bad["weeks"]:
        w["daily_activity"]["add_on"]["balance_minutes"] = 2
    assert any(v.rule == 44 for v in validate_plan(bad, prof))
    worse = copy.deepcopy(plan)
    for w in worse["weeks"]:
        w["sessions"] = [s for s in w["sessions"] if not is_resistance(s)][:1] + w["sessions"][:0]
    assert any(v.rule == 44 and "resistance" in v.message for v in validate_plan(worse, prof))


def test_while_clearance_is_pending_the_add_on_does_not_grow():
    plan, _ = plan_for({**PEOPLE[0], "conditions": ["heart_disease"]})
    assert plan["safety"]["clearance_required"]
    assert {w["daily_activity"]["add_on"]["minutes"] for w in plan["weeks"]} == {5}
