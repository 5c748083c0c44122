"""Issue 12, third review round: frailty, cardiac limits, one change at a time, youth eccentrics, the balance ladder,
hand-free rows, time-limited people and unit keys. Profiles of our own; every plan must also pass the validator."""
from __future__ import annotations

import re

import pytest

from coach.domain.profile import ProfileError, validate_profile
from coach.planning import make_plan, validate_plan
from coach.planning.context import BALANCE_FIRST, FLOOR_WORK, FRAIL_SUPPORTED, UPRIGHT
from coach.planning.measure import session_seconds
from coach.safety.screening import rank
from knowledge.catalog import load_catalog
from knowledge.corpus import get_passage

BASE = {"age": 45, "sex": "female", "height_cm": 165, "weight_kg": 70, "resting_hr": 68, "goal": "general_health",
        "days_per_week": 3, "minutes_per_session": 40, "experience": "beginner", "currently_active": False}


def plan_for(**change):
    prof = validate_profile({**BASE, **change})
    plan = make_plan(prof, 12)
    assert validate_plan(plan, prof, kb_lookup=get_passage) == []
    return plan


def exercises(week: dict) -> list[dict]:
    return [e for s in week["sessions"] for e in s["exercises"]]


def per_exercise(session: dict) -> int:
    return max((e.get("sets") or 0 for e in session["exercises"]), default=0)


def total_sets(week: dict) -> int:
    return sum(e.get("sets") or 0 for e in exercises(week))


# --- 1. frailty: chair-based, no floor work, work that fits, loads that rise


@pytest.mark.parametrize("change", [
    {"age": 84, "conditions": ["frail"], "minutes_per_session": 20, "goal": "mobility"},
    {"age": 72, "conditions": ["walks with a stick", "hypertension"], "bp_systolic": 138, "bp_diastolic": 80,
     "minutes_per_session": 25},
    {"age": 81, "sex": "male", "days_per_week": 2, "minutes_per_session": 30, "equipment": ["bands"]},
])
def test_frail_people_get_a_chair_based_template_that_fits_and_progresses(change):
    plan = plan_for(**change)
    cat = load_catalog()
    for w in plan["weeks"]:
        for s in w["sessions"]:
            assert session_seconds(s) <= 60 * s["minutes"]  # rule 37, with real rests (no 0-s circuit)
            assert all(e.get("rest_s", 60) >= 30 for e in s["exercises"] if e.get("sets"))
            for e in s["exercises"]:
                x = cat[e["id"]]
                assert x.lying is None and not (FLOOR_WORK.search(x.id + " " + x.name.en)
                                                and not x.id.startswith(UPRIGHT)), x.id
                held = x.id in FRAIL_SUPPORTED  # one leg at a time with both hands on a chair or rail
                assert held or (x.pattern not in ("lunge", "jump") and not (x.region == "lower" and x.per_side)), x.id
                assert x.pattern != "squat" or x.id in ("sit_to_stand", "box_squat", "sit_to_stand_weighted"), x.id
    first, last = plan["weeks"][0], plan["weeks"][-1]
    assert {e["id"] for e in exercises(first) if e["kind"] == "balance"} <= set(BALANCE_FIRST)
    assert total_sets(last) > total_sets(first)  # progressive loading, not 16 flat sets
    assert all(w["daily_activity"]["label"] == "light" for w in plan["weeks"])  # walks at an easy pace
    notes = " ".join(s["notes"] for s in last["sessions"])
    assert "2-3 kg" in notes and "armrests" in " ".join(s["notes"] for s in first["sessions"])
    assert "1-2 kg" in " ".join(s["notes"] for s in plan["weeks"][4]["sessions"])  # the first load in block 2


# --- 2. cardiac: limits always apply, no clearance line when cleared, light until rehab, AF aliases


def test_a_cardiologists_limits_apply_to_an_active_cleared_heart_patient():
    plan = plan_for(age=61, sex="male", conditions=["heart_disease"], medications=["beta_blocker"],
                    currently_active=True, days_per_week=5, minutes_per_session=45, equipment=["dumbbells", "bands"],
                    clearance={"by": "cardiologist", "date": "2026-05-02",
                               "limits": "RPE 11-14 Borg, no heavy isometric lifting"})
    reasons = " ".join(plan["safety"]["reasons"])
    assert "RPE 11-14 Borg" in reasons and "before vigorous" not in reasons
    assert plan["safety"]["intensity_cap"] == "moderate"
    for w in plan["weeks"]:
        for s in w["sessions"]:
            assert rank(s["intensity"]["label"]) <= rank("moderate")
            if s["kind"] == "strength":
                assert s["intensity"]["label"] == "light"  # no heavy or isometric straining


