"""Review 2 (p05-like, profiles of our own): with osteoporosis no stretch that bends the spine forward or twists it
(kb-osteoporosis-001, Too Fit To Fracture): a seated hamstring stretch, knee-to-chest, butterfly with a forward lean,
downward dog, thread-the-needle or world's greatest stretch gives way to a neutral-spine alternative."""
from __future__ import annotations

import re

import pytest

from coach.domain.profile import validate_profile
from coach.planning import make_plan, validate_plan
from knowledge.corpus import get_passage

FLEXION = re.compile(r"seated hamstring|knee.to.chest|butterfly|downward dog|thread the needle|world.s greatest", re.I)
BASE = {"age": 71, "sex": "female", "height_cm": 158, "weight_kg": 55, "experience": "beginner",
        "currently_active": True, "goal": "mobility", "days_per_week": 3, "minutes_per_session": 35,
        "conditions": ["osteoporosis"]}


@pytest.mark.parametrize("kw", [{}, {"equipment": ["none"]}, {"goal": "general_health", "equipment": ["dumbbells"]},
                                {"age": 85, "conditions": ["osteoporosis", "falls"]}])
def test_osteoporosis_plans_have_no_spinal_flexion_stretches(kw):
    prof = validate_profile({**BASE, **kw})
    out = make_plan(prof, 12)
    assert validate_plan(out, prof, kb_lookup=get_passage) == []
    names = {e["name"] for w in out["weeks"] for s in w["sessions"] for e in s["exercises"]}
    assert not [n for n in names if FLEXION.search(n)]


def test_the_same_stretches_stay_for_people_without_osteoporosis():
    prof = validate_profile({**BASE, "conditions": []})
    names = {e["name"] for w in make_plan(prof, 12)["weeks"] for s in w["sessions"] for e in s["exercises"]}
    assert any(FLEXION.search(n) for n in names)
