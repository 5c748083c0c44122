"""Physician review 15: when the days or minutes asked for cannot meet the guideline - strength on 2 or more days a
week (kb-frequency-001), WHO's 150 minutes a week (kb-who-adults-001) - the plan says so plainly and proposes the
minimum that would work (rule 109), and no longer says the plan "works toward" a dose its time cannot hold.
Profiles are this test's own."""
from __future__ import annotations

import copy

import pytest

from coach.domain.profile import validate_profile
from coach.planning import make_plan
from coach.planning.validator import validate_plan
from knowledge.corpus import get_passage

BASE = {"age": 37, "sex": "male", "height_cm": 178, "weight_kg": 80, "experience": "beginner",
        "currently_active": False, "goal": "muscle_gain", "days_per_week": 1, "minutes_per_session": 20,
        "equipment": ["dumbbells"], "language": "en"}


def plan(**change):
    prof = validate_profile({**BASE, **change})
    return make_plan(prof, 12), prof


def rules(p, prof):
    return sorted({v.rule for v in validate_plan(p, prof, kb_lookup=get_passage)})


def _cited(p, tag):
    return [p["safety"]["reasons"][c["reason"]] for c in p["safety"]["reason_citations"]
            if c.get("for") == tag and "reason" in c]


@pytest.mark.parametrize("change", [{}, {"goal": "general_health", "minutes_per_session": 45},
                                    {"conditions": ["type1_diabetes"], "medications": ["insulin"], "sex": "female"}])
def test_one_day_a_week_says_strength_needs_two_and_proposes_them(change):
    p, prof = plan(**change)
    text = " ".join(_cited(p, "frequency"))
    assert "at least 2 days a week" in text and "minimum that would work is 2 non-consecutive days" in text
    assert rules(p, prof) == []
    bad = copy.deepcopy(p)
    bad["safety"]["reason_citations"] = [c for c in bad["safety"]["reason_citations"] if c.get("for") != "frequency"]
    assert 109 in rules(bad, prof)


@pytest.mark.parametrize("change", [{}, {"days_per_week": 3, "minutes_per_session": 30, "goal": "general_health"},
                                    {"age": 70, "days_per_week": 2, "minutes_per_session": 30,
                                     "goal": "general_health"}])
def test_too_few_minutes_for_who_are_named_with_the_minimum(change):
    p, prof = plan(**change)
    total = prof.days_per_week * prof.minutes_per_session
    text = " ".join(_cited(p, "older-adults" if prof.age >= 65 else "aerobic-dose"))
    assert f"at most {total} minutes a week" in text and "about 150 minutes a week" in text
    assert "the plan works toward it" not in p["rationale"]
    assert rules(p, prof) == []


def test_enough_time_brings_no_such_note():
    p, _ = plan(days_per_week=3, minutes_per_session=60)
    assert not any("minimum that would work" in r for r in p["safety"]["reasons"])
