"""Balance steps follow the person's reports (kb-balance-001), never the calendar alone."""
from __future__ import annotations

import pytest

from coach.domain.profile import validate_profile
from coach.planning import make_plan
from coach.progression.balance import apply_stage, level_text, next_stage


@pytest.mark.parametrize("stage, reports, fall_risk, expected", [
    (0, ["steady", "steady"], True, 1),
    (0, ["steady"], True, 0),  # one steady session is not enough
    (1, ["steady", "wobbly"], True, 1),
    (1, ["wobbly", "steady", "steady"], False, 2),
    (2, ["steady", "steady"], True, 2),  # fall risk: fingertips at most, never hands-free
    (2, ["steady", "steady"], False, 3),
    (2, ["steady", "near_fall", "steady"], False, 1),  # a near-fall steps back at once
    (0, ["dizzy"], True, 0),
])
def test_the_stage_moves_only_on_reports(stage, reports, fall_risk, expected):
    assert next_stage(stage, reports, fall_risk=fall_risk) == expected


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_applying_a_stage_rewrites_only_the_support_of_later_weeks(lang):
    prof = validate_profile({"age": 74, "height_cm": 160, "weight_kg": 60, "goal": "general_health",
                             "days_per_week": 3, "minutes_per_session": 40, "language": lang})
    plan = make_plan(prof, 12)
    before = [[e.get("holds") for s in w["sessions"] for e in s["exercises"]] for w in plan["weeks"]]
    assert apply_stage(plan, 5, 1, lang) > 0
    for w, old in zip(plan["weeks"], before):
        new = [e.get("holds") for s in w["sessions"] for e in s["exercises"]]
        if w["week"] < 5:
            assert new == old
        for e in (e for s in w["sessions"] for e in s["exercises"] if e.get("kind") == "balance"):
            if w["week"] >= 5:
                assert e["holds"].endswith(level_text(1, lang)) and e["holds"].startswith(("3-4", "2-3", "保持", "2-3轮"))
    assert apply_stage(plan, 5, 1, lang) == 0  # idempotent
