"""Per-exercise doses the session-wide numbers cannot carry (issue 12, physician review items 3 and 7).

- Effort per exercise (`exercises[].rpe`, 0-10): a session's RPE is what its main work asks for; trunk (core) work is
  held a step easier (at most RPE 5-6: bird dogs and side planks are done with control, not near failure), and balance
  and mobility work is light (RPE 2-4: quality and steadiness, kb-balance-001, kb-flexibility-001), so a strength day
  at RPE 7-8 no longer asks for bird dogs at 7-8.
- Frail people's chair stands (sit-to-stand, sitting back to a box) step their repetitions up each block alongside the
  loading step of the notes (hands on the armrests → arms crossed → a light weight; kb-falls-001, Vivifrail): 8-10,
  then 8-12, then 10-12 repetitions, so the leg work visibly progresses.
"""
from __future__ import annotations

from coach.domain.limits import BLOCK_WEEKS
from coach.planning.context import Context
from coach.planning.heavy import HEAVY_RPE, heavy_sets
from coach.planning.periodise import cap_hinge
from coach.planning.risk_walks import prevention_walks
from coach.planning.trained import spread_session

TRUNK_GROUPS = {"core", "obliques", "lower_back"}
TRUNK_TOP = (5, 6)
LIGHT_WORK = {"balance": [2, 3], "mobility": [2, 4]}
FRAIL_CHAIR_STANDS = ("sit_to_stand", "box_squat", "chair_squat")
FRAIL_REPS = ("8-10", "8-12", "10-12")


def _exercise_rpe(e: dict, session_rpe: list[int]) -> list[int] | None:
    if e.get("kind") in LIGHT_WORK:
        return list(LIGHT_WORK[e["kind"]])
    if not isinstance(e.get("sets"), int):
        return None
    lo, hi = session_rpe
    groups = set(e.get("muscle_groups") or [])
    if groups and groups <= TRUNK_GROUPS:
        return [min(lo, TRUNK_TOP[0]), min(hi, TRUNK_TOP[1])]
    return [lo, hi]


def _low(reps: str) -> int:
    """The lower end of a repetition range ("8-12" -> 8); 0 when there is none."""
    head = reps.split("-")[0].strip()
    return int(head) if head.isdigit() else 0


def _efforts(session: dict) -> list[dict]:
    """Sets each exercise's effort from the session's; the exercises that got one."""
    session_rpe = list((session.get("intensity") or {}).get("rpe") or [3, 4])
    out = []
    for e in session.get("exercises") or []:
        rpe = _exercise_rpe(e, session_rpe)
        if rpe is not None:
            e["rpe"] = rpe
            out.append(e)
    return out


def per_exercise(ctx: Context, weeks: list[dict]) -> None:
    """Adds each exercise's effort and steps frail people's chair-stand repetitions by block, in place; a risk
    factor's walks grow toward its passage's weekly dose (coach.planning.risk_walks, review 10)."""
    prevention_walks(ctx, weeks)
    for w in weeks:
        block = 0 if ctx.bridge else min(2, (w["week"] - 1) // BLOCK_WEEKS)
        for s in w["sessions"]:
            _efforts(s)
            for e in s["exercises"]:
                if ctx.frail and e.get("id") in FRAIL_CHAIR_STANDS and isinstance(e.get("sets"), int) \
                        and not w["deload"] and _low(FRAIL_REPS[block]) <= _low(str(e.get("reps") or "")):
                    e["reps"] = FRAIL_REPS[block]  # (never more work per set than the session was fitted with)


def set_rpes(session: dict) -> None:
    """Each exercise's effort from the session's (after the coach changes a session's effort or swaps an exercise)."""
    for e in _efforts(session):
        cap_hinge(e)
    for e in heavy_sets(session):  # a heavy set (3-6 repetitions) stays at RPE 7-8 at most (kb-periodisation-004)
        if isinstance(e.get("rpe"), list):
            e["rpe"] = [min(e["rpe"][0], HEAVY_RPE[0]), min(e["rpe"][1], HEAVY_RPE[1])]
    spread_session(session)  # one heavy big leg lift a session (rule 55)


def clamp_rpe(session: dict) -> None:
    """After a session's effort is changed (a check-in's lighter day, the coach's change): no exercise asks for more
    than the session's RPE now does."""
    lo, hi = (session.get("intensity") or {}).get("rpe") or [3, 4]
    for e in session.get("exercises") or []:
        if isinstance(e.get("rpe"), list) and len(e["rpe"]) == 2:
            e["rpe"] = [min(e["rpe"][0], lo), min(e["rpe"][1], hi)]
