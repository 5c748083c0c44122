"""Timed mobility items no longer than their work (issue 12, physician review 5, finding 7): a stretch or mobility
item written as "2-4 holds of 20-30 s" or "2 rounds of 8-10 slow reps" gets the minutes its work and short pauses
take (holds x seconds, rounds x repetitions x ~3 s, each side when per side), rounded up, not an even share of the
session. The minutes left over go to balance practice when the session has it (older adults), otherwise the session
is that much shorter (coach.planning.sessions).

Review 13 (rule 89): a timed drill (a stretch, a mobility drill or a balance hold done as holds or slow repetitions)
never asks for one long continuous bout. One round of a drill is its written dose (drill_minutes: at most
DRILL_MAX_MIN); minutes beyond that are rounds of it, so "9 min of chin tucks" reads "3 rounds of (2 rounds of 8-10 slow
reps)" (coach.planning.drills)."""
from __future__ import annotations

import math

from knowledge.catalog import Exercise

HOLDS, HOLD_S, HOLD_GAP_S = 4, 30, 10  # the top of "2-4 holds of 20-30 s", a few seconds to change position
ROUNDS, REPS, ROUND_REST_S = 2, 10, 30  # "2 rounds of 8-10 slow reps", half a minute between rounds
REP_S = 3  # about 3 s a slow repetition (PLAN_RULES 37)
BAL_ROUNDS = 3  # balance drills in reps: "2-3 rounds of 8-10 slow reps" (sessions._hold_text)
# rule 89's N: one round of a drill is at most 6 minutes. kb-flexibility-001 (ACSM): 2-4 holds of 10-30 s (30-60 s for
# older adults), about 60 s of stretching per exercise; kb-balance-001 / kb-falls-001: short stance holds that step
# up. The longest written dose, 4 holds of 30 s on each side with a few seconds to change position, takes 5.2 min.
DRILL_MAX_MIN = 6


def work_minutes(e: Exercise) -> int | None:
    """The whole minutes a mobility item's written dose takes; None when it is not capped (balance practice, or an
    item measured in minutes)."""
    return drill_minutes(e) if e.kind == "mobility" else None


def drill_minutes(e: Exercise) -> int | None:
    """The whole minutes one round of a timed drill's written dose takes (a stretch, mobility drill or balance hold,
    in holds or slow repetitions), at most DRILL_MAX_MIN; None for other items and those measured in minutes."""
    if e.kind not in ("mobility", "balance") or e.measure not in ("reps", "seconds"):
        return None
    sides = 2 if e.per_side else 1
    if e.measure == "reps":
        bouts, unit, gap = (ROUNDS if e.kind == "mobility" else BAL_ROUNDS) * sides, REPS * REP_S, ROUND_REST_S
    else:
        bouts, unit, gap = HOLDS * sides, HOLD_S, HOLD_GAP_S
    return min(DRILL_MAX_MIN, math.ceil((bouts * unit + (bouts - 1) * gap) / 60))


def capped(items: list[Exercise], shares: list[int]) -> list[int]:
    """Each item's minutes: its share, at most its work (work_minutes)."""
    out = []
    for e, share in zip(items, shares):
        cap = work_minutes(e)
        out.append(share if cap is None else min(share, cap))
    return out
