"""A third set on the main lifts in the third block (review 13): older adults and beginners, not while clearance is
pending, reach 3 sets on their multi-joint lifts where the sessions have room.

kb-beginner-002 (ACSM 2009 for novices): 1-3 sets per exercise, "one or two sets each for the first couple of weeks,
then up to three"; kb-resistance-fitt-001: progression adds resistance, repetitions or sets. Review 13: by week 12 most
of a 66-year-old's lifts were still at 2 sets (her 40-minute sessions are full, so they stay), and so were many frail
people's lifts in sessions with minutes to spare.

The set comes in one week of the third block and stays to week 12 (deload weeks keep their sets), on each day in the
first week from which it fits: every later full week has room for it once the minutes are stated (the listed work
plus the set within the session's minutes less a 5-minute warm-up, rules 37 and 83), and it brings no new breach of
one change at a time (rules 39 and 63) or of the weekly set caps (rules 53-54). Teenagers (their own 1-3 sets by
technique, youth.py) and pregnancy (the first block's volume, kb-pregnancy-006) are left as they are.
"""
from __future__ import annotations

from typing import Any

from types import SimpleNamespace

from coach.domain.limits import BLOCK_WEEKS
from coach.planning.climb import climb_ladders
from coach.planning.context import Context
from coach.planning.ladders import BONE_MAIN
from coach.planning.hard_errors import _rests
from coach.planning.measure import session_seconds
from coach.planning.postnatal_core import refill_core
from coach.planning.round3 import _one_change
from coach.planning.strength_time import fit_strength_minutes
from coach.planning.trained import check_trained
from coach.planning.tree_copy import copy_tree
from knowledge.catalog import load_catalog

TARGET = 3
WARM_UP_MIN = 5


def _mains(s: dict) -> list[dict]:
    cat = load_catalog()
    return [e for e in s.get("exercises") or [] if e.get("sets") == TARGET - 1 and e.get("id") in cat
            and cat[e["id"]].pattern in BONE_MAIN and "raise" not in e["id"]]


def _applies(ctx: Context) -> bool:
    return not ctx.bridge and (ctx.older or ctx.level == "beginner") and not ctx.youth \
        and "pregnancy" not in ctx.s.flags


def strength_steps(ctx: Context, weeks: list[dict], hold_rests: Any = None) -> None:
    """Review 13's passes: the ladders climb (climb.py, rule 91), then the third set. A climb may shorten a rung's
    rests in earlier weeks (climb.keep_rung_rests, rule 52), and any pass that shortens a session's work can leave
    the minutes for the core step after a birth that refill_core found no room for earlier: the step is refilled
    after the climb (rule 57), before the third set takes what room is left."""
    climb_ladders(ctx, weeks)
    refill_core(ctx, weeks)
    if hold_rests is not None:
        hold_rests(ctx, weeks)  # rule 63 on what the climb and the refill changed (careful.hold_rests, from the engine)
    third_sets(ctx, weeks)


def third_sets(ctx: Context, weeks: list[dict]) -> None:
    """The main lifts' third set from the first week of the third block that allows it, to the end, in place."""
    if not _applies(ctx):
        return
    days = sorted({s.get("day") for w in weeks if not w.get("deload") for s in w.get("sessions") or []
                   if w["week"] > 2 * BLOCK_WEEKS and _mains(s)})
    for day in days:
        weeks_after = [w["week"] for w in weeks if not w.get("deload") and w["week"] > 2 * BLOCK_WEEKS]
        before = _breaches(ctx, weeks)  # the same for every start tried: `weeks` changes only once one fits
        for start in weeks_after:
            trial = copy_tree(weeks)
            _add(trial, day, start)
            if _fits(ctx, before, trial, day, start):
                _add(weeks, day, start)
                break


def _add(weeks: list[dict], day: object, start: int) -> None:
    for w in weeks:
        if not w.get("deload") and w["week"] >= start:
            for s in w["sessions"]:
                if s.get("day") == day:
                    for e in _mains(s):
                        e["sets"] = TARGET


def _breaches(ctx: Context, weeks: list[dict]) -> set[str]:
    """What rules 39, 63 and 53-55 find in the weeks as they are, once the minutes are stated."""
    base = copy_tree(weeks)
    fit_strength_minutes(ctx.p, base)
    held = SimpleNamespace(profile=ctx.p)
    return {str(v) for v in _one_change(base, held) + _rests(base) + check_trained(base, held)}


def _fits(ctx: Context, before: set[str], trial: list[dict], day: object, start: int) -> bool:
    """Room in every week from `start` once the minutes are stated (rule 83's cut, rule 37), and no new rise of two
    things together (rule 39), shorter rest beside another change (rule 63) or weekly sets above the cap (rules
    53-55) beyond `before` (_breaches of the weeks without the set)."""
    fit_strength_minutes(ctx.p, trial)
    for w in trial:
        for s in w["sessions"] if w["week"] >= start and not w.get("deload") else ():
            if s.get("day") == day and session_seconds(s) > 60 * (float(s.get("minutes") or 0) - WARM_UP_MIN):
                return False
    held = SimpleNamespace(profile=ctx.p)
    return all(str(v) in before for v in _one_change(trial, held) + _rests(trial) + check_trained(trial, held))
