"""The rationale claims only what the plan does (review fix 10)."""
from __future__ import annotations

from coach.domain.profile import validate_profile
from coach.planning import make_plan, validate_plan
from coach.planning.rationale import has_long_session
from knowledge.corpus import get_passage

BASE = {"age": 41, "sex": "female", "height_cm": 165, "weight_kg": 87, "goal": "fat_loss", "days_per_week": 3,
        "minutes_per_session": 45, "experience": "beginner", "currently_active": False, "equipment": ["dumbbells"],
        "injuries": ["knee"]}


def plan_for(weeks: int, **change):
    prof = validate_profile({**BASE, **change})
    plan = make_plan(prof, weeks)
    assert validate_plan(plan, prof, kb_lookup=get_passage) == []
    return plan


def names(plan) -> str:
    return " ".join(e["name"].lower() for w in plan["weeks"] for s in w["sessions"] for e in s["exercises"])


def test_knee_rationale_names_no_exercise_the_plan_lacks():
    plan = plan_for(12)
    for claim in ("leg press", "step-up", "chair squat"):
        if claim in plan["rationale"].lower():
            assert claim.replace("-", " ") in names(plan).replace("-", " "), claim
    assert "quadriceps" in plan["rationale"]


def test_balance_gets_harder_only_claimed_when_the_plan_spans_more_than_one_block():
    older = {"age": 72, "injuries": [], "goal": "general_health"}
    assert "getting harder" not in plan_for(4, **older)["rationale"]
    assert "getting harder" in plan_for(12, **older)["rationale"]


def test_one_long_easy_session_is_claimed_only_when_the_week_has_one():
    plan = plan_for(12, age=36, sex="male", weight_kg=72, goal="endurance", experience="advanced",
                    currently_active=True, days_per_week=6, minutes_per_session=75, injuries=[],
                    equipment=["bike", "treadmill", "dumbbells"])
    claimed = "one long easy session" in plan["rationale"]
    assert claimed == has_long_session(plan["weeks"][-1])


def test_a_liked_activity_is_the_main_cardio_where_equipment_and_injuries_allow():
    for liked, words, gear in (("swimming", ("swim", "pool", "water"), ["pool"]), ("cycling", ("bike", "cycl"), ["bike"]),
                               ("running", ("run", "jog"), []), ("walking", ("walk",), [])):
        plan = plan_for(4, injuries=[], experience="intermediate", currently_active=True, goal="general_health",
                        equipment=["dumbbells"] + gear, preferences={"likes": [liked]})
        cardio = [e for w in plan["weeks"] for s in w["sessions"] for e in s["exercises"]
                  if e.get("kind") in ("aerobic", "hiit") and e.get("minutes")]
        main = max(cardio, key=lambda e: e["minutes"])
        assert any(w in (main["id"] + main["name"]).lower() for w in words), (liked, main)
