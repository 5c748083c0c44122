"""Issue 12, physician review 5 (trained runners): a long run that may grow past the session length on a day with more
time (kb-endurance-004), and two quality sessions for advanced athletes training 5+ days (kb-endurance-001), with
rule 50 guarding the hard days."""
from __future__ import annotations

import copy

import pytest

from coach.domain.profile import validate_profile
from coach.planning import make_plan, validate_plan
from coach.planning.longrun import LONG_RUN_MAX_MIN, LONG_RUN_WEEK_SHARE
from coach.planning.measure import loaded_groups
from coach.planning.names import LOWER
from coach.planning.quality import TWO_QUALITY_SHARE, cardio_room, check_quality, vigorous_share
from coach.planning.validator import _check_safety
from knowledge.corpus import get_passage

RUNNER = {"age": 34, "sex": "male", "height_cm": 178, "weight_kg": 70, "resting_hr": 55, "goal": "endurance",
          "days_per_week": 6, "minutes_per_session": 75, "experience": "advanced", "currently_active": True,
          "equipment": ["gym"], "preferences": {"likes": ["running"]}}


def plan_for(**change) -> tuple[dict, object]:
    prof = validate_profile({**RUNNER, **change})
    plan = make_plan(prof, 12)
    assert validate_plan(plan, prof, kb_lookup=get_passage) == []
    return plan, prof


def _hard(week: dict) -> list[dict]:
    return [s for s in week["sessions"] if s["intensity"]["label"] == "vigorous"]


def _cardio(s: dict) -> int:
    return sum(e.get("minutes") or 0 for e in s["exercises"] if e.get("kind") in ("aerobic", "hiit")
               and not e.get("sets"))


@pytest.mark.parametrize("change, first", [({}, 6), ({"days_per_week": 7, "minutes_per_session": 60}, 2)])
def test_an_advanced_athlete_gets_a_tempo_run_beside_the_intervals(change, first):
    """From week 2 (week 1: one change at a time), or once the weeks are long enough for 80/20 counted both ways
    (rule 25's way, and the whole tempo run against all running minutes): a 6 x 75 plan from week 6."""
    plan, _ = plan_for(**change)
    full = [w for w in plan["weeks"] if not w["deload"] and w["week"] >= first]
    assert all(len(_hard(w)) == 1 for w in plan["weeks"][:first - 1] if not w["deload"])
    assert all(len(_hard(w)) == 2 for w in full)
    for w in full:
        days = sorted(s["day"] for s in _hard(w))
        assert (days[1] - days[0]) % 7 not in (1, 6), days  # never on consecutive days
        long_day = next(s["day"] for s in w["sessions"] if s.get("long_run"))
        lifted = {s["day"] for s in w["sessions"] if loaded_groups(s) & LOWER}
        tempo = next(s for s in _hard(w) if s["kind"] != "hiit")
        assert (tempo["day"] - long_day) % 7 != 1 and (tempo["day"] - 2) % 7 + 1 not in lifted
        assert "tempo" in tempo["exercises"][0]["intervals"] and tempo["intensity"]["rpe"][0] >= 7
        assert vigorous_share(w) <= TWO_QUALITY_SHARE + 1e-9 and cardio_room(w) >= 0
        if tempo["kind"] == "mixed":  # the run first, the lifting after it at its own effort
            assert tempo["exercises"][0]["kind"] == "aerobic" and "Run first" in tempo["notes"]
            # (review 7: a trained runner's lifts progress by block, RPE 6-7 then 7-8, concurrent.py)
            assert all(e["rpe"][1] <= 8 for e in tempo["exercises"] if e.get("sets"))
    assert all(len(_hard(w)) == 0 for w in plan["weeks"] if w["deload"])


@pytest.mark.parametrize("change", [{"experience": "intermediate"}, {"days_per_week": 4},
                                    {"days_per_week": 5, "minutes_per_session": 60}])
def test_intermediates_and_fewer_days_keep_one_hard_session(change):
    plan, _ = plan_for(**change)
    assert all(len(_hard(w)) <= 1 for w in plan["weeks"])


