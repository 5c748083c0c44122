"""Moderate loads with high blood pressure (rule 85).

kb-hypertension-001 (Pescatello et al. 2004 ACSM position stand) recommends dynamic resistance training "with moderate
loads ... rather than maximal lifts"; kb-hypertension-004 adds the ACC/AHA 2017 example of sets of 10 repetitions and
MacDougall et al.'s pressures near 320/250 mmHg during heavy presses. A loaded lift that asks for fewer than 8
repetitions is a heavy set (about 80 % of a one-repetition maximum or more at a hard effort, Ratamess et al. 2009), so
with known or measured high blood pressure every loaded lift keeps its low end at 8 repetitions or more.

85 (this module's check): with the hypertension or stage-2 screening flag, no barbell, dumbbell, kettlebell or machine
   exercise asks for fewer than 8 repetitions at its low end.
"""
from __future__ import annotations

import re
from typing import Any

from coach.planning.checks import Bounds, Violation
from coach.planning.loads import moderate_loads
from knowledge.catalog import load_catalog

RULE = 85
MIN_REPS = 8
LOADED = {"barbell", "dumbbells", "kettlebell", "machines"}
REPS = re.compile(r"^\s*(\d+)\s*(?:-\s*(\d+))?\s*(each side|（每侧）)?\s*$")


def low_end(reps: Any) -> int | None:
    """The low end of a repetition range ('5-8' → 5, '10' → 10); None for timed work or free text."""
    m = REPS.match(str(reps or ""))
    return int(m.group(1)) if m else None


def _loaded(e: dict) -> bool:
    c = load_catalog().get(str(e.get("id") or ""))
    return c is not None and bool(LOADED & set(c.equipment)) and isinstance(e.get("sets"), int)


def check_bp_loads(weeks: list[dict], b: Bounds) -> list[Violation]:
    """Rule 85 on any plan (the engine's or a model's)."""
    if not moderate_loads(b.screening.flags):
        return []
    v: list[Violation] = []
    for w in weeks:
        for s in w.get("sessions") or []:
            for e in s.get("exercises") or []:
                low = low_end(e.get("reps"))
                if _loaded(e) and low is not None and low < MIN_REPS:
                    v.append(Violation(RULE, f"week {w.get('week')} day {s.get('day')}: {e.get('name') or e.get('id')}"
                                             f" {e.get('sets')} x {e.get('reps')} is a heavy set with high blood "
                                             f"pressure (kb-hypertension-004: moderate loads, sets of about 10)"))
    return v
