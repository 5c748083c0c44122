"""A lighter day keeps its work within its minutes (PLAN_RULES 37), so the validator accepts it."""
from __future__ import annotations

import copy

from coach.domain.profile import validate_profile
from coach.planning import make_plan
from coach.planning.measure import session_seconds
from coach.planning.validator import validate_plan
from coach.progression.rules import lighten


def test_every_session_of_a_short_session_plan_can_be_lightened_and_still_validates():
    p = validate_profile({"age": 58, "sex": "male", "height_cm": 175, "weight_kg": 92, "goal": "fat_loss",
                          "days_per_week": 3, "minutes_per_session": 20, "experience": "beginner",
                          "currently_active": False, "conditions": ["hypertension"]})
    plan = make_plan(p, 4)
    for w, week in enumerate(plan["weeks"]):
        for i, sess in enumerate(week["sessions"]):
            data = copy.deepcopy(plan)
            light = data["weeks"][w]["sessions"][i]
            lighten(light, p)
            assert session_seconds(light) <= light["minutes"] * 60 + 1e-9
            assert light["minutes"] <= sess["minutes"] and light["intensity"]["label"] != "vigorous"
            assert [v for v in validate_plan(data, p) if v.rule == 37] == []
