"""Named sports (physician review: sport aims ignored): walk-to-run for people new to running, the competition lifts
for strength-sport lifters, a sport note for other named sports; every plan passes the validator."""
from __future__ import annotations

import pytest

from coach.domain.profile import validate_profile
from coach.planning import make_plan, validate_plan
from coach.planning.trained import is_heavy
from knowledge.corpus import get_passage

NEW_RUNNER = {"age": 55, "sex": "female", "height_cm": 165, "weight_kg": 70, "experience": "beginner",
              "currently_active": False, "goal": "endurance", "days_per_week": 3, "minutes_per_session": 40,
              "preferences": {"likes": ["running"]}}
LIFTER = {"age": 30, "sex": "male", "height_cm": 180, "weight_kg": 88, "experience": "advanced",
          "currently_active": True, "goal": "muscle_gain", "days_per_week": 4, "minutes_per_session": 75,
          "equipment": ["gym"], "preferences": {"likes": ["powerlifting", "squat", "bench", "deadlift"]}}


def plan_for(base: dict, **change) -> dict:
    prof = validate_profile({**base, **change})
    plan = make_plan(prof, 12)
    assert validate_plan(plan, prof, kb_lookup=get_passage) == []
    return plan


def walk_runs(plan: dict) -> list[list[dict]]:
    return [[e for s in w["sessions"] for e in s["exercises"] if e["id"] == "run_walk_intervals"]
            for w in plan["weeks"]]


@pytest.mark.parametrize("change", [{}, {"goal": "general_health", "currently_active": True, "days_per_week": 5,
                                         "minutes_per_session": 60, "age": 28},
                                    {"preferences": {}, "days_per_week": 4, "minutes_per_session": 30},
                                    {"language": "zh"}])
def test_a_new_runner_gets_a_walk_run_progression(change):
    plan = plan_for(NEW_RUNNER, **change)
    runs = walk_runs(plan)
    assert all(runs), "a walk-run every week"
    first = runs[0][0]
    assert first["run_seconds"] <= 8 * 60 and "5" in first["intervals"]  # Couch to 5K week 1: 60 s bouts, at most 8
    per_week = [max(e["run_seconds"] for e in r) for r in runs]
    full = [x for x, w in zip(per_week, plan["weeks"]) if not w["deload"]]
    assert all(b <= 1.10 * a + 1e-9 for a, b in zip(full, full[1:])), full  # never more than 10 % a week
    assert full[-1] >= 2 * full[0]
    ids = {c["id"].removesuffix("-zh") for c in plan["citations"]}
    assert {"kb-walk-run-001", "kb-endurance-004"} <= ids
    assert any(r["id"].startswith("kb-walk-run-001") for r in plan["safety"]["reason_citations"])
    days = [s["day"] for s in plan["weeks"][0]["sessions"] if s.get("walk_run")]
    assert all(b - a > 1 for a, b in zip(days, days[1:]))  # a rest day between runs


@pytest.mark.parametrize("change", [{"injuries": ["knee"]}, {"conditions": ["pregnancy"], "pregnancy_trimester": 2},
                                    {"weight_kg": 110}, {"age": 70}, {"symptoms": ["chest_pain"]},
                                    {"preferences": {"likes": ["running"], "dislikes": ["jogging"]}},
                                    {"preferences": {"likes": ["cycling"]}, "goal": "endurance"},
                                    {"experience": "intermediate", "currently_active": True}])
def test_no_walk_run_when_impact_or_wish_is_missing(change):
    prof = validate_profile({**NEW_RUNNER, **change})
    plan = make_plan(prof, 12)
    assert not any(walk_runs(plan))


@pytest.mark.parametrize("change", [{}, {"goal": "general_health", "days_per_week": 3, "minutes_per_session": 90,
                                         "equipment": ["barbell", "bench", "dumbbells"],
                                         "preferences": {"likes": ["powerlifting"]}},
                                    {"goal": "general_health", "preferences": {"likes": ["Powerlifting meets"]}}])
def test_a_powerlifter_gets_the_competition_lifts_twice_a_week(change):
    plan = plan_for(LIFTER, **change)
    lifts = ("barbell_back_squat", "barbell_bench_press", "barbell_deadlift")
    for w in plan["weeks"]:
        if w["deload"]:
            continue
        for lift in lifts:
            entries = [(s, e) for s in w["sessions"] for e in s["exercises"] if e["id"] == lift]
            assert len(entries) == 2, (w["week"], lift)
            assert sum(is_heavy(e) and int(e["reps"].split("-")[1]) <= 6 for _, e in entries) == 1
            assert all("side" not in e["reps"] for _, e in entries)
            for s, e in entries:  # before the accessories
                sets = [x for x in s["exercises"] if isinstance(x.get("sets"), int)]
                assert all(x["id"] in lifts for x in sets[:sets.index(e)])
    heavy = [e for w in plan["weeks"] for s in w["sessions"] for e in s["exercises"]
             if e["id"] in lifts and is_heavy(e) and not w["deload"]]
    reps = [e["reps"] for e in heavy]
    assert {"4-6", "3-5", "2-4"} <= set(reps)
    assert any(c["id"] == "kb-powerlifting-001" for c in plan["citations"])


def test_rule_49_keeps_a_muscle_gain_lifters_heavy_sets_at_rpe_8():
    plan = plan_for(LIFTER)
    assert max(max(e["rpe"]) for w in plan["weeks"] for s in w["sessions"] for e in s["exercises"]
               if e["id"] == "barbell_back_squat") == 8
    other = plan_for(LIFTER, goal="general_health")
    assert max(max(e["rpe"]) for w in other["weeks"] for s in w["sessions"] for e in s["exercises"]
               if e["id"] == "barbell_back_squat") == 9


@pytest.mark.parametrize("change", [{"experience": "beginner", "currently_active": False},
                                    {"injuries": ["lower_back"]}, {"equipment": ["dumbbells"]},
                                    {"preferences": {"likes": ["yoga"]}}])
def test_no_competition_lifts_without_training_health_bar_or_wish(change):
    prof = validate_profile({**LIFTER, **change})
    plan = make_plan(prof, 12)
    assert not any("kb-powerlifting-001" == c["id"] for c in plan["citations"])


@pytest.mark.parametrize("like, word", [("hiking", "hiking"), ("football", "football"), ("tennis", "racket"),
                                        ("swimming", "swimming")])
def test_a_named_sport_gets_a_cited_note(like, word):
    plan = plan_for(NEW_RUNNER, preferences={"likes": [like]}, goal="general_health", currently_active=True)
    notes = [r for r in plan["safety"]["reasons"] if word in r.lower()]
    assert notes and any(c["id"] == "kb-sport-001" for c in plan["citations"])
