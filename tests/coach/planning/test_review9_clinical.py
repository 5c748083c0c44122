"""Physician review 9: asthma's session routine (rule 71), a doctor's heart-rate ceiling as a hard ceiling (rule 70)
and frail people's walking that builds (rule 72). The profiles are this test's own, not the reviewer's."""
from __future__ import annotations

import copy

import pytest

from coach.domain.profile import validate_profile
from coach.planning import make_plan
from coach.planning.measure import weekly_balance
from coach.planning.validator import validate_plan
from coach.planning.zones import state_ceiling
from coach.safety.doctor_limits import read_limits
from knowledge.corpus import get_passage

ASTHMA = {"age": 29, "sex": "female", "height_cm": 165, "weight_kg": 60, "goal": "endurance", "days_per_week": 4,
          "minutes_per_session": 45, "experience": "intermediate", "currently_active": True, "conditions": ["asthma"],
          "equipment": ["dumbbells"]}
CARDIAC = {"age": 62, "sex": "male", "height_cm": 175, "weight_kg": 84, "goal": "general_health", "days_per_week": 3,
           "minutes_per_session": 40, "experience": "beginner", "currently_active": False, "resting_hr": 68,
           "conditions": ["heart_disease"], "equipment": ["dumbbells", "bands"],
           "clearance": {"by": "cardiologist", "date": "2026-11-20", "limits": "keep heart rate under 115"}}
# active, no resting rate given: before review 9 an interval day at RPE 8-9 beside the doctor's 115 bpm
ACTIVE_NO_REST = {"age": 58, "sex": "male", "height_cm": 175, "weight_kg": 84, "goal": "endurance",
                  "days_per_week": 4, "minutes_per_session": 45, "experience": "intermediate",
                  "currently_active": True, "equipment": ["gym"],
                  "clearance": {"by": "cardiologist", "date": "2026-11-01", "limits": "HR below 115 bpm"}}
FRAIL = {"age": 82, "sex": "female", "height_cm": 158, "weight_kg": 55, "goal": "general_health",
         "days_per_week": 3, "minutes_per_session": 20, "experience": "beginner", "currently_active": False,
         "equipment": []}


def plan(raw, weeks=12):
    prof = validate_profile(raw)
    out = make_plan(prof, weeks)
    return out, prof


def rules(p, prof):
    return sorted({v.rule for v in validate_plan(p, prof, kb_lookup=get_passage)})


def sessions(p):
    return [s for w in p["weeks"] for s in w["sessions"]]


# --- 1. asthma (kb-asthma-005: GINA 2023, ATS 2013, Asthma + Lung UK)

@pytest.mark.parametrize("conditions,lang", [(["asthma"], "en"), (["exercise-induced bronchoconstriction"], "en"),
                                             (["asthma"], "zh")])
def test_asthma_plans_carry_the_session_routine_cited_to_its_passage(conditions, lang):
    p, prof = plan({**ASTHMA, "conditions": conditions, "language": lang})
    cited = [c for c in p["safety"]["reason_citations"] if c.get("for") == "asthma-routine"]
    assert len(cited) == 3 and {c["id"] for c in cited} <= {"kb-asthma-005", "kb-asthma-005-zh"}
    assert any(c["id"].startswith("kb-asthma-005") for c in p["citations"])
    if lang == "en":
        text = " ".join(p["safety"]["reasons"])
        for words in ("reliever", "15 minutes before", "10-15 minutes", "cold, dry air", "pollen", "indoors",
                      "scarf or mask", "stop, sit upright", "urgent help", "does not help"):
            assert words in text
    assert rules(p, prof) == []


def test_the_validator_asks_for_the_asthma_routine():
    p, prof = plan(ASTHMA)
    p["safety"]["reason_citations"] = [c for c in p["safety"]["reason_citations"] if c.get("for") != "asthma-routine"]
    assert 71 in rules(p, prof)


def test_the_asthma_routine_passage_names_its_sources_in_both_languages():
    for pid in ("kb-asthma-005", "kb-asthma-005-zh"):
        passage = get_passage(pid)
        assert passage is not None and "GINA" in passage.source and "Parsons" in passage.source
        assert "15" in passage.text and "10-15" in passage.text


# --- 2. a doctor's heart-rate ceiling

@pytest.mark.parametrize("text,bpm", [
    ("keep heart rate under 115", 115), ("HR below 115 bpm", 115), ("max heart rate 120", 120),
    ("心率不超过115", 115), ("keep HR between 100 and 115", 115), ("target heart rate 100-115", 115),
    ("resting HR 70; keep HR under 115", 115), ("静息心率70，运动心率不超过115次/分", 115),
    ("BP under 160/100, HR max 115", 115), ("no heavy lifting", None)])
def test_the_ceiling_is_read_from_the_doctors_words(text, bpm):
    assert read_limits(text).hr_bpm == bpm


@pytest.mark.parametrize("text,kg", [("no heavy lifting", None), ("don't lift anything heavy", None),
                                     ("不要提重物", None), ("avoid heavy weights", None),
                                     ("no lifting over 10 kg", 10.0), ("no weights over 20 lb", 9.0)])
