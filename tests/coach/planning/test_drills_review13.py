"""Review 13: stretches, mobility drills and balance holds in rounds of their holds, never one long bout (rule 89);
a liked tai chi as a real block; the falls build-up's weekly balance minutes stated (kb-falls-001)."""
from __future__ import annotations

import copy

from coach.domain.profile import validate_profile
from coach.planning import make_plan
from coach.planning.validator import validate_plan
from coach.render import exercise_line
from knowledge.catalog import load_catalog

# a long mobility session with no balance add-on (under 65): its drills used to share the whole session
STIFF = {"age": 57, "sex": "male", "height_cm": 176, "weight_kg": 84, "experience": "beginner",
         "currently_active": True, "goal": "mobility", "days_per_week": 3, "minutes_per_session": 60,
         "equipment": [], "preferences": {"likes": [], "dislikes": []}}
# an older adult whose mobility days carry balance practice, who likes tai chi (written in Chinese)
OLDER = {"age": 71, "sex": "male", "height_cm": 170, "weight_kg": 72, "experience": "beginner",
         "currently_active": False, "goal": "mobility", "days_per_week": 4, "minutes_per_session": 50,
         "equipment": [], "conditions": ["osteoarthritis"], "language": "zh",
         "preferences": {"likes": ["太极拳"], "dislikes": []}}
FALLER = {"age": 79, "sex": "male", "height_cm": 168, "weight_kg": 63, "experience": "beginner",
          "currently_active": False, "goal": "general_health", "days_per_week": 2, "minutes_per_session": 35,
          "equipment": ["bands"], "conditions": ["falls"], "preferences": {"likes": [], "dislikes": []}}
DRILL_MAX = 6  # rule 89's N (timed.DRILL_MAX_MIN)


def _plan(raw: dict) -> dict:
    return make_plan(validate_profile(raw), 12)


def _drills(plan: dict) -> list[dict]:
    cat = load_catalog()
    return [e for w in plan["weeks"] for s in w["sessions"] for e in s["exercises"]
            if e.get("kind") in ("mobility", "balance") and e.get("minutes") and not e.get("sets")
            and e["id"] in cat and cat[e["id"]].measure in ("reps", "seconds")]


def test_a_long_mobility_session_does_its_drills_in_rounds_of_their_holds():
    plan = _plan(STIFF)
    drills = _drills(plan)
    assert drills and all(e.get("holds") for e in drills)
    assert all(e["minutes"] / e.get("rounds", 1) <= DRILL_MAX for e in drills)
    assert any(e.get("rounds", 1) >= 2 for e in drills)  # week 12's long session: more than one round
    assert not [v for v in validate_plan(plan, validate_profile(STIFF)) if v.rule == 89]


def test_an_older_adults_balance_holds_are_never_one_long_stance():
    plan = _plan(OLDER)
    balance = [e for e in _drills(plan) if e["kind"] == "balance"]
    assert balance and all(e["minutes"] / e.get("rounds", 1) <= DRILL_MAX for e in balance)


def test_rule_89_rejects_a_long_single_drill_and_a_drill_without_its_holds():
    profile = validate_profile(STIFF)
    plan = _plan(STIFF)
    bad = copy.deepcopy(plan)
    drill = _drills(bad)[0]
    drill["minutes"], drill["rounds"] = 9, 1
    assert [v for v in validate_plan(bad, profile) if v.rule == 89]
    bad = copy.deepcopy(plan)
    _drills(bad)[0].pop("holds")
    assert [v for v in validate_plan(bad, profile) if v.rule == 89]


def test_rounds_are_shown_with_the_hold_in_english_and_chinese():
    ex = {"id": "chin_tuck", "name": "Chin tuck", "name_zh": "收下巴", "minutes": 6, "rounds": 3,
          "holds": "2 rounds of 8-10 slow reps", "kind": "mobility"}
    assert "3 x (2 rounds of 8-10 slow reps), 6 min in all" in exercise_line(ex, "en")
    assert "收下巴" in exercise_line(ex, "zh") and "3" in exercise_line(ex, "zh")


def test_a_liked_tai_chi_is_a_real_block_taking_the_drills_extra_rounds():
    plan = _plan(OLDER)
    blocks = [(s, e) for w in plan["weeks"] for s in w["sessions"] for e in s["exercises"] if e["id"] == "tai_chi_form"]
    assert blocks and all(10 <= e["minutes"] <= 30 and s["kind"] in ("mobility", "balance") for s, e in blocks)
    assert not validate_plan(plan, validate_profile(OLDER))
    plain = _plan({**OLDER, "preferences": {"likes": [], "dislikes": []}})
    assert not [e for w in plain["weeks"] for s in w["sessions"] for e in s["exercises"] if e["id"] == "tai_chi_form"]


def test_a_fallers_weekly_balance_minutes_are_stated_with_the_home_blocks():
    plan = _plan(FALLER)
    said = [r for r in plan["safety"]["reasons"] if "minutes a week by week 12" in r]
    assert len(said) == 1 and "at home" in said[0]


def test_a_swapped_drill_keeps_its_rounds():
    from coach.agent.changes import apply_change
    profile = validate_profile(STIFF)
    plan = _plan(STIFF)
    week = next(w for w in plan["weeks"] if any(e.get("rounds") for e in _drills({"weeks": [w]})))
    old = next(e for e in _drills({"weeks": [week]}) if e.get("rounds"))
    new_id = next(x for x in ("chin_tuck", "shoulder_rolls", "neck_side_stretch") if x != old["id"])
    applied = apply_change(plan, {"op": "swap_exercise", "from": old["id"], "to": new_id, "weeks": [week["week"]]},
                           profile, lang="en", current_week=week["week"])
    swapped = [e for e in _drills(applied.plan) if e["id"] == new_id]
    assert swapped and all(e["minutes"] / e.get("rounds", 1) <= DRILL_MAX for e in swapped)
    assert not [v for v in validate_plan(applied.plan, profile) if v.rule == 89]
