"""Rests by the lift, not by the time budget (issue 12, physician review 5, finding 4; ACSM 2009 progression models,
NSCA): a multi-joint lift (squat, hinge, lunge, press, pull, Olympic lift) on a barbell, a machine or a pull-up bar
done for 10 repetitions or fewer rests at least 2 minutes whatever the effort, 90 s with dumbbells, a kettlebell or a
band (the 2-minute floor everywhere leaves no room for 10 sets a week in two 60-minute sessions, rule 45); other work at least 60 s (ACSM 2009: 1-2 min for moderate loads; NSCA 30-90 s for hypertrophy);
a light circuit by design (a range from 10 repetitions up: the light loads of beginners and older adults, NSCA's
muscular endurance; frail people's chair stands) and isometric holds may stay at 30 s. A session short of time drops a set of its last exercises, then an extra exercise, before any rest goes
below this floor (coach.planning.rests.fit).

52 rests: every resistance entry with sets rests at least its floor; for the same exercise on the same day with the
   same repetitions, the rest does not go down from one full week to the next (deload weeks, light circuits and
   holds apart). Exercises a session runs as a circuit without rests (the person's short session,
   coach.planning.rests) are exempt: the other exercises are each one's rest.
"""
from __future__ import annotations

import re
from functools import lru_cache

from coach.planning.checks import Bounds, Violation
from coach.planning.measure import is_resistance
from knowledge.catalog import load_catalog

MULTI_JOINT = frozenset({"squat", "hinge", "lunge", "horizontal_push", "vertical_push", "horizontal_pull",
                         "vertical_pull", "olympic"})
HEAVY_REST_S = 120  # multi-joint, <= 10 repetitions on a barbell, a machine or a pull-up bar: 2-3 min
LOADED_REST_S = 90  # the same with dumbbells, a kettlebell or a band (lighter loads; 10 sets a week still fit, rule 45)
HEAVY_GEAR = frozenset({"barbell", "machines", "pullup_bar"})
ACCESSORY_REST_S = 60  # other multi-joint and single-joint work: 60-90 s
CIRCUIT_REST_S = 30  # a light circuit by design, or an isometric hold
CHAIR_STANDS = ("sit_to_stand", "box_squat", "chair_squat")  # the chair-based circuit of frail people (Vivifrail)
ENDURANCE_REPS = 10  # a range from 10 up (10-15, 12-15): a light load for muscular endurance, <= 30 s (NSCA)
LOAD_GEAR = frozenset({"barbell", "dumbbells", "kettlebell", "machines", "bands", "pullup_bar"})
_RANGE = re.compile(r"(\d+)(?:\s*-\s*(\d+))?")
_HOLD = re.compile(r"\d\s*s\b|秒")


def rep_range(reps: object) -> tuple[int, int] | None:
    """(low, high) repetitions of an entry's reps text; None for a hold in seconds or no number."""
    return _rep_range(str(reps or ""))


@lru_cache(maxsize=4096)
def _rep_range(text: str) -> tuple[int, int] | None:
    m = _RANGE.search(text)
    if not m or _HOLD.search(text):
        return None
    low = int(m.group(1))
    return low, int(m.group(2) or low)


def floor_for(e: dict) -> int:
    """The rest entry `e` needs, by its lift, load and repetitions (not by the session's effort: a lighter week keeps
    its lifts' rests)."""
    ex_id = e.get("id")
    return _floor(str(ex_id), str(e.get("reps") or ""), ex_id in CHAIR_STANDS)


@lru_cache(maxsize=8192)
def _floor(ex_id: str, reps: str, chair: bool) -> int:
    """floor_for by the entry's id and reps text (pure over the catalog, cached: asked ~10^5 times a plan run)."""
    r = _rep_range(reps)
    x = load_catalog().get(ex_id)
    multi = x is not None and x.pattern in MULTI_JOINT
    loaded = multi and bool(set(x.equipment) & LOAD_GEAR)
    if r is not None and loaded and r[1] <= 10:
        return HEAVY_REST_S if set(x.equipment) & HEAVY_GEAR else LOADED_REST_S
    if r is None or r[0] >= ENDURANCE_REPS or chair:
        return CIRCUIT_REST_S
    return ACCESSORY_REST_S


def _entries(s: dict) -> list[dict]:
    return [e for e in s.get("exercises") or [] if isinstance(e.get("sets"), int) and e.get("sets") >= 1]


def _in_circuit(s: dict) -> list[dict]:
    """The entries a session runs as a circuit without rests (2 or more at rest 0: the other exercises are each
    one's rest, coach.planning.rests.circuit)."""
    rotating = [e for e in _entries(s) if not e.get("rest_s")]
    return rotating if len(rotating) >= 2 else []


def check_rests(weeks: list[dict], b: Bounds) -> list[Violation]:
    """Rule 52."""
    v: list[Violation] = []
    before: dict[tuple, int] = {}
    for w in weeks:
        now: dict[tuple, int] = {}
        for s in w.get("sessions") or []:
            if not is_resistance(s):
                continue
            rotating = _in_circuit(s)
            for e in (e for e in _entries(s) if not any(e is c for c in rotating)):
                rest, floor = int(e.get("rest_s") or 0), floor_for(e)
                where = f"week {w.get('week')} day {s.get('day')}: {e.get('name')} ({e.get('reps')})"
                if rest < floor:
                    v.append(Violation(52, f"{where} rests {rest} s < {floor} s"))
                key = (s.get("day"), e.get("id"), str(e.get("reps")))
                if not w.get("deload") and floor > CIRCUIT_REST_S and key in before and rest < before[key] \
                        and rest < HEAVY_REST_S:  # 120-180 s on heavy days vary with the time: all enough
                    v.append(Violation(52, f"{where} rests {rest} s, {before[key]} s the week before"))
                now[key] = rest
        if not w.get("deload"):
            before = now
    return v
