"""Review 2 (p01, p09-like, profiles of our own): an older adult with no fall, frailty or osteoporosis gets balance
practice on the other days, not the osteoporosis/frailty posture block (back-extensor work stays where it applies)."""
from __future__ import annotations

from coach.domain.profile import validate_profile
from coach.planning import make_plan, validate_plan
from knowledge.corpus import get_passage

OLDER = {"age": 70, "sex": "male", "height_cm": 176, "weight_kg": 80, "experience": "intermediate",
         "currently_active": True, "goal": "general_health", "days_per_week": 3, "minutes_per_session": 45,
         "equipment": ["dumbbells"]}


def add_ons(**kw):
    prof = validate_profile({**OLDER, **kw})
    out = make_plan(prof, 12)
    assert validate_plan(out, prof, kb_lookup=get_passage) == []
    return [w["daily_activity"]["add_on"] for w in out["weeks"] if (w.get("daily_activity") or {}).get("add_on")]


def test_no_posture_block_without_osteoporosis_or_frailty():
    found = add_ons()
    assert found and all("back-extensor" not in a["text"] and a["kind"] == "balance" for a in found)


def test_osteoporosis_keeps_back_extensor_work():
    found = add_ons(conditions=["osteoporosis"])
    assert found and all("back-extensor" in a["text"] for a in found)
