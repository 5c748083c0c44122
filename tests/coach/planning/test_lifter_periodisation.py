"""Review 2 (p06-like, a profile of our own): a trained lifter's intensity varies across the block (Ratamess 2009:
heavier, lower-repetition main lifts some weeks) and a barbell deadlift is never done at high repetitions near
failure."""
from __future__ import annotations

from coach.domain.profile import validate_profile
from coach.planning import make_plan, validate_plan
from coach.planning.doses import set_rpes
from knowledge.corpus import get_passage

LIFTER = {"age": 33, "sex": "female", "height_cm": 170, "weight_kg": 66, "resting_hr": 60, "experience": "advanced",
          "currently_active": True, "goal": "muscle_gain", "days_per_week": 4, "minutes_per_session": 70,
          "equipment": ["gym"]}


def lifts(**kw):
    prof = validate_profile({**LIFTER, **kw})
    out = make_plan(prof, 12)
    assert validate_plan(out, prof, kb_lookup=get_passage) == []
    return [(w["week"], w["deload"], e) for w in out["weeks"] for s in w["sessions"] for e in s["exercises"]
            if isinstance(e.get("sets"), int)]


def test_main_barbell_lifts_have_heavy_low_rep_weeks():
    rows = lifts()
    squats = {wk: e["reps"] for wk, deload, e in rows if "squat" in e["id"] and e["id"].startswith("barbell")}
    assert squats and "4-6" in squats.values() and len(set(squats.values())) >= 2


def test_barbell_deadlifts_never_high_reps_near_failure():
    for kw in ({}, {"experience": "intermediate", "days_per_week": 3}):
        dl = [(wk, e) for wk, deload, e in lifts(**kw) if "deadlift" in e["id"] and e["id"].startswith("barbell")
              and not deload]
        assert dl
        for wk, e in dl:
            assert int(e["reps"].split("-")[1]) <= 8 and e["rpe"][1] <= 8, (wk, e)


def test_beginners_keep_their_ranges():
    assert not [e for _, _, e in lifts(experience="beginner") if e.get("reps") == "4-6"]


def test_recomputed_efforts_keep_barbell_hinges_at_rpe_8_at_most():
    """doses.set_rpes (after the coach's effort change or a swap) recomputes every exercise from the session's RPE;
    a barbell deadlift in a session at RPE 8-9 stays at 7-8, the rest follow the session."""
    plan = make_plan(validate_profile(LIFTER), 4)
    sess = next(s for w in plan["weeks"] for s in w["sessions"]
                if any("deadlift" in e["id"] and e["id"].startswith("barbell") for e in s["exercises"]))
    sess["intensity"] = {**sess["intensity"], "rpe": [8, 9]}
    set_rpes(sess)
    dl = [e for e in sess["exercises"] if "deadlift" in e["id"] and e["id"].startswith("barbell")]
    assert dl and all(max(e["rpe"]) <= 8 for e in dl)  # (6-7 beside a heavy squat: rule 55, review 7)
    assert any(e.get("rpe") == [8, 9] for e in sess["exercises"] if e not in dl)