def test_the_long_run_may_grow_past_the_session_length_on_its_own_day():
    plan, prof = plan_for()
    m, budget = prof.minutes_per_session, prof.days_per_week * prof.minutes_per_session
    seen: list[int] = []
    offered = []
    for w in plan["weeks"]:
        longs = [s for s in w["sessions"] if s.get("long_run")]
        assert len(longs) == 1
        s = longs[0]
        assert all(x["minutes"] <= m for x in w["sessions"])  # PLAN_RULES 2 holds for the planned minutes
        others = [x for x in w["sessions"] if x is not s]
        reach = s.get("extend_to_minutes", s["minutes"])
        if w["deload"]:
            assert "extend_to_minutes" not in s
        if "extend_to_minutes" in s:
            offered.append(reach)
            assert reach > m and reach <= LONG_RUN_MAX_MIN
            assert reach <= 1.10 * max(seen[-4:]) + 1e-9  # ~10 % over the longest of the last four weeks
            running = sum(_cardio(x) for x in others) + reach
            assert reach <= LONG_RUN_WEEK_SHARE * running + 1e-9
            assert sum(x["minutes"] for x in others) + reach <= budget  # within what the person offered
            assert f"up to {reach} minutes" in s["notes"] and "longer than your other sessions" in s["notes"]
            assert all(f"up to" not in x["notes"] for x in others)
        seen.append(reach)
    assert len(offered) >= 4 and offered == sorted(offered) and offered[-1] >= 1.25 * m, offered


def test_the_long_run_offer_is_cited_in_the_knowledge_base():
    p = get_passage("kb-endurance-004")
    assert p is not None and "long-run" in p.tags and get_passage("kb-endurance-004-zh") is not None


def test_no_tempo_on_walking_cardio():
    prof = validate_profile({**RUNNER, "age": 50, "height_cm": 141, "weight_kg": 136, "days_per_week": 7,
                             "minutes_per_session": 60, "equipment": ["kettlebell"], "preferences": {},
                             "resting_hr": 43})
    plan = make_plan(prof, 8)
    assert validate_plan(plan, prof, kb_lookup=get_passage) == []
    assert not any("tempo" in str(e.get("intervals", "")) for w in plan["weeks"] for s in w["sessions"]
                   for e in s["exercises"])


def _rule50(plan: dict, prof) -> list[str]:
    bounds = _check_safety(plan["safety"], prof, [])
    return [str(v) for v in check_quality(plan["weeks"], bounds)]


def test_rule_50_catches_hard_days_back_to_back_after_the_long_run_or_too_many():
    plan, prof = plan_for()
    assert _rule50(plan, prof) == []
    week = plan["weeks"][5]  # week 6: tempo and intervals
    hiit = next(s for s in week["sessions"] if s["kind"] == "hiit")
    easy = [s for s in week["sessions"] if s["intensity"]["label"] != "vigorous"]

    back_to_back = copy.deepcopy(plan)
    w2 = back_to_back["weeks"][5]
    nxt = next(s for s in w2["sessions"] if s["day"] == hiit["day"] + 1)
    nxt["intensity"]["label"] = "vigorous"
    assert any("day after" in v for v in _rule50(back_to_back, prof))

    three = copy.deepcopy(plan)
    assert len(_hard(week)) == 2
    for s in three["weeks"][5]["sessions"]:
        if s["day"] == easy[1]["day"]:
            s["intensity"]["label"] = "vigorous"
    assert any("3 vigorous sessions > 2" in v for v in _rule50(three, prof))

    inter, iprof = plan_for(experience="intermediate")
    two = copy.deepcopy(inter)
    mixed = next(s for s in two["weeks"][1]["sessions"] if s["kind"] == "mixed")
    mixed["intensity"]["label"] = "vigorous"
    assert any("2 vigorous sessions > 1" in v for v in _rule50(two, iprof))

    after_long = copy.deepcopy(plan)
    w = after_long["weeks"][0]
    lr = next(s for s in w["sessions"] if s.get("long_run"))
    for s in w["sessions"]:
        if s["kind"] == "hiit":
            s["day"] = lr["day"] % 7 + 1
    assert any("after the long run" in v for v in _rule50(after_long, prof))
