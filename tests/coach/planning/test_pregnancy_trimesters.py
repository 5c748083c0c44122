"""Rule 47: the third trimester eases the effort below the second's, every pregnancy session carries the heat/drinks
note and the daily pelvic-floor squeezes, nothing lies on the back after the first trimester, and the alerts list
ACOG's warning signs (kb-pregnancy-006, kb-pregnancy-007)."""
from __future__ import annotations

import copy

import pytest

from coach.domain.profile import validate_profile
from coach.planning import make_plan, validate_plan
from coach.planning.schedule import week_load
from coach.i18n import t
from knowledge.catalog import load_catalog
from knowledge.corpus import get_passage

MUM = {"age": 31, "sex": "female", "height_cm": 165, "weight_kg": 68, "goal": "general_health", "days_per_week": 4,
       "minutes_per_session": 45, "conditions": ["pregnancy"], "equipment": ["dumbbells"]}
HEAT = "Pregnancy: avoid heat and high humidity, and drink water before, during and after."
PELVIC = ("Pelvic floor, every day: 10 slow squeezes held for up to 5 seconds, then 10 quick ones, sitting or "
          "standing.")
WHO = [{"experience": "intermediate", "currently_active": True}, {"experience": "beginner", "currently_active": False},
       {"experience": "advanced", "currently_active": True, "goal": "endurance", "equipment": ["gym"]}]


def plan_for(change: dict, lang: str = "en") -> tuple[dict, object]:
    prof = validate_profile({**MUM, **change})
    plan = make_plan(prof, 12, lang=lang)
    assert validate_plan(plan, prof, kb_lookup=get_passage) == []
    return plan, prof


@pytest.mark.parametrize("who", WHO)
def test_the_third_trimester_is_easier_than_the_second(who):
    second, _ = plan_for({**who, "pregnancy_trimester": 2})
    third, _ = plan_for({**who, "pregnancy_trimester": 3})
    for a, b in zip(second["weeks"], third["weeks"]):
        assert max(s["intensity"]["rpe"][1] for s in b["sessions"]) <= 5
        assert week_load(b) <= week_load(a)
    assert sum(map(week_load, third["weeks"])) < sum(map(week_load, second["weeks"]))  # a taper, not the same plan
    assert any("Third trimester" in r for r in third["safety"]["reasons"])


@pytest.mark.parametrize("trimester", [1, 2, 3, None])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_session_has_the_heat_and_pelvic_floor_notes_and_nothing_supine_after_the_first(trimester, lang):
    plan, _ = plan_for({**WHO[0], "pregnancy_trimester": trimester}, lang)
    cat = load_catalog()
    for w in plan["weeks"]:
        for s in w["sessions"]:
            assert t(lang, HEAT) in s["notes"] and t(lang, PELVIC) in s["notes"]  # in the person's language
            if trimester != 1:
                assert not [e["id"] for e in s["exercises"] if cat[e["id"]].lying == "supine"]
    cited = {(c["id"], c["for"]) for c in plan["safety"]["reason_citations"]}
    assert (get_passage("kb-pregnancy-006" + ("-zh" if lang == "zh" else "")).id, "pregnancy-trimester") in cited


def test_the_cited_passage_says_what_the_plan_does():
    text = get_passage("kb-pregnancy-006").text
    assert "Pelvic floor muscle training" in text and "heat" in text and "Third trimester: reduce intensity" in text


def test_the_alerts_list_acogs_warning_signs():
    plan, _ = plan_for({**WHO[0], "pregnancy_trimester": 3})
    alert = next(a for a in plan["safety"]["alerts"] if a.startswith("In pregnancy, stop"))
    for sign in ("bleeding", "fluid leakage", "contractions", "chest pain", "dizziness", "headache",
                 "muscle weakness", "calf pain", "breathlessness"):
        assert sign in alert
    assert any(c.get("id") == "kb-pregnancy-007" for c in plan["safety"]["reason_citations"])


def test_the_validator_rejects_a_third_trimester_at_rpe_6_and_a_missing_note():
    plan, prof = plan_for({**WHO[0], "pregnancy_trimester": 3})
    hard = copy.deepcopy(plan)
    hard["weeks"][0]["sessions"][0]["intensity"]["rpe"] = [5, 6]
    bare = copy.deepcopy(plan)
    bare["weeks"][0]["sessions"][0]["notes"] = "Warm up."
    assert any(v.rule == 47 and "third trimester" in v.message for v in validate_plan(hard, prof))
    assert any(v.rule == 47 and "pelvic" in v.message for v in validate_plan(bare, prof))
