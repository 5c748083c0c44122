"""Property test: random valid profiles (every field, medications, pregnancy, clearance, targets) get clean plans."""
from __future__ import annotations

import random

import pytest

from coach.domain.profile import validate_profile
from coach.domain.vocab import EQUIPMENT, GOALS, INJURIES, KNOWN_CONDITIONS, MEDICATIONS, SYMPTOMS
from coach.planning import make_plan, validate_plan
from knowledge.corpus import get_passage

LIMITS = (None, "light activity only", "no heavy lifting", "keep heart rate under 120 bpm", "no running")


def random_profile(rng: random.Random) -> dict:
    """One valid profile; about one in six has a red flag, one in ten a recorded clearance."""
    d: dict = {"age": rng.randint(13, 95), "height_cm": rng.randint(140, 205), "weight_kg": rng.randint(35, 160),
               "goal": rng.choice(GOALS), "days_per_week": rng.randint(1, 7),
               "minutes_per_session": rng.choice([10, 15, 20, 25, 30, 45, 60, 75, 90, 120, 180]),
               "sex": rng.choice(["male", "female", "other", None])}
    if rng.random() < .8:
        d["experience"] = rng.choice(["beginner", "intermediate", "advanced"])
    if rng.random() < .8:
        d["currently_active"] = rng.random() < .6
    d["equipment"] = rng.sample(EQUIPMENT, rng.randint(0, 4))
    d["injuries"] = rng.sample(INJURIES, rng.choice([0, 0, 1, 2]))
    d["conditions"] = rng.sample(KNOWN_CONDITIONS + ("lupus",), rng.choice([0, 0, 0, 1, 2]))
    if "pregnancy" in d["conditions"]:
        d["sex"] = "female"
        if rng.random() < .7:
            d["pregnancy_trimester"] = rng.randint(1, 3)
    if rng.random() < .15:
        d["symptoms"] = rng.sample(SYMPTOMS, rng.randint(1, 2))
    if rng.random() < .2:
        d["medications"] = rng.sample(MEDICATIONS + ("metformin",), rng.randint(1, 2))
    if rng.random() < .6:
        d["resting_hr"] = rng.randint(40, 110)
    if rng.random() < .5:
        sys_ = rng.randint(95, 200)
        d["bp_systolic"], d["bp_diastolic"] = sys_, rng.randint(50, min(125, sys_ - 10))
    if rng.random() < .4:
        d["target_weight_kg"], d["target_weeks"] = max(25, d["weight_kg"] + rng.randint(-30, 10)), rng.randint(1, 52)
    if rng.random() < .1:
        d["clearance"] = {"by": "Dr X", "date": "2026-01-01", "limits": rng.choice(LIMITS)}
    if rng.random() < .3:
        d["sleep_hours"] = rng.choice([5, 6.5, 8])
    return d


def _check(n: int, seed: int) -> None:
    rng = random.Random(seed)
    failures = []
    for _ in range(n):
        raw = random_profile(rng)
        prof = validate_profile(raw)
        weeks = rng.choice([1, 2, 4, 4, 8, 12])
        plan = make_plan(prof, weeks)
        found = validate_plan(plan, prof, kb_lookup=get_passage)
        if found:
            failures.append((raw, weeks, [str(v) for v in found[:3]]))
    assert failures == [], f"{len(failures)} of {n} plans break rules; first: {failures[0]}"


def test_two_hundred_random_profiles_get_plans_that_break_no_rule():
    _check(200, seed=12)


@pytest.mark.slow  # about 40 s
def test_two_thousand_random_profiles_get_plans_that_break_no_rule():
    _check(2000, seed=2026)
