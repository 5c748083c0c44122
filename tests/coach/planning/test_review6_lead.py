"""Review 6's hard errors and safety findings (an independent sports-physician review of 12 plans):
a pregnant cyclist got outdoor rides every week against kb-pregnancy-006; a man cleared by his cardiologist 8 months
after a heart attack was never pointed to cardiac rehabilitation (kb-cvd-001) and his 'RPE 11-13' was not put on the
plan's 0-10 scale; a stage 2 reading with no diagnosis got no re-check advice; the BP hard stop did not say to re-measure
first (kb-bp-001)."""
from __future__ import annotations

from coach.domain.profile import validate_profile
from coach.planning import make_plan, validate_plan
from coach.safety.screening import screen
from knowledge.corpus import get_passage

PREGNANT_CYCLIST = {"age": 31, "sex": "female", "height_cm": 166, "weight_kg": 68, "experience": "intermediate",
                    "currently_active": True, "goal": "general_health", "days_per_week": 4, "minutes_per_session": 45,
                    "equipment": ["dumbbells", "bike"], "conditions": ["pregnancy"], "pregnancy_trimester": 2,
                    "preferences": {"likes": ["cycling"]}}
AFTER_MI = {"age": 62, "sex": "male", "height_cm": 174, "weight_kg": 86, "experience": "beginner",
            "currently_active": False, "goal": "general_health", "days_per_week": 3, "minutes_per_session": 40,
            "equipment": ["dumbbells", "treadmill"], "conditions": ["heart attack 8 months ago"],
            "medications": ["metoprolol"],
            "clearance": {"by": "cardiologist", "date": "2026-10-20", "limits": "RPE 11-13, no heavy lifting"}}


def _plan(raw: dict) -> tuple[dict, object]:
    p = validate_profile(raw)
    return make_plan(p, 12), p


def test_pregnancy_gets_no_outdoor_ride_in_sessions_or_walk_options():
    for equipment in (["dumbbells", "bike"], ["gym"], ["bike"]):
        plan, p = _plan({**PREGNANT_CYCLIST, "equipment": equipment})
        names = [e["name"] for w in plan["weeks"] for s in w["sessions"] for e in s["exercises"]]
        assert not [n for n in names if "outdoor" in n.lower()], equipment
        walks = [w["daily_activity"]["text"] for w in plan["weeks"] if w.get("daily_activity")]
        assert not [t for t in walks if "ride your bike" in t]
        assert validate_plan(plan, p, kb_lookup=get_passage) == []


def test_the_validator_flags_an_outdoor_ride_in_pregnancy():
    plan, p = _plan(PREGNANT_CYCLIST)
    s = plan["weeks"][0]["sessions"][0]
    s["exercises"].append({"id": "outdoor_bike_ride", "name": "Outdoor bike ride", "minutes": 10, "kind": "aerobic",
                           "muscle_groups": [], "equipment": ["bike"]})
    assert any(v.rule == 42 for v in validate_plan(plan, p, kb_lookup=get_passage))


def test_cleared_after_a_heart_attack_still_points_to_cardiac_rehab_and_converts_the_borg_limit():
    plan, _ = _plan(AFTER_MI)
    reasons = " ".join(plan["safety"]["reasons"])
    assert "cardiac rehabilitation" in reasons and "if you have not been referred" in reasons
    assert "about 4-6 on this plan's 0-10 scale" in reasons
    assert "kb-cardiac-rehab-001" in [c["id"] for c in plan["citations"]]
    assert max(s["intensity"]["rpe"][1] for w in plan["weeks"] for s in w["sessions"]) <= 6


def test_a_stage_2_reading_without_a_diagnosis_is_to_be_rechecked():
    p = validate_profile({"age": 84, "height_cm": 158, "weight_kg": 60, "goal": "general_health", "days_per_week": 3,
                          "minutes_per_session": 30, "bp_systolic": 142, "bp_diastolic": 78})
    assert any("stage 2 range: re-measure" in a for a in screen(p, "en").alerts)
    known = validate_profile({**p.model_dump(mode="json"), "conditions": ["hypertension"]})
    assert not any("stage 2 range" in a for a in screen(known, "en").alerts)


def test_the_bp_hard_stop_says_to_re_measure_first():
    p = validate_profile({"age": 50, "height_cm": 175, "weight_kg": 80, "goal": "general_health", "days_per_week": 3,
                          "minutes_per_session": 30, "bp_systolic": 184, "bp_diastolic": 112})
    stop = make_plan(p, 4)["safety"]["hard_stop"]
    assert "measure again" in stop["what_now"] and plan_has_no_sessions(p)


def plan_has_no_sessions(p) -> bool:
    return all(not w["sessions"] for w in make_plan(p, 4)["weeks"])


OBESE_BEGINNER = {"age": 45, "sex": "female", "height_cm": 165, "weight_kg": 104, "experience": "beginner",
                  "currently_active": False, "goal": "fat_loss", "days_per_week": 4, "minutes_per_session": 45,
                  "equipment": ["gym"], "injuries": ["lower_back"]}
AFTER_CAESAREAN = {"age": 33, "sex": "female", "height_cm": 163, "weight_kg": 70, "experience": "beginner",
                   "currently_active": False, "goal": "general_health", "days_per_week": 3, "minutes_per_session": 30,
                   "equipment": ["bands"], "conditions": ["caesarean"], "weeks_since_birth": 8}


def _totals(plan: dict) -> list[tuple[int, int, bool]]:
    return [(sum(s["minutes"] for s in w["sessions"]), (w.get("daily_activity") or {}).get("minutes", 0), w["deload"])
            for w in plan["weeks"]]


def test_people_who_build_up_change_one_thing_a_week_and_add_at_most_a_fifth():
    for raw in (OBESE_BEGINNER, AFTER_CAESAREAN, {**OBESE_BEGINNER, "age": 70, "goal": "general_health"}):
        plan, p = _plan(raw)
        assert validate_plan(plan, p, kb_lookup=get_passage) == []
        full = [w for w in plan["weeks"] if not w["deload"]]
        for a, b in zip(full, full[1:]):
            (sa, wa, _), (sb, wb, _) = _totals({"weeks": [a]})[0], _totals({"weeks": [b]})[0]
            days = (b.get("daily_activity") or {}).get("days", 0)
            assert not (sb > sa and wb > wa), (raw["goal"], b["week"])
            assert sb + wb * days <= max(int((sa + wa * (a.get("daily_activity") or {}).get("days", 0)) * 1.2),
                                         sa + wa * days + 10) or wb <= wa, b["week"]


def test_the_validator_flags_sessions_and_walks_growing_together():
    plan, p = _plan(OBESE_BEGINNER)
    full = [w for w in plan["weeks"] if not w["deload"] and w.get("daily_activity")]
    grow = next(b for a, b in zip(full, full[1:]) if sum(s["minutes"] for s in b["sessions"]) >
                sum(s["minutes"] for s in a["sessions"]))
    grow["daily_activity"] = dict(grow["daily_activity"], minutes=grow["daily_activity"]["minutes"] + 10)
    assert any(v.rule == 51 for v in validate_plan(plan, p, kb_lookup=get_passage))
