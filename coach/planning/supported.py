"""One definition of a "supported form": a seat, a box, an incline bench, a chair, a wall or a rail takes the balance.

Used wherever a condition allows one-leg or stepping work only with support: pregnancy (ACOG CO 804 2020, RCOG / UK CMO
2019: stable, supported resistance work; `antenatal_choice`, `late_pregnancy`) and a stroke, Parkinson's or MS
(kb-stroke-001: "choose seated or supported options if balance is poor, have someone nearby"; `context`, `neuro`).
A step-up is supported only when its own name says so (a step-up holding a rail, beside a wall): a bench or dumbbell
step-up is free-standing one-leg work on a raised surface, not a supported form (physician review 11).
"""
from __future__ import annotations

import re

from knowledge.catalog import Exercise, per_exercise

SUPPORTED = re.compile(r"supported|box|incline|seated|chair|wall|\brail|banister", re.I)
# one leg at a time with both hands on a chair or rail (Vivifrail): standing hip work whose cues hold a support
HELD_AT_A_CHAIR = ("standing_hip_abduction", "standing_hip_extension")
NEURO_CONDITIONS = frozenset({"stroke", "parkinsons", "parkinson", "multiple_sclerosis", "ms"})


def supported_text(text: str) -> bool:
    """Whether an exercise's id or name names its support."""
    return bool(SUPPORTED.search(text))


@per_exercise
def supported_form(e: Exercise) -> bool:
    """The catalog exercise is done in a supported form (its id or English name names the support)."""
    return supported_text(f"{e.id} {e.name.en}") or e.id in HELD_AT_A_CHAIR


@per_exercise
def one_leg_lower(e: Exercise) -> bool:
    """Lower-body resistance work on one leg at a time or stepping (balance exercises aside)."""
    return e.region == "lower" and e.kind != "balance" and (e.per_side or e.pattern == "lunge")


STEPPING = re.compile(r"step_ups?(?:_|$)|stair")  # stepping onto a bench or stairs as cardio: a step-up repeated


@per_exercise
def stepping_cardio(e: Exercise) -> bool:
    """Cardio done by stepping up onto a bench or stairs: one leg takes the body's weight on a raised surface."""
    return e.kind == "aerobic" and bool(STEPPING.search(e.id))


def unsupported_one_leg(e: Exercise) -> bool:
    """One-leg or stepping lower-body work, step-up cardio included, not in a supported form (left out after a
    stroke, with Parkinson's or MS; review 11: "Bench step-ups (cardio)" in a post-stroke plan)."""
    return (one_leg_lower(e) or stepping_cardio(e)) and not supported_form(e)
