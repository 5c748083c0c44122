"""Issue 12 (D2b item 1): while clearance is pending nothing in the plan asks for more load, weight, effort or
progress, and every session is light and says so (rule 41, kb-clearance-001)."""
from __future__ import annotations

import copy

import pytest

from coach.domain.profile import validate_profile
from coach.planning import make_plan, validate_plan
from coach.planning.round4 import progress_sentences
from knowledge.corpus import get_passage

BASE = {"age": 58, "sex": "male", "height_cm": 175, "weight_kg": 90, "resting_hr": 70, "goal": "fat_loss",
        "days_per_week": 3, "minutes_per_session": 45, "experience": "beginner", "currently_active": False,
        "equipment": ["dumbbells"]}
PENDING = [{"conditions": ["type2_diabetes"]}, {"conditions": ["heart_disease"], "goal": "muscle_gain"},
           {"conditions": ["kidney_disease"], "days_per_week": 5, "equipment": ["gym"]},
           {"bp_systolic": 165, "bp_diastolic": 102, "goal": "general_health", "days_per_week": 4},
           {"age": 72, "conditions": ["type2_diabetes"], "goal": "general_health"}]


def _texts(plan: dict) -> list[str]:
    out = [plan["rationale"]]
    for w in plan["weeks"]:
        out += [s["notes"] for s in w["sessions"]] + [(w.get("daily_activity") or {}).get("text", "")]
    return out


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("change", PENDING)
def test_pending_plans_never_ask_for_more(change, lang):
    prof = validate_profile({**BASE, **change, "language": lang})
    plan = make_plan(prof, 12)
    assert plan["safety"]["clearance_required"]
    assert validate_plan(plan, prof, kb_lookup=get_passage) == []
    assert [s for text in _texts(plan) for s in progress_sentences(text)] == []
    for w in plan["weeks"]:
        for s in w["sessions"]:
            assert s["intensity"]["label"] == "light"
            assert ("light" in s["notes"]) if lang == "en" else ("轻" in s["notes"])


def test_validator_rejects_progress_and_unmarked_sessions():
    prof = validate_profile({**BASE, **PENDING[0]})
    plan = make_plan(prof, 4)
    bad = copy.deepcopy(plan)
    bad["weeks"][1]["sessions"][0]["notes"] += " When the sets feel easy, add a little load next time."
    assert {v.rule for v in validate_plan(bad, prof, kb_lookup=get_passage)} == {41}
    quiet = copy.deepcopy(plan)
    quiet["weeks"][0]["sessions"][0]["notes"] = "Cool down at the end."
    assert {v.rule for v in validate_plan(quiet, prof, kb_lookup=get_passage)} == {41}


def test_progress_words_are_read_in_context():
    assert progress_sentences("Repeat this same week and do not step it up.") == []
    assert progress_sentences("Increase the weight by 2 kg.") and progress_sentences("下次稍微加一点重量。")
    cleared = validate_profile({**BASE, **PENDING[0], "currently_active": True, "experience": "intermediate"})
    assert not make_plan(cleared, 4)["safety"]["clearance_required"]  # rule 41 only applies while pending