def test_limits_recorded_without_a_finding_still_apply():
    plan = plan_for(currently_active=True, experience="intermediate", clearance={"limits": "Borg 11 at most"})
    assert plan["safety"]["intensity_cap"] == "light"
    assert any("Borg 11" in r for r in plan["safety"]["reasons"])


def test_heart_disease_already_active_is_light_until_cleared_then_moderate():
    """Review 7 (hard error 1): kb-cardiac-rehab-001 says to keep to light activity until rehab or the cardiologist's
    clearance, so an active person with known heart disease and no recorded clearance is light with the referral
    (review 3 had made it moderate under ACSM 2015's rule for active people); once cleared, moderate, never vigorous,
    no bpm zones, and the rehab referral stays."""
    plan = plan_for(age=58, sex="male", conditions=["heart attack"], currently_active=True,
                    experience="intermediate", equipment=["dumbbells"], days_per_week=4)
    assert plan["safety"]["clearance_required"] and plan["safety"]["intensity_cap"] == "light"
    assert {s["intensity"]["label"] for w in plan["weeks"] for s in w["sessions"]} == {"light"}
    assert "kb-cardiac-rehab-001" in {c["id"] for c in plan["citations"]}
    cleared = plan_for(age=58, sex="male", conditions=["heart attack"], currently_active=True,
                       experience="intermediate", equipment=["dumbbells"], days_per_week=4,
                       clearance={"by": "cardiologist"})
    assert not cleared["safety"]["clearance_required"] and cleared["safety"]["intensity_cap"] == "moderate"
    labels = {s["intensity"]["label"] for w in cleared["weeks"] for s in w["sessions"]}
    assert "moderate" in labels and "vigorous" not in labels
    assert all(s["intensity"]["hr_bpm"] is None for w in cleared["weeks"] for s in w["sessions"])  # rule 21
    assert any("cardiac rehabilitation" in r for r in cleared["safety"]["reasons"])
    inactive = plan_for(age=58, sex="male", conditions=["heart attack"], currently_active=False)
    assert inactive["safety"]["clearance_required"]  # not active: clearance first (rule 4)


@pytest.mark.parametrize("word", ["afib", "A-fib", "atrial fib", "AF"])
def test_af_aliases_are_atrial_fibrillation_with_no_heart_rate_zones(word):
    prof = validate_profile({**BASE, "conditions": [word], "currently_active": True})
    assert prof.conditions == ["atrial_fibrillation"] and prof.rpe_only
    plan = plan_for(conditions=[word], currently_active=True)
    assert all(s["intensity"]["hr_bpm"] is None for w in plan["weeks"] for s in w["sessions"])


# --- 3. beginners: one change at a time, honest labels, narrow zones, walks kept


@pytest.mark.parametrize("change", [
    {"goal": "fat_loss", "days_per_week": 4, "minutes_per_session": 45, "weight_kg": 110},
    {"goal": "fat_loss", "days_per_week": 3, "minutes_per_session": 20, "equipment": ["bands"]},
    {"goal": "general_health", "days_per_week": 4, "minutes_per_session": 40, "injuries": ["knee"]},
])
def test_beginners_change_one_thing_at_a_time(change):
    plan = plan_for(**change)
    weeks = plan["weeks"]
    assert all(s["intensity"]["label"] != "vigorous" for w in weeks[:8] for s in w["sessions"])
    for prev, w in zip(weeks, weeks[1:]):
        for a, b in zip(prev["sessions"], w["sessions"]):
            changes = [rank(b["intensity"]["label"]) > rank(a["intensity"]["label"]),
                       b["minutes"] > a["minutes"],
                       per_exercise(b) > per_exercise(a)]  # (more exercises fit a longer session: its length)
            assert sum(changes) <= 1, (w["week"], b["day"], changes)
        if prev.get("daily_activity"):  # the walks are never dropped or cut
            assert w.get("daily_activity") and w["daily_activity"]["minutes"] >= prev["daily_activity"]["minutes"]
    for s in (s for w in weeks for s in w["sessions"]):
        inten = s["intensity"]
        if inten["label"] == "vigorous":
            assert inten["rpe"][0] >= 7 and (inten["pct_hrr"] is None or inten["pct_hrr"][0] >= 60)
        if inten["pct_hrr"]:
            assert inten["pct_hrr"][1] - inten["pct_hrr"][0] <= 15


