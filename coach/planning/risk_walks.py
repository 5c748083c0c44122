"""Walks toward the weekly aerobic dose of a risk factor's passage (physician review 10): with prediabetes
(kb-diabetes-006: at least 150 minutes a week of moderate activity such as brisk walking) or raised blood lipids
(kb-lipids-001, NICE NG238: at least 150 minutes of moderate aerobic activity a week), the walks on the days without
a session grow by 5 minutes a full week, up to RISK_WALK_MAX each, until the week's cardio and walks reach
WEEKLY_AEROBIC_TARGET_MIN; a goal whose sessions already carry cardio toward it is left as it is. Nothing changes for
anyone restricted, waiting for clearance, pregnant, frail or under 18 (their own rules set the walks), or for fat loss
(coach.planning.aerobic.fat_loss_walks aims higher). The ramp's pass (coach.planning.ramp.stagger_walks) then keeps
one change at a time for people who build up."""
from __future__ import annotations

import math

from coach.domain.limits import MODERATE_EQUIVALENT, WEEKLY_AEROBIC_TARGET_MIN
from coach.planning.advice import walk_text
from coach.planning.context import Context

PREVENTION_CONDITIONS = ("prediabetes", "hyperlipidaemia")
RISK_WALK_MAX = 45  # minutes of one walk on a day without a session (as aerobic.FAT_LOSS_WALK_MAX)
RISK_WALK_STEP = 5  # more minutes a walk a full week


def applies(ctx: Context) -> bool:
    """A risk factor with a 150-minute dose, and nothing whose own rules set the walks."""
    s = ctx.s
    return (bool(set(PREVENTION_CONDITIONS) & set(ctx.p.conditions)) and ctx.p.goal != "fat_loss"
            and not (ctx.youth or ctx.frail or s.clearance_required or s.restricted or ctx.bridge
                     or ctx.has("hard_stop") or ctx.has("pregnancy") or any("walk" in w for w in ctx.dislikes)))


def _cardio(week: dict) -> float:
    """Moderate-equivalent minutes of the week's cardio exercises (as rationale.honest_aerobic counts them)."""
    return sum(e["minutes"] * MODERATE_EQUIVALENT[s["intensity"]["label"]] for s in week["sessions"]
               for e in s["exercises"] if e.get("kind") in ("aerobic", "hiit") and e.get("minutes") and not e.get("sets"))


def prevention_walks(ctx: Context, weeks: list[dict]) -> None:
    """The walks of every full week grow toward the 150 minutes (in place); lighter weeks keep theirs."""
    if not applies(ctx):
        return
    prev = 0
    for w in weeks:
        walk = w.get("daily_activity")
        if w["deload"] or not walk or walk.get("optional") or walk.get("label") != "moderate" or not walk.get("days"):
            continue
        missing = max(0.0, WEEKLY_AEROBIC_TARGET_MIN - _cardio(w) - walk["minutes"] * walk["days"])
        need = walk["minutes"] + RISK_WALK_STEP * math.ceil(missing / walk["days"] / RISK_WALK_STEP)
        grow = prev + RISK_WALK_STEP if prev else walk["minutes"] + RISK_WALK_STEP
        each = max(walk["minutes"], prev, min(RISK_WALK_MAX, need, grow))
        prev = each
        if each != walk["minutes"]:
            w["daily_activity"] = walk = dict(walk)  # a kept walk can be the same object as last week's
            walk["minutes"], walk["total_minutes"] = each, each * walk["days"]
            text = walk_text(ctx, walk["days"], each, walk.get("label") or "moderate")
            walk["text"] = f"{text} {walk['add_on']['text']}" if walk.get("add_on") else text
