"""Rule 87 (physician review 13): interval and tempo sessions are written as intervals (warm-up, bouts x minutes with
easy recoveries, cool-down, summing to the minutes), no hard session the day before the long run, and a session's
kind matches its content."""
from __future__ import annotations

import copy

from coach.domain.profile import validate_profile
from coach.planning import make_plan, validate_plan
from coach.planning.intervals import total
from coach.render import render_plan
from knowledge.corpus import get_passage

# a trained cyclist on 5 days of 90 minutes, and a runner on 6 days of 100 minutes (written for this test)
CYCLIST_5X90 = {"age": 44, "height_cm": 178, "weight_kg": 74, "resting_hr": 52, "sex": "male", "experience": "advanced",
                "currently_active": True, "goal": "endurance", "days_per_week": 5, "minutes_per_session": 90,
                "equipment": ["bike"], "injuries": [], "conditions": []}
RUNNER_6X100 = {"age": 29, "height_cm": 180, "weight_kg": 70, "resting_hr": 50, "sex": "male", "experience": "advanced",
                "currently_active": True, "goal": "endurance", "days_per_week": 6, "minutes_per_session": 100,
                "equipment": ["dumbbells"], "injuries": [], "conditions": [], "preferences": {"likes": ["running"]}}
# an intermediate on 4 short days: the interval session's bouts fit a short session
FIT_4X40 = {"age": 35, "height_cm": 170, "weight_kg": 68, "sex": "female", "experience": "intermediate",
            "currently_active": True, "goal": "endurance", "days_per_week": 4, "minutes_per_session": 40,
            "equipment": [], "injuries": [], "conditions": []}


def _plan(raw: dict, lang: str = "en") -> tuple[dict, list, object]:
    prof = validate_profile({**raw, "language": lang})
    plan = make_plan(prof, 12, lang=lang)
    return plan, validate_plan(plan, prof, kb_lookup=get_passage), prof


def _hiit(plan: dict) -> list[tuple[int, dict]]:
    return [(w["week"], s) for w in plan["weeks"] for s in w["sessions"] if s["kind"] == "hiit"]


def test_interval_sessions_state_bouts_recoveries_warm_up_and_cool_down_that_fill_the_minutes():
    for raw in (CYCLIST_5X90, RUNNER_6X100, FIT_4X40):
        plan, found, _ = _plan(raw)
        assert not [v for v in found if v.rule == 87], found
        sessions = _hiit(plan)
        assert sessions, raw
        for wk, s in sessions:
            assert s["intensity"]["label"] == "vigorous", (wk, s["day"])
            shaped = [e for e in s["exercises"] if e.get("structure")]
            assert len(shaped) == 1, (wk, s["day"], s["exercises"])
            st = shaped[0]["structure"]
            assert st["bouts"] >= 2 and st["warm_up_min"] >= 5 and st["cool_down_min"] >= 5
            assert total(st) == shaped[0]["minutes"], (wk, st)
            assert f"{st['bouts']} x {st['bout_min']} min hard" in shaped[0]["intervals"]
            # kb-hiit-001: bouts of 1 minute (1 easy) or 4 minutes (3 easy), never continuous hard minutes
            assert (st["bout_min"], st["recovery_min"]) in ((1, 1), (4, 3)), st
        text = render_plan(plan, "en")
        assert "min easy warm-up" in text and "min easy cool-down" in text


def test_tempo_runs_are_written_as_blocks_that_fill_the_run():
    plan, found, _ = _plan(RUNNER_6X100)
    tempo = [e for w in plan["weeks"] for s in w["sessions"] for e in s["exercises"]
             if (e.get("structure") or {}).get("effort") == "comfortably_hard"]
    assert tempo
    for e in tempo:
        assert total(e["structure"]) == e["minutes"] and "cool-down" in e["intervals"]


def test_no_hard_session_the_day_before_the_long_run():
    for raw in (CYCLIST_5X90, RUNNER_6X100):
        plan, _, _ = _plan(raw)
        days = [(w["week"] - 1) * 7 + s["day"] for w in plan["weeks"] for s in w["sessions"]]
        by_day = dict(zip(days, [s for w in plan["weeks"] for s in w["sessions"]]))
        longs = [d for d, s in by_day.items() if s.get("long_run") or s.get("long_session")]
        assert longs
        for d in longs:
            before = by_day.get(d - 1)
            assert before is None or before["intensity"]["label"] != "vigorous", d


def test_a_steady_session_in_a_lighter_week_is_called_aerobic():
    plan, _, _ = _plan(RUNNER_6X100)
    for w in plan["weeks"]:
        for s in w["sessions"]:
            if s["kind"] == "hiit":
                assert s["intensity"]["label"] == "vigorous" and not w["deload"], (w["week"], s["day"])


def test_chinese_plan_carries_the_same_structure():
    plan, found, _ = _plan(CYCLIST_5X90, "zh")
    assert not [v for v in found if v.rule == 87]
    assert all(any(e.get("structure") for e in s["exercises"]) for _, s in _hiit(plan))


def test_the_validator_rejects_unwritten_intervals_a_hard_day_before_the_long_run_and_a_steady_hiit():
    plan, _, prof = _plan(RUNNER_6X100)
    broken = copy.deepcopy(plan)
    wk, s = next((wk, s) for wk, s in ((w["week"], x) for w in broken["weeks"] for x in w["sessions"])
                 if s["kind"] == "hiit")
    for e in s["exercises"]:
        e.pop("structure", None)
    found = [v.message for v in validate_plan(broken, prof, kb_lookup=get_passage) if v.rule == 87]
    assert any("without bouts" in m for m in found), found
    broken = copy.deepcopy(plan)
    e = next(e for w in broken["weeks"] for x in w["sessions"] for e in x["exercises"] if e.get("structure"))
    e["minutes"] += 5
    assert any("sums to" in v.message for v in validate_plan(broken, prof, kb_lookup=get_passage) if v.rule == 87)
    broken = copy.deepcopy(plan)
    week = next(w for w in broken["weeks"] if not w["deload"])
    lr = next(x for x in week["sessions"] if x.get("long_run"))
    hard = next(x for x in week["sessions"] if x["kind"] == "hiit")
    prev = next((x for x in week["sessions"] if x["day"] == lr["day"] - 1), None)
    if prev is not None:
        prev["day"] = hard["day"]
    hard["day"] = lr["day"] - 1
    week["sessions"] = sorted(week["sessions"], key=lambda x: x["day"])
    assert any("day before the long run" in v.message for v in validate_plan(broken, prof, kb_lookup=get_passage)
               if v.rule == 87)
    broken = copy.deepcopy(plan)
    steady = next(x for w in broken["weeks"] if w["deload"] for x in w["sessions"] if x["kind"] == "aerobic")
    steady["kind"] = "hiit"
    assert any("steady" in v.message for v in validate_plan(broken, prof, kb_lookup=get_passage) if v.rule == 87)
