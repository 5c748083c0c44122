"""Review 2 (p07-like, a profile of our own): a trained endurance athlete's hard interval bouts sit where the cited
passages put them - kb-hiit-001 about 90 % HRmax, kb-hrr-001 vigorous up to 89 % HRR - not capped at 65-79 % HRR
and RPE 7-8 (a plan must not contradict its own sources)."""
from __future__ import annotations

from coach.domain.profile import validate_profile
from coach.planning import make_plan, validate_plan
from knowledge.corpus import get_passage

RUNNER = {"age": 44, "sex": "male", "height_cm": 180, "weight_kg": 70, "resting_hr": 52, "experience": "advanced",
          "currently_active": True, "goal": "endurance", "days_per_week": 5, "minutes_per_session": 60,
          "equipment": ["treadmill"], "preferences": {"likes": ["running"]}}


def intervals(**kw):
    prof = validate_profile({**RUNNER, **kw})
    out = make_plan(prof, 12)
    assert validate_plan(out, prof, kb_lookup=get_passage) == []
    return [s for w in out["weeks"] if not w["deload"] for s in w["sessions"]
            if s["kind"] == "hiit" and s["intensity"]["label"] == "vigorous"]


def test_trained_runner_hard_bouts_reach_80_to_89_percent_hrr_at_rpe_8_9():
    found = intervals()
    assert found
    for s in found:
        assert s["intensity"]["pct_hrr"] == [80, 89] and s["intensity"]["rpe"] == [8, 9]
        assert "8-9 out of 10" in s["notes"] and "7-8 out of 10" not in s["notes"]


def test_without_resting_hr_the_bouts_are_still_rpe_8_9():
    for s in intervals(resting_hr=None):
        assert s["intensity"]["rpe"] == [8, 9] and s["intensity"]["hr_bpm"] is None