# --- 4. youth: no Nordic lowering for an untrained teenager in the first block


def test_untrained_teenagers_meet_nordic_lowering_later_and_gently():
    plan = plan_for(age=14, sex="male", height_cm=165, weight_kg=55, goal="muscle_gain", days_per_week=3,
                    minutes_per_session=45)
    for w in plan["weeks"]:
        for e in exercises(w):
            if "nordic" in e["id"]:
                assert w["week"] > 4 and e["sets"] <= 2 and "failure" in e["reps"]


# --- 5. balance starts at the bottom of the ladder; later blocks only offer the next stance


def test_balance_week_one_starts_at_feet_apart_and_later_blocks_offer_the_next_stance():
    plan = plan_for(age=70, conditions=["osteoporosis"], experience="intermediate", currently_active=True)
    week1 = {e["id"] for e in exercises(plan["weeks"][0]) if e["kind"] == "balance"}
    assert week1 <= set(BALANCE_FIRST) and not week1 & {"single_leg_stand", "tandem_stance"}
    assert not any("move on to" in s["notes"] for s in plan["weeks"][0]["sessions"])
    assert any(re.search(r"Once the .* stance feels steady in every hold, move on to", s["notes"])
               for s in plan["weeks"][4]["sessions"])


# --- 6. an injured wrist bears no weight on the hand


def test_wrist_injury_rows_without_a_hand_on_a_chair_or_bench():
    plan = plan_for(injuries=["wrist"], equipment=["dumbbells", "bands"], currently_active=True)
    ids = {e["id"] for w in plan["weeks"] for e in exercises(w)}
    assert not ids & {"dumbbell_chair_supported_row", "dumbbell_one_arm_row", "cat_cow", "knee_push_up"}
    assert any("row" in i for i in ids)


# --- 9. time-limited people: walks optional and short; a short walk is not all warm-up


def test_time_limited_people_get_optional_short_walks_and_honest_short_sessions():
    plan = plan_for(goal="fat_loss", days_per_week=3, minutes_per_session=20, equipment=["bands"])
    for w in plan["weeks"]:
        walk = w.get("daily_activity")
        assert walk is None or (walk["optional"] and walk["minutes"] <= 10)
        for s in w["sessions"]:
            if s["kind"] == "aerobic" and s["minutes"] < 20:
                assert "first 5 minutes easy" not in s["notes"]
    assert "optional" in plan["rationale"]


# --- unit keys: a profile file in lb is refused, the bot's display preference is not


def test_a_non_metric_unit_key_is_refused_for_profile_files_only():
    raw = {**BASE, "weight_unit": "lb"}
    with pytest.raises(ProfileError) as err:
        validate_profile(raw, units_strict=True)
    assert err.value.field == "weight_unit" and "metric" in str(err.value)
    assert validate_profile({**BASE, "weight_unit": "kg"}, units_strict=True).weight_kg == 70
    assert validate_profile(raw).weight_kg == 70  # stored bot profiles keep lb as a display preference


# --- 6b. osteoporosis and frailty: balance and back-extensor work on the days without a session too


@pytest.mark.parametrize("change", [{"age": 68, "conditions": ["osteoporosis"], "currently_active": True},
                                    {"age": 86, "minutes_per_session": 20, "goal": "mobility"}])
def test_fragile_bones_and_frailty_get_a_daily_home_balance_add_on(change):
    plan = plan_for(**change)
    for w in plan["weeks"]:
        walk = w["daily_activity"]
        assert walk["add_on"]["minutes"] >= 5 and "back-extensor" in walk["text"]  # frail: it grows (rule 44)
        assert walk["add_on"]["minutes"] == 5 or change["age"] >= 65  # 65+: it grows (issue 12 item 1)
        assert len(w["sessions"]) + walk["days"] == 7  # every day: a session or the home add-on
    if change["age"] >= 80:
        assert any("chair-based" in r for r in plan["safety"]["reasons"])
        assert any(rc["id"] == "kb-falls-001" for rc in plan["safety"]["reason_citations"])


# --- 7. endurance athletes: volume kept, endurance first, short lifting, a sensible easy zone, honest lighter weeks


