"""Physician review 14, finding 1: after a hip replacement the range-of-motion drills and stretches carried no
reminder of the surgeon's movement precautions (no bending the hip past 90 degrees, no crossing the legs, no twisting
the leg). Every session with a drill or stretch now carries the replaced joint's note (rule 95), and kb-joint-replacement-001 names the precautions with their sources. The
profiles are this test's own."""
from __future__ import annotations

import pytest

from coach.domain.profile import validate_profile
from coach.planning import make_plan, validate_plan
from knowledge.corpus import get_passage

BASE = {"age": 66, "sex": "female", "height_cm": 163, "weight_kg": 71, "goal": "general_health", "days_per_week": 3,
        "minutes_per_session": 40, "experience": "beginner", "currently_active": False, "equipment": ["bands"]}
CASES = [  # (condition as written, goal, language, what the note says)
    ("hip replacement 8 months ago", "general_health", "en", "do not bend the hip past 90 degrees"),
    ("THA (2022)", "mobility", "en", "do not cross your legs"),
    ("total knee replacement", "mobility", "en", "New knee"),
    ("reverse shoulder arthroplasty", "general_health", "en", "move the arm only as far as they allow"),
    ("髋关节置换", "mobility", "zh", "90"),
]


def plan_of(raw: dict) -> tuple[dict, object]:
    p = validate_profile(raw)
    plan = make_plan(p, 12)
    assert validate_plan(plan, p, kb_lookup=get_passage) == []
    return plan, p


def drill_sessions(plan: dict) -> list[dict]:
    return [s for w in plan["weeks"] for s in w["sessions"] if any(e.get("kind") == "mobility" for e in s["exercises"])]


@pytest.mark.parametrize("written,goal,lang,says", CASES)
def test_every_session_with_a_drill_or_stretch_names_the_surgeons_precautions(written, goal, lang, says):
    plan, _ = plan_of({**BASE, "goal": goal, "language": lang, "conditions": [written]})
    sessions = drill_sessions(plan)
    assert sessions
    assert all(says in str(s.get("notes")) for s in sessions)


def test_the_check_refuses_a_drill_session_without_the_note():
    plan, p = plan_of({**BASE, "conditions": ["hip replacement"]})
    s = drill_sessions(plan)[0]
    s["notes"] = s["notes"].split("New hip:")[0]
    assert any(v.rule == 95 for v in validate_plan(plan, p, kb_lookup=get_passage))


@pytest.mark.parametrize("pid", ["kb-joint-replacement-001", "kb-joint-replacement-001-zh"])
def test_the_passage_names_the_precautions_and_their_sources(pid):
    text = get_passage(pid)
    body = f"{text.source} {text.text}"
    assert "90" in body and "Leeds Teaching Hospitals NHS Trust" in body and "MedlinePlus" in body