def test_lifting_limits_are_read_in_more_phrasings(text, kg):
    lim = read_limits(text)
    assert lim.no_heavy_lifting and lim.load_kg == kg


def test_a_lifting_limit_in_plain_words_keeps_strength_light_and_barbell_free():
    raw = {**ACTIVE_NO_REST, "clearance": {"by": "GP", "date": "2026-11-01", "limits": "don't lift anything heavy"}}
    p, prof = plan(raw)
    strength = [s for s in sessions(p) if s["kind"] == "strength"]
    assert all(s["intensity"]["label"] == "light" for s in strength)
    assert not any("barbell" in e.get("equipment", []) for s in sessions(p) for e in s["exercises"])
    assert all("no heavy lifting" in s["notes"] for s in sessions(p) if s["kind"] in ("strength", "mixed"))
    assert rules(p, prof) == []


def test_a_ceiling_below_vigorous_effort_removes_the_vigorous_and_interval_work():
    p, prof = plan(ACTIVE_NO_REST)
    assert p["safety"]["intensity_cap"] == "moderate"
    assert all(s["intensity"]["label"] != "vigorous" and max(s["intensity"]["rpe"]) < 7 for s in sessions(p))
    assert not any("intervals" in e for s in sessions(p) for e in s["exercises"])
    assert any("115 bpm sits below where vigorous effort starts" in r for r in p["safety"]["reasons"])
    assert rules(p, prof) == []
    bad = copy.deepcopy(p)
    s = bad["weeks"][1]["sessions"][1]
    s["intensity"].update(label="vigorous", rpe=[8, 9])
    assert 70 in rules(bad, prof)


def test_a_range_caps_the_zones_at_its_top_not_its_bottom():
    raw = {**ACTIVE_NO_REST, "resting_hr": 64, "goal": "general_health",
           "clearance": {"by": "cardiologist", "date": "2026-11-01", "limits": "keep HR between 100 and 115"}}
    p, prof = plan(raw)
    tops = {s["intensity"]["hr_bpm"][1] for s in sessions(p) if s["intensity"]["hr_bpm"]}
    assert tops == {115}
    assert rules(p, prof) == []


def test_every_session_states_the_ceiling_as_a_number_where_effort_is_judged_by_rpe():
    p, prof = plan(CARDIAC)
    assert all(s["intensity"]["hr_bpm"] is None for s in sessions(p))  # heart disease: RPE and the talk test
    state_ceiling(prof, p["weeks"])  # (engine.make_plan's pass, see the report)
    assert {s["intensity"]["hr_max_bpm"] for s in sessions(p)} == {115}
    assert rules(p, prof) == []
    s = sessions(p)[0]
    s["intensity"]["hr_max_bpm"] = 130
    assert 70 in rules(p, prof)


def test_a_zone_above_the_ceiling_is_caught():
    raw = {**ACTIVE_NO_REST, "resting_hr": 64, "goal": "general_health"}
    p, prof = plan(raw)
    s = next(s for s in sessions(p) if s["intensity"]["hr_bpm"])
    s["intensity"]["hr_bpm"] = [110, 128]
    assert 70 in rules(p, prof)


# --- 3. frail people's walking builds (kb-frail-001: ICFSR 2021, Vivifrail; WHO 2020)

def _walk(w):
    return (w.get("daily_activity") or {}).get("minutes", 0)


@pytest.mark.parametrize("extra", [{}, {"conditions": ["frailty"], "age": 76, "minutes_per_session": 30},
                                   {"days_per_week": 5}])
def test_a_frail_persons_walk_builds_while_balance_stays(extra):
    p, prof = plan({**FRAIL, **extra})
    walks = [_walk(w) for w in p["weeks"]]
    assert walks[0] == 10 and walks[-1] >= 25 and walks == sorted(walks)
    assert all(b - a <= 5 for a, b in zip(walks, walks[1:]))  # 5 minutes at a time
    assert weekly_balance(p["weeks"][11]) >= weekly_balance(p["weeks"][0])
    assert rules(p, prof) == []


def test_the_walking_note_is_cited_and_only_where_there_are_walks_that_build():
    p, _ = plan(FRAIL)
    assert any(c.get("for") == "frail-walking" and c["id"] == "kb-frail-001" for c in p["safety"]["reason_citations"])
    # a frail person who trains all 7 days has no walking days (review 12: a beginner keeps a rest day, so 7 asked
    # days now give 6 sessions and a walk on the seventh: an active, experienced frail person keeps 7)
    p7, _ = plan({**FRAIL, "days_per_week": 7, "experience": "intermediate", "currently_active": True})
    assert not any(c.get("for") == "frail-walking" for c in p7["safety"]["reason_citations"])


def test_a_frail_persons_walk_builds_with_two_sessions_a_week():
    p, _ = plan({**FRAIL, "days_per_week": 2})
    assert _walk(p["weeks"][-1]) >= 20
