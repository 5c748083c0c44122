"""Issue 12 (D2b item 2): atrial fibrillation or an anticoagulant: no road cycling, contact or high fall-risk
activity (the stationary bike instead), a bleeding/fall-risk note, and with AF no bpm zones (rule 42)."""
from __future__ import annotations

import copy

import pytest

from coach.domain.profile import validate_profile
from coach.planning import make_plan, validate_plan
from coach.planning.context import BLEEDING_RISK_AVOID
from knowledge.corpus import get_passage

BASE = {"age": 50, "sex": "male", "height_cm": 178, "weight_kg": 82, "resting_hr": 66, "experience": "intermediate",
        "currently_active": True, "days_per_week": 4, "minutes_per_session": 60, "equipment": ["bike"],
        "preferences": {"likes": ["cycling"]}}
RISKS = [{"conditions": ["atrial_fibrillation"]}, {"medications": ["anticoagulant"]},
         {"conditions": ["atrial_fibrillation"], "medications": ["warfarin"]}]


def _exercise_ids(plan: dict) -> set[str]:
    return {e["id"] for w in plan["weeks"] for s in w["sessions"] for e in s["exercises"]}


@pytest.mark.parametrize("goal", ["endurance", "fat_loss", "general_health"])
@pytest.mark.parametrize("risk", RISKS)
def test_bleeding_risk_rides_indoors(risk, goal):
    prof = validate_profile({**BASE, **risk, "goal": goal})
    plan = make_plan(prof, 12)
    assert validate_plan(plan, prof, kb_lookup=get_passage) == []
    ids = _exercise_ids(plan)
    assert not any(BLEEDING_RISK_AVOID.search(i.replace("_", " ")) for i in ids)
    assert ids & {"stationary_bike_ride", "recumbent_bike_ride", "stationary_bike_intervals"}
    reasons = " ".join(plan["safety"]["reasons"])
    assert "bleeding" in reasons and "falls" in reasons
    if "atrial_fibrillation" in prof.conditions:
        assert all(s["intensity"]["hr_bpm"] is None for w in plan["weeks"] for s in w["sessions"])


def test_the_same_person_without_the_risk_may_ride_outdoors():
    prof = validate_profile({**BASE, "goal": "endurance"})
    assert "outdoor_bike_ride" in _exercise_ids(make_plan(prof, 12))


def test_validator_rejects_mountain_biking_contact_sport_and_af_zones():
    # review 12: road cycling with a helmet is allowed on a blood thinner (kb-anticoagulants-001); mountain biking not
    prof = validate_profile({**BASE, **RISKS[0], "goal": "endurance"})
    plan = make_plan(prof, 4)
    bad = copy.deepcopy(plan)
    bad["weeks"][0]["sessions"][0]["exercises"][0].update(id="mountain_biking", name="Mountain biking")
    bad["weeks"][1]["sessions"][0]["exercises"][0].update(id="soccer", name="Five-a-side football")
    bad["weeks"][2]["sessions"][0]["intensity"]["hr_bpm"] = [110, 125]
    found = [v for v in validate_plan(bad, prof, kb_lookup=get_passage) if v.rule == 42]
    assert len(found) == 3