def test_trained_endurance_athletes_keep_their_volume_and_lift_briefly_after_running():
    plan = plan_for(age=34, resting_hr=46, experience="advanced", currently_active=True, goal="endurance",
                    days_per_week=6, minutes_per_session=90, equipment=["treadmill", "dumbbells"],
                    preferences={"likes": ["running"]})
    for w in plan["weeks"]:
        res = [s for s in w["sessions"] if s["kind"] in ("strength", "mixed")]
        assert len(res) == 2 and sum(e.get("sets") or 0 for s in res for e in s["exercises"]) <= 24
        for s in res:
            assert s["exercises"][0]["kind"] == "aerobic"  # the run comes first (kb-concurrent-001)
        cardio = sum(e.get("minutes") or 0 for s in w["sessions"] for e in s["exercises"] if e["kind"] != "balance")
        if not w["deload"] and w["week"] >= 3:
            assert cardio >= 330  # ~70 km a week at an easy pace is kept, not cut to ~50
        for s in w["sessions"]:
            inten = s["intensity"]
            if inten["label"] == "moderate" and inten["pct_hrr"]:
                assert inten["pct_hrr"][0] == 50 and inten["hr_bpm"][0] >= 110  # not walking heart rate
                assert 59 <= inten["pct_hrr"][1] and inten["hr_bpm"][1] <= 0.72 * (208 - 0.7 * 34)  # zone 1's top
            if w["deload"]:
                assert "7-8" not in s["notes"]  # no hard bouts in a lighter week
                assert not any("interval" in e["id"] or "intervals" in e for e in s["exercises"])
    assert any(s["kind"] == "hiit" and "intervals" in e for s in plan["weeks"][4]["sessions"] for e in s["exercises"])


# --- 8. a pregnant runner keeps running in trimesters 1-2


@pytest.mark.parametrize("extra", [{}, {"pregnancy_trimester": 2}, {"preferences": {"likes": ["running"]},
                                                                      "goal": "general_health"}])
def test_a_pregnant_woman_who_ran_before_keeps_running_at_a_moderate_effort(extra):
    plan = plan_for(**{"age": 31, "conditions": ["pregnancy"], "experience": "intermediate", "currently_active": True,
                       "goal": "endurance", "days_per_week": 5, "minutes_per_session": 50, "equipment": ["gym"],
                       **extra})
    ids = {e["id"] for w in plan["weeks"] for e in exercises(w)}
    assert any("jog" in i or "run" in i for i in ids)
    assert all(rank(s["intensity"]["label"]) <= rank("moderate") for w in plan["weeks"] for s in w["sessions"])
    third = plan_for(age=31, conditions=["pregnancy"], pregnancy_trimester=3, experience="intermediate",
                     currently_active=True, goal="endurance", days_per_week=5, minutes_per_session=50,
                     equipment=["gym"])
    assert not any("jog" in e["id"] or "run" in e["id"] for w in third["weeks"] for e in exercises(w))


# --- 10. citations back what they are cited for


def test_citations_follow_the_features_that_use_them():
    beginner = plan_for(goal="fat_loss")  # no lighter weeks
    assert not any(w["deload"] for w in beginner["weeks"])
    assert "kb-deload-001" not in {c["id"] for c in beginner["citations"]}
    trained = plan_for(experience="intermediate", currently_active=True)
    assert any(w["deload"] for w in trained["weeks"]) and "kb-deload-001" in {c["id"] for c in trained["citations"]}
    back = plan_for(injuries=["lower_back"])
    assert "kb-pain-002" not in {c["id"] for c in back["citations"]}
    gain = plan_for(goal="muscle_gain", target_weight_kg=73, target_weeks=12, experience="advanced",
                    currently_active=True)
    assert not any(c["id"].startswith("kb-weight-loss") for c in gain["citations"])


# --- 11. waiting for clearance: no new loaded programme


def test_clearance_pending_means_body_weight_moves_and_easy_walking_only():
    plan = plan_for(age=55, conditions=["type2_diabetes"], medications=["insulin"], equipment=["dumbbells", "bike"],
                    goal="fat_loss", days_per_week=4, minutes_per_session=45)
    assert plan["safety"]["clearance_required"]
    assert all(not e["equipment"] for w in plan["weeks"] for e in exercises(w) if e.get("sets"))
    assert all(s["intensity"]["label"] == "light" for w in plan["weeks"] for s in w["sessions"])
