"""Timed mobility items no longer than their work (issue 12, physician review 5, finding 7): a stretch or mobility
item written as "2-4 holds of 20-30 s" or "2 rounds of 8-10 slow reps" gets the minutes its work and short pauses
take (holds x seconds, rounds x repetitions x ~3 s, each side when per side), rounded up, not an even share of the
session. The minutes left over go to balance practice when the session has it (older adults), otherwise the session
is that much shorter (coach.planning.sessions)."""
from __future__ import annotations

import math

from knowledge.catalog import Exercise

HOLDS, HOLD_S, HOLD_GAP_S = 4, 30, 10  # the top of "2-4 holds of 20-30 s", a few seconds to change position
ROUNDS, REPS, ROUND_REST_S = 2, 10, 30  # "2 rounds of 8-10 slow reps", half a minute between rounds
REP_S = 3  # about 3 s a slow repetition (PLAN_RULES 37)


def work_minutes(e: Exercise) -> int | None:
    """The whole minutes a mobility item's written dose takes; None when it is not capped (balance practice, or an
    item measured in minutes)."""
    if e.kind != "mobility" or e.measure not in ("reps", "seconds"):
        return None
    sides = 2 if e.per_side else 1
    if e.measure == "reps":
        bouts, unit, gap = ROUNDS * sides, REPS * REP_S, ROUND_REST_S
    else:
        bouts, unit, gap = HOLDS * sides, HOLD_S, HOLD_GAP_S
    return math.ceil((bouts * unit + (bouts - 1) * gap) / 60)


def capped(items: list[Exercise], shares: list[int]) -> list[int]:
    """Each item's minutes: its share, at most its work (work_minutes)."""
    out = []
    for e, share in zip(items, shares):
        cap = work_minutes(e)
        out.append(share if cap is None else min(share, cap))
    return out
