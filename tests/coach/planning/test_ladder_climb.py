"""Review 13, rule 91: body-weight exercises climb their ladders (wall -> bench -> knee push-up; chair squat -> a
held weight; prone W -> T -> Y raise) with the block and the session's effort, so a week asking for RPE 7 or more never
lists the easiest rung when a harder one the person can do exists. Profiles written for these tests."""
from __future__ import annotations

import copy

from coach.domain.profile import validate_profile
from coach.planning import make_plan, validate_plan
from knowledge.corpus import get_passage

BUSY = {"age": 38, "sex": "female", "height_cm": 170, "weight_kg": 75, "experience": "beginner",
        "currently_active": False, "goal": "general_health", "days_per_week": 6, "minutes_per_session": 25,
        "equipment": ["none"]}
OLDER = {"age": 68, "sex": "male", "height_cm": 175, "weight_kg": 80, "experience": "beginner",
         "currently_active": True, "goal": "general_health", "days_per_week": 3, "minutes_per_session": 45,
         "equipment": ["none"]}
FIRST_RUNGS = {"wall_push_up", "wall_push_up_on_fists", "box_squat", "sit_to_stand", "prone_w_raise"}
PUSH_UPS = ("wall_push_up", "wall_push_up_on_fists", "bench_incline_push_up", "knee_push_up", "push_up")


def _plan(base: dict, **change) -> tuple[dict, object]:
    prof = validate_profile({**base, **change})
    plan = make_plan(prof, 12)
    assert validate_plan(plan, prof, kb_lookup=get_passage) == []
    return plan, prof


def _hard(s: dict) -> bool:
    return max(s["intensity"].get("rpe") or [0]) >= 7


def _push(s: dict) -> str | None:
    return next((e["id"] for e in s["exercises"] if e["id"] in PUSH_UPS), None)


def test_hard_weeks_list_no_first_rung_when_a_harder_one_fits():
    plan, _ = _plan(BUSY)
    hard = [(w["week"], s) for w in plan["weeks"] if not w["deload"] for s in w["sessions"] if _hard(s)]
    assert hard, "the profile's third block asks for RPE 7-8"
    for week, s in hard:
        listed = {e["id"] for e in s["exercises"]}
        assert not listed & FIRST_RUNGS, (week, s["day"], listed & FIRST_RUNGS)
        assert "prone_t_raise" not in listed  # the prone raise climbs too (T -> Y -> snow angel)


def test_older_beginner_climbs_every_block_within_the_cap():
    plan, _ = _plan(OLDER)
    by_week = {w["week"]: w for w in plan["weeks"]}
    first = {s["day"]: _push(s) for s in by_week[1]["sessions"]}
    assert "wall_push_up" in first.values()
    for week in (5, 9, 12):
        for s in by_week[week]["sessions"]:
            if first.get(s["day"]) in ("wall_push_up", "wall_push_up_on_fists"):
                assert _push(s) == "knee_push_up", (week, s["day"], _push(s))
            assert max(s["intensity"]["rpe"]) <= 6  # an older beginner's cap stays


def test_pending_clearance_keeps_the_same_exercises():
    plan, _ = _plan(OLDER, bp_systolic=165, bp_diastolic=102)
    days = {}
    for w in plan["weeks"]:
        for s in w["sessions"]:
            ids = [e["id"] for e in s["exercises"] if isinstance(e.get("sets"), int)]
            assert days.setdefault(s["day"], ids) == ids, (w["week"], s["day"])  # rule 33


def test_floor_dislike_does_not_climb_onto_the_knees():
    plan, _ = _plan(BUSY, preferences={"dislikes": ["floor exercises"]})
    first = {s["day"]: _push(s) for s in plan["weeks"][0]["sessions"]}
    for w in plan["weeks"]:
        for s in w["sessions"]:
            if first.get(s["day"]) in ("wall_push_up", "wall_push_up_on_fists"):
                assert _push(s) in ("wall_push_up", "wall_push_up_on_fists")


