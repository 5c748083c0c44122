"""Property test: random valid profiles (every field, medications, pregnancy and the weeks after birth, clearance,
targets, blood pressure, symptoms, likes and dislikes, 1-12 week horizons) get clean plans.

The generator covers at least everything bench/plan_bench.py's `random_profile` varies (its 9 violations on seed 42
went unseen by a narrower generator), and more: sex, blood pressure across its bands, symptoms, weeks pregnant, the
weeks since a birth, preferences.
"""
from __future__ import annotations

import random

import pytest

from coach.domain.profile import validate_profile
from coach.domain.vocab import EQUIPMENT, GOALS, INJURIES, KNOWN_CONDITIONS, MEDICATIONS, SYMPTOMS
from coach.planning import make_plan, validate_plan
from knowledge.corpus import get_passage

LIMITS = (None, "light activity only", "no heavy lifting", "keep heart rate under 120 bpm", "no running")
ACTIVITIES = ("running", "cycling", "swimming", "walking", "yoga", "rowing", "dancing", "hiking", "lifting",
              "pilates", "tennis", "jogging")
BIRTH = ("postpartum", "caesarean", "diastasis_recti")
# systolic / diastolic pairs from every band of the guideline table (normal, elevated, stage 1, stage 2, crisis)
BP_BANDS = ((95, 119, 55, 79), (120, 129, 60, 79), (130, 139, 80, 89), (140, 179, 90, 109), (180, 220, 110, 125))


def _bp(rng: random.Random, d: dict) -> None:
    lo, hi, dlo, dhi = rng.choice(BP_BANDS)
    sys_ = rng.randint(lo, hi)
    d["bp_systolic"], d["bp_diastolic"] = sys_, rng.randint(dlo, min(dhi, sys_ - 10))


def _birth_and_pregnancy(rng: random.Random, d: dict) -> None:
    """Pregnancy with a trimester or weeks pregnant; a birth condition with the weeks since the birth."""
    if "pregnancy" in d["conditions"]:
        d["sex"] = "female"
        roll = rng.random()
        if roll < .4:
            d["pregnancy_trimester"] = rng.randint(1, 3)
        elif roll < .8:
            d["weeks_pregnant"] = rng.randint(1, 42)
    elif rng.random() < .06 and d["sex"] != "male" and d["age"] >= 16:
        d["conditions"] = list(dict.fromkeys(d["conditions"] + rng.sample(BIRTH, rng.randint(1, 2))))
    if set(d["conditions"]) & set(BIRTH) and "pregnancy" not in d["conditions"]:
        d["sex"] = "female" if d["sex"] == "male" else d["sex"]
        if rng.random() < .8:
            d["weeks_since_birth"] = rng.choice([0, 1, 2, 4, 6, 8, 10, 12, 16, 20, 26, 40, 52, 104])


def _preferences(rng: random.Random, d: dict) -> None:
    words = rng.sample(ACTIVITIES, rng.randint(1, 4))
    cut = rng.randint(0, len(words))
    d["preferences"] = {"likes": words[:cut], "dislikes": words[cut:]}


def random_profile(rng: random.Random) -> dict:
    """One valid profile; about one in six has a red flag, one in ten a recorded clearance."""
    d: dict = {"age": rng.randint(13, 95), "height_cm": rng.randint(140, 205), "weight_kg": rng.randint(35, 160),
               "goal": rng.choice(GOALS), "days_per_week": rng.randint(1, 7),
               "minutes_per_session": rng.choice([10, 15, 20, 25, 30, 45, 60, 75, 90, 120, 180]),
               "sex": rng.choice(["male", "female", "other", None])}
    if rng.random() < .85:
        d["experience"] = rng.choice(["beginner", "intermediate", "advanced"])
    if rng.random() < .85:
        d["currently_active"] = rng.random() < .6
    d["equipment"] = rng.sample(EQUIPMENT, rng.choice([0, 1, 2, 3, 3, 4, 5]))
    d["injuries"] = rng.sample(INJURIES, rng.choice([0, 0, 1, 2]))
    d["conditions"] = rng.sample(KNOWN_CONDITIONS + ("lupus",), rng.choice([0, 0, 0, 1, 2]))
    _birth_and_pregnancy(rng, d)
    if rng.random() < .12:
        d["symptoms"] = rng.sample(SYMPTOMS, rng.randint(1, 2))
    if rng.random() < .2:
        d["medications"] = rng.sample(MEDICATIONS + ("metformin",), rng.randint(1, 2))
    if rng.random() < .65:
        d["resting_hr"] = rng.randint(40, 110)
    if rng.random() < .5:
        _bp(rng, d)
    if rng.random() < .35:
        d["target_weight_kg"], d["target_weeks"] = max(25, d["weight_kg"] + rng.randint(-30, 10)), rng.randint(1, 52)
    if rng.random() < .12:
        d["clearance"] = {"by": "Dr X", "date": "2026-01-01", "limits": rng.choice(LIMITS)}
    if rng.random() < .3:
        d["sleep_hours"] = rng.choice([5, 6.5, 8])
    if rng.random() < .3:
        _preferences(rng, d)
    return d


def horizon(rng: random.Random) -> int:
    """Plan length in weeks: every horizon 1-12, the usual 4 more often."""
    return rng.choice([1, 2, 3, 4, 4, 4, 5, 6, 7, 8, 8, 9, 10, 11, 12, 12])


def _after_birth(raw: dict) -> bool:
    return bool(set(raw.get("conditions") or []) & set(BIRTH))


def _frail(raw: dict) -> bool:
    return raw["age"] >= 80 or bool(set(raw.get("conditions") or []) & {"frailty", "falls", "walking_aid"})


def _dislikes_walking(raw: dict) -> bool:
    return any("walk" in x for x in (raw.get("preferences") or {}).get("dislikes") or [])


# Violation classes the widened generator found in modules this test's fixes could not touch, each named with the
# module that must fix it; a violation outside them fails the test. Remove an entry once its module is fixed.
KNOWN_GAPS: tuple = ()


def known_gap(raw: dict, rule: int) -> bool:
    return any(rule in rules and applies(raw) for rules, applies, _ in KNOWN_GAPS)


def failures(n: int, seed: int, gaps: bool = True) -> list[tuple[dict, int, list[str]]]:
    """The profiles among `n` drawn with `seed` whose plans break a rule: (profile, weeks, first violations);
    with `gaps`, violations in KNOWN_GAPS are left out."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        raw = random_profile(rng)
        prof = validate_profile(raw)
        weeks = horizon(rng)
        plan = make_plan(prof, weeks)
        found = [v for v in validate_plan(plan, prof, kb_lookup=get_passage)
                 if not (gaps and known_gap(raw, v.rule))]
        if found:
            out.append((raw, weeks, [str(v) for v in found[:3]]))
    return out


def _check(n: int, seed: int) -> None:
    found = failures(n, seed)
    assert found == [], f"{len(found)} of {n} plans break rules; first: {found[0]}"


def test_three_hundred_random_profiles_get_plans_that_break_no_rule():
    _check(300, seed=12)


@pytest.mark.slow  # about 40 s
def test_two_thousand_random_profiles_get_plans_that_break_no_rule():
    _check(2000, seed=2026)
