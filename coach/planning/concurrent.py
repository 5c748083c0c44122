"""A trained endurance athlete's lifting (review 7, finding 1; kb-concurrent-003, kb-strength-reps-001).

Runners and other trained endurance athletes lift twice a week at a maintenance volume (2-3 sets, kb-concurrent-001),
but a trained person's lifting still has to progress (Ratamess et al. 2009, ACSM progression models: load or effort
rises from block to block): RPE 6-7 in the first block, 7-8 in the second (a set more, schedule.sets_for) and 7-8
at 6-10 repetitions in the third (schedule.heavier_block), lighter weeks at RPE 5-6. Trunk work stays at RPE 5-6
(doses.TRUNK_TOP). kb-concurrent-003: the key run first on a shared day, and no heavy leg lifting in the day before
intervals or the long run - a lifting day followed by a hard run or the long run keeps its leg lifts at RPE 6-7.
Not while clearance is pending, nor under a cap below vigorous (the lifting then stays at the session's effort).
"""
from __future__ import annotations

from coach.domain.limits import BLOCK_WEEKS, HYPERTROPHY_WEEKLY_SETS
from coach.planning.context import Context
from coach.planning.doses import TRUNK_GROUPS
from coach.planning.lifters import is_lifter
from coach.planning.measure import is_resistance
from coach.planning.periodise import cap_hinge
from coach.planning.quality import long_run
from coach.planning.trained import cap_volume, heavy_legs, lighter, spread_heavy_legs, vigorous

ATHLETE_LIFT_RPE = ((6, 7), (7, 8), (7, 8))  # by block: 3-4, then 2-3 repetitions in reserve


def lifts_progress(ctx: Context) -> bool:
    """A trained adult endurance athlete who may go vigorous, cleared and not pregnant."""
    return (ctx.endurance_athlete and ctx.cap == "vigorous" and not ctx.bridge and not ctx.s.clearance_required
            and not ctx.s.restricted and not ctx.has("pregnancy"))


def athlete_lift_rpe(ctx: Context, week: int, deload: bool) -> tuple[int, int] | None:
    """The lifts' RPE in `week` for a progressing endurance athlete; None for everyone else and lighter weeks."""
    if deload or not lifts_progress(ctx):
        return None
    return ATHLETE_LIFT_RPE[min(2, (week - 1) // BLOCK_WEEKS)]


def _lifts(s: dict) -> list[dict]:
    """A session's resistance entries other than trunk work."""
    return [e for e in s.get("exercises") or [] if isinstance(e.get("sets"), int) and e.get("kind") not in
            ("balance", "mobility") and not set(e.get("muscle_groups") or []) <= TRUNK_GROUPS]


def athlete_lifting(ctx: Context, weeks: list[dict]) -> None:
    """The lifts' effort by block, then heavy leg lifts eased before a hard run or the long run (in place)."""
    for w in weeks:
        rpe = athlete_lift_rpe(ctx, w["week"], w["deload"])
        if rpe is None:
            continue
        for s in w["sessions"]:
            if is_resistance(s):
                for e in _lifts(s):
                    e["rpe"] = list(rpe)
                    cap_hinge(e)
    if ctx.p.goal == "endurance":
        ease_before_hard(weeks)


def ease_before_hard(weeks: list[dict]) -> None:
    """Heavy leg lifts the day before a vigorous session or the long run go to RPE 6-7 (kb-concurrent-003; rule 55)."""
    timeline: dict[int, tuple[dict, bool]] = {}
    for wi, w in enumerate(weeks):
        lr = long_run(w["sessions"])
        for s in w["sessions"]:
            timeline[wi * 7 + s["day"]] = (s, s is lr)
    for t, (s, _) in timeline.items():
        nxt = timeline.get(t + 1)
        if nxt and (vigorous(nxt[0]) or nxt[1]):
            for e in s["exercises"]:
                if heavy_legs(e):
                    lighter(e)


def trained_doses(ctx: Context, weeks: list[dict]) -> None:
    """Review 7 in the engine, in place: an endurance athlete's lifting by block, then rules 53-54's caps (every
    plan) and one heavy big leg lift a day (rule 55)."""
    athlete_lifting(ctx, weeks)
    cap_volume(weeks, HYPERTROPHY_WEEKLY_SETS if is_lifter(ctx.p) and not ctx.p.injuries else 0)  # (rule 45's floor)
    spread_heavy_legs(weeks)


def zone_tags(weeks: list[dict]) -> list[str]:
    """The passage behind an easy zone reaching the top of zone 1 above 59 % HRR (zones.easy_zone)."""
    return ["plan:easy-zone"] if any(s["intensity"]["label"] == "moderate" and (s["intensity"].get("pct_hrr") or
                                                                                [0, 0])[1] > 59
                                     for w in weeks for s in w["sessions"]) else []