def test_rule_91_flags_a_first_rung_in_a_hard_week():
    plan, prof = _plan(BUSY)
    bad = copy.deepcopy(plan)
    week = next(w for w in bad["weeks"] if not w["deload"] and any(_hard(s) and _push(s) == "knee_push_up"
                                                                    for s in w["sessions"]))
    s = next(s for s in week["sessions"] if _hard(s) and _push(s) == "knee_push_up")
    entry = next(e for e in s["exercises"] if e["id"] == "knee_push_up")
    entry.update(id="wall_push_up", name="Wall push-up")
    rules = {v.rule for v in validate_plan(bad, prof, kb_lookup=get_passage)}
    assert 91 in rules
    easy = copy.deepcopy(bad)  # the same entry in an RPE 4-5 session is fine
    for s2 in next(w for w in easy["weeks"] if w["week"] == week["week"])["sessions"]:
        s2["intensity"]["rpe"] = [4, 5]
        for e in s2["exercises"]:
            e.pop("rpe", None)
    assert 91 not in {v.rule for v in validate_plan(easy, prof, kb_lookup=get_passage)}


FRAIL_BONES = {"age": 82, "sex": "female", "height_cm": 160, "weight_kg": 58, "experience": "beginner",
               "currently_active": True, "goal": "general_health", "days_per_week": 3, "minutes_per_session": 45,
               "equipment": ["bands"], "conditions": ["osteoporosis"]}
BAND_MAIN = ("band_chest_press", "band_seated_row", "band_overhead_press", "band_lat_pulldown")


def test_frail_fragile_bones_band_lifts_get_a_firmer_band_in_the_third_block():
    plan, _ = _plan(FRAIL_BONES)
    band = {w["week"]: [e for s in w["sessions"] for e in s["exercises"] if isinstance(e.get("sets"), int)
                        and e["id"] in BAND_MAIN]
            for w in plan["weeks"] if not w["deload"]}
    assert band[1] and all(e["reps"] == "10-15" for e in band[1])  # lighter loads to start (kb-resistance-fitt-001)
    late = [e for wk, es in band.items() if wk > 8 for e in es]
    assert late and all(e["reps"] == "8-12" for e in late), {e["reps"] for e in late}
    assert max(s["intensity"]["rpe"][1] for w in plan["weeks"] for s in w["sessions"]) <= 6  # the cap stays


ROOMY_FRAIL = {"age": 84, "sex": "male", "height_cm": 172, "weight_kg": 76, "experience": "beginner",
               "currently_active": True, "goal": "general_health", "days_per_week": 5, "minutes_per_session": 90,
               "equipment": ["bands"]}


def test_older_beginner_reaches_three_sets_on_main_lifts_by_the_third_block_where_sessions_have_room():
    from knowledge.catalog import load_catalog
    main = {"squat", "lunge", "hinge", "horizontal_push", "vertical_push", "horizontal_pull", "vertical_pull"}
    plan, _ = _plan(ROOMY_FRAIL)
    last = plan["weeks"][-1]
    lifts = [e for s in last["sessions"] for e in s["exercises"] if isinstance(e.get("sets"), int)
             and load_catalog()[e["id"]].pattern in main]
    assert lifts and all(e["sets"] >= 3 for e in lifts), [(e["id"], e["sets"]) for e in lifts]
    assert all(e["sets"] <= 3 for e in lifts)  # 1-3 sets for older beginners (kb-beginner-002)
    early = [e["sets"] for s in plan["weeks"][0]["sessions"] for e in s["exercises"] if isinstance(e.get("sets"), int)]
    assert max(early) == 2


def test_a_swap_the_person_asked_for_stands():
    plan, _ = _plan(BUSY, preferences={"swaps": {"knee_push_up": "wall_push_up"}})
    ids = {e["id"] for w in plan["weeks"] for s in w["sessions"] for e in s["exercises"]}
    assert "knee_push_up" not in ids and "wall_push_up" in ids
