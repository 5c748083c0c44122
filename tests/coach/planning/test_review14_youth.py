"""Physician review 14, finding 2: a 15-year-old competitive swimmer (active, advanced, a pool, 5 days x 60 min) got
walks and one hard day in week 1, none in the lighter weeks, and power-walk intervals. WHO 2020 (kb-youth-dose-001,
kb-who-youth-001) asks teenagers for vigorous aerobic activity and muscle- and bone-strengthening activity on at least
3 days a week. An active, trained teenager now has vigorous work on 3 days from week 1, lighter weeks keep 3 short
vigorous days, the interval session is the liked sport's, and the strength days and supervision notes stay. The
profiles are this test's own."""
from __future__ import annotations

import pytest

from coach.domain.profile import validate_profile
from coach.planning import make_plan, validate_plan
from coach.planning.review8 import any_vigorous
from knowledge.corpus import get_passage

SWIMMER = {"age": 14, "sex": "male", "height_cm": 166, "weight_kg": 54, "goal": "endurance", "days_per_week": 5,
           "minutes_per_session": 60, "experience": "advanced", "currently_active": True, "equipment": ["pool"],
           "preferences": {"likes": ["swimming"]}, "language": "en"}
OTHERS = [
    {**SWIMMER, "goal": "general_health", "days_per_week": 4, "age": 16, "sex": "female"},
    {**SWIMMER, "goal": "fat_loss", "days_per_week": 3, "equipment": ["dumbbells"], "preferences": {}},
    {**SWIMMER, "experience": "intermediate", "equipment": [], "preferences": {"likes": ["running"]}},
]


def plan_of(raw: dict) -> dict:
    p = validate_profile(raw)
    plan = make_plan(p, 12)
    assert validate_plan(plan, p, kb_lookup=get_passage) == []
    return plan


def vigorous_days(w: dict) -> int:
    return sum(1 for s in w["sessions"] if any_vigorous(s) or (s["intensity"].get("peak_rpe") or [0])[-1] >= 7)


def strength_days(w: dict) -> int:
    return sum(1 for s in w["sessions"] if any(isinstance(e.get("sets"), int) for e in s["exercises"]))


@pytest.mark.parametrize("raw", [SWIMMER, *OTHERS])
def test_an_active_teenager_has_3_vigorous_and_3_strength_days_every_week(raw):
    plan = plan_of(raw)
    for w in plan["weeks"]:
        assert vigorous_days(w) >= 3, w["week"]
        assert strength_days(w) >= 3, w["week"]


def test_the_swimmers_interval_session_swims_and_the_supervision_notes_stay():
    plan = plan_of(SWIMMER)
    ids = {e["id"] for w in plan["weeks"] for s in w["sessions"] for e in s["exercises"]}
    assert "swimming_intervals" in ids and "power_walk_intervals" not in ids
    notes = " ".join(str(s.get("notes")) for w in plan["weeks"] for s in w["sessions"])
    assert "qualified coach" in notes and "good technique before more load" in notes
    assert "Every week, 3 sessions include vigorous intervals or games" in plan["rationale"]


def test_an_inactive_teenager_still_starts_moderate():
    plan = plan_of({**SWIMMER, "experience": "beginner", "currently_active": False})
    assert vigorous_days(plan["weeks"][0]) == 0
