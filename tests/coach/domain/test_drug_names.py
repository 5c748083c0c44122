"""A medication given by its drug name in a profile brings the class that changes the plan (a reviewer's
"metoprolol" profile got heart-rate zones in bpm, against PLAN_RULES 21)."""
from __future__ import annotations

import pytest

from coach.domain.profile import validate_profile
from coach.planning import make_plan

BASE = {"age": 58, "sex": "male", "height_cm": 175, "weight_kg": 92, "goal": "general_health", "days_per_week": 3,
        "minutes_per_session": 40}


@pytest.mark.parametrize("name, cls", [("Metoprolol 50 mg", "beta_blocker"), ("bisoprolol", "beta_blocker"),
                                       ("warfarin", "anticoagulant"), ("Eliquis", "anticoagulant"),
                                       ("insulin glargine", "insulin"), ("Lantus", "insulin"),
                                       ("gliclazide", "sulfonylurea"), ("美托洛尔", "beta_blocker")])
def test_a_drug_name_brings_its_class_and_is_kept(name, cls):
    meds = validate_profile({**BASE, "medications": [name]}).medications
    assert cls in meds and len(meds) == 2


def test_a_beta_blocker_by_name_means_no_heart_rate_zones_and_other_drugs_change_nothing():
    plan = make_plan(validate_profile({**BASE, "medications": ["metoprolol"]}), 1)
    assert all(not s["intensity"].get("hr_bpm") for s in plan["weeks"][0]["sessions"])
    assert validate_profile({**BASE, "medications": ["lisinopril"]}).medications == ["lisinopril"]
